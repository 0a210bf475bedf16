#pragma once

// The client side of a Confab link for test tools that play a peer: a
// blocking TCP connection whose every wait is bounded by a deadline, and the
// preamble exchange and Noise XX handshake as the initiator, or as the
// responder when the node dials the tool (a transfer connection). Tools use
// it to talk to a running node the way a (possibly hostile) peer would.

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"
#include "crypto/identity.h"
#include "crypto/noise.h"
#include "proto/envelope.h"
#include "proto/handshake_payload.h"
#include "proto/link_message.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace confab::tools {

using Clock = std::chrono::steady_clock;

// Anything that makes the run meaningless (connection refused, the node not
// speaking Confab, a handshake that fails on our side) ends the run.
class Unexpected : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Raised when the node closes the connection while we still expected to talk.
class ClosedEarly : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

int remainingMs(Clock::time_point deadline);
std::int64_t wallClockMs();

class Connection {
public:
    Connection(const std::string& host, const std::string& port);
    // Takes over a socket that Listener accepted.
    explicit Connection(int connectedFd);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The address the node sees us as, so its log line can be found.
    [[nodiscard]] std::string localAddress() const;
    // For poll(): readable means receiveSome() has something to take.
    [[nodiscard]] int fd() const { return m_fd; }
    [[nodiscard]] bool closed() const { return m_closed; }

    // False when the node has already closed (or reset) the connection.
    bool sendAll(ByteView bytes);
    void sendOrThrow(ByteView bytes);

    // Reads whatever arrives before the deadline into the buffer. Returns
    // false when the node closed the connection.
    bool receiveSome(Clock::time_point deadline);
    // Exactly `count` bytes, or throws when the deadline passes or the node closes.
    Bytes readExact(std::size_t count, Clock::time_point deadline);
    Bytes readFrame(std::size_t maxSize, Clock::time_point deadline);
    // One frame, or nullopt when the deadline passes first; throws
    // ClosedEarly when the node closes the connection.
    std::optional<Bytes> tryReadFrame(std::size_t maxSize, Clock::time_point deadline);

    // Waits for the node to close the connection, discarding anything it
    // still sends. Returns the milliseconds it took, or nullopt on timeout.
    std::optional<long long> waitForClose(Clock::time_point attackDone, int timeoutMs);

    void markClosed() { m_closed = true; }

private:
    int m_fd = -1;
    bool m_closed = false;
    Bytes m_buffer;
};

// A listening TCP socket the node can dial back (for transfer connections).
class Listener {
public:
    explicit Listener(const std::string& host);
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] int fd() const { return m_fd; }
    // A connection the node opened, or null when none is waiting.
    std::unique_ptr<Connection> acceptPending();

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
};

Bytes ownPreamble();

// The state after a completed handshake, as the initiator.
struct Session {
    crypto::TransportState transport;
    proto::HandshakePayload remote;
    PeerId self; // the ID we presented (claimed or our own)
};

struct HandshakeOptions {
    std::optional<PeerId> presentedId; // overrides the peer ID in our payload
    std::uint32_t capabilities = 0;    // Capability bits we announce
    std::uint16_t listenPort = 0;      // 0: the node never dials us back
};

// Runs the preamble exchange and Noise XX as the initiator with `identity`.
Session handshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                  const HandshakeOptions& options, Clock::time_point deadline);
// Runs the preamble exchange and Noise XX as the responder, on a connection
// the node dialled; the node's payload (with its Transfer field, if any) is
// in the result.
Session acceptHandshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                        const HandshakeOptions& options, Clock::time_point deadline);

// Encrypts one link message (type byte included) and sends it as a frame.
void sendLinkMessage(Connection& connection, Session& session, ByteView plaintext);

// Decrypts one frame from the node and decodes its link message; throws
// Unexpected when either fails.
proto::LinkMessage openLinkMessage(Session& session, ByteView frame);

// One encrypted frame carrying an envelope of `kind` from us to the node.
Bytes envelopeFrame(Session& session, proto::EnvelopeKind kind, const MessageId& id, ByteView body);
Bytes textFrame(Session& session, const MessageId& id, std::string_view text);

// Reads the node's transport frames until a Delivered receipt names `id`,
// answering pings on the way. False when the deadline passes first.
bool awaitDelivered(Connection& connection, Session& session, const MessageId& id,
                    Clock::time_point deadline);

} // namespace confab::tools
