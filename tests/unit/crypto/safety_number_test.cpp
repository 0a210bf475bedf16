#include "crypto/identity.h"
#include "crypto/safety_number.h"
#include "test_util.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <sodium.h>
#include <string>

namespace confab::crypto {
namespace {

using test::hexArray;

// Ed25519 public keys from RFC 8032 section 7.1, TEST 1 and TEST 2.
const PublicKey kKeyA = hexArray<32>("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const PublicKey kKeyB = hexArray<32>("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

// Six groups of five digits separated by single spaces.
bool hasSafetyNumberShape(const std::string& text)
{
    constexpr std::size_t kGroups = 6;
    constexpr std::size_t kDigits = 5;
    if (text.size() != kGroups * kDigits + kGroups - 1) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool separator = i % (kDigits + 1) == kDigits;
        if (separator ? text[i] != ' ' : (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    return true;
}

// A second, deliberately plain implementation of the documented algorithm:
// one-shot hashing over concatenated buffers, digits via integer arithmetic.
std::string referenceDigits(std::string_view label, const Bytes& keys)
{
    Bytes input = test::concat({asBytes(label), keys});
    std::array<std::uint8_t, 64> digest{};
    crypto_generichash(digest.data(), digest.size(), input.data(), input.size(), nullptr, 0);
    for (int round = 1; round < 1024; ++round) {
        input = test::concat({digest, keys});
        crypto_generichash(digest.data(), digest.size(), input.data(), input.size(), nullptr, 0);
    }
    std::string text;
    for (std::size_t group = 0; group < 6; ++group) {
        unsigned long long value = 0;
        for (std::size_t i = 0; i < 5; ++i) {
            value = value * 256 + digest[group * 5 + i];
        }
        value %= 100000;
        std::string digits = std::to_string(value);
        digits.insert(0, 5 - digits.size(), '0');
        text += (group == 0 ? "" : " ") + digits;
    }
    return text;
}

TEST(SafetyNumber, KnownAnswer)
{
    // Computed with Python's hashlib.blake2b, not this code.
    EXPECT_EQ(safetyNumber(kKeyA, kKeyB), "25089 18214 58429 13696 00077 09265");
}

TEST(SafetyNumber, MatchesTheReferenceImplementation)
{
    const PublicKey a = IdentityKeyPair::generate().publicKey();
    const PublicKey b = IdentityKeyPair::generate().publicKey();
    const PublicKey& low = a < b ? a : b;
    const PublicKey& high = a < b ? b : a;
    EXPECT_EQ(safetyNumber(a, b), referenceDigits("confab safety number v1", test::concat({low, high})));
}

TEST(SafetyNumber, IsSymmetric)
{
    const PublicKey a = IdentityKeyPair::generate().publicKey();
    const PublicKey b = IdentityKeyPair::generate().publicKey();
    EXPECT_EQ(safetyNumber(a, b), safetyNumber(b, a));
    EXPECT_EQ(safetyNumber(kKeyA, kKeyB), safetyNumber(kKeyB, kKeyA));
}

TEST(SafetyNumber, HasSixGroupsOfFiveDigits)
{
    for (int i = 0; i < 20; ++i) {
        const std::string text =
            safetyNumber(IdentityKeyPair::generate().publicKey(), IdentityKeyPair::generate().publicKey());
        EXPECT_TRUE(hasSafetyNumberShape(text)) << text;
        EXPECT_EQ(text.size(), 35U);
    }
}

TEST(SafetyNumber, ChangesWhenEitherKeyChanges)
{
    const std::string original = safetyNumber(kKeyA, kKeyB);
    PublicKey otherA = kKeyA;
    otherA[0] ^= 0x01;
    PublicKey otherB = kKeyB;
    otherB[31] ^= 0x80;
    EXPECT_NE(safetyNumber(otherA, kKeyB), original);
    EXPECT_NE(safetyNumber(kKeyA, otherB), original);
    EXPECT_NE(safetyNumber(IdentityKeyPair::generate().publicKey(), kKeyB), original);
}

TEST(SafetyNumber, OfAKeyWithItselfIsStillWellFormed)
{
    EXPECT_TRUE(hasSafetyNumberShape(safetyNumber(kKeyA, kKeyA)));
    EXPECT_EQ(safetyNumber(kKeyA, kKeyA),
              referenceDigits("confab safety number v1", test::concat({kKeyA, kKeyA})));
}

TEST(Fingerprint, KnownAnswer)
{
    // Computed with Python's hashlib.blake2b, not this code.
    EXPECT_EQ(fingerprint(kKeyA), "93116 22467 27047 36283 90350 59836");
    EXPECT_EQ(fingerprint(kKeyB), "94318 89265 13715 92456 71328 96397");
}

TEST(Fingerprint, MatchesTheReferenceImplementation)
{
    const PublicKey key = IdentityKeyPair::generate().publicKey();
    EXPECT_EQ(fingerprint(key), referenceDigits("confab fingerprint v1", test::concat({key})));
    EXPECT_TRUE(hasSafetyNumberShape(fingerprint(key)));
}

TEST(Fingerprint, DiffersFromTheSafetyNumberAndBetweenKeys)
{
    EXPECT_NE(fingerprint(kKeyA), fingerprint(kKeyB));
    EXPECT_NE(fingerprint(kKeyA), safetyNumber(kKeyA, kKeyA));
}

} // namespace
} // namespace confab::crypto
