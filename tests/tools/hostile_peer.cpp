// confab_hostile_peer: connects to a running node and misbehaves in one
// chosen way, then reports whether (and how fast) the node closed the link.
// Integration tests use it to check that bad input closes exactly one link;
// the relay modes (relay_attacks.h) send relayed envelopes a node must refuse.
//
// The drop modes (drop_sender.h) play a sender of file drops.
//
//   confab_hostile_peer --connect HOST:PORT --mode MODE [--claim-id ID] [--timeout-ms N]
//                       [--to ID] [--count N] [--size BYTES] [--text TEXT] [--save FILE] [--load FILE]
//                       [--file FILE] [--chunk N] [--times N]
//
// Exit codes: 0 the node closed the link (or, for `good`, confirmed delivery;
// for a relay mode, the attack was sent; for a drop mode, every drop ended
// and the link still works), 1 it did not, 2 something unexpected happened
// (message on stderr).

#include "crypto/identity.h"
#include "crypto/noise.h"
#include "crypto/random.h"
#include "crypto/sodium_init.h"
#include "drop_sender.h"
#include "link_client.h"
#include "proto/byte_io.h"
#include "proto/envelope.h"
#include "proto/frame.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/receipt.h"
#include "proto/relay_envelope.h"
#include "relay_attacks.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace confab;
using namespace confab::tools;

constexpr int kExitClosed = 0;
constexpr int kExitStillOpen = 1;
constexpr int kExitUnexpected = 2;
constexpr int kDefaultTimeoutMs = 5000;
// Far above any frame limit the protocol allows, during or after the handshake.
constexpr std::uint32_t kOversizedFrameLength = 10'000'000;
constexpr std::size_t kGarbageBytes = 1024;
constexpr std::string_view kGoodText = "hello from the hostile tool";

struct Options {
    std::string host;
    std::string port;
    std::string mode;
    std::optional<PeerId> claimId;
    int timeoutMs = kDefaultTimeoutMs;
    RelayAttackOptions relay; // for the relay-* modes
    DropSenderOptions drop;   // for the drop-* modes
};

std::optional<int> positive(const std::string& value)
{
    try {
        const int n = std::stoi(value);
        return n > 0 ? std::optional(n) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<int> nonNegative(const std::string& value)
{
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    try {
        return std::stoi(value);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void usage(const char* problem)
{
    std::fprintf(
        stderr,
        "confab_hostile_peer: %s\n"
        "Usage: confab_hostile_peer --connect HOST:PORT --mode MODE [--claim-id ID] [--timeout-ms N]\n"
        "         [--to ID] [--count N] [--size BYTES] [--text TEXT] [--save FILE] [--load FILE]\n"
        "         [--file FILE] [--chunk N] [--times N]\n"
        "Modes: garbage, truncated-handshake, oversized-frame, flip-bit, replay, impersonate, good,\n"
        "  relay-forged-id, relay-forged-key (--to, --claim-id), relay-tampered, relay-expired,\n"
        "  relay-too-long, relay-replay (--to, [--save]), relay-resend (--load),\n"
        "  relay-flood ([--to], --size), relay-sink (takes everything for it until --timeout-ms),\n"
        "  relay-blackhole (claims a short route to everyone, takes everything, passes nothing on,\n"
        "  until --timeout-ms), drop-hostile-names, drop-bad-manifest,\n"
        "  drop-corrupt-chunk (--file, [--chunk], [--times]), drop-tamper-record (--file, [--chunk])\n",
        problem);
}

std::optional<Options> parseOptions(int argc, char** argv)
{
    Options options;
    std::string connect;
    std::string claim;
    std::string to;
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
            const auto n = positive(value);
            if (!n) {
                usage("--timeout-ms needs a positive number");
                return std::nullopt;
            }
            options.timeoutMs = *n;
        } else if (arg == "--to") {
            to = value;
        } else if (arg == "--count") {
            const auto n = positive(value);
            if (!n) {
                usage("--count needs a positive number");
                return std::nullopt;
            }
            options.relay.count = *n;
        } else if (arg == "--size") {
            const auto n = positive(value);
            const auto& classes = proto::kSealedSizeClasses;
            if (!n ||
                std::find(classes.begin(), classes.end(), static_cast<std::uint32_t>(*n)) == classes.end()) {
                usage("--size needs one of the sealed size classes (512, 2048, 8192, 32768, 65280)");
                return std::nullopt;
            }
            options.relay.sizeClass = static_cast<std::uint32_t>(*n);
        } else if (arg == "--text") {
            options.relay.text = value;
        } else if (arg == "--save") {
            options.relay.saveFile = value;
        } else if (arg == "--load") {
            options.relay.loadFile = value;
        } else if (arg == "--file") {
            options.drop.file = value;
        } else if (arg == "--chunk") {
            const auto n = nonNegative(value);
            if (!n) {
                usage("--chunk needs a chunk number (0 or more)");
                return std::nullopt;
            }
            options.drop.chunk = static_cast<std::uint32_t>(*n);
        } else if (arg == "--times") {
            const auto n = positive(value);
            if (!n) {
                usage("--times needs a positive number");
                return std::nullopt;
            }
            options.drop.times = *n;
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
    if (std::find(std::begin(kModes), std::end(kModes), options.mode) == std::end(kModes) &&
        !isRelayMode(options.mode) && !isDropMode(options.mode)) {
        usage("--mode is missing or unknown");
        return std::nullopt;
    }
    const bool forged = options.mode == "relay-forged-id" || options.mode == "relay-forged-key";
    if (options.mode == "impersonate" || forged) {
        options.claimId = PeerId::fromText(claim);
        if (!options.claimId) {
            usage("impersonate and the relay-forged modes need --claim-id with a peer ID the node knows");
            return std::nullopt;
        }
    }
    if (!to.empty()) {
        options.relay.to = PeerId::fromText(to);
        if (!options.relay.to) {
            usage("--to needs a peer ID");
            return std::nullopt;
        }
    }
    const bool needsRecipient = isRelayMode(options.mode) && options.mode != "relay-flood" &&
                                options.mode != "relay-resend" && options.mode != "relay-sink" &&
                                options.mode != "relay-blackhole";
    if (needsRecipient && !options.relay.to) {
        usage("this relay mode needs --to with the peer ID of the recipient");
        return std::nullopt;
    }
    if (options.mode == "relay-resend" && options.relay.loadFile.empty()) {
        usage("relay-resend needs --load with a file written by relay-replay --save");
        return std::nullopt;
    }
    const bool sendsAFile = options.mode == "drop-corrupt-chunk" || options.mode == "drop-tamper-record";
    if (sendsAFile && options.drop.file.empty()) {
        usage("this drop mode needs --file with the file to send");
        return std::nullopt;
    }
    options.relay.mode = options.mode;
    options.relay.claimId = options.claimId;
    options.relay.timeoutMs = options.timeoutMs;
    options.drop.mode = options.mode;
    options.drop.timeoutMs = options.timeoutMs;
    return options;
}

Bytes frameHeader(std::uint32_t length)
{
    Bytes header;
    proto::ByteWriter(header).u32(length);
    return header;
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
        handshake(connection, identity, HandshakeOptions{options.claimId, 0}, handshakeDeadline);
        return Clock::now();
    }
    Session session = handshake(connection, identity, HandshakeOptions{}, handshakeDeadline);
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
    Session session = handshake(connection, identity, HandshakeOptions{}, deadline);
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
    if (isRelayMode(options.mode)) {
        return runRelayAttack(connection, options.relay);
    }
    if (isDropMode(options.mode)) {
        return runDropSender(connection, options.host, options.drop);
    }
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
