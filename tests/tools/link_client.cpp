#include "link_client.h"

#include "proto/byte_io.h"
#include "proto/envelope.h"
#include "proto/frame.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/preamble.h"
#include "proto/receipt.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace confab::tools {

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

std::int64_t wallClockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Connection::Connection(const std::string& host, const std::string& port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
        throw Unexpected("cannot resolve " + host + ": " + gai_strerror(rc));
    }
    std::string lastError = "no address";
    for (const addrinfo* ai = found; ai != nullptr && m_fd < 0; ai = ai->ai_next) {
        const int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            lastError = std::strerror(errno);
            continue;
        }
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            lastError = std::strerror(errno);
            ::close(fd);
            continue;
        }
        m_fd = fd;
    }
    freeaddrinfo(found);
    if (m_fd < 0) {
        throw Unexpected("cannot connect to " + host + ":" + port + ": " + lastError);
    }
    // Attacks are timed from the moment their last byte is written.
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Connection::Connection(int connectedFd) : m_fd(connectedFd)
{
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Connection::~Connection()
{
    ::close(m_fd);
}

std::string Connection::localAddress() const
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        return "?";
    }
    char host[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
        return std::string(host) + ":" + std::to_string(ntohs(v4->sin_port));
    }
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(v6->sin6_port));
}

bool Connection::sendAll(ByteView bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            return false;
        }
        if (n < 0) {
            throw Unexpected(std::string("send failed: ") + std::strerror(errno));
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

void Connection::sendOrThrow(ByteView bytes)
{
    if (!sendAll(bytes)) {
        throw ClosedEarly("the node closed the connection while we were sending");
    }
}

bool Connection::receiveSome(Clock::time_point deadline)
{
    pollfd pfd{m_fd, POLLIN, 0};
    const int ready = poll(&pfd, 1, remainingMs(deadline));
    if (ready < 0 && errno != EINTR) {
        throw Unexpected(std::string("poll failed: ") + std::strerror(errno));
    }
    if (ready <= 0) {
        return true;
    }
    std::uint8_t chunk[65536];
    const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
    if (n == 0 || (n < 0 && errno == ECONNRESET)) {
        m_closed = true;
        return false;
    }
    if (n < 0 && errno != EINTR && errno != EAGAIN) {
        throw Unexpected(std::string("recv failed: ") + std::strerror(errno));
    }
    if (n > 0) {
        m_buffer.insert(m_buffer.end(), chunk, chunk + n);
    }
    return true;
}

Bytes Connection::readExact(std::size_t count, Clock::time_point deadline)
{
    while (m_buffer.size() < count) {
        if (!receiveSome(deadline)) {
            throw ClosedEarly("the node closed the connection");
        }
        if (m_buffer.size() < count && Clock::now() >= deadline) {
            throw Unexpected("the node sent nothing in time");
        }
    }
    Bytes out(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(count));
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(count));
    return out;
}

Bytes Connection::readFrame(std::size_t maxSize, Clock::time_point deadline)
{
    const Bytes header = readExact(proto::kFrameHeaderSize, deadline);
    proto::ByteReader reader(header);
    const std::uint32_t length = reader.u32().value_or(0);
    if (length == 0 || length > maxSize) {
        throw Unexpected("the node sent a frame of " + std::to_string(length) + " bytes");
    }
    return readExact(length, deadline);
}

std::optional<Bytes> Connection::tryReadFrame(std::size_t maxSize, Clock::time_point deadline)
{
    while (true) {
        if (m_buffer.size() >= proto::kFrameHeaderSize) {
            proto::ByteReader reader(ByteView(m_buffer.data(), proto::kFrameHeaderSize));
            const std::uint32_t length = reader.u32().value_or(0);
            if (length == 0 || length > maxSize) {
                throw Unexpected("the node sent a frame of " + std::to_string(length) + " bytes");
            }
            if (m_buffer.size() >= proto::kFrameHeaderSize + length) {
                const auto begin = m_buffer.begin() + static_cast<std::ptrdiff_t>(proto::kFrameHeaderSize);
                const auto end = begin + static_cast<std::ptrdiff_t>(length);
                Bytes frame(begin, end);
                m_buffer.erase(m_buffer.begin(), end);
                return frame;
            }
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        if (!receiveSome(deadline)) {
            throw ClosedEarly("the node closed the connection");
        }
    }
}

std::optional<long long> Connection::waitForClose(Clock::time_point attackDone, int timeoutMs)
{
    const auto deadline = attackDone + std::chrono::milliseconds(timeoutMs);
    while (!m_closed) {
        m_buffer.clear();
        if (!receiveSome(deadline)) {
            break;
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - attackDone).count();
}

Listener::Listener(const std::string& host)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = 0; // any free port: it is announced in the handshake
    if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
        throw Unexpected("cannot listen on " + host + ": not an IPv4 address");
    }
    m_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0 || bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        listen(m_fd, 16) != 0) {
        throw Unexpected("cannot listen on " + host + ": " + std::strerror(errno));
    }
    socklen_t length = sizeof address;
    getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
}

Listener::~Listener()
{
    ::close(m_fd);
}

std::unique_ptr<Connection> Listener::acceptPending()
{
    const int fd = accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED) {
            return nullptr;
        }
        throw Unexpected(std::string("accept failed: ") + std::strerror(errno));
    }
    return std::make_unique<Connection>(fd);
}

Bytes ownPreamble()
{
    const auto preamble = proto::encodePreamble(proto::kProtocolVersion);
    return {preamble.begin(), preamble.end()};
}

namespace {

proto::HandshakePayload ownPayload(const crypto::IdentityKeyPair& identity, const HandshakeOptions& options)
{
    proto::HandshakePayload own;
    own.protocolVersion = proto::kProtocolVersion;
    own.peerId = options.presentedId.value_or(identity.peerId());
    own.identityKey = identity.publicKey();
    own.displayName = "hostile peer";
    own.listenPort = options.listenPort;
    own.capabilities = options.capabilities;
    return own;
}

// Exchanges preambles and sets up Noise XX; both preambles, the
// initiator's first, are the prologue (as a node does it).
crypto::HandshakeState startHandshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                                      bool initiator, Clock::time_point deadline)
{
    const Bytes preamble = ownPreamble();
    connection.sendOrThrow(preamble);
    const Bytes theirs = connection.readExact(proto::kPreambleSize, deadline);
    if (const auto version = proto::decodePreamble(theirs); !version) {
        throw Unexpected(std::string("the node's preamble is invalid: ") + proto::toString(version.error()));
    }
    crypto::HandshakeConfig config;
    config.pattern = crypto::NoisePattern::XX;
    config.hash = crypto::NoiseHash::Blake2b;
    config.initiator = initiator;
    const Bytes& first = initiator ? preamble : theirs;
    const Bytes& second = initiator ? theirs : preamble;
    config.prologue = first;
    config.prologue.insert(config.prologue.end(), second.begin(), second.end());
    config.localStatic = identity.noiseStaticKey();
    return crypto::HandshakeState(std::move(config));
}

void writeHandshakeMessage(Connection& connection, crypto::HandshakeState& state, ByteView payload,
                           const char* which)
{
    auto message = state.writeMessage(payload);
    if (!message) {
        throw Unexpected(std::string("cannot write handshake message ") + which + ": " +
                         crypto::toString(message.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(message.value()));
}

Bytes readHandshakeMessage(Connection& connection, crypto::HandshakeState& state, const char* which,
                           Clock::time_point deadline)
{
    const Bytes frame = connection.readFrame(proto::kMaxHandshakeFrameSize, deadline);
    auto payload = state.readMessage(frame);
    if (!payload) {
        throw Unexpected(std::string("cannot read handshake message ") + which + ": " +
                         crypto::toString(payload.error()));
    }
    return std::move(payload).value();
}

proto::HandshakePayload remotePayload(ByteView bytes)
{
    auto remote = proto::decodeHandshakePayload(bytes);
    if (!remote) {
        throw Unexpected(std::string("the node's handshake payload is invalid: ") +
                         proto::toString(remote.error()));
    }
    return std::move(remote).value();
}

} // namespace

Session handshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                  const HandshakeOptions& options, Clock::time_point deadline)
{
    crypto::HandshakeState state = startHandshake(connection, identity, true, deadline);
    writeHandshakeMessage(connection, state, {}, "1");
    proto::HandshakePayload remote = remotePayload(readHandshakeMessage(connection, state, "2", deadline));
    const proto::HandshakePayload own = ownPayload(identity, options);
    writeHandshakeMessage(connection, state, proto::encodeHandshakePayload(own), "3");
    if (!state.isComplete()) {
        throw Unexpected("the handshake did not complete after message 3");
    }
    std::fprintf(stderr, "confab_hostile_peer: handshake done as %s with %s\n", own.peerId.toText().c_str(),
                 remote.peerId.toText().c_str());
    return Session{state.split(), std::move(remote), own.peerId};
}

Session acceptHandshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                        const HandshakeOptions& options, Clock::time_point deadline)
{
    crypto::HandshakeState state = startHandshake(connection, identity, false, deadline);
    (void)readHandshakeMessage(connection, state, "1", deadline);
    const proto::HandshakePayload own = ownPayload(identity, options);
    writeHandshakeMessage(connection, state, proto::encodeHandshakePayload(own), "2");
    proto::HandshakePayload remote = remotePayload(readHandshakeMessage(connection, state, "3", deadline));
    if (!state.isComplete()) {
        throw Unexpected("the handshake did not complete after message 3");
    }
    return Session{state.split(), std::move(remote), own.peerId};
}

void sendLinkMessage(Connection& connection, Session& session, ByteView plaintext)
{
    auto ciphertext = session.transport.encrypt(plaintext);
    if (!ciphertext) {
        throw Unexpected(std::string("cannot encrypt: ") + crypto::toString(ciphertext.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(ciphertext.value()));
}

proto::LinkMessage openLinkMessage(Session& session, ByteView frame)
{
    auto plaintext = session.transport.decrypt(frame);
    if (!plaintext) {
        throw Unexpected(std::string("a frame from the node failed to decrypt: ") +
                         crypto::toString(plaintext.error()));
    }
    auto message = proto::decodeLinkMessage(plaintext.value());
    if (!message) {
        throw Unexpected("the node sent a malformed link message");
    }
    return std::move(message).value();
}

Bytes envelopeFrame(Session& session, proto::EnvelopeKind kind, const MessageId& id, ByteView body)
{
    proto::Envelope envelope;
    envelope.kind = kind;
    envelope.id = id;
    envelope.sender = session.self;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = session.remote.peerId;
    envelope.timestampMs = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                          std::chrono::system_clock::now().time_since_epoch())
                                                          .count());
    envelope.body.assign(body.begin(), body.end());
    const Bytes plaintext =
        proto::encodeLinkMessage(proto::LinkMessageType::Envelope, proto::encodeEnvelope(envelope));
    auto ciphertext = session.transport.encrypt(plaintext);
    if (!ciphertext) {
        throw Unexpected(std::string("cannot encrypt: ") + crypto::toString(ciphertext.error()));
    }
    return proto::encodeFrame(ciphertext.value());
}

Bytes textFrame(Session& session, const MessageId& id, std::string_view text)
{
    return envelopeFrame(session, proto::EnvelopeKind::Text, id, asBytes(text));
}

bool awaitDelivered(Connection& connection, Session& session, const MessageId& id, Clock::time_point deadline)
{
    while (Clock::now() < deadline) {
        const Bytes frame = connection.readFrame(proto::kMaxFrameSize, deadline);
        const proto::LinkMessage link = openLinkMessage(session, frame);
        if (link.type == proto::LinkMessageType::Ping) {
            sendLinkMessage(connection, session,
                            proto::encodeLinkMessage(proto::LinkMessageType::Pong, link.body));
            continue;
        }
        if (link.type == proto::LinkMessageType::Goodbye) {
            throw ClosedEarly("the node said goodbye");
        }
        if (link.type != proto::LinkMessageType::Envelope) {
            continue;
        }
        auto envelope = proto::decodeEnvelope(link.body);
        if (!envelope) {
            throw Unexpected(std::string("the node sent a bad envelope: ") +
                             proto::toString(envelope.error()));
        }
        if (envelope.value().kind != proto::EnvelopeKind::Receipt) {
            continue;
        }
        const auto receipt = proto::decodeReceipt(envelope.value().body);
        if (receipt && receipt.value().state == proto::ReceiptState::Delivered &&
            std::find(receipt.value().ids.begin(), receipt.value().ids.end(), id) !=
                receipt.value().ids.end()) {
            return true;
        }
    }
    return false;
}

} // namespace confab::tools
