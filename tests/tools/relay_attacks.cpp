#include "relay_attacks.h"

#include "crypto/random.h"
#include "crypto/sealed_box.h"
#include "proto/envelope.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "proto/reachability.h"
#include "proto/receipt.h"
#include "proto/relay_envelope.h"
#include "proto/sealed_content.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <vector>

namespace confab::tools {
namespace {

constexpr int kExitDone = 0;
constexpr int kExitNodeDidNot = 1;
constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
// Within the day a node accepts, so only what the attack changes is wrong.
constexpr std::int64_t kExpiryMs = 23 * kHourMs;
// How long the node must stay silent before we take it that it has answered.
constexpr int kQuietMs = 1000;

constexpr std::string_view kModes[] = {
    "relay-forged-id", "relay-forged-key", "relay-tampered", "relay-expired", "relay-too-long",
    "relay-replay",    "relay-resend",     "relay-flood",    "relay-sink",    "relay-blackhole"};

proto::Envelope textEnvelope(const PeerId& sender, const PeerId& recipient, std::string_view text)
{
    proto::Envelope envelope;
    envelope.kind = proto::EnvelopeKind::Text;
    envelope.id = crypto::randomMessageId();
    envelope.sender = sender;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = recipient;
    envelope.timestampMs = static_cast<std::uint64_t>(wallClockMs());
    const ByteView body = asBytes(text);
    envelope.body.assign(body.begin(), body.end());
    return envelope;
}

// Seals as a node does (PROTOCOL.md, "Seal"), except that the sealed content
// names `claimedKey` as the sender's identity key and the expiry is ours to pick.
proto::RelayEnvelope sealEnvelope(const crypto::IdentityKeyPair& sealer,
                                  const crypto::PublicKey& recipientKey, const proto::Envelope& envelope,
                                  const crypto::PublicKey& claimedKey, std::int64_t expiresMs)
{
    proto::RelayEnvelope sealed;
    sealed.header.routingId = crypto::randomMessageId();
    sealed.header.recipient = envelope.recipient;
    sealed.header.hopLimit = proto::kMaxHopLimit;
    sealed.header.expiresMs = static_cast<std::uint64_t>(expiresMs);
    proto::SealedContent content;
    content.senderIdentityKey = claimedKey;
    content.envelope = proto::encodeEnvelope(envelope);
    const auto sizeClass = proto::sealedSizeClass(content.envelope.size() + proto::SealedContent::kOverhead +
                                                  crypto::kSealOverhead);
    if (!sizeClass) {
        throw Unexpected("the text is too long for any size class");
    }
    auto plaintext = proto::encodeSealedContent(content, *sizeClass - crypto::kSealOverhead);
    if (!plaintext) {
        throw Unexpected("cannot encode the sealed content");
    }
    auto box = crypto::seal(sealer, recipientKey, proto::relayPrologue(sealed.header), plaintext.value());
    if (!box) {
        throw Unexpected(std::string("cannot seal: ") + crypto::toString(box.error()));
    }
    sealed.sealed = std::move(box).value();
    return sealed;
}

// A linked neighbour that speaks the relay messages: answers pings, reads the
// statements the node passes on (for the keys to seal to), counts custody,
// and opens the sealed receipts that come back to it. As a sink it confirms
// custody of everything addressed to it, opened or not.
class RelayNeighbour {
public:
    RelayNeighbour(Connection& connection, Session& session, const crypto::IdentityKeyPair& identity)
        : m_connection(connection), m_session(session), m_identity(identity)
    {
    }

    void send(const proto::RelayEnvelope& envelope) { sendRaw(proto::encodeRelayEnvelope(envelope)); }

    void sendRaw(ByteView relayEnvelope)
    {
        if (m_closed) {
            return;
        }
        try {
            sendLinkMessage(m_connection, m_session,
                            proto::encodeLinkMessage(proto::LinkMessageType::RelayEnvelope, relayEnvelope));
        } catch (const ClosedEarly&) {
            m_closed = true;
        }
    }

    // Handles what the node sends until `done` holds or the deadline passes.
    bool pumpUntil(Clock::time_point deadline, const std::function<bool()>& done)
    {
        while (!done()) {
            if (m_closed || !handleNext(deadline)) {
                return done();
            }
        }
        return true;
    }

    // Handles what the node sends until it has been silent for `quietMs`.
    void pumpUntilQuiet(int quietMs, Clock::time_point deadline)
    {
        while (!m_closed && Clock::now() < deadline) {
            const auto quietEnd = std::min(deadline, Clock::now() + std::chrono::milliseconds(quietMs));
            if (!handleNext(quietEnd)) {
                return;
            }
        }
    }

    std::optional<crypto::PublicKey> awaitKey(const PeerId& peer, Clock::time_point deadline)
    {
        pumpUntil(deadline, [&] { return m_keys.count(peer) > 0; });
        const auto it = m_keys.find(peer);
        return it == m_keys.end() ? std::nullopt : std::optional(it->second);
    }

    [[nodiscard]] bool receipted(const MessageId& envelopeId) const
    {
        return m_receipted.count(envelopeId) > 0;
    }
    // How many custody confirmations named this routing id so far.
    [[nodiscard]] int custodyOf(const MessageId& routingId) const
    {
        const auto it = m_custody.find(routingId);
        return it == m_custody.end() ? 0 : it->second;
    }
    [[nodiscard]] bool closed() const { return m_closed; }
    void beSink() { m_sink = true; }
    // A relay that swallows what it carries: it claims a route of one hop to
    // everyone the node tells it of, confirms custody of every envelope it is
    // handed, and passes nothing on.
    void beBlackHole() { m_blackHole = true; }
    [[nodiscard]] int sunk() const { return m_sunk; }

    void leave()
    {
        if (!m_closed) {
            try {
                sendLinkMessage(m_connection, m_session,
                                proto::encodeGoodbye(proto::GoodbyeReason::Shutdown));
            } catch (const ClosedEarly&) {
                m_closed = true;
            }
        }
    }

private:
    // False when nothing came before the deadline or the node closed the link.
    bool handleNext(Clock::time_point deadline)
    {
        std::optional<Bytes> frame;
        try {
            frame = m_connection.tryReadFrame(proto::kMaxFrameSize, deadline);
        } catch (const ClosedEarly&) {
            m_closed = true;
            return false;
        }
        if (!frame) {
            return false;
        }
        const proto::LinkMessage message = openLinkMessage(m_session, *frame);
        try {
            handle(message);
        } catch (const ClosedEarly&) {
            m_closed = true;
            return false;
        }
        return true;
    }

    void handle(const proto::LinkMessage& link)
    {
        switch (link.type) {
        case proto::LinkMessageType::Ping:
            sendLinkMessage(m_connection, m_session,
                            proto::encodeLinkMessage(proto::LinkMessageType::Pong, link.body));
            break;
        case proto::LinkMessageType::Goodbye:
            m_closed = true;
            break;
        case proto::LinkMessageType::Reachability:
            if (auto entries = proto::decodeReachability(link.body)) {
                for (const proto::ReachabilityEntry& entry : entries.value()) {
                    m_keys[entry.statement.peer] = entry.statement.identityKey;
                }
                if (m_blackHole) {
                    claimShortRoutes(entries.value());
                }
            }
            break;
        case proto::LinkMessageType::RelayCustody:
            if (auto ids = proto::decodeRelayCustody(link.body)) {
                for (const MessageId& id : ids.value()) {
                    ++m_custody[id];
                }
            }
            break;
        case proto::LinkMessageType::RelayEnvelope:
            openForUs(link.body);
            break;
        case proto::LinkMessageType::Envelope:
            if (auto envelope = proto::decodeEnvelope(link.body)) {
                noteReceipt(envelope.value());
            }
            break;
        default:
            break;
        }
    }

    void openForUs(ByteView body)
    {
        auto envelope = proto::decodeRelayEnvelope(body);
        if (!envelope || (envelope.value().header.recipient != m_identity.peerId() && !m_blackHole)) {
            return;
        }
        const proto::RelayHeader& header = envelope.value().header;
        if (m_blackHole && header.recipient != m_identity.peerId()) {
            ++m_sunk;
            sendCustody(header.routingId);
            return;
        }
        if (m_sink) {
            ++m_sunk;
            sendCustody(header.routingId);
            return;
        }
        auto opened = crypto::openBox(m_identity, proto::relayPrologue(header), envelope.value().sealed);
        if (!opened) {
            return;
        }
        auto content = proto::decodeSealedContent(opened.value().plaintext);
        if (!content) {
            return;
        }
        // Like an honest recipient: we hold it now, the node may stop trying.
        sendCustody(header.routingId);
        if (auto inner = proto::decodeEnvelope(content.value().envelope)) {
            noteReceipt(inner.value());
        }
    }

    // Each statement the node passes on comes back as a neighbour of ours
    // (hop count 1), once per issue of it: the shortest route it knows.
    void claimShortRoutes(const std::vector<proto::ReachabilityEntry>& entries)
    {
        std::vector<proto::ReachabilityEntry> claims;
        for (const proto::ReachabilityEntry& entry : entries) {
            auto& claimed = m_claimedUntil[entry.statement.peer];
            if (entry.statement.expiresMs > claimed) {
                claimed = entry.statement.expiresMs;
                claims.push_back({1, entry.statement});
            }
        }
        // At most as many as came in one message, so they fit in one.
        if (!claims.empty()) {
            sendLinkMessage(m_connection, m_session,
                            proto::encodeLinkMessage(proto::LinkMessageType::Reachability,
                                                     proto::encodeReachability(claims)));
        }
    }

    void sendCustody(const MessageId& routingId)
    {
        sendLinkMessage(m_connection, m_session,
                        proto::encodeLinkMessage(proto::LinkMessageType::RelayCustody,
                                                 proto::encodeRelayCustody({routingId})));
    }

    void noteReceipt(const proto::Envelope& envelope)
    {
        if (envelope.kind != proto::EnvelopeKind::Receipt) {
            return;
        }
        if (auto receipt = proto::decodeReceipt(envelope.body)) {
            m_receipted.insert(receipt.value().ids.begin(), receipt.value().ids.end());
        }
    }

    Connection& m_connection;
    Session& m_session;
    const crypto::IdentityKeyPair& m_identity;
    std::map<PeerId, crypto::PublicKey> m_keys;     // from the statements the node passed on
    std::map<MessageId, int> m_custody;             // confirmations per routing id
    std::set<MessageId> m_receipted;                // envelope ids named by Delivered or Read receipts
    std::map<PeerId, std::uint64_t> m_claimedUntil; // as a black hole: the statements claimed
    bool m_closed = false;
    bool m_sink = false;
    bool m_blackHole = false;
    int m_sunk = 0; // envelopes taken as a sink
};

Bytes readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Unexpected("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, ByteView bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw Unexpected("cannot write " + path);
    }
}

// What one run did, for the test to compare with what the node says.
struct Report {
    std::vector<MessageId> routingIds; // one entry per envelope sent in the attack
    // Confirmations that came before the attack (for a replay: of the first copy).
    std::map<MessageId, int> custodyBefore;
    bool receipted = false; // relay-replay: the first copy was delivered
    long long receiptMs = -1;
};

void printReport(const RelayAttackOptions& options, const PeerId& self, const Report& report,
                 const RelayNeighbour& neighbour)
{
    // Each copy sent gets its own confirmation, so a replayed id counts once per answer.
    const std::set<MessageId> distinct(report.routingIds.begin(), report.routingIds.end());
    int custody = 0;
    for (const MessageId& id : distinct) {
        const auto before = report.custodyBefore.find(id);
        custody += neighbour.custodyOf(id) - (before == report.custodyBefore.end() ? 0 : before->second);
    }
    std::printf("{\"mode\": \"%s\", \"self\": \"%s\", \"sent\": %zu, \"custody\": %d, \"receipted\": %s, "
                "\"receipt_ms\": %lld, \"taken\": %d, \"closed\": %s, \"routing_ids\": [",
                options.mode.c_str(), self.toText().c_str(), report.routingIds.size(), custody,
                report.receipted ? "true" : "false", report.receiptMs, neighbour.sunk(),
                neighbour.closed() ? "true" : "false");
    for (std::size_t i = 0; i < report.routingIds.size(); ++i) {
        std::printf("%s\"%s\"", i == 0 ? "" : ", ", report.routingIds[i].toHex().c_str());
    }
    std::printf("]}\n");
}

proto::RelayEnvelope floodEnvelope(const RelayAttackOptions& options)
{
    proto::RelayEnvelope envelope;
    envelope.header.routingId = crypto::randomMessageId();
    if (options.to) {
        envelope.header.recipient = *options.to;
    } else {
        std::array<std::uint8_t, PeerId::kSize> nobody{};
        crypto::randomBytes(nobody);
        envelope.header.recipient = PeerId::fromBytes(nobody).value_or(PeerId{});
    }
    envelope.header.hopLimit = proto::kMaxHopLimit;
    envelope.header.expiresMs = static_cast<std::uint64_t>(wallClockMs() + kExpiryMs);
    // Nobody can open it, and no relay can tell.
    envelope.sealed.resize(options.sizeClass);
    crypto::randomBytes(envelope.sealed);
    return envelope;
}

} // namespace

bool isRelayMode(std::string_view mode)
{
    return std::find(std::begin(kModes), std::end(kModes), mode) != std::end(kModes);
}

int runRelayAttack(Connection& connection, const RelayAttackOptions& options)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(options.timeoutMs);
    const auto identity = crypto::IdentityKeyPair::generate();
    HandshakeOptions hello;
    hello.capabilities = static_cast<std::uint32_t>(proto::Capability::Relay);
    if (options.mode == "relay-blackhole") {
        // A carrier like any other, as far as anyone can tell.
        hello.capabilities |= static_cast<std::uint32_t>(proto::Capability::RelayCarrier) |
                              static_cast<std::uint32_t>(proto::Capability::RelayFlooding);
    }
    Session session = handshake(connection, identity, hello, deadline);
    RelayNeighbour neighbour(connection, session, identity);
    Report report;

    const auto finish = [&](int code) {
        neighbour.pumpUntilQuiet(kQuietMs, Clock::now() + std::chrono::milliseconds(options.timeoutMs));
        neighbour.leave();
        printReport(options, identity.peerId(), report, neighbour);
        return code;
    };
    const auto sendNoted = [&](const proto::RelayEnvelope& envelope) {
        report.routingIds.push_back(envelope.header.routingId);
        neighbour.send(envelope);
    };

    if (options.mode == "relay-sink" || options.mode == "relay-blackhole") {
        // Says who it is at once (others address envelopes to it), then takes
        // whatever comes until the time is up.
        std::printf("{\"mode\": \"%s\", \"self\": \"%s\"}\n", options.mode.c_str(),
                    identity.peerId().toText().c_str());
        std::fflush(stdout);
        if (options.mode == "relay-sink") {
            neighbour.beSink();
        } else {
            neighbour.beBlackHole();
        }
        neighbour.pumpUntil(deadline, [] { return false; });
        neighbour.leave();
        printReport(options, identity.peerId(), report, neighbour);
        return kExitDone;
    }
    if (options.mode == "relay-flood") {
        for (int i = 0; i < options.count; ++i) {
            sendNoted(floodEnvelope(options));
        }
        return finish(kExitDone);
    }
    if (options.mode == "relay-resend") {
        const Bytes saved = readFile(options.loadFile);
        auto envelope = proto::decodeRelayEnvelope(saved);
        if (!envelope) {
            throw Unexpected(options.loadFile + " holds no relayed envelope");
        }
        for (int i = 0; i < options.count; ++i) {
            report.routingIds.push_back(envelope.value().header.routingId);
            neighbour.sendRaw(saved);
        }
        return finish(kExitDone);
    }

    const auto recipientKey = neighbour.awaitKey(*options.to, deadline);
    if (!recipientKey) {
        std::fprintf(stderr, "confab_hostile_peer: the node passed on no statement of %s\n",
                     options.to->toText().c_str());
        return finish(kExitNodeDidNot);
    }
    const std::int64_t now = wallClockMs();

    if (options.mode == "relay-replay") {
        const proto::Envelope envelope = textEnvelope(identity.peerId(), *options.to, options.text);
        const proto::RelayEnvelope sealed =
            sealEnvelope(identity, *recipientKey, envelope, identity.publicKey(), now + kExpiryMs);
        const auto sentAt = Clock::now();
        neighbour.send(sealed);
        if (!neighbour.pumpUntil(deadline, [&] { return neighbour.receipted(envelope.id); })) {
            std::fprintf(stderr, "confab_hostile_peer: no receipt for the first copy within %d ms\n",
                         options.timeoutMs);
            return finish(kExitNodeDidNot);
        }
        report.receipted = true;
        report.receiptMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sentAt).count();
        const Bytes bytes = proto::encodeRelayEnvelope(sealed);
        if (!options.saveFile.empty()) {
            writeFile(options.saveFile, bytes);
        }
        // Only the copies sent after delivery are the attack.
        report.custodyBefore[sealed.header.routingId] = neighbour.custodyOf(sealed.header.routingId);
        for (int i = 0; i < options.count; ++i) {
            sendNoted(sealed);
        }
        return finish(kExitDone);
    }

    std::optional<crypto::PublicKey> claimedKey = identity.publicKey();
    if (options.mode == "relay-forged-key") {
        // The named sender's real key, but sealed with ours.
        claimedKey = neighbour.awaitKey(*options.claimId, deadline);
        if (!claimedKey) {
            std::fprintf(stderr, "confab_hostile_peer: the node passed on no statement of %s\n",
                         options.claimId->toText().c_str());
            return finish(kExitNodeDidNot);
        }
    }
    const bool forged = options.mode == "relay-forged-id" || options.mode == "relay-forged-key";
    const PeerId sender = forged ? *options.claimId : identity.peerId();
    std::int64_t expiresMs = now + kExpiryMs;
    if (options.mode == "relay-expired") {
        expiresMs = now - 60'000;
    } else if (options.mode == "relay-too-long") {
        expiresMs = now + 48 * kHourMs;
    }
    for (int i = 0; i < options.count; ++i) {
        const std::string text = options.text + " #" + std::to_string(i + 1);
        proto::RelayEnvelope sealed = sealEnvelope(
            identity, *recipientKey, textEnvelope(sender, *options.to, text), *claimedKey, expiresMs);
        if (options.mode == "relay-tampered") {
            // What a relay could do on the way: shorten the life it was sealed with.
            sealed.header.expiresMs -= static_cast<std::uint64_t>(kHourMs);
        }
        sendNoted(sealed);
    }
    return finish(kExitDone);
}

} // namespace confab::tools
