#include "crypto/noise.h"
#include "test_util.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <gtest/gtest.h>
#include <optional>

// Runs every vector of the published cacophony test vector file: a handshake
// that passes them all is byte-compatible with other Noise implementations.
namespace confab::crypto {
namespace {

constexpr const char* kVectorFile = CONFAB_TEST_DATA_DIR "/noise/cacophony-25519-chachapoly.json";

Bytes bytesOf(const QJsonObject& object, const char* key)
{
    const QByteArray decoded = QByteArray::fromHex(object.value(QLatin1String(key)).toString().toLatin1());
    return Bytes(decoded.begin(), decoded.end());
}

std::optional<PublicKey> keyOf(const QJsonObject& object, const char* key)
{
    if (!object.contains(QLatin1String(key))) {
        return std::nullopt;
    }
    const Bytes bytes = bytesOf(object, key);
    if (bytes.size() != 32) {
        ADD_FAILURE() << key << " is not 32 bytes";
        return std::nullopt;
    }
    PublicKey out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

std::optional<DhKeyPair> keyPairOf(const QJsonObject& object, const char* key)
{
    const std::optional<PublicKey> secret = keyOf(object, key);
    if (!secret) {
        return std::nullopt;
    }
    return DhKeyPair::fromSecret(Secret<32>(*secret));
}

std::optional<NoisePattern> patternOf(const QString& name)
{
    if (name == QLatin1String("NN")) {
        return NoisePattern::NN;
    }
    if (name == QLatin1String("KK")) {
        return NoisePattern::KK;
    }
    if (name == QLatin1String("IK")) {
        return NoisePattern::IK;
    }
    if (name == QLatin1String("XX")) {
        return NoisePattern::XX;
    }
    if (name == QLatin1String("X")) {
        return NoisePattern::X;
    }
    return std::nullopt;
}

std::optional<NoiseHash> hashOf(const QString& name)
{
    if (name == QLatin1String("BLAKE2b")) {
        return NoiseHash::Blake2b;
    }
    if (name == QLatin1String("SHA256")) {
        return NoiseHash::Sha256;
    }
    return std::nullopt;
}

HandshakeConfig sideConfig(const QJsonObject& vector, NoisePattern pattern, NoiseHash hash, bool initiator)
{
    const char* prefix = initiator ? "init_" : "resp_";
    const auto field = [prefix](const char* name) { return std::string(prefix) + name; };
    HandshakeConfig config;
    config.pattern = pattern;
    config.hash = hash;
    config.initiator = initiator;
    config.prologue = bytesOf(vector, field("prologue").c_str());
    config.localEphemeral = keyPairOf(vector, field("ephemeral").c_str());
    config.localStatic = keyPairOf(vector, field("static").c_str());
    config.remoteStatic = keyOf(vector, field("remote_static").c_str());
    return config;
}

void runVector(const QJsonObject& vector)
{
    ASSERT_EQ(vector.value(QLatin1String("dh")).toString(), QLatin1String("25519"));
    ASSERT_EQ(vector.value(QLatin1String("cipher")).toString(), QLatin1String("ChaChaPoly"));
    const std::optional<NoisePattern> pattern = patternOf(vector.value(QLatin1String("pattern")).toString());
    ASSERT_TRUE(pattern.has_value()) << "unsupported pattern";
    const std::optional<NoiseHash> hash = hashOf(vector.value(QLatin1String("hash")).toString());
    ASSERT_TRUE(hash.has_value()) << "unsupported hash";
    ASSERT_TRUE(vector.contains(QLatin1String("init_ephemeral")));
    ASSERT_TRUE(vector.contains(QLatin1String("resp_ephemeral")));

    HandshakeState initiator(sideConfig(vector, *pattern, *hash, true));
    HandshakeState responder(sideConfig(vector, *pattern, *hash, false));
    std::optional<TransportState> initiatorTransport;
    std::optional<TransportState> responderTransport;

    const QJsonArray messages = vector.value(QLatin1String("messages")).toArray();
    ASSERT_FALSE(messages.isEmpty());
    for (qsizetype index = 0; index < messages.size(); ++index) {
        SCOPED_TRACE(testing::Message() << "message " << index);
        const QJsonObject message = messages.at(index).toObject();
        const Bytes payload = bytesOf(message, "payload");
        const Bytes ciphertext = bytesOf(message, "ciphertext");
        // One-way patterns (X) only ever send from the initiator.
        const bool initiatorSends = *pattern == NoisePattern::X || index % 2 == 0;

        if (!initiatorTransport) {
            HandshakeState& writer = initiatorSends ? initiator : responder;
            HandshakeState& reader = initiatorSends ? responder : initiator;
            auto written = writer.writeMessage(payload);
            ASSERT_TRUE(written.ok()) << toString(written.error());
            EXPECT_EQ(written.value(), ciphertext);
            auto read = reader.readMessage(ciphertext);
            ASSERT_TRUE(read.ok()) << toString(read.error());
            EXPECT_EQ(read.value(), payload);
            ASSERT_EQ(initiator.isComplete(), responder.isComplete());
            if (initiator.isComplete()) {
                EXPECT_EQ(initiator.handshakeHash(), responder.handshakeHash());
                initiatorTransport.emplace(initiator.split());
                responderTransport.emplace(responder.split());
            }
        } else {
            TransportState& sender = initiatorSends ? *initiatorTransport : *responderTransport;
            TransportState& receiver = initiatorSends ? *responderTransport : *initiatorTransport;
            auto encrypted = sender.encrypt(payload);
            ASSERT_TRUE(encrypted.ok()) << toString(encrypted.error());
            EXPECT_EQ(encrypted.value(), ciphertext);
            auto decrypted = receiver.decrypt(ciphertext);
            ASSERT_TRUE(decrypted.ok()) << toString(decrypted.error());
            EXPECT_EQ(decrypted.value(), payload);
        }
    }
    // Every vector must reach transport, or it tested only half the suite.
    EXPECT_TRUE(initiatorTransport.has_value());
}

TEST(NoiseVectors, EveryVectorInTheFilePasses)
{
    QFile file(QString::fromUtf8(kVectorFile));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << kVectorFile;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << parseError.errorString().toStdString();
    const QJsonArray vectors = document.object().value(QLatin1String("vectors")).toArray();
    // NN, KK, IK, XX, X with BLAKE2b and XX with SHA256: a truncated file must not
    // pass by testing less.
    ASSERT_GE(vectors.size(), 6);

    for (qsizetype index = 0; index < vectors.size(); ++index) {
        const QJsonObject vector = vectors.at(index).toObject();
        SCOPED_TRACE(vector.value(QLatin1String("name")).toString().toStdString());
        runVector(vector);
    }
}

} // namespace
} // namespace confab::crypto
