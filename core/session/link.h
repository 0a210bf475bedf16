#pragma once

#include "base/clock.h"
#include "crypto/noise.h"
#include "link_timings.h"
#include "net/byte_stream.h"
#include "net/host_port.h"
#include "peer_authenticator.h"
#include "proto/frame.h"
#include "proto/handshake_payload.h"
#include "proto/link_message.h"
#include "transfer_channel.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace confab::session {

// One connection to a peer over a byte stream: preamble, Noise XX handshake,
// then encrypted frames. Any malformed, oversized, tampered or replayed input
// closes the link with one logged reason; nothing else is affected.
//
// The same handshake opens a transfer connection: an initiator whose own
// payload carries a transferId, or a responder whose initiator's does. Such
// a Link never carries link messages: once the handshake is done it emits
// transferReady() and its owner takes the connection out with
// takeTransferChannel().
class Link : public QObject {
    Q_OBJECT
public:
    enum class Role { Initiator, Responder };
    enum class State { Preamble, Handshake, Established, Closed };

    // Called once the remote identity is known, before this side commits to
    // the link (the initiator checks before sending its own identity).
    using Verifier =
        std::function<AuthDecision(const proto::HandshakePayload&, const crypto::PublicKey& remoteStatic)>;

    // What every link of a node shares.
    struct Context {
        const crypto::IdentityKeyPair& identity;
        Clock& clock;
        LinkTimings timings;
    };

    // `stream` is open (accepted) or connecting (dialled).
    Link(std::unique_ptr<net::ByteStream> stream, Role role, const Context& context,
         proto::HandshakePayload ownPayload, Verifier verifier, quint64 serial, QObject* parent = nullptr);
    ~Link() override;

    // Starts the handshake once the stream is open. `alreadyRead`: bytes of
    // this stream read before this Link took it (a connection through a
    // relay, whose own handshake came first on the same stream).
    void start(Bytes alreadyRead = {});
    // Encrypts and queues one link message. False when not established.
    bool send(proto::LinkMessageType type, ByteView body);
    // Says goodbye (not on a transfer connection), flushes and closes.
    void close(proto::GoodbyeReason reason);
    // Closes at once, logging `reason` once.
    void abort(const QString& reason);

    [[nodiscard]] Role role() const { return m_role; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const proto::HandshakePayload& remote() const { return m_remote; }
    // The peer ID the other side claimed, even if it was refused.
    [[nodiscard]] const std::optional<PeerId>& claimedPeer() const { return m_claimedPeer; }
    [[nodiscard]] const Bytes& handshakeHash() const { return m_handshakeHash; }
    // The other end of the stream (for a dial not yet connected: the address dialled).
    [[nodiscard]] net::HostPort socketPeer() const { return m_socketPeer; }
    // Where the peer accepts connections: its IP and its announced port.
    [[nodiscard]] std::optional<net::HostPort> remoteListenAddress() const;
    [[nodiscard]] quint64 serial() const { return m_serial; }
    [[nodiscard]] QString describe() const;
    // The drop this connection is for, when it is a transfer connection
    // (for a responder: known once the initiator's payload has been read).
    [[nodiscard]] std::optional<TransferId> transferId() const;
    // After transferReady(): the stream, the record keys and what arrived
    // with the handshake, as a channel of its own. The Link is closed then
    // (without emitting closed()) and can be deleted. Null at any other time.
    [[nodiscard]] std::unique_ptr<TransferChannel> takeTransferChannel();
    // The peer a relay is asked to pass this transfer connection on to
    // (handshake field ForwardTo): set for the dialler of such a connection,
    // and for the relay once the dialler's payload has been read.
    [[nodiscard]] std::optional<PeerId> forwardTo() const;
    // After transferReady() of a connection to a relay: the bare stream and
    // what arrived after the handshake, which are no longer this Link's
    // records but the forwarded connection's bytes. The Link is closed then,
    // as after takeTransferChannel().
    struct BareStream {
        std::unique_ptr<net::ByteStream> stream;
        Bytes alreadyRead;
    };
    [[nodiscard]] BareStream takeStream();

signals:
    void established(confab::session::Link* link);
    // A transfer connection's handshake is done: take it (takeTransferChannel).
    void transferReady(confab::session::Link* link);
    // Every message that arrived in one read, in order (Ping/Pong handled here).
    void messagesReceived(confab::session::Link* link,
                          const std::vector<confab::proto::LinkMessage>& messages);
    void closed(confab::session::Link* link, const QString& reason, bool securityViolation);

private:
    void onReadyRead();
    void onStreamOpen();
    void onLivenessCheck();
    bool handlePreamble();
    bool handleHandshakeFrame(const Bytes& frame);
    bool handleTransportFrame(const Bytes& frame, std::vector<proto::LinkMessage>& delivered);
    bool writeHandshakeMessage(ByteView payload);
    void finishHandshake();
    bool sendPlaintext(ByteView plaintext);
    void writeFrame(ByteView payload);
    void fail(const QString& reason, bool securityViolation);

    std::unique_ptr<net::ByteStream> m_stream;
    Role m_role;
    State m_state = State::Preamble;
    const crypto::IdentityKeyPair& m_identity;
    Clock& m_clock;
    LinkTimings m_timings;
    proto::HandshakePayload m_ownPayload;
    proto::HandshakePayload m_remote;
    std::optional<PeerId> m_claimedPeer;
    Verifier m_verifier;
    net::HostPort m_socketPeer;
    quint64 m_serial;
    bool m_streamWasOpen = false;

    std::uint16_t m_remotePreambleVersion = 0;
    Bytes m_preambleBuffer;
    proto::FrameDecoder m_decoder;
    std::optional<crypto::HandshakeState> m_handshake;
    std::optional<crypto::TransportState> m_transport;
    Bytes m_handshakeHash;
    unsigned long long m_sentCount = 0;
    unsigned long long m_receivedCount = 0;

    Bytes m_afterHandshake; // a transfer connection's first bytes, read with its handshake
    Bytes m_unread;         // given to start(): read before the stream was this Link's

    std::unique_ptr<Timer> m_livenessTimer;
    Stopwatch m_sinceReceived;
    Stopwatch m_sinceSent;
    Stopwatch m_sinceStart;
    std::uint64_t m_pingToken = 0;
};

} // namespace confab::session
