#pragma once

#include "crypto/identity.h"
#include "crypto/noise.h"
#include "crypto/record_cipher.h"
#include "net/byte_stream.h"
#include "proto/frame.h"
#include "proto/handshake_payload.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/preamble.h"
#include "session/link_timings.h"
#include "support/virtual_clock.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace confab::session::test {

// Either side of the link protocol written out by hand over a byte stream:
// preamble, Noise XX, framed transport messages. Each step is a separate
// call, so a test can stop anywhere, send broken bytes, replay a frame, lie
// about its version or go silent, and check how a Link under test reacts.
// Waiting runs the virtual clock, so a read returns at the virtual moment
// its bytes arrive.
class NoisePeer {
public:
    // How long a read waits (virtual time) unless told otherwise.
    static constexpr std::int64_t kReadWaitMs = 5000;

    NoisePeer(std::unique_ptr<net::ByteStream> stream, confab::test::VirtualClock& clock)
        : m_stream(std::move(stream)), m_clock(clock), m_connected(m_stream->isOpen())
    {
        QObject::connect(m_stream.get(), &net::ByteStream::connected, m_stream.get(),
                         [this] { m_connected = true; });
        QObject::connect(m_stream.get(), &net::ByteStream::readyRead, m_stream.get(), [this] {
            const Bytes data = m_stream->readAll();
            m_inbox.insert(m_inbox.end(), data.begin(), data.end());
            if (m_onData) {
                m_onData();
            }
        });
        QObject::connect(m_stream.get(), &net::ByteStream::closed, m_stream.get(),
                         [this](const QString& reason) { m_closeReason = reason; });
    }

    net::ByteStream& stream() { return *m_stream; }
    // The stream has connected (it may have closed since).
    [[nodiscard]] bool isConnected() const { return m_connected; }
    [[nodiscard]] bool isClosed() const { return m_closeReason.has_value(); }
    [[nodiscard]] QString closeReason() const { return m_closeReason.value_or(QString()); }
    // Called whenever bytes arrive, at their virtual arrival time.
    void setOnData(std::function<void()> onData) { m_onData = std::move(onData); }

    bool waitConnected()
    {
        return confab::test::runUntil(
                   m_clock, [this] { return m_connected || isClosed(); }, kReadWaitMs) &&
               m_connected;
    }

    void writeRaw(ByteView bytes) { m_stream->write(bytes); }
    void writeFrame(ByteView payload) { writeRaw(proto::encodeFrame(payload)); }
    void writeFrameHeader(std::uint32_t length)
    {
        const Bytes header{static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
                           static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
        writeRaw(header);
    }
    void writePreamble(std::uint16_t version = proto::kProtocolVersion)
    {
        writeRaw(proto::encodePreamble(version));
    }

    // Bytes received and not read yet.
    [[nodiscard]] std::size_t buffered() const { return m_inbox.size() - m_readPos; }

    std::optional<Bytes> readExactly(std::size_t count, std::int64_t waitMs = kReadWaitMs)
    {
        // A closed stream brings no more bytes: no use waiting for them.
        confab::test::runUntil(
            m_clock, [&] { return buffered() >= count || isClosed(); }, waitMs);
        if (buffered() < count) {
            return std::nullopt;
        }
        return take(count);
    }

    std::optional<Bytes> readFrame(std::int64_t waitMs = kReadWaitMs)
    {
        const auto header = readExactly(proto::kFrameHeaderSize, waitMs);
        if (!header) {
            return std::nullopt;
        }
        return readExactly(frameLength(header->data()), waitMs);
    }

    // A whole frame if one has arrived, without running the clock.
    std::optional<Bytes> takeFrame()
    {
        if (buffered() < proto::kFrameHeaderSize) {
            return std::nullopt;
        }
        const std::size_t length = frameLength(m_inbox.data() + m_readPos);
        if (buffered() < proto::kFrameHeaderSize + length) {
            return std::nullopt;
        }
        take(proto::kFrameHeaderSize);
        return take(length);
    }

    // What the handshake should claim, each part separately: the preamble's
    // version and the payload (whose protocolVersion may say something else).
    struct Hello {
        std::uint16_t preambleVersion = proto::kProtocolVersion;
        proto::HandshakePayload payload;
    };

    // Runs the whole initiator handshake. On success `remote()` holds what
    // the responder presented and the transport ciphers are ready; with
    // `recordsWithMessage3`, so are the record ciphers of a transfer
    // connection, and those records leave in the same write as message 3.
    bool handshake(const crypto::IdentityKeyPair& identity, const Hello& hello,
                   ByteView sendWithMessage3 = {}, const std::vector<Bytes>& recordsWithMessage3 = {})
    {
        writePreamble(hello.preambleVersion);
        const auto theirPreamble = readExactly(proto::kPreambleSize);
        if (!theirPreamble) {
            return false;
        }
        crypto::HandshakeState handshake(config(identity, true, hello.preambleVersion, *theirPreamble));
        auto message1 = handshake.writeMessage({});
        if (!message1) {
            return false;
        }
        writeFrame(message1.value());
        const auto message2 = readFrame();
        if (!message2 || !readRemote(handshake, *message2)) {
            return false;
        }
        auto message3 = handshake.writeMessage(proto::encodeHandshakePayload(hello.payload));
        if (!message3 || !handshake.isComplete()) {
            return false;
        }
        // Message 3 and (optionally) the first transport frame leave in one write.
        Bytes bytes = proto::encodeFrame(message3.value());
        m_transport.emplace(handshake.split());
        if (!sendWithMessage3.empty()) {
            const Bytes frame = proto::encodeFrame(encryptCounted(sendWithMessage3));
            bytes.insert(bytes.end(), frame.begin(), frame.end());
        }
        if (!recordsWithMessage3.empty()) {
            startRecords();
            for (const Bytes& plaintext : recordsWithMessage3) {
                const Bytes sealed = record(plaintext);
                bytes.insert(bytes.end(), sealed.begin(), sealed.end());
            }
        }
        writeRaw(bytes);
        return true;
    }

    // Runs the whole responder handshake on an accepted stream. Returns once
    // message 3 has been read; false if the initiator never sent it.
    bool respond(const crypto::IdentityKeyPair& identity, const Hello& hello)
    {
        const auto theirPreamble = readExactly(proto::kPreambleSize);
        if (!theirPreamble) {
            return false;
        }
        writePreamble(hello.preambleVersion);
        crypto::HandshakeState handshake(config(identity, false, hello.preambleVersion, *theirPreamble));
        const auto message1 = readFrame();
        if (!message1 || !handshake.readMessage(*message1)) {
            return false;
        }
        auto message2 = handshake.writeMessage(proto::encodeHandshakePayload(hello.payload));
        if (!message2) {
            return false;
        }
        writeFrame(message2.value());
        const auto message3 = readFrame();
        if (!message3 || !readRemote(handshake, *message3) || !handshake.isComplete()) {
            return false;
        }
        m_transport.emplace(handshake.split());
        return true;
    }

    [[nodiscard]] const proto::HandshakePayload& remote() const { return m_remote; }
    crypto::TransportState& transport() { return *m_transport; }

    // Encrypts one link message as the protocol does: the sending key is
    // rekeyed after every kRekeyInterval messages.
    Bytes encryptCounted(ByteView plaintext)
    {
        auto ciphertext = m_transport->encrypt(plaintext);
        if (++m_sent % kRekeyInterval == 0) {
            m_transport->rekeySend();
        }
        return ciphertext ? ciphertext.value() : Bytes{};
    }
    // One link message as a complete frame, ready to write.
    Bytes messageFrame(proto::LinkMessageType type, ByteView body)
    {
        return proto::encodeFrame(encryptCounted(proto::encodeLinkMessage(type, body)));
    }
    void sendMessage(proto::LinkMessageType type, ByteView body) { writeRaw(messageFrame(type, body)); }

    // Decrypts one received frame, rekeying the receiving key on the same
    // schedule. nullopt on a frame that fails authentication.
    std::optional<proto::LinkMessage> decryptCounted(const Bytes& frame)
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

    // A transfer connection from here on: records instead of link messages.
    void startRecords()
    {
        auto [send, receive] = crypto::recordCiphers(*m_transport);
        m_recordSend.emplace(send);
        m_recordReceive.emplace(receive);
    }
    // One sealed record with its length, ready to write.
    Bytes record(ByteView plaintext)
    {
        auto ciphertext = m_recordSend->seal(plaintext);
        return ciphertext ? proto::encodeFrame(ciphertext.value()) : Bytes{};
    }
    void sendRecord(ByteView plaintext) { writeRaw(record(plaintext)); }
    // The next record's plaintext; nullopt when none arrives or it fails authentication.
    std::optional<Bytes> readRecord(std::int64_t waitMs = kReadWaitMs)
    {
        const auto ciphertext = readFrame(waitMs);
        if (!ciphertext) {
            return std::nullopt;
        }
        auto plaintext = m_recordReceive->open(*ciphertext);
        if (!plaintext) {
            return std::nullopt;
        }
        return plaintext.value();
    }

private:
    static std::size_t frameLength(const std::uint8_t* header)
    {
        return (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) |
               (std::size_t{header[2]} << 8) | std::size_t{header[3]};
    }

    Bytes take(std::size_t count)
    {
        const auto begin = m_inbox.begin() + static_cast<std::ptrdiff_t>(m_readPos);
        Bytes bytes(begin, begin + static_cast<std::ptrdiff_t>(count));
        m_readPos += count;
        // Compacted now and then, so reading many small frames stays linear.
        if (m_readPos > 65536 && m_readPos * 2 > m_inbox.size()) {
            m_inbox.erase(m_inbox.begin(), m_inbox.begin() + static_cast<std::ptrdiff_t>(m_readPos));
            m_readPos = 0;
        }
        return bytes;
    }

    static crypto::HandshakeConfig config(const crypto::IdentityKeyPair& identity, bool initiator,
                                          std::uint16_t ownVersion, const Bytes& theirPreamble)
    {
        // Both preambles, the initiator's first, as the protocol binds them.
        const auto ours = proto::encodePreamble(ownVersion);
        crypto::HandshakeConfig config;
        config.pattern = crypto::NoisePattern::XX;
        config.hash = crypto::NoiseHash::Blake2b;
        config.initiator = initiator;
        const Bytes own(ours.begin(), ours.end());
        const Bytes& first = initiator ? own : theirPreamble;
        const Bytes& second = initiator ? theirPreamble : own;
        config.prologue = first;
        config.prologue.insert(config.prologue.end(), second.begin(), second.end());
        config.localStatic = identity.noiseStaticKey();
        return config;
    }

    bool readRemote(crypto::HandshakeState& handshake, const Bytes& message)
    {
        auto payload = handshake.readMessage(message);
        if (!payload) {
            return false;
        }
        auto remote = proto::decodeHandshakePayload(payload.value());
        if (!remote) {
            return false;
        }
        m_remote = remote.value();
        return true;
    }

    std::unique_ptr<net::ByteStream> m_stream;
    confab::test::VirtualClock& m_clock;
    bool m_connected = false;
    std::optional<QString> m_closeReason;
    std::function<void()> m_onData;
    Bytes m_inbox;
    std::size_t m_readPos = 0;
    proto::HandshakePayload m_remote;
    std::optional<crypto::TransportState> m_transport;
    std::optional<crypto::RecordCipher> m_recordSend;
    std::optional<crypto::RecordCipher> m_recordReceive;
    unsigned long long m_sent = 0;
    unsigned long long m_received = 0;
};

} // namespace confab::session::test
