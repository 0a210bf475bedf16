#include "noise_hash.h"

#include "secret.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <sodium.h>

namespace confab::crypto::detail {

namespace {

constexpr std::uint8_t kInnerPad = 0x36;
constexpr std::uint8_t kOuterPad = 0x5c;

// Incremental hashing over either function, so HMAC can feed pad and message
// without concatenating them into a temporary buffer.
class Hasher {
public:
    explicit Hasher(NoiseHash kind) : m_kind(kind)
    {
        if (m_kind == NoiseHash::Blake2b) {
            crypto_generichash_init(&m_blake2b, nullptr, 0, crypto_generichash_BYTES_MAX);
        } else {
            crypto_hash_sha256_init(&m_sha256);
        }
    }
    ~Hasher()
    {
        // The state holds key-derived material while computing an HMAC.
        sodium_memzero(&m_blake2b, sizeof m_blake2b);
        sodium_memzero(&m_sha256, sizeof m_sha256);
    }
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;

    void update(ByteView bytes)
    {
        if (m_kind == NoiseHash::Blake2b) {
            crypto_generichash_update(&m_blake2b, bytes.data(), bytes.size());
        } else {
            crypto_hash_sha256_update(&m_sha256, bytes.data(), bytes.size());
        }
    }

    void final(std::span<std::uint8_t> out)
    {
        if (m_kind == NoiseHash::Blake2b) {
            crypto_generichash_final(&m_blake2b, out.data(), crypto_generichash_BYTES_MAX);
        } else {
            crypto_hash_sha256_final(&m_sha256, out.data());
        }
    }

private:
    // The over-aligned BLAKE2b state first, to keep padding small.
    crypto_generichash_state m_blake2b{};
    crypto_hash_sha256_state m_sha256{};
    NoiseHash m_kind;
};

} // namespace

std::size_t NoiseHashFunction::hashLen() const
{
    return m_kind == NoiseHash::Blake2b ? crypto_generichash_BYTES_MAX : crypto_hash_sha256_BYTES;
}

std::size_t NoiseHashFunction::blockLen() const
{
    return m_kind == NoiseHash::Blake2b ? 128 : 64;
}

const char* NoiseHashFunction::name() const
{
    return m_kind == NoiseHash::Blake2b ? "BLAKE2b" : "SHA256";
}

void NoiseHashFunction::hash(std::initializer_list<ByteView> parts, std::span<std::uint8_t> out) const
{
    assert(out.size() == hashLen());
    Hasher hasher(m_kind);
    for (const ByteView part : parts) {
        hasher.update(part);
    }
    hasher.final(out);
}

void NoiseHashFunction::hmac(ByteView key, std::initializer_list<ByteView> parts,
                             std::span<std::uint8_t> out) const
{
    assert(out.size() == hashLen());
    const std::size_t blockLength = blockLen();

    // RFC 2104: a key longer than the block is hashed first; the result (or the
    // key itself) is zero-padded to the block length.
    Secret<kMaxBlockLen> paddedKey;
    if (key.size() > blockLength) {
        hash({key}, paddedKey.mutableView().first(hashLen()));
    } else {
        std::copy(key.begin(), key.end(), paddedKey.data());
    }

    Secret<kMaxBlockLen> pad;
    for (std::size_t i = 0; i < blockLength; ++i) {
        pad.data()[i] = static_cast<std::uint8_t>(paddedKey.data()[i] ^ kInnerPad);
    }
    Secret<kMaxHashLen> inner;
    {
        Hasher hasher(m_kind);
        hasher.update(pad.view().first(blockLength));
        for (const ByteView part : parts) {
            hasher.update(part);
        }
        hasher.final(inner.mutableView().first(hashLen()));
    }

    for (std::size_t i = 0; i < blockLength; ++i) {
        pad.data()[i] = static_cast<std::uint8_t>(paddedKey.data()[i] ^ kOuterPad);
    }
    Hasher hasher(m_kind);
    hasher.update(pad.view().first(blockLength));
    hasher.update(inner.view().first(hashLen()));
    hasher.final(out);
}

void NoiseHashFunction::hkdf(ByteView chainingKey, ByteView inputKeyMaterial, std::span<std::uint8_t> output1,
                             std::span<std::uint8_t> output2, std::span<std::uint8_t> output3) const
{
    const std::size_t length = hashLen();
    assert(output1.size() == length && output2.size() == length);
    assert(output3.empty() || output3.size() == length);

    Secret<kMaxHashLen> tempKey;
    const ByteView tempKeyView = tempKey.view().first(length);
    hmac(chainingKey, {inputKeyMaterial}, tempKey.mutableView().first(length));

    constexpr std::array<std::uint8_t, 1> one{0x01};
    constexpr std::array<std::uint8_t, 1> two{0x02};
    constexpr std::array<std::uint8_t, 1> three{0x03};
    hmac(tempKeyView, {one}, output1);
    hmac(tempKeyView, {output1, two}, output2);
    if (!output3.empty()) {
        hmac(tempKeyView, {output2, three}, output3);
    }
}

} // namespace confab::crypto::detail
