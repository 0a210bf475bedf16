#include "crypto/noise.h"
#include "crypto/record_cipher.h"
#include "test_util.h"

#include <array>
#include <gtest/gtest.h>
#include <limits>
#include <sodium.h>

namespace confab::crypto {
namespace {

using test::hex;
using test::hexArray;

constexpr std::uint64_t kMaxCounter = std::numeric_limits<std::uint64_t>::max();

const std::array<std::uint8_t, 32> kRawKey =
    hexArray<32>("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const Secret<32> kKey(kRawKey);

// libsodium called directly, with the nonce spelled out byte by byte.
Bytes referenceSeal(const std::array<std::uint8_t, 32>& key, const Bytes& nonce, ByteView plaintext)
{
    EXPECT_EQ(nonce.size(), 12U);
    Bytes out(plaintext.size() + 16);
    unsigned long long length = 0;
    EXPECT_EQ(crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &length, plaintext.data(),
                                                        plaintext.size(), nullptr, 0, nullptr, nonce.data(),
                                                        key.data()),
              0);
    return out;
}

Bytes sealed(RecordCipher& cipher, ByteView plaintext)
{
    auto result = cipher.seal(plaintext);
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : Bytes{};
}

// Both sides of a completed Noise XX handshake, each with its transport ciphers.
struct Pair {
    TransportState initiator;
    TransportState responder;
};

Pair handshakePair()
{
    HandshakeConfig initiatorConfig;
    initiatorConfig.initiator = true;
    initiatorConfig.localStatic = DhKeyPair::generate();
    HandshakeConfig responderConfig;
    responderConfig.initiator = false;
    responderConfig.localStatic = DhKeyPair::generate();
    HandshakeState initiator(std::move(initiatorConfig));
    HandshakeState responder(std::move(responderConfig));
    const auto message1 = initiator.writeMessage({});
    EXPECT_TRUE(message1.ok() && responder.readMessage(message1.value()).ok());
    const auto message2 = responder.writeMessage({});
    EXPECT_TRUE(message2.ok() && initiator.readMessage(message2.value()).ok());
    const auto message3 = initiator.writeMessage({});
    EXPECT_TRUE(message3.ok() && responder.readMessage(message3.value()).ok());
    EXPECT_TRUE(initiator.isComplete() && responder.isComplete());
    return {initiator.split(), responder.split()};
}

TEST(RecordCipher, KnownAnswer)
{
    // Computed independently (Python's cryptography package, ChaCha20Poly1305
    // with nonce 00000000 || counter little-endian, no associated data).
    RecordCipher cipher(kKey);
    const Bytes hello = hex("01 01");
    EXPECT_EQ(sealed(cipher, hello), hex("19b95229dc52ebe3ed7c0ee5e84c5ba82e0b"));
    EXPECT_EQ(sealed(cipher, hello), hex("9e56ff8d60e270b5e1da060afe57ae9a2661"));
    RecordCipher far(kKey, 0x0102030405060708);
    EXPECT_EQ(sealed(far, hello), hex("f14817373be5109e07dd61e966466e638bbe"));
}

TEST(RecordCipher, NonceIsFourZeroBytesThenTheCounterLittleEndian)
{
    RecordCipher cipher(kKey);
    const Bytes plaintext = hex("04 00000001 00000002 deadbeef");
    EXPECT_EQ(sealed(cipher, plaintext), referenceSeal(kRawKey, hex("00000000 0000000000000000"), plaintext));
    EXPECT_EQ(sealed(cipher, plaintext), referenceSeal(kRawKey, hex("00000000 0100000000000000"), plaintext));
    RecordCipher far(kKey, 0x0102030405060708);
    EXPECT_EQ(sealed(far, plaintext), referenceSeal(kRawKey, hex("00000000 0807060504030201"), plaintext));
    EXPECT_EQ(far.counter(), 0x0102030405060709U);
}

TEST(RecordCipher, RoundTripsInOrder)
{
    RecordCipher sender(kKey);
    RecordCipher receiver(kKey);
    for (std::uint8_t i = 1; i <= 50; ++i) {
        const Bytes plaintext(i, i);
        const Bytes ciphertext = sealed(sender, plaintext);
        EXPECT_EQ(ciphertext.size(), plaintext.size() + kRecordTagSize);
        const auto opened = receiver.open(ciphertext);
        ASSERT_TRUE(opened.ok()) << int{i};
        EXPECT_EQ(opened.value(), plaintext);
    }
    EXPECT_EQ(sender.counter(), 50U);
    EXPECT_EQ(receiver.counter(), 50U);
}

TEST(RecordCipher, OneMebibyteRecord)
{
    Bytes plaintext(1024 * 1024 + 64);
    for (std::size_t i = 0; i < plaintext.size(); ++i) {
        plaintext[i] = static_cast<std::uint8_t>(i * 131 + (i >> 8));
    }
    RecordCipher sender(kKey);
    RecordCipher receiver(kKey);
    const Bytes ciphertext = sealed(sender, plaintext);
    ASSERT_EQ(ciphertext.size(), plaintext.size() + kRecordTagSize);
    const auto opened = receiver.open(ciphertext);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened.value(), plaintext);
}

TEST(RecordCipher, TamperedRecordFailsAndLeavesTheCounter)
{
    RecordCipher sender(kKey);
    RecordCipher receiver(kKey);
    const Bytes ciphertext = sealed(sender, hex("02 00000000 616263"));
    // Every byte, the tag's included.
    for (std::size_t i = 0; i < ciphertext.size(); ++i) {
        Bytes tampered = ciphertext;
        tampered[i] ^= 0x01;
        const auto opened = receiver.open(tampered);
        ASSERT_FALSE(opened.ok()) << i;
        EXPECT_EQ(opened.error(), NoiseError::DecryptFailed);
        EXPECT_EQ(receiver.counter(), 0U);
    }
    Bytes shortened = ciphertext;
    shortened.pop_back();
    EXPECT_EQ(receiver.open(shortened).error(), NoiseError::DecryptFailed);
    EXPECT_EQ(receiver.open(Bytes(kRecordTagSize - 1, 0)).error(), NoiseError::BadMessage);
    EXPECT_EQ(receiver.counter(), 0U);
    // The authentic record still opens after all the forgeries.
    EXPECT_TRUE(receiver.open(ciphertext).ok());
    EXPECT_EQ(receiver.counter(), 1U);
}

TEST(RecordCipher, ReplayedOrReorderedRecordsFail)
{
    RecordCipher sender(kKey);
    RecordCipher receiver(kKey);
    const Bytes first = sealed(sender, hex("01 00"));
    const Bytes second = sealed(sender, hex("03 0001"));
    const Bytes third = sealed(sender, hex("05"));

    EXPECT_EQ(receiver.open(second).error(), NoiseError::DecryptFailed); // ahead of its turn
    ASSERT_TRUE(receiver.open(first).ok());
    EXPECT_EQ(receiver.open(first).error(), NoiseError::DecryptFailed); // replayed
    EXPECT_EQ(receiver.open(third).error(), NoiseError::DecryptFailed); // one skipped
    ASSERT_TRUE(receiver.open(second).ok());
    ASSERT_TRUE(receiver.open(third).ok());
}

TEST(RecordCipher, CounterRefusesItsLastValue)
{
    RecordCipher sender(kKey, kMaxCounter - 1);
    RecordCipher receiver(kKey, kMaxCounter - 1);
    const Bytes last = sealed(sender, hex("05"));
    EXPECT_EQ(sender.counter(), kMaxCounter);
    const auto refused = sender.seal(hex("05"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(), NoiseError::NonceExhausted);
    EXPECT_EQ(sender.counter(), kMaxCounter);

    ASSERT_TRUE(receiver.open(last).ok());
    // Even a record sealed elsewhere with the last nonce is not opened.
    const Bytes withLastNonce = referenceSeal(kRawKey, hex("00000000 ffffffffffffffff"), hex("05"));
    EXPECT_EQ(receiver.open(withLastNonce).error(), NoiseError::NonceExhausted);
}

TEST(RecordCiphers, KeysAreDerivedFromEachDirectionsNoiseKey)
{
    // deriveKey is keyed BLAKE2b-256 of the label; checked against
    // Python's hashlib.blake2b(label, digest_size=32, key=k).
    CipherState keyed;
    keyed.initializeKey(kKey);
    const Secret<32> derived = keyed.deriveKey(kRecordKeyLabel);
    EXPECT_EQ(Bytes(derived.view().begin(), derived.view().end()),
              hex("9b5695de5c76f4e1ba7c435679425de659278676519362eb493523cf0fab4bbe"));
    // Deriving neither uses nor moves the Noise cipher.
    EXPECT_EQ(keyed.nonce(), 0U);
    const Secret<32> other = keyed.deriveKey("another label");
    EXPECT_NE(Bytes(other.view().begin(), other.view().end()),
              Bytes(derived.view().begin(), derived.view().end()));

    // Keyless: never the key anyone could compute from the label alone.
    const CipherState keyless;
    const Secret<32> a = keyless.deriveKey(kRecordKeyLabel);
    const Secret<32> b = keyless.deriveKey(kRecordKeyLabel);
    EXPECT_NE(Bytes(a.view().begin(), a.view().end()), Bytes(b.view().begin(), b.view().end()));
}

TEST(RecordCiphers, EachDirectionOpensOnlyItsOwnRecords)
{
    Pair pair = handshakePair();
    auto [initiatorSend, initiatorReceive] = recordCiphers(pair.initiator);
    auto [responderSend, responderReceive] = recordCiphers(pair.responder);

    const Bytes toResponder = sealed(initiatorSend, hex("01 01"));
    const Bytes toInitiator = sealed(responderSend, hex("02 00000000 ff"));

    // The wrong direction: a record opened by its own sender's side.
    EXPECT_EQ(initiatorReceive.open(toResponder).error(), NoiseError::DecryptFailed);
    EXPECT_EQ(responderReceive.open(toInitiator).error(), NoiseError::DecryptFailed);

    const auto atResponder = responderReceive.open(toResponder);
    ASSERT_TRUE(atResponder.ok());
    EXPECT_EQ(atResponder.value(), hex("01 01"));
    const auto atInitiator = initiatorReceive.open(toInitiator);
    ASSERT_TRUE(atInitiator.ok());
    EXPECT_EQ(atInitiator.value(), hex("02 00000000 ff"));

    // The record keys are not the Noise keys: a Noise transport message does
    // not open as a record, nor a record as a Noise message.
    const auto noiseMessage = pair.initiator.encrypt(hex("01 01"));
    ASSERT_TRUE(noiseMessage.ok());
    EXPECT_NE(noiseMessage.value(), toResponder);
    RecordCipher fresh = recordCiphers(pair.responder).second;
    EXPECT_FALSE(fresh.open(noiseMessage.value()).ok());
    EXPECT_FALSE(pair.responder.decrypt(toResponder).ok());
}

} // namespace
} // namespace confab::crypto
