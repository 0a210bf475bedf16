#include "crypto/noise.h"
#include "test_util.h"

#include <array>
#include <gtest/gtest.h>
#include <limits>
#include <sodium.h>

namespace confab::crypto {
namespace {

using test::hex;
using test::hexArray;

constexpr std::uint64_t kMaxNonce = std::numeric_limits<std::uint64_t>::max();

const Secret<32> kKey(hexArray<32>("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

// Independent ChaCha20-Poly1305 with an explicitly spelled nonce.
Bytes referenceEncrypt(const std::array<std::uint8_t, 32>& key, const Bytes& nonce, ByteView ad,
                       ByteView plaintext)
{
    Bytes out(plaintext.size() + 16);
    unsigned long long length = 0;
    EXPECT_EQ(nonce.size(), 12U);
    EXPECT_EQ(crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &length, plaintext.data(),
                                                        plaintext.size(), ad.data(), ad.size(), nullptr,
                                                        nonce.data(), key.data()),
              0);
    return out;
}

std::array<std::uint8_t, 32> rawKey(const Secret<32>& key)
{
    std::array<std::uint8_t, 32> out{};
    std::copy(key.view().begin(), key.view().end(), out.begin());
    return out;
}

CipherState keyedCipher()
{
    CipherState cipher;
    cipher.initializeKey(kKey);
    return cipher;
}

TEST(CipherState, WithoutKeyPassesBytesThrough)
{
    CipherState cipher;
    EXPECT_FALSE(cipher.hasKey());
    const Bytes data = hex("01 02 03");
    auto encrypted = cipher.encryptWithAd(hex("aa"), data);
    ASSERT_TRUE(encrypted.ok());
    EXPECT_EQ(encrypted.value(), data);
    auto decrypted = cipher.decryptWithAd(hex("aa"), data);
    ASSERT_TRUE(decrypted.ok());
    EXPECT_EQ(decrypted.value(), data);
    EXPECT_EQ(cipher.nonce(), 0U);
}

TEST(CipherState, UsesLittleEndianCounterAfterFourZeroBytes)
{
    CipherState cipher = keyedCipher();
    const ByteView plaintext = asBytes("noise");
    const ByteView ad = asBytes("ad");

    auto first = cipher.encryptWithAd(ad, plaintext);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value(), referenceEncrypt(rawKey(kKey), hex("00000000 0000000000000000"), ad, plaintext));
    auto second = cipher.encryptWithAd(ad, plaintext);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.value(),
              referenceEncrypt(rawKey(kKey), hex("00000000 0100000000000000"), ad, plaintext));

    cipher.setNonce(0x0102030405060708);
    auto third = cipher.encryptWithAd(ad, plaintext);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third.value(), referenceEncrypt(rawKey(kKey), hex("00000000 0807060504030201"), ad, plaintext));
    EXPECT_EQ(cipher.nonce(), 0x0102030405060709U);
}

TEST(CipherState, RoundTripAdvancesBothNonces)
{
    CipherState sender = keyedCipher();
    CipherState receiver = keyedCipher();
    for (int i = 0; i < 3; ++i) {
        const Bytes message = {static_cast<std::uint8_t>(i), 0x42};
        auto encrypted = sender.encryptWithAd(hex("0102"), message);
        ASSERT_TRUE(encrypted.ok());
        EXPECT_EQ(encrypted.value().size(), message.size() + 16);
        auto decrypted = receiver.decryptWithAd(hex("0102"), encrypted.value());
        ASSERT_TRUE(decrypted.ok());
        EXPECT_EQ(decrypted.value(), message);
    }
    EXPECT_EQ(sender.nonce(), 3U);
    EXPECT_EQ(receiver.nonce(), 3U);
}

TEST(CipherState, EmptyPlaintextRoundTrips)
{
    CipherState sender = keyedCipher();
    CipherState receiver = keyedCipher();
    auto encrypted = sender.encryptWithAd({}, {});
    ASSERT_TRUE(encrypted.ok());
    EXPECT_EQ(encrypted.value().size(), 16U);
    auto decrypted = receiver.decryptWithAd({}, encrypted.value());
    ASSERT_TRUE(decrypted.ok());
    EXPECT_TRUE(decrypted.value().empty());
}

TEST(CipherState, FailedDecryptDoesNotAdvanceTheNonce)
{
    CipherState sender = keyedCipher();
    CipherState receiver = keyedCipher();
    auto encrypted = sender.encryptWithAd({}, asBytes("payload"));
    ASSERT_TRUE(encrypted.ok());

    Bytes tampered = encrypted.value();
    tampered[2] ^= 0x01;
    auto rejected = receiver.decryptWithAd({}, tampered);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error(), NoiseError::DecryptFailed);
    EXPECT_EQ(receiver.nonce(), 0U);

    auto wrongAd = receiver.decryptWithAd(hex("00"), encrypted.value());
    ASSERT_FALSE(wrongAd.ok());
    EXPECT_EQ(wrongAd.error(), NoiseError::DecryptFailed);

    auto accepted = receiver.decryptWithAd({}, encrypted.value());
    ASSERT_TRUE(accepted.ok());
    EXPECT_EQ(receiver.nonce(), 1U);
}

TEST(CipherState, ReplayFails)
{
    CipherState sender = keyedCipher();
    CipherState receiver = keyedCipher();
    auto encrypted = sender.encryptWithAd({}, asBytes("once"));
    ASSERT_TRUE(encrypted.ok());
    ASSERT_TRUE(receiver.decryptWithAd({}, encrypted.value()).ok());
    auto replayed = receiver.decryptWithAd({}, encrypted.value());
    ASSERT_FALSE(replayed.ok());
    EXPECT_EQ(replayed.error(), NoiseError::DecryptFailed);
}

TEST(CipherState, ShortCiphertextIsBadMessage)
{
    CipherState receiver = keyedCipher();
    auto result = receiver.decryptWithAd({}, Bytes(15, 0));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), NoiseError::BadMessage);
}

TEST(CipherState, ReservedNonceIsExhausted)
{
    CipherState sender = keyedCipher();
    sender.setNonce(kMaxNonce - 1);
    ASSERT_TRUE(sender.encryptWithAd({}, asBytes("last")).ok());
    EXPECT_EQ(sender.nonce(), kMaxNonce);
    auto exhausted = sender.encryptWithAd({}, asBytes("one more"));
    ASSERT_FALSE(exhausted.ok());
    EXPECT_EQ(exhausted.error(), NoiseError::NonceExhausted);
    EXPECT_EQ(sender.nonce(), kMaxNonce);

    CipherState receiver = keyedCipher();
    receiver.setNonce(kMaxNonce);
    auto decrypted = receiver.decryptWithAd({}, Bytes(32, 0));
    ASSERT_FALSE(decrypted.ok());
    EXPECT_EQ(decrypted.error(), NoiseError::NonceExhausted);
}

TEST(CipherState, RekeyFollowsTheSpecification)
{
    CipherState cipher = keyedCipher();
    cipher.setNonce(5);
    cipher.rekey();
    EXPECT_EQ(cipher.nonce(), 5U);

    // REKEY(k) = first 32 bytes of ENCRYPT(k, 2^64-1, "", 32 zero bytes).
    const Bytes block = referenceEncrypt(rawKey(kKey), hex("00000000 ffffffffffffffff"), {}, Bytes(32, 0));
    std::array<std::uint8_t, 32> newKey{};
    std::copy_n(block.begin(), newKey.size(), newKey.begin());

    const ByteView plaintext = asBytes("after rekey");
    auto encrypted = cipher.encryptWithAd({}, plaintext);
    ASSERT_TRUE(encrypted.ok());
    EXPECT_EQ(encrypted.value(), referenceEncrypt(newKey, hex("00000000 0500000000000000"), {}, plaintext));
}

TEST(CipherState, RekeyWithoutKeyDoesNothing)
{
    CipherState cipher;
    cipher.rekey();
    EXPECT_FALSE(cipher.hasKey());
}

TEST(CipherState, InitializeKeyResetsTheNonce)
{
    CipherState cipher = keyedCipher();
    cipher.setNonce(77);
    cipher.initializeKey(kKey);
    EXPECT_EQ(cipher.nonce(), 0U);
}

TEST(CipherState, MessagesAbove65535BytesAreRejected)
{
    CipherState sender = keyedCipher();
    auto largest = sender.encryptWithAd({}, Bytes(kNoiseMaxMessageSize - 16, 0));
    ASSERT_TRUE(largest.ok());
    EXPECT_EQ(largest.value().size(), kNoiseMaxMessageSize);
    auto tooLarge = sender.encryptWithAd({}, Bytes(kNoiseMaxMessageSize - 15, 0));
    ASSERT_FALSE(tooLarge.ok());
    EXPECT_EQ(tooLarge.error(), NoiseError::MessageTooLarge);

    CipherState receiver = keyedCipher();
    auto tooLong = receiver.decryptWithAd({}, Bytes(kNoiseMaxMessageSize + 1, 0));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error(), NoiseError::MessageTooLarge);
    EXPECT_TRUE(receiver.decryptWithAd({}, largest.value()).ok());

    CipherState plain;
    auto plainTooLarge = plain.encryptWithAd({}, Bytes(kNoiseMaxMessageSize + 1, 0));
    ASSERT_FALSE(plainTooLarge.ok());
    EXPECT_EQ(plainTooLarge.error(), NoiseError::MessageTooLarge);
}

TEST(NoiseError, HasReadableNames)
{
    for (const NoiseError error :
         {NoiseError::InvalidState, NoiseError::MessageTooLarge, NoiseError::BadMessage,
          NoiseError::DecryptFailed, NoiseError::BadPublicKey, NoiseError::MissingKey,
          NoiseError::NonceExhausted}) {
        EXPECT_NE(std::string_view(toString(error)), std::string_view("unknown noise error"));
    }
}

} // namespace
} // namespace confab::crypto
