#pragma once

#include "crypto/noise.h"
#include "proto/frame.h"
#include "proto/handshake_payload.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/preamble.h"
#include "session/link_timings.h"
#include "support/wait.h"

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>

#include <optional>

namespace confab::session::test {

// The initiator side of the link protocol written out by hand over a plain
// socket: preamble, Noise XX, framed transport messages. Each step is a
// separate call, so a test can stop anywhere, send broken bytes, replay a
// frame or go silent, and check how a Link under test reacts.
class NoisePeer {
public:
    explicit NoisePeer(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }

    QTcpSocket& socket() { return m_socket; }

    bool waitConnected()
    {
        if (!confab::test::waitUntil(
                [this] { return m_socket.state() == QAbstractSocket::ConnectedState; })) {
            return false;
        }
        // As the Link does: small frames leave at once instead of waiting on Nagle.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return true;
    }

    void writeRaw(proto::ByteView bytes)
    {
        m_socket.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    }
    void writeFrame(proto::ByteView payload) { writeRaw(proto::encodeFrame(payload)); }
    void writeFrameHeader(std::uint32_t length)
    {
        const proto::Bytes header{static_cast<std::uint8_t>(length >> 24),
                                  static_cast<std::uint8_t>(length >> 16),
                                  static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
        writeRaw(header);
    }
    void writePreamble() { writeRaw(proto::encodePreamble(proto::kProtocolVersion)); }

    std::optional<proto::Bytes> readExactly(std::size_t count, int timeoutMs = 5000)
    {
        const auto wanted = static_cast<qint64>(count);
        if (!confab::test::waitUntil([&] { return m_socket.bytesAvailable() >= wanted; }, timeoutMs)) {
            return std::nullopt;
        }
        const QByteArray data = m_socket.read(wanted);
        return proto::Bytes(data.begin(), data.end());
    }

    std::optional<proto::Bytes> readFrame(int timeoutMs = 5000)
    {
        const auto header = readExactly(proto::kFrameHeaderSize, timeoutMs);
        if (!header) {
            return std::nullopt;
        }
        const std::size_t length = (std::size_t{(*header)[0]} << 24) | (std::size_t{(*header)[1]} << 16) |
                                   (std::size_t{(*header)[2]} << 8) | std::size_t{(*header)[3]};
        return readExactly(length, timeoutMs);
    }

    // Runs the whole initiator handshake. On success `remote()` holds what the
    // responder presented and the transport ciphers are ready.
    bool handshake(const crypto::IdentityKeyPair& identity, const proto::HandshakePayload& own,
                   proto::ByteView sendWithMessage3 = {})
    {
        writePreamble();
        const auto theirPreamble = readExactly(proto::kPreambleSize);
        if (!theirPreamble) {
            return false;
        }
        const auto ours = proto::encodePreamble(proto::kProtocolVersion);
        crypto::HandshakeConfig config;
        config.pattern = crypto::NoisePattern::XX;
        config.hash = crypto::NoiseHash::Blake2b;
        config.initiator = true;
        config.prologue.assign(ours.begin(), ours.end());
        config.prologue.insert(config.prologue.end(), theirPreamble->begin(), theirPreamble->end());
        config.localStatic = identity.noiseStaticKey();
        crypto::HandshakeState handshake(std::move(config));

        auto message1 = handshake.writeMessage({});
        if (!message1) {
            return false;
        }
        writeFrame(message1.value());
        const auto message2 = readFrame();
        if (!message2) {
            return false;
        }
        auto payload = handshake.readMessage(*message2);
        if (!payload) {
            return false;
        }
        auto remote = proto::decodeHandshakePayload(payload.value());
        if (!remote) {
            return false;
        }
        m_remote = remote.value();
        auto message3 = handshake.writeMessage(proto::encodeHandshakePayload(own));
        if (!message3 || !handshake.isComplete()) {
            return false;
        }
        // Message 3 and (optionally) the first transport frame leave in one write.
        proto::Bytes bytes = proto::encodeFrame(message3.value());
        m_transport.emplace(handshake.split());
        if (!sendWithMessage3.empty()) {
            const proto::Bytes frame = proto::encodeFrame(encryptCounted(sendWithMessage3));
            bytes.insert(bytes.end(), frame.begin(), frame.end());
        }
        writeRaw(bytes);
        return true;
    }

    [[nodiscard]] const proto::HandshakePayload& remote() const { return m_remote; }
    crypto::TransportState& transport() { return *m_transport; }

    // Encrypts one link message as the protocol does: the sending key is
    // rekeyed after every kRekeyInterval messages.
    proto::Bytes encryptCounted(proto::ByteView plaintext)
    {
        auto ciphertext = m_transport->encrypt(plaintext);
        if (++m_sent % kRekeyInterval == 0) {
            m_transport->rekeySend();
        }
        return ciphertext ? ciphertext.value() : proto::Bytes{};
    }
    void sendMessage(proto::LinkMessageType type, proto::ByteView body)
    {
        writeFrame(encryptCounted(proto::encodeLinkMessage(type, body)));
    }

    // Decrypts one received frame, rekeying the receiving key on the same
    // schedule. nullopt on a frame that fails authentication.
    std::optional<proto::LinkMessage> decryptCounted(const proto::Bytes& frame)
    {
        auto plaintext = m_transport->decrypt(frame);
        if (!plaintext) {
            return std::nullopt;
        }
        if (++m_received % kRekeyInterval == 0) {
            m_transport->rekeyReceive();
        }
        auto message = proto::decodeLinkMessage(plaintext.value());
        if (!message) {
            return std::nullopt;
        }
        return message.value();
    }

private:
    QTcpSocket m_socket;
    proto::HandshakePayload m_remote;
    std::optional<crypto::TransportState> m_transport;
    unsigned long long m_sent = 0;
    unsigned long long m_received = 0;
};

} // namespace confab::session::test
