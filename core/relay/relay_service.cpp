#include "relay_service.h"

#include "crypto/random.h"
#include "crypto/sealed_box.h"
#include "proto/handshake_payload.h"
#include "proto/receipt.h"
#include "proto/sealed_content.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRelay, "confab.relay")

namespace confab::relay {

// An envelope this node sealed, until its receipt comes back.
struct RelayService::Originated {
    proto::Envelope envelope;
    proto::RelayEnvelope sealed;
    std::int64_t sentMs = 0;
    std::int64_t firstSentMs = 0; // its first sealing: fresh seals stop one lifetime after it
    std::optional<PeerId> via;    // where it went along a route; nullopt when flooded
    bool custody = false;
    int attempts = 1;
    // Receipts are not acknowledged themselves: once a relay holds one, it is done.
    // Messages, replies, edits, deletes and reactions are confirmed by
    // Delivered receipts; receipts and file-drop offers and answers are not (the
    // file-drop service says them again until the peer answers).
    [[nodiscard]] bool awaitsReceipt() const
    {
        switch (envelope.kind) {
        case proto::EnvelopeKind::Text:
        case proto::EnvelopeKind::Reply:
        case proto::EnvelopeKind::Edit:
        case proto::EnvelopeKind::Delete:
        case proto::EnvelopeKind::Reaction:
            return true;
        default:
            return false;
        }
    }
};

// An envelope handed to neighbours that have not confirmed custody yet.
struct RelayService::Pending {
    std::set<PeerId> sentTo;
    std::int64_t deadlineMs = 0;
    bool flooded = false;
    bool retried = false; // handed out again along the routes of then
    // Flooded with no route known: the copy held here waits for a receipt,
    // since nobody knows which way reaches the recipient, or when.
    bool keepUntilReceipt = false;
};

namespace {

// Refusals are logged at most this often; the counters keep the rest.
constexpr std::int64_t kRefusalLogIntervalMs = 10000;
constexpr std::int64_t kPruneIntervalMs = 60000;
constexpr std::size_t kMaxRemembered = 4096; // routing ids of received envelopes, for receipts
constexpr std::int64_t kExpirySkewMs = ReachabilityBook::kClockSkewMs;

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText()).left(8);
}

} // namespace

RelayService::RelayService(session::MessagePort& port, const crypto::IdentityKeyPair& identity,
                           session::TrustStore& trust, storage::RelayStore& store, Clock& clock,
                           RelaySettings settings, QObject* parent)
    : session::RelayPath(parent), m_port(port), m_identity(identity), m_trust(trust), m_store(store),
      m_clock(clock), m_settings(settings), m_book(identity),
      m_advertiseTimer(clock.createTimer([this] { flushAdvertisements(); })),
      m_maintenanceTimer(clock.createTimer([this] { maintain(); }))
{
    using Handler = session::MessagePort::Handler;
    const auto handler = [this](void (RelayService::*method)(const PeerId&, const std::vector<Bytes>&)) {
        return Handler([this, method](const PeerId& from, const std::vector<Bytes>& bodies) {
            (this->*method)(from, bodies);
        });
    };
    m_port.setHandler(proto::LinkMessageType::RelayEnvelope, handler(&RelayService::onEnvelopes));
    m_port.setHandler(proto::LinkMessageType::Reachability, handler(&RelayService::onReachability));
    m_port.setHandler(proto::LinkMessageType::RelayCustody, handler(&RelayService::onCustody));
    connect(&m_port, &session::MessagePort::peerConnected, this, &RelayService::onPeerConnected);
    // What went out on a link that closed as a duplicate may be lost: say it all again.
    connect(&m_port, &session::MessagePort::linkReplaced, this, &RelayService::onPeerConnected);
    connect(&m_port, &session::MessagePort::peerDisconnected, this,
            [this](const PeerId& peer, const QString&) { onPeerDisconnected(peer); });
    connect(&m_port, &session::MessagePort::blockChanged, this, &RelayService::onBlockChanged);
    m_maintenanceTimer->startRepeating(kMaintenanceMs);
}

RelayService::~RelayService() = default;

std::uint32_t RelayService::capabilities() const
{
    std::uint32_t set = static_cast<std::uint32_t>(proto::Capability::Relay) |
                        static_cast<std::uint32_t>(proto::Capability::RelayFlooding);
    if (m_settings.carry) {
        set |= static_cast<std::uint32_t>(proto::Capability::RelayCarrier);
    }
    if (m_settings.carry && m_settings.forwardBytesPerSecond > 0) {
        set |= static_cast<std::uint32_t>(proto::Capability::TransferRelay);
    }
    return set;
}

// Neighbours and keys

bool RelayService::isNeighbour(const PeerId& peer, bool carrierOnly) const
{
    const auto info = m_port.linkInfo(peer);
    if (!info || !proto::hasCapability(info->hello.capabilities, proto::Capability::Relay)) {
        return false;
    }
    return !carrierOnly || proto::hasCapability(info->hello.capabilities, proto::Capability::RelayCarrier);
}

std::vector<PeerId> RelayService::neighbours(bool carriersOnly) const
{
    std::vector<PeerId> result;
    for (const PeerId& peer : m_port.connectedPeers()) {
        if (isNeighbour(peer, carriersOnly)) {
            result.push_back(peer);
        }
    }
    return result;
}

std::optional<crypto::PublicKey> RelayService::identityKeyOf(const PeerId& peer) const
{
    if (auto pinned = m_trust.pinnedKey(peer)) {
        return pinned;
    }
    if (auto statement = m_book.statementOf(peer)) {
        return statement->identityKey;
    }
    return std::nullopt;
}

bool RelayService::canReach(const PeerId& peer) const
{
    return !m_port.isBlocked(peer) && identityKeyOf(peer).has_value() && !neighbours(true).empty();
}

RouteView RelayService::route(const PeerId& peer) const
{
    if (m_port.isConnected(peer)) {
        return {RouteView::Kind::Direct, std::nullopt, 1};
    }
    if (m_port.isBlocked(peer)) {
        return {}; // its routes are kept, unused, for when it is unblocked
    }
    // Only through a neighbour that carries for others: a route through one
    // that does not (an earlier node with --relay off told of it) goes nowhere.
    if (const auto best = m_routes.best(peer, m_clock.wallMs()); best && isNeighbour(best->via, true)) {
        return {RouteView::Kind::Relay, best->via, best->hops};
    }
    return {};
}

std::optional<PeerId> RelayService::transferRelayFor(const PeerId& peer) const
{
    // Two links away: the next hop is the peer's own neighbour.
    const RouteView way = route(peer);
    if (way.kind != RouteView::Kind::Relay || way.hops != 2 || !way.via) {
        return std::nullopt;
    }
    const auto info = m_port.linkInfo(*way.via);
    if (!info || !info->listenAddress ||
        !proto::hasCapability(info->hello.capabilities, proto::Capability::TransferRelay)) {
        return std::nullopt;
    }
    return way.via;
}

std::optional<std::uint32_t> RelayService::capabilitiesOf(const PeerId& peer) const
{
    const auto statement = m_book.statementOf(peer);
    return statement ? std::optional(statement->capabilities) : std::nullopt;
}

// Sending

std::optional<proto::RelayEnvelope> RelayService::seal(const proto::Envelope& envelope,
                                                       const crypto::PublicKey& recipientKey)
{
    proto::RelayEnvelope sealed;
    sealed.header.routingId = crypto::randomMessageId();
    sealed.header.recipient = envelope.recipient;
    sealed.header.hopLimit = proto::kMaxHopLimit;
    sealed.header.expiresMs = static_cast<std::uint64_t>(m_clock.wallMs() + m_settings.expiryMs);
    if (envelope.kind == proto::EnvelopeKind::Receipt) {
        // Relays on the way back learn the route from it and drop their copies.
        if (const auto receipt = proto::decodeReceipt(envelope.body);
            receipt && !receipt.value().ids.empty()) {
            if (const auto it = m_routingOf.find(receipt.value().ids.front()); it != m_routingOf.end()) {
                sealed.header.acknowledges = it->second;
            }
        }
    }
    proto::SealedContent content;
    content.senderIdentityKey = m_identity.publicKey();
    content.envelope = proto::encodeEnvelope(envelope);
    const auto sizeClass = proto::sealedSizeClass(content.envelope.size() + proto::SealedContent::kOverhead +
                                                  crypto::kSealOverhead);
    if (!sizeClass) {
        return std::nullopt;
    }
    auto plaintext = proto::encodeSealedContent(content, *sizeClass - crypto::kSealOverhead);
    if (!plaintext) {
        return std::nullopt;
    }
    auto box = crypto::seal(m_identity, recipientKey, proto::relayPrologue(sealed.header), plaintext.value());
    crypto::wipe(plaintext.value());
    if (!box) {
        return std::nullopt;
    }
    sealed.sealed = std::move(box).value();
    return sealed;
}

bool RelayService::send(const proto::Envelope& envelope)
{
    const auto key = identityKeyOf(envelope.recipient);
    if (!key || neighbours(true).empty() || m_port.isBlocked(envelope.recipient)) {
        return false;
    }
    // The same envelope already on its way is not sealed again; one that no
    // neighbour took yet (they were all gone) is handed out again.
    for (const auto& [routingId, originated] : m_originated) {
        if (originated.envelope.id == envelope.id) {
            if (!originated.custody && m_pending.count(routingId) == 0) {
                forward(originated.sealed, std::nullopt, false);
            }
            return true;
        }
    }
    auto sealed = seal(envelope, *key);
    if (!sealed) {
        qCWarning(lcRelay) << "cannot seal an envelope for relaying (too large or a bad key)";
        return false;
    }
    sealed->header.flood = floodsTo(envelope);
    Originated originated;
    originated.envelope = envelope;
    originated.sealed = *sealed;
    originated.sentMs = m_clock.monotonicMs();
    originated.firstSentMs = originated.sentMs;
    const auto best = m_routes.best(envelope.recipient, m_clock.wallMs());
    originated.via = best && m_port.isConnected(best->via) && !sealed->header.flood ? std::optional(best->via)
                                                                                    : std::nullopt;
    m_store.markSeen(sealed->header.routingId, envelope.recipient, m_clock.wallMs(),
                     static_cast<std::int64_t>(sealed->header.expiresMs));
    const MessageId routingId = sealed->header.routingId;
    m_originated.emplace(routingId, std::move(originated));
    ++m_stats.sent;
    forward(*sealed, std::nullopt, sealed->header.flood);
    return true;
}

void RelayService::forward(const proto::RelayEnvelope& envelope, const std::optional<PeerId>& origin,
                           bool flood)
{
    const PeerId& recipient = envelope.header.recipient;
    const std::int64_t now = m_clock.wallMs();
    const auto best = m_routes.best(recipient, now);
    // Nobody reaches the recipient now: it waits where they were last seen.
    // Not with its sender, though, who may leave before they come back: what
    // this node sealed for a former neighbour goes to the carriers around.
    const auto last = best ? std::nullopt : m_routes.lastKnown(recipient);
    std::vector<PeerId> targets;
    if (isNeighbour(recipient, false)) {
        targets.push_back(recipient);
    } else if (!flood && best && best->via != origin && isNeighbour(best->via, true)) {
        targets.push_back(best->via);
    } else if ((!flood || envelope.header.flood) && last && !last->via && origin) {
        // They were our neighbour: held here until they are back (a flagged
        // flood too: this is where they will look first).
        return;
    } else if (!flood && last && last->via != origin && isNeighbour(*last->via, true)) {
        targets.push_back(*last->via);
    } else {
        flood = true;
        for (const PeerId& neighbour : neighbours(true)) {
            if (neighbour != origin) {
                targets.push_back(neighbour);
            }
        }
    }
    if (targets.empty()) {
        return; // held until someone who can take it links
    }
    const Bytes bytes = proto::encodeRelayEnvelope(envelope);
    // The flood flag goes only to those who announced they take it.
    Bytes unflagged;
    if (envelope.header.flood) {
        proto::RelayEnvelope plain = envelope;
        plain.header.flood = false;
        unflagged = proto::encodeRelayEnvelope(plain);
    }
    Pending& pending = m_pending[envelope.header.routingId];
    pending.deadlineMs = m_clock.monotonicMs() + kCustodyTimeoutMs;
    pending.flooded = flood;
    // A flagged flood goes around a relay that swallows envelopes, towards a
    // recipient with routes: whoever confirms custody floods it on, so the
    // copy here is released as after a pass along a route. Otherwise a flag
    // set by a hostile relay would pin copies in every carrier's store.
    pending.keepUntilReceipt = flood && !envelope.header.flood;
    for (const PeerId& target : targets) {
        const auto info = m_port.linkInfo(target);
        const bool takesFlag =
            info && proto::hasCapability(info->hello.capabilities, proto::Capability::RelayFlooding);
        if (m_port.send(target, proto::LinkMessageType::RelayEnvelope,
                        envelope.header.flood && !takesFlag ? unflagged : bytes)) {
            pending.sentTo.insert(target);
            ++m_stats.transmissions;
        }
    }
    ++(flood ? m_stats.flooded : m_stats.forwarded);
}

void RelayService::forwardHeldFor(const PeerId& recipient)
{
    for (const storage::HeldEnvelope& held : m_store.heldFor(recipient)) {
        passOnHeld(held, false);
    }
}

void RelayService::passOnHeld(const storage::HeldEnvelope& held, bool flood)
{
    auto envelope = proto::decodeRelayEnvelope(held.envelope);
    if (!envelope) {
        return;
    }
    // Held as it arrived: every pass on costs a hop, except the last one, to the recipient itself.
    if (envelope.value().header.hopLimit > 1) {
        --envelope.value().header.hopLimit;
    } else if (!isNeighbour(held.recipient, false)) {
        return;
    }
    forward(envelope.value(), held.origin, flood || envelope.value().header.flood);
}

void RelayService::sendCustody(const PeerId& to, const MessageId& routingId)
{
    m_port.send(to, proto::LinkMessageType::RelayCustody, proto::encodeRelayCustody({routingId}));
}

// Receiving

bool RelayService::acceptsRelayMessagesFrom(const PeerId& from)
{
    if (isNeighbour(from, false)) {
        return true;
    }
    m_port.dropPeer(from, QStringLiteral("relay message from a peer that did not announce relaying"));
    return false;
}

void RelayService::onEnvelopes(const PeerId& from, const std::vector<Bytes>& bodies)
{
    if (m_port.isBlocked(from) || !acceptsRelayMessagesFrom(from)) {
        return; // a blocked peer's link is closing: nothing it hands over is taken
    }
    for (const Bytes& body : bodies) {
        auto envelope = proto::decodeRelayEnvelope(body);
        if (!envelope) {
            m_port.dropPeer(from, QStringLiteral("malformed relayed envelope: %1")
                                      .arg(QLatin1String(proto::toString(envelope.error()))));
            return;
        }
        receive(from, std::move(envelope).value());
    }
}

void RelayService::receive(const PeerId& from, proto::RelayEnvelope envelope)
{
    const proto::RelayHeader& header = envelope.header;
    const std::int64_t now = m_clock.wallMs();
    const auto expires = static_cast<std::int64_t>(header.expiresMs);
    if (expires <= now) {
        refuse(m_stats.refusedExpired,
               QStringLiteral("an expired relayed envelope from %1").arg(idText(from)));
        return;
    }
    // Nobody may stretch an envelope's life: the origin sets at most a day,
    // and the recipient's authentication covers the expiry.
    if (expires > now + m_settings.expiryMs + kExpirySkewMs) {
        refuse(m_stats.refusedInvalid,
               QStringLiteral("a relayed envelope from %1 that claims to live too long").arg(idText(from)));
        return;
    }
    if (m_port.isBlocked(header.recipient)) {
        // Confirmed all the same, so that it is not offered here again and
        // again; its sender keeps its own copy until a receipt comes.
        refuse(m_stats.refusedBlocked,
               QStringLiteral("a relayed envelope from %1 for a blocked peer").arg(idText(from)));
        sendCustody(from, header.routingId);
        return;
    }
    const auto seen = m_store.seen(header.routingId);
    if (seen) {
        if (seen->delivered) {
            refuse(m_stats.refusedReplay,
                   QStringLiteral("a relayed envelope from %1 that was delivered already").arg(idText(from)));
            sendCustody(from, header.routingId); // nothing left to carry: the sender may stop trying
            return;
        }
        // A copy we still have (or sealed ourselves): the sender may stop trying.
        if (m_originated.count(header.routingId) != 0 || m_store.held(header.routingId)) {
            sendCustody(from, header.routingId);
            return;
        }
        // A flood crosses each carrier once, unless a copy comes with more
        // hops left than the one passed on (that one came a longer way
        // first): it goes on, so the flood reaches as far as it may.
        if (header.flood) {
            const auto passed = m_floodHopLimits.find(header.routingId);
            if (passed == m_floodHopLimits.end() || header.hopLimit <= passed->second) {
                sendCustody(from, header.routingId);
                return;
            }
            passed->second = header.hopLimit;
            if (m_store.held(header.routingId)) {
                sendCustody(from, header.routingId);
                envelope.header.hopLimit = static_cast<std::uint8_t>(std::max(1, header.hopLimit - 1));
                forward(envelope, from, true);
                return;
            }
        }
        // Passed on earlier and back again: the routes changed under it. Taken
        // like a new one, so that custody never ends with nobody holding it.
    }
    // A receipt teaches the way back once: a copy back again after the
    // routes changed would bring back a route that was since withdrawn.
    if (header.acknowledges && !seen) {
        learnFromReceipt(from, envelope);
    }
    if (header.recipient == m_identity.peerId()) {
        openForUs(from, envelope);
        return;
    }
    if (!m_settings.carry) {
        return; // not announced as a carrier: nobody should hand us others' envelopes
    }
    const Bytes bytes = proto::encodeRelayEnvelope(envelope);
    const auto size = static_cast<std::int64_t>(bytes.size());
    const storage::RelayStore::Use mine = m_store.useBy(from);
    const storage::RelayStore::Use total = m_store.totalUse();
    if (mine.count >= m_settings.perOriginMessages || mine.bytes + size > m_settings.perOriginBytes ||
        total.bytes + size > m_settings.storeLimitBytes) {
        refuse(m_stats.refusedQuota,
               QStringLiteral("relayed envelopes from %1 beyond its quota").arg(idText(from)));
        return;
    }
    if (!m_store.hold({header.routingId, header.recipient, from, expires, now, bytes})) {
        return; // not stored: no custody, the sender keeps it (and may offer it again)
    }
    m_store.markSeen(header.routingId, header.recipient, now, expires);
    sendCustody(from, header.routingId);
    // Only envelopes for someone this node has heard of travel on: junk for
    // made-up recipients stays here, on the quota of whoever handed it over,
    // instead of filling the next relay's quota for this node. It goes on
    // once the recipient is heard of (its statement brings a route).
    if (!isNeighbour(header.recipient, false) && !identityKeyOf(header.recipient)) {
        return;
    }
    if (header.flood) {
        if (m_floodHopLimits.size() >= kMaxRemembered) {
            m_floodHopLimits.clear();
        }
        auto& passed = m_floodHopLimits[header.routingId];
        passed = std::max(passed, header.hopLimit);
    }
    if (header.hopLimit > 1 || isNeighbour(header.recipient, false)) {
        envelope.header.hopLimit = static_cast<std::uint8_t>(std::max(1, header.hopLimit - 1));
        forward(envelope, from, envelope.header.flood);
    }
}

void RelayService::openForUs(const PeerId& from, const proto::RelayEnvelope& envelope)
{
    const proto::RelayHeader& header = envelope.header;
    // What is refused here is confirmed all the same: no relay should offer
    // it again and again until it expires. It is not marked seen, so a
    // genuine envelope under the same routing id still opens.
    const auto refuseInvalid = [&](const QString& reason) {
        refuse(m_stats.refusedInvalid, reason.arg(idText(from)));
        sendCustody(from, header.routingId);
    };
    auto opened = crypto::openBox(m_identity, proto::relayPrologue(header), envelope.sealed);
    if (!opened) {
        refuseInvalid(QStringLiteral("a relayed envelope from %1 failed authentication"));
        return;
    }
    auto content = proto::decodeSealedContent(opened.value().plaintext);
    crypto::wipe(opened.value().plaintext);
    auto decoded = content ? proto::decodeEnvelope(content.value().envelope)
                           : Result<proto::Envelope, proto::EnvelopeError>(proto::EnvelopeError::Truncated);
    if (!content || !decoded) {
        refuseInvalid(QStringLiteral("a relayed envelope from %1 with bad content"));
        return;
    }
    const proto::Envelope& inner = decoded.value();
    const crypto::PublicKey& senderKey = content.value().senderIdentityKey;
    const auto pinned = m_trust.pinnedKey(inner.sender);
    // The sealer's static key must be the named sender's: a sealed envelope
    // cannot speak for anyone but the key that sealed it.
    if (crypto::identityToNoiseKey(senderKey) != opened.value().senderStatic ||
        crypto::derivePeerId(senderKey) != inner.sender || (pinned && *pinned != senderKey) ||
        inner.recipientType != proto::RecipientType::Peer || inner.recipient != m_identity.peerId()) {
        refuseInvalid(QStringLiteral("a relayed envelope from %1 with a forged sender"));
        return;
    }
    if (m_port.isBlocked(inner.sender)) {
        // Not delivered, acknowledged or remembered: the sender learns
        // nothing, and a copy after an unblock opens like a new one.
        refuse(m_stats.refusedBlocked,
               QStringLiteral("a relayed envelope from a blocked peer, through %1").arg(idText(from)));
        sendCustody(from, header.routingId);
        return;
    }
    m_store.markSeen(header.routingId, header.recipient, m_clock.wallMs(),
                     static_cast<std::int64_t>(header.expiresMs));
    m_store.markDelivered(header.routingId);
    if (!pinned) {
        m_trust.pin(inner.sender, senderKey); // first met through a relay: trusted on first use
    }
    sendCustody(from, header.routingId);
    if (m_routingOf.size() >= kMaxRemembered) {
        m_routingOf.clear();
    }
    m_routingOf[inner.id] = header.routingId;
    if (header.flood) {
        floodFor(m_floodReceiptsUntil, inner.sender);
    }
    if (inner.kind == proto::EnvelopeKind::Receipt) {
        settleAcknowledged(inner);
    }
    ++m_stats.delivered;
    // The sealer hands it over at kMaxHopLimit and every relay lowers that by
    // one as it passes it on; but a relay holding it at 1 hands it to the
    // recipient as it is, so one that arrives at 1 may have come a hop further.
    const auto hops = static_cast<std::uint64_t>(proto::kMaxHopLimit) - header.hopLimit + 1;
    m_stats.deliveredHops += hops;
    m_stats.deliveredHopsMax = std::max(m_stats.deliveredHopsMax, hops);
    emit envelopeReceived(inner.sender, inner);
}

void RelayService::learnFromReceipt(const PeerId& from, const proto::RelayEnvelope& receipt)
{
    const MessageId& acknowledged = *receipt.header.acknowledges;
    // The receipt came back the way to the acknowledged envelope's recipient.
    if (const auto seen = m_store.seen(acknowledged); seen && seen->recipient != m_identity.peerId()) {
        const auto travelled = static_cast<std::uint8_t>(proto::kMaxHopLimit - receipt.header.hopLimit);
        const auto statement = m_book.statementOf(seen->recipient);
        const std::int64_t expires = statement ? static_cast<std::int64_t>(statement->expiresMs)
                                               : m_clock.wallMs() + ReachabilityBook::kValidityMs;
        if (m_routes.learn(seen->recipient, from, travelled, expires, m_clock.wallMs())) {
            queueAdvertisement(seen->recipient);
        }
    }
    m_store.markDelivered(acknowledged);
    m_store.release(acknowledged);
    m_pending.erase(acknowledged);
    if (const auto it = m_originated.find(acknowledged); it != m_originated.end()) {
        m_originated.erase(it); // delivered: nothing more to try
    }
}

void RelayService::settleAcknowledged(const proto::Envelope& receiptEnvelope)
{
    // Whichever sealed copy arrived, the messages it names need no more tries.
    const auto receipt = proto::decodeReceipt(receiptEnvelope.body);
    if (!receipt) {
        return;
    }
    const std::vector<MessageId>& ids = receipt.value().ids;
    for (auto it = m_originated.begin(); it != m_originated.end();) {
        const bool settled = it->second.envelope.recipient == receiptEnvelope.sender &&
                             std::find(ids.begin(), ids.end(), it->second.envelope.id) != ids.end();
        it = settled ? m_originated.erase(it) : std::next(it);
    }
}

void RelayService::onCustody(const PeerId& from, const std::vector<Bytes>& bodies)
{
    if (!acceptsRelayMessagesFrom(from)) {
        return;
    }
    for (const Bytes& body : bodies) {
        auto ids = proto::decodeRelayCustody(body);
        if (!ids) {
            m_port.dropPeer(from, QStringLiteral("malformed relay custody: %1")
                                      .arg(QLatin1String(proto::toString(ids.error()))));
            return;
        }
        for (const MessageId& routingId : ids.value()) {
            const auto pending = m_pending.find(routingId);
            if (pending == m_pending.end() || pending->second.sentTo.count(from) == 0) {
                continue; // not given to them (or settled already)
            }
            const bool keep = pending->second.keepUntilReceipt;
            m_pending.erase(pending);
            if (const auto originated = m_originated.find(routingId);
                originated != m_originated.end() && !originated->second.custody) {
                originated->second.custody = true;
                const MessageId envelopeId = originated->second.envelope.id;
                if (!originated->second.awaitsReceipt()) {
                    m_originated.erase(originated);
                }
                emit custodyTaken(envelopeId);
            }
            // Passed along a route, or the recipient itself has it: they hold
            // it now. Flooded towards nobody knows where: keep ours until a receipt.
            const auto held = keep ? m_store.held(routingId) : std::nullopt;
            if (!keep || (held && held->recipient == from)) {
                m_store.release(routingId);
            }
        }
    }
}

// Reachability

void RelayService::onReachability(const PeerId& from, const std::vector<Bytes>& bodies)
{
    if (!acceptsRelayMessagesFrom(from)) {
        return;
    }
    const std::int64_t now = m_clock.wallMs();
    for (const Bytes& body : bodies) {
        auto entries = proto::decodeReachability(body);
        if (!entries) {
            m_port.dropPeer(from, QStringLiteral("malformed reachability: %1")
                                      .arg(QLatin1String(proto::toString(entries.error()))));
            return;
        }
        for (const proto::ReachabilityEntry& entry : entries.value()) {
            const proto::ReachabilityStatement& statement = entry.statement;
            if (statement.peer == m_identity.peerId()) {
                continue;
            }
            const ReachabilityBook::Verdict verdict = m_book.accept(statement, now);
            if (verdict == ReachabilityBook::Verdict::Invalid) {
                m_port.dropPeer(from, QStringLiteral("reachability statement with a bad signature"));
                return;
            }
            if (verdict == ReachabilityBook::Verdict::Stale) {
                continue;
            }
            if (verdict == ReachabilityBook::Verdict::New) {
                if (!m_trust.pinnedKey(statement.peer)) {
                    m_trust.pin(statement.peer, statement.identityKey);
                }
                emit peerLearned(statement.peer, QString::fromStdString(statement.displayName));
                queueAdvertisement(statement.peer); // pass the fresh statement on
            }
            if (!isNeighbour(from, true)) {
                continue; // not a carrier: no way leads through it, whatever it says
            }
            const bool hadRoute = route(statement.peer).kind != RouteView::Kind::None;
            const bool changed = entry.hops == proto::ReachabilityEntry::kWithdrawn
                                     ? m_routes.withdraw(statement.peer, from, now)
                                     : m_routes.offer(statement.peer, from, entry.hops,
                                                      static_cast<std::int64_t>(statement.expiresMs), now);
            if (changed) {
                queueAdvertisement(statement.peer);
            }
            if (!hadRoute && route(statement.peer).kind == RouteView::Kind::Relay) {
                forwardHeldFor(statement.peer);
                emit reachable(statement.peer);
            }
        }
    }
}

void RelayService::queueAdvertisement(const PeerId& subject)
{
    emit routesChanged(); // every change of a best route is advertised
    m_toAdvertise.insert(subject);
    if (!m_advertiseTimer->isActive()) {
        m_advertiseTimer->start(kAdvertiseDelayMs);
    }
}

void RelayService::sendEntries(const PeerId& neighbour, const std::vector<proto::ReachabilityEntry>& entries)
{
    for (std::size_t start = 0; start < entries.size(); start += proto::kMaxReachabilityEntries) {
        const std::size_t end = std::min(entries.size(), start + proto::kMaxReachabilityEntries);
        m_port.send(neighbour, proto::LinkMessageType::Reachability,
                    proto::encodeReachability({entries.begin() + static_cast<std::ptrdiff_t>(start),
                                               entries.begin() + static_cast<std::ptrdiff_t>(end)}));
    }
}

void RelayService::advertiseAll(const PeerId& neighbour)
{
    const std::int64_t now = m_clock.wallMs();
    std::vector<proto::ReachabilityEntry> entries;
    entries.push_back({0, m_book.own(m_displayName, capabilities(), now)});
    for (const PeerId& subject : m_routes.subjects()) {
        const auto best = m_routes.best(subject, now);
        const auto statement = m_book.statementOf(subject);
        if (!statement || subject == neighbour || m_port.isBlocked(subject)) {
            continue; // nobody is told of a way through us to a blocked peer
        }
        // Split horizon: a route learned from the neighbour is not told back to it.
        // A route as long as the hop limit allows ends here: nobody can extend it.
        if (m_settings.carry && best && best->via != neighbour &&
            best->hops <= proto::ReachabilityEntry::kMaxHops) {
            entries.push_back({best->hops, *statement});
        } else if (!m_settings.carry) {
            // Carrying nothing, we tell of others only as out of reach
            // through us: their names and keys, no way.
            entries.push_back({proto::ReachabilityEntry::kWithdrawn, *statement});
        }
    }
    sendEntries(neighbour, entries);
}

void RelayService::flushAdvertisements()
{
    const std::int64_t now = m_clock.wallMs();
    std::set<PeerId> subjects;
    subjects.swap(m_toAdvertise);
    for (const PeerId& neighbour : neighbours(false)) {
        std::vector<proto::ReachabilityEntry> entries;
        for (const PeerId& subject : subjects) {
            const auto statement = m_book.statementOf(subject);
            if (!statement || subject == neighbour) {
                continue;
            }
            const auto best = m_routes.best(subject, now);
            const bool usable =
                m_settings.carry && best && best->via != neighbour && m_port.isConnected(best->via) &&
                best->hops <= proto::ReachabilityEntry::kMaxHops && !m_port.isBlocked(subject);
            entries.push_back({usable ? best->hops : proto::ReachabilityEntry::kWithdrawn, *statement});
        }
        if (!entries.empty()) {
            sendEntries(neighbour, entries);
        }
    }
}

// Links coming and going

void RelayService::onPeerConnected(const PeerId& peer)
{
    if (!isNeighbour(peer, false)) {
        return; // a version-1 peer: direct links only
    }
    advertiseAll(peer);
    forwardHeldFor(peer);
    // Envelopes waiting for a route through this neighbour go now too.
    for (const PeerId& subject : m_routes.subjects()) {
        if (const auto best = m_routes.best(subject, m_clock.wallMs()); best && best->via == peer) {
            forwardHeldFor(subject);
        }
    }
}

void RelayService::onPeerDisconnected(const PeerId& peer)
{
    m_routes.neighbourLeft(peer, m_clock.wallMs());
    for (const PeerId& subject : m_routes.dropNeighbour(peer, m_clock.wallMs())) {
        queueAdvertisement(subject);
    }
    if (m_book.statementOf(peer)) {
        queueAdvertisement(peer); // neighbours that reached it through us hear that we no longer do
    }
}

void RelayService::onBlockChanged(const PeerId& peer, bool blocked)
{
    if (!blocked) {
        // Its routes were kept: neighbours hear of them again, and what
        // waits for the peer goes as soon as there is one.
        queueAdvertisement(peer);
        if (route(peer).kind == RouteView::Kind::Relay) {
            emit reachable(peer);
        }
        return;
    }
    const std::int64_t dropped = m_store.releaseInvolving(peer);
    std::size_t given = 0;
    for (auto it = m_originated.begin(); it != m_originated.end();) {
        if (it->second.envelope.recipient == peer) {
            m_pending.erase(it->first);
            it = m_originated.erase(it);
            ++given;
        } else {
            ++it;
        }
    }
    if (dropped > 0 || given > 0) {
        qCInfo(lcRelay).noquote() << "blocked" << idText(peer) << "- dropped" << dropped
                                  << "envelopes held for or from it and stopped sending" << given;
    }
    queueAdvertisement(peer); // neighbours that reached it through us hear that we no longer do
}

void RelayService::maintain()
{
    const std::int64_t wall = m_clock.wallMs();
    const std::int64_t now = m_clock.monotonicMs();
    for (const PeerId& subject : m_routes.expire(wall)) {
        queueAdvertisement(subject);
    }
    m_book.expire(wall);
    // Our own statement is renewed before it expires anywhere.
    if (m_book.ownIsDue(m_displayName, capabilities(), wall)) {
        const proto::ReachabilityStatement& own = m_book.own(m_displayName, capabilities(), wall);
        for (const PeerId& neighbour : neighbours(false)) {
            sendEntries(neighbour, {{0, own}});
        }
    }
    // What we sealed and nobody confirmed within an envelope's life is given up here
    // (the sender's own queue keeps trying).
    for (auto it = m_originated.begin(); it != m_originated.end();) {
        it = static_cast<std::int64_t>(it->second.sealed.header.expiresMs) <= wall ? m_originated.erase(it)
                                                                                   : std::next(it);
    }
    // Neighbours that never confirmed custody (gone, or their link stalled):
    // handed out once more along today's routes, which may have changed,
    // then flooded (a route whose receipt is late is avoided, below).
    std::vector<std::pair<MessageId, bool>> overdue;
    for (const auto& [routingId, pending] : m_pending) {
        if (pending.deadlineMs <= now) {
            overdue.emplace_back(routingId, !pending.flooded && !pending.retried);
        }
    }
    for (const auto& [routingId, retry] : overdue) {
        m_pending.erase(routingId);
        if (auto held = m_store.held(routingId)) {
            passOnHeld(*held, !retry);
        } else if (auto originated = m_originated.find(routingId); originated != m_originated.end()) {
            forward(originated->second.sealed, std::nullopt, !retry);
        }
        if (const auto again = m_pending.find(routingId); retry && again != m_pending.end()) {
            again->second.retried = true;
        }
    }
    // Envelopes whose receipt is late: a relay on the way may drop what it
    // takes. Sealed afresh and flooded (the route it took avoided for a while).
    std::vector<MessageId> late;
    for (auto it = m_originated.begin(); it != m_originated.end();) {
        Originated& originated = it->second;
        const PeerId& recipient = originated.envelope.recipient;
        if (m_port.isConnected(recipient)) {
            it = m_originated.erase(it); // linked again: the chat sends it directly
            continue;
        }
        if (!m_routes.best(recipient, wall)) {
            // Away: a receipt cannot come yet. The wait counts from their return.
            originated.sentMs = now;
        } else if (originated.awaitsReceipt() &&
                   now - originated.sentMs >= lateAfterMs(originated.attempts) &&
                   now - originated.firstSentMs < m_settings.expiryMs) {
            late.push_back(it->first);
        }
        ++it;
    }
    for (const MessageId& routingId : late) {
        Originated again = m_originated[routingId];
        m_originated.erase(routingId);
        if (again.via) {
            m_routes.avoid(again.envelope.recipient, *again.via, wall + kAvoidRouteMs);
        }
        const auto key = identityKeyOf(again.envelope.recipient);
        auto sealed = key ? seal(again.envelope, *key) : std::nullopt;
        if (!sealed) {
            continue;
        }
        sealed->header.flood = true; // every carrier passes it on to all, around whoever dropped it
        floodFor(m_floodUntil, again.envelope.recipient);
        again.sealed = *sealed;
        again.sentMs = now;
        again.via.reset();
        ++again.attempts;
        m_store.markSeen(sealed->header.routingId, again.envelope.recipient, wall,
                         static_cast<std::int64_t>(sealed->header.expiresMs));
        m_originated.emplace(sealed->header.routingId, again);
        forward(*sealed, std::nullopt, true);
    }
    for (auto* until : {&m_floodUntil, &m_floodReceiptsUntil}) {
        std::erase_if(*until, [now](const auto& entry) { return entry.second <= now; });
    }
    if (wall - m_lastPruneMs >= kPruneIntervalMs) {
        m_lastPruneMs = wall;
        m_store.prune(wall);
    }
}

std::int64_t RelayService::lateAfterMs(int attempts)
{
    return attempts < kMaxAttempts ? kDeliveryTimeoutMs * attempts : kLateResealMs;
}

bool RelayService::floodsTo(const proto::Envelope& envelope) const
{
    const std::int64_t now = m_clock.monotonicMs();
    const auto flooding = [&](const std::map<PeerId, std::int64_t>& until) {
        const auto it = until.find(envelope.recipient);
        return it != until.end() && it->second > now;
    };
    return flooding(m_floodUntil) ||
           (envelope.kind == proto::EnvelopeKind::Receipt && flooding(m_floodReceiptsUntil));
}

void RelayService::floodFor(std::map<PeerId, std::int64_t>& until, const PeerId& peer)
{
    if (until.size() < kMaxRemembered || until.count(peer) != 0) {
        until[peer] = m_clock.monotonicMs() + kAvoidRouteMs;
    }
}

RelayStats RelayService::stats()
{
    RelayStats stats = m_stats;
    stats.held = m_store.totalUse();
    stats.heldByOrigin = m_store.useByOrigin();
    const std::int64_t now = m_clock.wallMs();
    const std::vector<PeerId> subjects = m_routes.subjects();
    stats.knownPeers =
        static_cast<std::size_t>(std::count_if(subjects.begin(), subjects.end(), [&](const PeerId& peer) {
            return !m_port.isConnected(peer) && !m_port.isBlocked(peer) &&
                   m_routes.best(peer, now).has_value();
        }));
    return stats;
}

void RelayService::refuse(std::uint64_t& counter, const QString& reason)
{
    ++counter;
    const std::int64_t now = m_clock.monotonicMs();
    if (!m_lastRefusalLogMs || now - *m_lastRefusalLogMs >= kRefusalLogIntervalMs) {
        m_lastRefusalLogMs = now;
        qCWarning(lcRelay).noquote() << "refused" << reason;
        emit refused(reason);
    }
}

} // namespace confab::relay
