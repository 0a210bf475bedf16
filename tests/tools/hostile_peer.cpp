// confab_hostile_peer: connects to a running node and misbehaves in one
// chosen way, then reports whether (and how fast) the node closed the link.
// Integration tests use it to check that bad input closes exactly one link.
//
//   confab_hostile_peer --connect HOST:PORT --mode MODE [--claim-id ID] [--timeout-ms N]
//
// Exit codes: 0 the node closed the link (or, for `good`, confirmed delivery),
// 1 it did not, 2 something unexpected happened (message on stderr).

#include "crypto/identity.h"
#include "crypto/noise.h"
#include "crypto/random.h"
#include "crypto/sodium_init.h"
#include "proto/byte_io.h"
#include "proto/envelope.h"
#include "proto/frame.h"
#include "proto/handshake_payload.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/preamble.h"
#include "proto/receipt.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace confab;
using Clock = std::chrono::steady_clock;

constexpr int kExitClosed = 0;
constexpr int kExitStillOpen = 1;
constexpr int kExitUnexpected = 2;
constexpr int kDefaultTimeoutMs = 5000;
// Far above any frame limit the protocol allows, during or after the handshake.
constexpr std::uint32_t kOversizedFrameLength = 10'000'000;
constexpr std::size_t kGarbageBytes = 1024;
constexpr std::string_view kGoodText = "hello from the hostile tool";

// Anything that makes the run meaningless (connection refused, the node not
// speaking Confab, a handshake that fails on our side) ends the run with exit 2.
class Unexpected : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Raised when the node closes the connection while we still expected to talk.
class ClosedEarly : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Options {
    std::string host;
    std::string port;
    std::string mode;
    std::optional<PeerId> claimId;
    int timeoutMs = kDefaultTimeoutMs;
};

void usage(const char* problem)
{
    std::fprintf(
        stderr,
        "confab_hostile_peer: %s\n"
        "Usage: confab_hostile_peer --connect HOST:PORT --mode MODE [--claim-id ID] [--timeout-ms N]\n"
        "Modes: garbage, truncated-handshake, oversized-frame, flip-bit, replay, impersonate, good\n",
        problem);
}

std::optional<Options> parseOptions(int argc, char** argv)
{
    Options options;
    std::string connect;
    std::string claim;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            usage("every option needs a value");
            return std::nullopt;
        }
        const std::string value = argv[++i];
        if (arg == "--connect") {
            connect = value;
        } else if (arg == "--mode") {
            options.mode = value;
        } else if (arg == "--claim-id") {
            claim = value;
        } else if (arg == "--timeout-ms") {
            try {
                options.timeoutMs = std::stoi(value);
            } catch (const std::exception&) {
                options.timeoutMs = -1;
            }
            if (options.timeoutMs <= 0) {
                usage("--timeout-ms needs a positive number");
                return std::nullopt;
            }
        } else {
            usage("unknown option");
            return std::nullopt;
        }
    }
    const auto colon = connect.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == connect.size()) {
        usage("--connect needs HOST:PORT");
        return std::nullopt;
    }
    options.host = connect.substr(0, colon);
    options.port = connect.substr(colon + 1);
    if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']') {
        options.host = options.host.substr(1, options.host.size() - 2);
    }
    static constexpr std::string_view kModes[] = {
        "garbage", "truncated-handshake", "oversized-frame", "flip-bit", "replay", "impersonate", "good"};
    if (std::find(std::begin(kModes), std::end(kModes), options.mode) == std::end(kModes)) {
        usage("--mode is missing or unknown");
        return std::nullopt;
    }
    if (options.mode == "impersonate") {
        options.claimId = PeerId::fromText(claim);
        if (!options.claimId) {
            usage("impersonate needs --claim-id with a peer ID the node knows");
            return std::nullopt;
        }
    }
    return options;
}

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

// A blocking TCP socket; every wait is bounded by poll() with a deadline.
class Connection {
public:
    Connection(const std::string& host, const std::string& port)
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
    ~Connection() { ::close(m_fd); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The address the node sees us as, so its log line can be found.
    [[nodiscard]] std::string localAddress() const
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

    // False when the node has already closed (or reset) the connection.
    bool sendAll(ByteView bytes)
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

    void sendOrThrow(ByteView bytes)
    {
        if (!sendAll(bytes)) {
            throw ClosedEarly("the node closed the connection while we were sending");
        }
    }

    // Reads whatever arrives before the deadline into the buffer. Returns
    // false when the node closed the connection.
    bool receiveSome(Clock::time_point deadline)
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

    // Exactly `count` bytes, or throws when the deadline passes or the node closes.
    Bytes readExact(std::size_t count, Clock::time_point deadline)
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

    Bytes readFrame(std::size_t maxSize, Clock::time_point deadline)
    {
        const Bytes header = readExact(proto::kFrameHeaderSize, deadline);
        proto::ByteReader reader(header);
        const std::uint32_t length = reader.u32().value_or(0);
        if (length == 0 || length > maxSize) {
            throw Unexpected("the node sent a frame of " + std::to_string(length) + " bytes");
        }
        return readExact(length, deadline);
    }

    // Waits for the node to close the connection, discarding anything it
    // still sends. Returns the milliseconds it took, or nullopt on timeout.
    std::optional<long long> waitForClose(Clock::time_point attackDone, int timeoutMs)
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

    void markClosed() { m_closed = true; }

private:
    int m_fd = -1;
    bool m_closed = false;
    Bytes m_buffer;
};

Bytes ownPreamble()
{
    const auto preamble = proto::encodePreamble(proto::kProtocolVersion);
    return {preamble.begin(), preamble.end()};
}

Bytes frameHeader(std::uint32_t length)
{
    Bytes header;
    proto::ByteWriter(header).u32(length);
    return header;
}

// The state after a completed handshake, as the initiator.
struct Session {
    crypto::TransportState transport;
    proto::HandshakePayload remote;
    PeerId self; // the ID we presented (claimed or our own)
};

// Runs preamble exchange and Noise XX as the initiator, with a fresh identity
// key of our own. `presentedId` overrides the peer ID in our payload.
Session handshake(Connection& connection, const crypto::IdentityKeyPair& identity,
                  const std::optional<PeerId>& presentedId, Clock::time_point deadline)
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
    own.peerId = presentedId.value_or(identity.peerId());
    own.identityKey = identity.publicKey();
    own.displayName = "hostile peer";
    own.listenPort = 0; // so the node never dials us back
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

// One encrypted frame carrying a Text envelope from us to the node.
Bytes textFrame(Session& session, const MessageId& id, std::string_view text)
{
    proto::Envelope envelope;
    envelope.kind = proto::EnvelopeKind::Text;
    envelope.id = id;
    envelope.sender = session.self;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = session.remote.peerId;
    envelope.timestampMs = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                          std::chrono::system_clock::now().time_since_epoch())
                                                          .count());
    const ByteView body = asBytes(text);
    envelope.body.assign(body.begin(), body.end());
    const Bytes plaintext =
        proto::encodeLinkMessage(proto::LinkMessageType::Envelope, proto::encodeEnvelope(envelope));
    auto ciphertext = session.transport.encrypt(plaintext);
    if (!ciphertext) {
        throw Unexpected(std::string("cannot encrypt: ") + crypto::toString(ciphertext.error()));
    }
    return proto::encodeFrame(ciphertext.value());
}

void sendLinkMessage(Connection& connection, Session& session, ByteView plaintext)
{
    auto ciphertext = session.transport.encrypt(plaintext);
    if (!ciphertext) {
        throw Unexpected(std::string("cannot encrypt: ") + crypto::toString(ciphertext.error()));
    }
    connection.sendOrThrow(proto::encodeFrame(ciphertext.value()));
}

// Reads the node's transport frames until a Delivered receipt names `id`,
// answering pings on the way. False when the deadline passes first.
bool awaitDelivered(Connection& connection, Session& session, const MessageId& id, Clock::time_point deadline)
{
    while (Clock::now() < deadline) {
        const Bytes frame = connection.readFrame(proto::kMaxFrameSize, deadline);
        auto plaintext = session.transport.decrypt(frame);
        if (!plaintext) {
            throw Unexpected(std::string("a frame from the node failed to decrypt: ") +
                             crypto::toString(plaintext.error()));
        }
        auto message = proto::decodeLinkMessage(plaintext.value());
        if (!message) {
            throw Unexpected("the node sent a malformed link message");
        }
        const proto::LinkMessage& link = message.value();
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

int reportClose(Connection& connection, Clock::time_point attackDone, int timeoutMs)
{
    const auto elapsed = connection.waitForClose(attackDone, timeoutMs);
    if (!elapsed) {
        std::printf("still open\n");
        return kExitStillOpen;
    }
    std::printf("closed after %lld ms\n", *elapsed);
    return kExitClosed;
}

// Sends the attack; returns when its last byte was written. A node that
// closes while we are still sending has closed "at once".
Clock::time_point attack(Connection& connection, const Options& options)
{
    const auto handshakeDeadline = Clock::now() + std::chrono::milliseconds(options.timeoutMs);
    const auto sendAttack = [&connection](ByteView bytes) {
        if (!connection.sendAll(bytes)) {
            connection.markClosed();
        }
        return Clock::now();
    };

    if (options.mode == "garbage") {
        Bytes garbage(kGarbageBytes);
        crypto::randomBytes(garbage);
        return sendAttack(garbage);
    }
    if (options.mode == "truncated-handshake") {
        // A real message 1 (our ephemeral key), cut in half after its header.
        crypto::HandshakeConfig config;
        config.initiator = true;
        config.localStatic = crypto::DhKeyPair::generate();
        crypto::HandshakeState state(std::move(config));
        auto message1 = state.writeMessage({});
        if (!message1) {
            throw Unexpected("cannot write handshake message 1");
        }
        Bytes bytes = ownPreamble();
        const Bytes frame = proto::encodeFrame(message1.value());
        bytes.insert(bytes.end(), frame.begin(),
                     frame.begin() +
                         static_cast<std::ptrdiff_t>(proto::kFrameHeaderSize + message1.value().size() / 2));
        return sendAttack(bytes);
    }
    if (options.mode == "oversized-frame") {
        Bytes bytes = ownPreamble();
        const Bytes header = frameHeader(kOversizedFrameLength);
        bytes.insert(bytes.end(), header.begin(), header.end());
        return sendAttack(bytes);
    }

    const auto identity = crypto::IdentityKeyPair::generate();
    if (options.mode == "impersonate") {
        // The node rejects message 3, so the attack ends with it.
        handshake(connection, identity, options.claimId, handshakeDeadline);
        return Clock::now();
    }
    Session session = handshake(connection, identity, std::nullopt, handshakeDeadline);
    const Bytes valid = textFrame(session, crypto::randomMessageId(), "a valid message before the attack");
    connection.sendOrThrow(valid);
    if (options.mode == "replay") {
        return sendAttack(valid);
    }
    // flip-bit: a fresh, correctly numbered frame with one ciphertext bit flipped.
    Bytes tampered = textFrame(session, crypto::randomMessageId(), "this frame is tampered with");
    tampered[proto::kFrameHeaderSize + (tampered.size() - proto::kFrameHeaderSize) / 2] ^= 0x01;
    return sendAttack(tampered);
}

int runGood(Connection& connection, const Options& options)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(options.timeoutMs);
    const auto identity = crypto::IdentityKeyPair::generate();
    Session session = handshake(connection, identity, std::nullopt, deadline);
    const MessageId id = crypto::randomMessageId();
    connection.sendOrThrow(textFrame(session, id, kGoodText));
    if (!awaitDelivered(connection, session, id, deadline)) {
        std::fprintf(stderr, "confab_hostile_peer: no Delivered receipt within %d ms\n", options.timeoutMs);
        return kExitStillOpen;
    }
    // Leave politely, as a real peer would.
    sendLinkMessage(connection, session, proto::encodeGoodbye(proto::GoodbyeReason::Shutdown));
    std::printf("delivered\n");
    return kExitClosed;
}

int run(const Options& options)
{
    Connection connection(options.host, options.port);
    std::fprintf(stderr, "confab_hostile_peer: connected from %s\n", connection.localAddress().c_str());
    if (options.mode == "good") {
        try {
            return runGood(connection, options);
        } catch (const ClosedEarly& error) {
            std::fprintf(stderr, "confab_hostile_peer: %s before confirming delivery\n", error.what());
            return kExitStillOpen;
        }
    }
    try {
        const Clock::time_point attackDone = attack(connection, options);
        return reportClose(connection, attackDone, options.timeoutMs);
    } catch (const ClosedEarly& error) {
        // Before the attack was complete: the node misjudged a valid exchange.
        throw Unexpected(error.what());
    }
}

} // namespace

int main(int argc, char** argv)
{
    const auto options = parseOptions(argc, argv);
    if (!options) {
        return kExitUnexpected;
    }
    if (!crypto::initSodium()) {
        std::fprintf(stderr, "confab_hostile_peer: libsodium cannot initialise\n");
        return kExitUnexpected;
    }
    try {
        return run(*options);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "confab_hostile_peer: %s\n", error.what());
        return kExitUnexpected;
    }
}
