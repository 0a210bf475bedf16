#include "safety_number.h"

#include "base/bytes.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sodium.h>
#include <string_view>
#include <vector>

namespace confab::crypto {

namespace {

constexpr std::string_view kSafetyNumberLabel = "confab safety number v1";
constexpr std::string_view kFingerprintLabel = "confab fingerprint v1";
constexpr std::size_t kDigestSize = 64;
// Total hash invocations; the repetition makes grinding for a key pair whose
// number collides with a victim's 1024 times more expensive.
constexpr int kIterations = 1024;
constexpr std::size_t kGroups = 6;
constexpr std::size_t kGroupBytes = 5;
constexpr std::uint64_t kGroupModulus = 100000;

using Digest = std::array<std::uint8_t, kDigestSize>;

Digest blake2b512(ByteView first, const std::vector<PublicKey>& keys)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kDigestSize);
    crypto_generichash_update(&state, first.data(), first.size());
    for (const PublicKey& key : keys) {
        crypto_generichash_update(&state, key.data(), key.size());
    }
    Digest digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());
    return digest;
}

// label || keys, then 1023 rounds of previous digest || keys; then six 40-bit
// big-endian chunks, each reduced mod 100000 to five digits.
std::string digitsFor(std::string_view label, const std::vector<PublicKey>& keys)
{
    Digest digest = blake2b512(asBytes(label), keys);
    for (int round = 1; round < kIterations; ++round) {
        digest = blake2b512(digest, keys);
    }

    std::string text;
    text.reserve(kGroups * (kGroupBytes + 1));
    for (std::size_t group = 0; group < kGroups; ++group) {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < kGroupBytes; ++i) {
            value = (value << 8U) | digest[group * kGroupBytes + i];
        }
        std::array<char, 8> buffer{};
        std::snprintf(buffer.data(), buffer.size(), "%05u", static_cast<unsigned>(value % kGroupModulus));
        if (group != 0) {
            text.push_back(' ');
        }
        text.append(buffer.data());
    }
    return text;
}

} // namespace

std::string safetyNumber(const PublicKey& identityKeyA, const PublicKey& identityKeyB)
{
    // std::array compares lexicographically, i.e. bytewise as unsigned.
    const bool aFirst = identityKeyA <= identityKeyB;
    const PublicKey& low = aFirst ? identityKeyA : identityKeyB;
    const PublicKey& high = aFirst ? identityKeyB : identityKeyA;
    return digitsFor(kSafetyNumberLabel, {low, high});
}

std::string fingerprint(const PublicKey& identityKey)
{
    return digitsFor(kFingerprintLabel, {identityKey});
}

} // namespace confab::crypto
