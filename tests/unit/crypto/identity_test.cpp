#include "crypto/identity.h"
#include "test_util.h"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>
#include <sodium.h>
#include <string_view>

namespace confab::crypto {
namespace {

using test::hex;
using test::hexArray;

// RFC 8032 section 7.1, TEST 1 and TEST 2.
const std::string_view kRfcSeed1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const std::string_view kRfcPublic1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const std::string_view kRfcSignature1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
const std::string_view kRfcSeed2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
const std::string_view kRfcPublic2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

Secret<32> seedFromHex(std::string_view text)
{
    return Secret<32>(hexArray<32>(text));
}

bool isZero(std::span<const std::uint8_t> bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

TEST(IdentityKeyPair, FromSeedMatchesRfc8032)
{
    const IdentityKeyPair pair = IdentityKeyPair::fromSeed(seedFromHex(kRfcSeed1));
    EXPECT_EQ(pair.publicKey(), hexArray<32>(kRfcPublic1));
    EXPECT_EQ(IdentityKeyPair::fromSeed(seedFromHex(kRfcSeed2)).publicKey(), hexArray<32>(kRfcPublic2));
}

TEST(IdentityKeyPair, SignatureMatchesRfc8032)
{
    const IdentityKeyPair pair = IdentityKeyPair::fromSeed(seedFromHex(kRfcSeed1));
    EXPECT_EQ(pair.sign({}), hexArray<64>(kRfcSignature1));
}

TEST(IdentityKeyPair, SeedRoundTrip)
{
    const IdentityKeyPair original = IdentityKeyPair::generate();
    EXPECT_FALSE(isZero(original.seed().view()));
    const IdentityKeyPair restored = IdentityKeyPair::fromSeed(original.seed());
    EXPECT_EQ(restored.publicKey(), original.publicKey());
    EXPECT_TRUE(std::equal(restored.seed().view().begin(), restored.seed().view().end(),
                           original.seed().view().begin()));
    EXPECT_EQ(restored.peerId(), original.peerId());
}

TEST(IdentityKeyPair, GeneratedKeysDiffer)
{
    EXPECT_NE(IdentityKeyPair::generate().publicKey(), IdentityKeyPair::generate().publicKey());
}

TEST(IdentityKeyPair, SignAndVerify)
{
    const IdentityKeyPair pair = IdentityKeyPair::generate();
    const ByteView message = asBytes("hello, confab");
    auto signature = pair.sign(message);
    EXPECT_TRUE(verifySignature(pair.publicKey(), message, signature));

    EXPECT_FALSE(verifySignature(pair.publicKey(), asBytes("hello, confab!"), signature));
    EXPECT_FALSE(verifySignature(IdentityKeyPair::generate().publicKey(), message, signature));
    signature[10] ^= 0x01;
    EXPECT_FALSE(verifySignature(pair.publicKey(), message, signature));
}

TEST(IdentityKeyPair, NoiseStaticKeyIsAConsistentX25519Pair)
{
    const IdentityKeyPair pair = IdentityKeyPair::generate();
    const DhKeyPair& noiseKey = pair.noiseStaticKey();

    PublicKey fromSecret{};
    ASSERT_EQ(crypto_scalarmult_base(fromSecret.data(), noiseKey.secretKey.data()), 0);
    EXPECT_EQ(noiseKey.publicKey, fromSecret);
    EXPECT_NE(noiseKey.publicKey, pair.publicKey());

    const auto converted = identityToNoiseKey(pair.publicKey());
    ASSERT_TRUE(converted.has_value());
    EXPECT_EQ(*converted, noiseKey.publicKey);
}

TEST(IdentityKeyPair, NoiseStaticKeyMatchesTheRfcKeyConversion)
{
    const IdentityKeyPair pair = IdentityKeyPair::fromSeed(seedFromHex(kRfcSeed1));
    const DhKeyPair& noiseKey = pair.noiseStaticKey();

    // The X25519 secret is the clamped first half of SHA-512(seed) (RFC 8032
    // section 5.1.5), computed here without the conversion function.
    std::array<std::uint8_t, 64> digest{};
    const Bytes seed = hex(kRfcSeed1);
    crypto_hash_sha512(digest.data(), seed.data(), seed.size());
    digest[0] &= 248;
    digest[31] &= 127;
    digest[31] |= 64;
    EXPECT_TRUE(
        std::equal(noiseKey.secretKey.view().begin(), noiseKey.secretKey.view().end(), digest.begin()));
    PublicKey expectedPublic{};
    ASSERT_EQ(crypto_scalarmult_base(expectedPublic.data(), digest.data()), 0);
    EXPECT_EQ(noiseKey.publicKey, expectedPublic);
}

TEST(IdentityToNoiseKey, RejectsInvalidPoints)
{
    // The identity point (small order) and an encoding that is not on the curve.
    PublicKey identityPoint{};
    identityPoint[0] = 0x01;
    EXPECT_FALSE(identityToNoiseKey(identityPoint).has_value());
    PublicKey allZero{};
    EXPECT_FALSE(identityToNoiseKey(allZero).has_value());
    PublicKey notOnCurve{};
    notOnCurve[0] = 0x02;
    EXPECT_FALSE(identityToNoiseKey(notOnCurve).has_value());
}

TEST(DhKeyPair, FromSecretComputesThePublicKey)
{
    // RFC 7748 section 6.1: Alice's key pair.
    const Secret<32> secret(hexArray<32>("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    const DhKeyPair pair = DhKeyPair::fromSecret(secret);
    EXPECT_EQ(pair.publicKey,
              hexArray<32>("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
}

TEST(DhKeyPair, GenerateGivesAFreshConsistentPair)
{
    const DhKeyPair first = DhKeyPair::generate();
    const DhKeyPair second = DhKeyPair::generate();
    EXPECT_NE(first.publicKey, second.publicKey);
    EXPECT_EQ(DhKeyPair::fromSecret(first.secretKey).publicKey, first.publicKey);
}

TEST(DerivePeerId, MatchesAnIndependentBlake2bComputation)
{
    const IdentityKeyPair pair = IdentityKeyPair::generate();
    const Bytes input = test::concat({asBytes("confab peer id v1"), pair.publicKey()});
    std::array<std::uint8_t, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), input.data(), input.size(), nullptr, 0);
    std::array<std::uint8_t, PeerId::kSize> expected{};
    std::copy_n(digest.begin(), expected.size(), expected.begin());

    EXPECT_EQ(derivePeerId(pair.publicKey()).bytes(), expected);
    EXPECT_EQ(pair.peerId().bytes(), expected);
}

TEST(DerivePeerId, KnownAnswer)
{
    // Computed with Python's hashlib.blake2b(digest_size=32), not this code.
    EXPECT_EQ(derivePeerId(hexArray<32>(kRfcPublic1)).bytes(),
              hexArray<20>("be60d861bf0ee71a2f7e13f5d903f5b4bd66250f"));
    EXPECT_EQ(derivePeerId(hexArray<32>(kRfcPublic2)).bytes(),
              hexArray<20>("97fa6a7a37c6ef8ee1c5ec8d127bd482c5625f42"));
}

TEST(DerivePeerId, DeterministicAndDistinct)
{
    const IdentityKeyPair a = IdentityKeyPair::generate();
    const IdentityKeyPair b = IdentityKeyPair::generate();
    EXPECT_EQ(derivePeerId(a.publicKey()), derivePeerId(a.publicKey()));
    EXPECT_NE(a.peerId(), b.peerId());
    EXPECT_FALSE(isZero(a.peerId().bytes()));

    PublicKey flipped = a.publicKey();
    flipped[31] ^= 0x80;
    EXPECT_NE(derivePeerId(flipped), a.peerId());
}

} // namespace
} // namespace confab::crypto
