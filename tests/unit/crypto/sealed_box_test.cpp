#include "crypto/sealed_box.h"
#include "test_util.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <string>

namespace confab::crypto {
namespace {

const Bytes kPrologue{'r', 'o', 'u', 't', 'i', 'n', 'g'};

Bytes text(const std::string& value)
{
    return {value.begin(), value.end()};
}

class SealedBoxTest : public ::testing::Test {
protected:
    IdentityKeyPair alice = IdentityKeyPair::generate();
    IdentityKeyPair bob = IdentityKeyPair::generate();
    IdentityKeyPair carol = IdentityKeyPair::generate();

    Bytes sealToBob(ByteView plaintext, ByteView prologue = kPrologue)
    {
        auto sealed = seal(alice, bob.publicKey(), prologue, plaintext);
        EXPECT_TRUE(sealed.ok()) << toString(sealed.error());
        return sealed.ok() ? sealed.value() : Bytes{};
    }
};

TEST_F(SealedBoxTest, RecipientOpensItAndLearnsWhoSealedIt)
{
    const Bytes plaintext = text("meet at the usual place");
    const Bytes sealed = sealToBob(plaintext);
    EXPECT_EQ(sealed.size(), plaintext.size() + kSealOverhead);

    const auto opened = openBox(bob, kPrologue, sealed);
    ASSERT_TRUE(opened.ok()) << toString(opened.error());
    EXPECT_EQ(opened.value().plaintext, plaintext);
    EXPECT_EQ(opened.value().senderStatic, alice.noiseStaticKey().publicKey);
    EXPECT_EQ(std::optional(opened.value().senderStatic), identityToNoiseKey(alice.publicKey()));
}

TEST_F(SealedBoxTest, EmptyAndLargestPlaintexts)
{
    for (const std::size_t size : {std::size_t{0}, std::size_t{65280 - kSealOverhead}}) {
        const Bytes plaintext(size, 0x5a);
        const Bytes sealed = sealToBob(plaintext);
        EXPECT_EQ(sealed.size(), size + kSealOverhead);
        const auto opened = openBox(bob, kPrologue, sealed);
        ASSERT_TRUE(opened.ok()) << toString(opened.error());
        EXPECT_EQ(opened.value().plaintext, plaintext);
    }
}

TEST_F(SealedBoxTest, PlaintextIsNotVisible)
{
    const Bytes plaintext(64, 'A');
    const Bytes sealed = sealToBob(plaintext);
    EXPECT_EQ(std::search(sealed.begin(), sealed.end(), plaintext.begin(), plaintext.begin() + 8),
              sealed.end());
}

TEST_F(SealedBoxTest, EveryByteIsAuthenticated)
{
    const Bytes sealed = sealToBob(text("twenty bytes of text"));
    for (std::size_t offset = 0; offset < sealed.size(); ++offset) {
        for (const std::uint8_t flip : std::initializer_list<std::uint8_t>{0x01, 0x80}) {
            Bytes altered = sealed;
            altered[offset] ^= flip;
            const auto opened = openBox(bob, kPrologue, altered);
            EXPECT_FALSE(opened.ok()) << "byte " << offset << " flip " << int{flip};
        }
    }
}

TEST_F(SealedBoxTest, EveryCutFails)
{
    const Bytes sealed = sealToBob(text("short"));
    for (std::size_t size = 0; size < sealed.size(); ++size) {
        EXPECT_FALSE(openBox(bob, kPrologue, ByteView(sealed.data(), size)).ok()) << "cut at " << size;
    }
    Bytes longer = sealed;
    longer.push_back(0);
    EXPECT_FALSE(openBox(bob, kPrologue, longer).ok());
}

TEST_F(SealedBoxTest, OnlyTheRecipientOpensIt)
{
    const Bytes sealed = sealToBob(text("for bob only"));
    const auto byCarol = openBox(carol, kPrologue, sealed);
    ASSERT_FALSE(byCarol.ok());
    EXPECT_EQ(byCarol.error(), NoiseError::DecryptFailed);
    // Not even the sender can open what it sealed.
    EXPECT_FALSE(openBox(alice, kPrologue, sealed).ok());
}

TEST_F(SealedBoxTest, PrologueMustMatch)
{
    const Bytes sealed = sealToBob(text("header bound"));
    Bytes other = kPrologue;
    other.back() ^= 0x01;
    const auto opened = openBox(bob, other, sealed);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error(), NoiseError::DecryptFailed);
    EXPECT_FALSE(openBox(bob, {}, sealed).ok());
    Bytes longer = kPrologue;
    longer.push_back(0);
    EXPECT_FALSE(openBox(bob, longer, sealed).ok());
}

TEST_F(SealedBoxTest, OpenerSeesTheRealSealerNotAClaimedOne)
{
    // Carol seals to Bob: what Bob learns is Carol's key, so a claim inside
    // the plaintext to be Alice can be checked against it.
    auto sealed = seal(carol, bob.publicKey(), kPrologue, text("I am alice"));
    ASSERT_TRUE(sealed.ok());
    const auto opened = openBox(bob, kPrologue, sealed.value());
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened.value().senderStatic, carol.noiseStaticKey().publicKey);
    EXPECT_NE(std::optional(opened.value().senderStatic), identityToNoiseKey(alice.publicKey()));
}

TEST_F(SealedBoxTest, EverySealUsesAFreshEphemeralKey)
{
    const Bytes plaintext = text("same text twice");
    const Bytes first = sealToBob(plaintext);
    const Bytes second = sealToBob(plaintext);
    ASSERT_EQ(first.size(), second.size());
    // The ephemeral public key leads the message.
    EXPECT_FALSE(std::equal(first.begin(), first.begin() + 32, second.begin()));
    // Hence every ciphertext byte differs too (with overwhelming likelihood
    // in at least one place); both still open.
    EXPECT_FALSE(std::equal(first.begin() + 32, first.end(), second.begin() + 32));
    EXPECT_TRUE(openBox(bob, kPrologue, first).ok());
    EXPECT_TRUE(openBox(bob, kPrologue, second).ok());
}

TEST_F(SealedBoxTest, RecipientKeyThatIsNoPointIsRefused)
{
    PublicKey notAKey{};
    notAKey[0] = 0x02; // not on the curve
    const auto sealed = seal(alice, notAKey, kPrologue, text("x"));
    ASSERT_FALSE(sealed.ok());
    EXPECT_EQ(sealed.error(), NoiseError::BadPublicKey);
}

} // namespace
} // namespace confab::crypto
