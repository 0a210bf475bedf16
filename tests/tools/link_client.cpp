#include "link_client.h"

#include "proto/byte_io.h"
#include "proto/frame.h"
#include "proto/limits.h"
#include "proto/preamble.h"

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

Bytes ownPreamble()
{
    const auto preamble = proto::encodePreamble(proto::kProtocolVersion);
    return {preamble.begin(), preamble.end()};
}

Session handshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                  const HandshakeOptions& options, Clock::time_point deadline)
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
    config.initiator = true;
    config.prologue = preamble;
    config.prologue.insert(config.prologue.end(), theirs.begin(), theirs.end());
    config.localStatic = identity.noiseStaticKey();
    crypto::HandshakeState state(std::move(config));

    auto message1 = state.writeMessage({});
    if (!message1) {
        throw Unexpected(std::string("cannot write handshake message 1: ") +
                         crypto::toString(message1.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(message1.value()));

    const Bytes message2 = connection.readFrame(proto::kMaxHandshakeFrameSize, deadline);
    auto remotePayload = state.readMessage(message2);
    if (!remotePayload) {
        throw Unexpected(std::string("cannot read handshake message 2: ") +
                         crypto::toString(remotePayload.error()));
    }
    auto remote = proto::decodeHandshakePayload(remotePayload.value());
    if (!remote) {
        throw Unexpected(std::string("the node's handshake payload is invalid: ") +
                         proto::toString(remote.error()));
    }

    proto::HandshakePayload own;
    own.protocolVersion = proto::kProtocolVersion;
    own.peerId = options.presentedId.value_or(identity.peerId());
    own.identityKey = identity.publicKey();
    own.displayName = "hostile peer";
    own.listenPort = 0; // so the node never dials us back
    own.capabilities = options.capabilities;
    auto message3 = state.writeMessage(proto::encodeHandshakePayload(own));
    if (!message3) {
        throw Unexpected(std::string("cannot write handshake message 3: ") +
                         crypto::toString(message3.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(message3.value()));
    if (!state.isComplete()) {
        throw Unexpected("the handshake did not complete after message 3");
    }
    std::fprintf(stderr, "confab_hostile_peer: handshake done as %s with %s\n", own.peerId.toText().c_str(),
                 remote.value().peerId.toText().c_str());
    return Session{state.split(), std::move(remote).value(), own.peerId};
}

void sendLinkMessage(Connection& connection, Session& session, ByteView plaintext)
{
    auto ciphertext = session.transport.encrypt(plaintext);
    if (!ciphertext) {
        throw Unexpected(std::string("cannot encrypt: ") + crypto::toString(ciphertext.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(ciphertext.value()));
}

} // namespace confab::tools
