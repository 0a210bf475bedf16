#include "crypto/noise.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace confab::crypto {
namespace {

using test::hexArray;

HandshakeConfig config(NoisePattern pattern, bool initiator,
                       std::optional<DhKeyPair> localStatic = std::nullopt,
                       std::optional<PublicKey> remoteStatic = std::nullopt)
{
    HandshakeConfig result;
    result.pattern = pattern;
    result.initiator = initiator;
    result.prologue = Bytes{'c', 'o', 'n', 'f', 'a', 'b'};
    result.localStatic = std::move(localStatic);
    result.remoteStatic = remoteStatic;
    return result;
}

struct XxPair {
    DhKeyPair initiatorKey = DhKeyPair::generate();
    DhKeyPair responderKey = DhKeyPair::generate();
    HandshakeState initiator{config(NoisePattern::XX, true, initiatorKey)};
    HandshakeState responder{config(NoisePattern::XX, false, responderKey)};
};

Bytes payloadFor(std::size_t index)
{
    const std::string text = "payload " + std::to_string(index);
    return {text.begin(), text.end()};
}

// Runs the whole handshake, each message carrying payloadFor(index).
void runHandshake(HandshakeState& initiator, HandshakeState& responder)
{
    for (std::size_t index = 0; !initiator.isComplete() || !responder.isComplete(); ++index) {
        ASSERT_LT(index, 3U);
        HandshakeState& writer = index % 2 == 0 ? initiator : responder;
        HandshakeState& reader = index % 2 == 0 ? responder : initiator;
        ASSERT_TRUE(writer.isMyTurnToWrite());
        ASSERT_FALSE(reader.isMyTurnToWrite());
        auto message = writer.writeMessage(payloadFor(index));
        ASSERT_TRUE(message.ok()) << toString(message.error());
        auto payload = reader.readMessage(message.value());
        ASSERT_TRUE(payload.ok()) << toString(payload.error());
        EXPECT_EQ(payload.value(), payloadFor(index));
    }
    EXPECT_EQ(initiator.handshakeHash(), responder.handshakeHash());
}

void expectTransportWorks(TransportState& from, TransportState& to, std::string_view text)
{
    auto ciphertext = from.encrypt(asBytes(text));
    ASSERT_TRUE(ciphertext.ok()) << toString(ciphertext.error());
    EXPECT_EQ(ciphertext.value().size(), text.size() + 16);
    auto plaintext = to.decrypt(ciphertext.value());
    ASSERT_TRUE(plaintext.ok()) << toString(plaintext.error());
    EXPECT_EQ(asText(plaintext.value()), text);
}

template <typename T> void expectError(const Result<T, NoiseError>& result, NoiseError expected)
{
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), expected) << toString(result.error());
}

TEST(NoiseHandshake, XxWithFreshKeysDeliversPayloadsAndStaticKeys)
{
    XxPair pair;
    EXPECT_FALSE(pair.initiator.remoteStatic().has_value());
    EXPECT_FALSE(pair.responder.remoteStatic().has_value());
    runHandshake(pair.initiator, pair.responder);

    EXPECT_TRUE(pair.initiator.isComplete());
    EXPECT_TRUE(pair.responder.isComplete());
    EXPECT_FALSE(pair.initiator.isMyTurnToWrite());
    EXPECT_FALSE(pair.responder.isMyTurnToWrite());
    EXPECT_EQ(pair.initiator.remoteStatic(), pair.responderKey.publicKey);
    EXPECT_EQ(pair.responder.remoteStatic(), pair.initiatorKey.publicKey);
    EXPECT_EQ(pair.initiator.handshakeHash().size(), 64U);

    TransportState initiatorTransport = pair.initiator.split();
    TransportState responderTransport = pair.responder.split();
    expectTransportWorks(initiatorTransport, responderTransport, "hello responder");
    expectTransportWorks(responderTransport, initiatorTransport, "hello initiator");
    expectTransportWorks(initiatorTransport, responderTransport, "");
}

TEST(NoiseHandshake, XxWithIdentityKeysProvesTheIdentity)
{
    const IdentityKeyPair alice = IdentityKeyPair::generate();
    const IdentityKeyPair bob = IdentityKeyPair::generate();
    HandshakeState initiator(config(NoisePattern::XX, true, alice.noiseStaticKey()));
    HandshakeState responder(config(NoisePattern::XX, false, bob.noiseStaticKey()));
    runHandshake(initiator, responder);
    EXPECT_EQ(responder.remoteStatic(), identityToNoiseKey(alice.publicKey()));
    EXPECT_EQ(initiator.remoteStatic(), identityToNoiseKey(bob.publicKey()));
}

TEST(NoiseHandshake, EachHandshakeUsesFreshEphemerals)
{
    XxPair first;
    runHandshake(first.initiator, first.responder);
    HandshakeState initiator(config(NoisePattern::XX, true, first.initiatorKey));
    HandshakeState responder(config(NoisePattern::XX, false, first.responderKey));
    runHandshake(initiator, responder);
    EXPECT_NE(initiator.handshakeHash(), first.initiator.handshakeHash());
}

TEST(NoiseHandshake, OtherPatternsAndSha256Complete)
{
    const DhKeyPair initiatorKey = DhKeyPair::generate();
    const DhKeyPair responderKey = DhKeyPair::generate();
    for (const NoiseHash hash : {NoiseHash::Blake2b, NoiseHash::Sha256}) {
        std::vector<std::pair<HandshakeConfig, HandshakeConfig>> setups;
        setups.emplace_back(config(NoisePattern::NN, true), config(NoisePattern::NN, false));
        setups.emplace_back(config(NoisePattern::KK, true, initiatorKey, responderKey.publicKey),
                            config(NoisePattern::KK, false, responderKey, initiatorKey.publicKey));
        setups.emplace_back(config(NoisePattern::IK, true, initiatorKey, responderKey.publicKey),
                            config(NoisePattern::IK, false, responderKey));
        setups.emplace_back(config(NoisePattern::XX, true, initiatorKey),
                            config(NoisePattern::XX, false, responderKey));
        for (auto& [initiatorConfig, responderConfig] : setups) {
            SCOPED_TRACE(static_cast<int>(initiatorConfig.pattern));
            initiatorConfig.hash = hash;
            responderConfig.hash = hash;
            HandshakeState initiator(initiatorConfig);
            HandshakeState responder(responderConfig);
            runHandshake(initiator, responder);
            EXPECT_EQ(initiator.handshakeHash().size(), hash == NoiseHash::Blake2b ? 64U : 32U);
            if (initiatorConfig.pattern != NoisePattern::NN) {
                EXPECT_EQ(responder.remoteStatic(), initiatorKey.publicKey);
                EXPECT_EQ(initiator.remoteStatic(), responderKey.publicKey);
            }
            TransportState initiatorTransport = initiator.split();
            TransportState responderTransport = responder.split();
            expectTransportWorks(initiatorTransport, responderTransport, "one");
            expectTransportWorks(responderTransport, initiatorTransport, "two");
        }
    }
}

TEST(NoiseHandshake, TamperedHandshakeMessagesFail)
{
    // Message 0 of XX is not authenticated by itself; the damage shows when
    // the initiator reads message 1, whose keys then differ.
    for (std::size_t tamperedIndex = 0; tamperedIndex < 3; ++tamperedIndex) {
        for (const std::size_t position : {0U, 31U, 32U, 40U}) {
            SCOPED_TRACE(testing::Message() << "message " << tamperedIndex << " byte " << position);
            XxPair pair;
            bool failed = false;
            for (std::size_t index = 0; index < 3 && !failed; ++index) {
                HandshakeState& writer = index % 2 == 0 ? pair.initiator : pair.responder;
                HandshakeState& reader = index % 2 == 0 ? pair.responder : pair.initiator;
                auto message = writer.writeMessage(payloadFor(index));
                ASSERT_TRUE(message.ok());
                if (index == tamperedIndex) {
                    ASSERT_LT(position, message.value().size());
                    message.value()[position] ^= 0x04;
                }
                auto payload = reader.readMessage(message.value());
                if (!payload.ok()) {
                    EXPECT_EQ(payload.error(), NoiseError::DecryptFailed);
                    EXPECT_FALSE(reader.isComplete());
                    expectError(reader.readMessage(message.value()), NoiseError::InvalidState);
                    expectError(reader.writeMessage({}), NoiseError::InvalidState);
                    failed = true;
                } else if (index == tamperedIndex) {
                    // Only message 0 is unauthenticated, so only there can a
                    // flip go unnoticed until the next message.
                    EXPECT_EQ(tamperedIndex, 0U);
                }
            }
            EXPECT_TRUE(failed);
        }
    }
}

TEST(NoiseHandshake, TamperedTransportMessageFails)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState sender = pair.initiator.split();
    TransportState receiver = pair.responder.split();
    auto ciphertext = sender.encrypt(asBytes("transfer 10 coins"));
    ASSERT_TRUE(ciphertext.ok());
    for (std::size_t position = 0; position < ciphertext.value().size(); ++position) {
        Bytes tampered = ciphertext.value();
        tampered[position] ^= 0x80;
        expectError(receiver.decrypt(tampered), NoiseError::DecryptFailed);
    }
    // Rejections did not advance the receiver: the genuine message still works.
    auto plaintext = receiver.decrypt(ciphertext.value());
    ASSERT_TRUE(plaintext.ok());
    EXPECT_EQ(asText(plaintext.value()), "transfer 10 coins");
}

TEST(NoiseHandshake, ReplayedTransportMessageFails)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState sender = pair.responder.split();
    TransportState receiver = pair.initiator.split();
    auto ciphertext = sender.encrypt(asBytes("once"));
    ASSERT_TRUE(ciphertext.ok());
    ASSERT_TRUE(receiver.decrypt(ciphertext.value()).ok());
    expectError(receiver.decrypt(ciphertext.value()), NoiseError::DecryptFailed);
}

TEST(NoiseHandshake, TransportDirectionsUseDifferentKeys)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState initiator = pair.initiator.split();
    TransportState responder = pair.responder.split();
    // A message reflected back to its sender must not decrypt.
    auto ciphertext = initiator.encrypt(asBytes("reflect me"));
    ASSERT_TRUE(ciphertext.ok());
    expectError(initiator.decrypt(ciphertext.value()), NoiseError::DecryptFailed);
}

TEST(NoiseHandshake, OutOfTurnCallsFail)
{
    {
        XxPair pair;
        expectError(pair.responder.writeMessage({}), NoiseError::InvalidState);
        expectError(pair.responder.writeMessage({}), NoiseError::InvalidState);
        EXPECT_FALSE(pair.responder.isMyTurnToWrite());
    }
    {
        XxPair pair;
        expectError(pair.initiator.readMessage(Bytes(48, 0)), NoiseError::InvalidState);
        expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
    }
    {
        XxPair pair;
        ASSERT_TRUE(pair.initiator.writeMessage({}).ok());
        // Writing twice in a row is out of turn too.
        expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
    }
    {
        XxPair pair;
        runHandshake(pair.initiator, pair.responder);
        expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
        expectError(pair.responder.readMessage(Bytes(64, 0)), NoiseError::InvalidState);
    }
}

TEST(NoiseHandshake, SplitBeforeCompletionGivesUnusableCiphers)
{
    XxPair pair;
    ASSERT_TRUE(pair.initiator.writeMessage({}).ok());
    TransportState early = pair.initiator.split();
    expectError(early.encrypt(asBytes("secret")), NoiseError::NonceExhausted);
    expectError(early.decrypt(Bytes(32, 0)), NoiseError::NonceExhausted);
    // Even with the nonce reset, nothing is sent in the clear.
    early.sendCipher().setNonce(0);
    auto ciphertext = early.encrypt(asBytes("secret"));
    ASSERT_TRUE(ciphertext.ok());
    EXPECT_NE(asText(ciphertext.value()).substr(0, 6), "secret");
    // And the handshake is over.
    expectError(pair.initiator.readMessage(Bytes(96, 0)), NoiseError::InvalidState);
}

TEST(NoiseHandshake, SplitHandsOutKeysOnlyOnce)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState first = pair.initiator.split();
    TransportState second = pair.initiator.split();
    expectError(second.encrypt(asBytes("x")), NoiseError::NonceExhausted);
    EXPECT_TRUE(pair.initiator.isComplete());
    EXPECT_TRUE(first.encrypt(asBytes("x")).ok());
}

TEST(NoiseHandshake, RekeyOnBothSidesKeepsWorking)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState initiator = pair.initiator.split();
    TransportState responder = pair.responder.split();
    expectTransportWorks(initiator, responder, "before");

    initiator.rekeySend();
    responder.rekeyReceive();
    expectTransportWorks(initiator, responder, "after");
    responder.rekeySend();
    initiator.rekeyReceive();
    expectTransportWorks(responder, initiator, "reply after");
    EXPECT_EQ(initiator.sendCipher().nonce(), 2U);
}

TEST(NoiseHandshake, RekeyOnOneSideOnlyFails)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState initiator = pair.initiator.split();
    TransportState responder = pair.responder.split();
    initiator.rekeySend();
    auto ciphertext = initiator.encrypt(asBytes("after rekey"));
    ASSERT_TRUE(ciphertext.ok());
    expectError(responder.decrypt(ciphertext.value()), NoiseError::DecryptFailed);
}

TEST(NoiseHandshake, NonceExhaustionStopsTransport)
{
    XxPair pair;
    runHandshake(pair.initiator, pair.responder);
    TransportState initiator = pair.initiator.split();
    TransportState responder = pair.responder.split();
    initiator.sendCipher().setNonce(std::numeric_limits<std::uint64_t>::max());
    expectError(initiator.encrypt(asBytes("too many")), NoiseError::NonceExhausted);
    responder.receiveCipher().setNonce(std::numeric_limits<std::uint64_t>::max());
    expectError(responder.decrypt(Bytes(20, 0)), NoiseError::NonceExhausted);
}

TEST(NoiseHandshake, LowOrderEphemeralIsRejected)
{
    // Curve25519 points of small order, and non-canonical encodings of them.
    const std::vector<PublicKey> lowOrderPoints = {
        hexArray<32>("0000000000000000000000000000000000000000000000000000000000000000"),
        hexArray<32>("0100000000000000000000000000000000000000000000000000000000000000"),
        hexArray<32>("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        hexArray<32>("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        hexArray<32>("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hexArray<32>("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hexArray<32>("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };
    for (const PublicKey& point : lowOrderPoints) {
        XxPair pair;
        auto first = pair.initiator.writeMessage({});
        ASSERT_TRUE(first.ok());
        ASSERT_TRUE(pair.responder.readMessage(first.value()).ok());
        auto second = pair.responder.writeMessage({});
        ASSERT_TRUE(second.ok());
        std::copy(point.begin(), point.end(), second.value().begin());
        expectError(pair.initiator.readMessage(second.value()), NoiseError::BadPublicKey);
        expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
    }
}

TEST(NoiseHandshake, LowOrderPreKnownStaticIsRejected)
{
    PublicKey lowOrder{};
    lowOrder[0] = 0x01;
    HandshakeState initiator(config(NoisePattern::IK, true, DhKeyPair::generate(), lowOrder));
    expectError(initiator.writeMessage({}), NoiseError::BadPublicKey);
}

TEST(NoiseHandshake, MissingKeysAreReported)
{
    HandshakeState xxWithoutStatic(config(NoisePattern::XX, true));
    EXPECT_FALSE(xxWithoutStatic.isMyTurnToWrite());
    expectError(xxWithoutStatic.writeMessage({}), NoiseError::MissingKey);
    expectError(xxWithoutStatic.writeMessage({}), NoiseError::InvalidState);

    HandshakeState ikWithoutRemote(config(NoisePattern::IK, true, DhKeyPair::generate()));
    expectError(ikWithoutRemote.writeMessage({}), NoiseError::MissingKey);

    HandshakeState kkResponderWithoutRemote(config(NoisePattern::KK, false, DhKeyPair::generate()));
    expectError(kkResponderWithoutRemote.readMessage(Bytes(64, 0)), NoiseError::MissingKey);
}

TEST(NoiseHandshake, KeysThePatternDoesNotUseAreRejected)
{
    // A remote key for XX would look like pinning but would check nothing.
    const DhKeyPair key = DhKeyPair::generate();
    HandshakeState xxWithRemote(config(NoisePattern::XX, true, key, DhKeyPair::generate().publicKey));
    expectError(xxWithRemote.writeMessage({}), NoiseError::InvalidState);

    HandshakeState nnWithStatic(config(NoisePattern::NN, true, key));
    expectError(nnWithStatic.writeMessage({}), NoiseError::InvalidState);
}

TEST(NoiseHandshake, WrongPreKnownResponderKeyFails)
{
    const DhKeyPair responderKey = DhKeyPair::generate();
    HandshakeState initiator(
        config(NoisePattern::IK, true, DhKeyPair::generate(), DhKeyPair::generate().publicKey));
    HandshakeState responder(config(NoisePattern::IK, false, responderKey));
    auto message = initiator.writeMessage(asBytes("hi"));
    ASSERT_TRUE(message.ok());
    expectError(responder.readMessage(message.value()), NoiseError::DecryptFailed);
}

TEST(NoiseHandshake, DifferentProloguesFail)
{
    HandshakeConfig initiatorConfig = config(NoisePattern::XX, true, DhKeyPair::generate());
    initiatorConfig.prologue = Bytes{'v', '1'};
    HandshakeConfig responderConfig = config(NoisePattern::XX, false, DhKeyPair::generate());
    responderConfig.prologue = Bytes{'v', '2'};
    HandshakeState initiator(initiatorConfig);
    HandshakeState responder(responderConfig);
    auto first = initiator.writeMessage({});
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(responder.readMessage(first.value()).ok());
    auto second = responder.writeMessage({});
    ASSERT_TRUE(second.ok());
    expectError(initiator.readMessage(second.value()), NoiseError::DecryptFailed);
}

TEST(NoiseHandshake, OversizedMessagesAreRejected)
{
    {
        XxPair pair;
        expectError(pair.initiator.writeMessage(Bytes(kNoiseMaxMessageSize - 31, 0)),
                    NoiseError::MessageTooLarge);
        expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
    }
    {
        XxPair pair;
        auto largest = pair.initiator.writeMessage(Bytes(kNoiseMaxMessageSize - 32, 0));
        ASSERT_TRUE(largest.ok());
        EXPECT_EQ(largest.value().size(), kNoiseMaxMessageSize);
        ASSERT_TRUE(pair.responder.readMessage(largest.value()).ok());
    }
    {
        XxPair pair;
        expectError(pair.responder.readMessage(Bytes(kNoiseMaxMessageSize + 1, 0)),
                    NoiseError::MessageTooLarge);
    }
}

TEST(NoiseHandshake, TruncatedMessagesAreRejected)
{
    {
        XxPair pair;
        expectError(pair.responder.readMessage(Bytes(31, 0)), NoiseError::BadMessage);
    }
    {
        // Message 1 of XX needs e (32) + encrypted s (48) + tag (16).
        XxPair pair;
        auto first = pair.initiator.writeMessage({});
        ASSERT_TRUE(first.ok());
        ASSERT_TRUE(pair.responder.readMessage(first.value()).ok());
        auto second = pair.responder.writeMessage({});
        ASSERT_TRUE(second.ok());
        ASSERT_EQ(second.value().size(), 96U);
        second.value().resize(79);
        expectError(pair.initiator.readMessage(second.value()), NoiseError::BadMessage);
    }
}

TEST(NoiseHandshake, MovedFromStateIsInvalid)
{
    XxPair pair;
    HandshakeState moved(std::move(pair.initiator));
    EXPECT_TRUE(moved.isMyTurnToWrite());
    // NOLINTBEGIN(bugprone-use-after-move): checking the moved-from state.
    EXPECT_FALSE(pair.initiator.isMyTurnToWrite());
    expectError(pair.initiator.writeMessage({}), NoiseError::InvalidState);
    expectError(pair.initiator.readMessage({}), NoiseError::InvalidState);
    EXPECT_FALSE(pair.initiator.remoteStatic().has_value());
    EXPECT_TRUE(pair.initiator.handshakeHash().empty());
    // NOLINTEND(bugprone-use-after-move)
    EXPECT_TRUE(moved.writeMessage({}).ok());
}

} // namespace
} // namespace confab::crypto
