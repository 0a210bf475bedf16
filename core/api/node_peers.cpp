#include "contact_card.h"
#include "crypto/safety_number.h"
#include "display_name.h"
#include "node_parts.h"
#include "proto/call_signal.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <map>

// Node: peers, trust and settings.
namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

// Why a dial failed, for the user: from the fixed words the transport and
// the link use (TcpStream, Link) to what the user can check.
QString dialProblem(const QString& reason)
{
    const QString why = reason.toLower();
    const auto has = [&why](const char* words) { return why.contains(QLatin1String(words)); };
    if (has("refused")) {
        return QCoreApplication::translate(
            "Node", "The computer answers, but nothing there takes Confab connections: Confab is "
                    "not running on it, or listens on another port.");
    }
    if (has("timed out")) {
        return QCoreApplication::translate(
            "Node", "No answer: the computer may be off or on another network, or a firewall "
                    "blocks the port.");
    }
    if (has("host not found")) {
        return QCoreApplication::translate("Node", "No computer with that name was found on the network.");
    }
    if (has("network error") || has("unreachable")) {
        return QCoreApplication::translate("Node",
                                           "This computer cannot reach that network: is it connected?");
    }
    if (has("closed by the peer") || has("reset by the peer") || has("said goodbye")) {
        return QCoreApplication::translate("Node",
                                           "The other side closed the connection before it was set up.");
    }
    if (has("handshake") || has("frame") || has("protocol version") || has("malformed")) {
        return QCoreApplication::translate("Node",
                                           "Something answered, but not a Confab this version can talk to.");
    }
    if (has("too many links")) {
        return QCoreApplication::translate("Node", "This computer has as many links open as Confab allows.");
    }
    return QCoreApplication::translate("Node", "The connection failed (%1).").arg(reason);
}

// An address given by hand that has not led to a peer yet.
bool isPending(const session::Dialer::TargetState& target)
{
    return target.source == QLatin1String("static") && !target.peer;
}

} // namespace

void NodeParts::appendDiscovered(std::vector<PeerView>& views) const
{
    const OpenProfile& o = *open;
    if (!o.serviceDiscovery) {
        return;
    }
    const PeerId self = o.profile->identity().peerId();
    // One entry per identity: a service whose ID hint is a known peer (or
    // us, or one already listed) adds nothing. Hints are never trusted
    // further than that; the handshake decides who a peer is.
    const auto listed = [&views](const PeerId& peer) {
        return std::any_of(views.begin(), views.end(),
                           [&](const PeerView& v) { return v.record.id == peer; });
    };
    for (const net::DiscoveredService& service : o.serviceDiscovery->services()) {
        if (service.idHint && (*service.idHint == self || listed(*service.idHint))) {
            continue;
        }
        if (!service.idHint && std::any_of(views.begin(), views.end(), [&](const PeerView& v) {
                return v.instance == service.instance && v.record.id.isNull();
            })) {
            continue;
        }
        PeerView view;
        view.record.id = service.idHint.value_or(PeerId{});
        view.record.displayName = service.displayName.isEmpty() ? service.instance : service.displayName;
        view.address = service.addresses.isEmpty() ? QString() : service.addresses.constFirst().toString();
        view.source = service.source;
        view.instance = service.instance;
        views.push_back(std::move(view));
    }
}

Result<PeerId, QString> Node::resolvePeer(const QString& query)
{
    OpenProfile& o = *m_parts->open;
    const QString wanted = query.trimmed();
    if (wanted.isEmpty()) {
        return QCoreApplication::translate("Node", "No peer given.");
    }
    if (auto exact = PeerId::fromText(wanted.toStdString())) {
        return *exact;
    }
    // A name is what people type, and a short one ("c", "bob") is often
    // also the start of someone else's ID: the name wins. The nickname the
    // user gave a peer wins over a name some peer announces.
    const std::vector<storage::PeerRecord> records = o.peerStore.peers();
    const auto named = [&](QString storage::PeerRecord::*field) {
        std::vector<PeerId> found;
        for (const storage::PeerRecord& peer : records) {
            const QString& name = peer.*field;
            if (!name.isEmpty() && name.compare(wanted, Qt::CaseInsensitive) == 0) {
                found.push_back(peer.id);
            }
        }
        return found;
    };
    std::vector<PeerId> matches = named(&storage::PeerRecord::nickname);
    if (matches.empty()) {
        matches = named(&storage::PeerRecord::displayName);
    }
    if (matches.empty()) {
        std::vector<PeerId> known;
        known.reserve(records.size());
        for (const storage::PeerRecord& peer : records) {
            known.push_back(peer.id);
        }
        for (const PeerId& peer : o.messageStore.conversations()) {
            if (std::find(known.begin(), known.end(), peer) == known.end()) {
                known.push_back(peer);
            }
        }
        for (const PeerId& peer : known) {
            if (idText(peer).startsWith(wanted, Qt::CaseInsensitive)) {
                matches.push_back(peer);
            }
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    if (matches.empty()) {
        return QCoreApplication::translate("Node",
                                           "Unknown peer '%1'. Run 'confabctl peers' to list known peers.")
            .arg(wanted);
    }
    QStringList candidates;
    for (const PeerId& peer : matches) {
        candidates.append(idText(peer).left(12));
    }
    return QCoreApplication::translate("Node", "'%1' matches %2 peers (%3); give more of the ID.")
        .arg(wanted)
        .arg(matches.size())
        .arg(candidates.join(QStringLiteral(", ")));
}

std::vector<PeerView> Node::peers()
{
    OpenProfile& o = *m_parts->open;
    std::vector<PeerView> result;
    for (const storage::PeerRecord& record : o.peerStore.peers()) {
        PeerView view;
        view.connected = o.links.isConnected(record.id);
        view.address = record.lastAddress;
        if (const auto info = o.links.linkInfo(record.id); info && info->listenAddress) {
            view.address = info->listenAddress->toString();
        }
        view.unread = o.messageStore.unreadCount(record.id);
        if (const auto warning = o.keyWarnings.pending(record.id)) {
            view.keyWarning = toApi(*warning);
        }
        view.record = toApi(record);
        view.nickname = record.nickname;
        view.blocked = record.blockedMs.has_value();
        view.blockedMs = record.blockedMs.value_or(0);
        if (const auto state = o.presence.peerState(record.id)) {
            view.presence = toApi(*state);
        }
        view.typing = o.presence.isTyping(record.id);
        view.avatar = o.avatars.of(record.id);
        const relay::RouteView route = o.relay.route(record.id);
        view.route = static_cast<PeerView::Route>(route.kind);
        view.via = route.via;
        view.hops = route.hops;
        result.push_back(std::move(view));
    }
    m_parts->appendDiscovered(result);
    return result;
}

PeerSummaries Node::peerSummaries()
{
    OpenProfile& o = *m_parts->open;
    std::map<PeerId, files::DropView> newestDrops;
    for (files::DropView& drop : o.transfers.drops()) {
        const auto it = newestDrops.find(drop.peer);
        if (it == newestDrops.end() || it->second.createdMs <= drop.createdMs) {
            newestDrops.insert_or_assign(drop.peer, std::move(drop));
        }
    }
    PeerSummaries summaries;
    for (PeerView& view : peers()) {
        PeerSummary summary{std::move(view), std::nullopt, std::nullopt};
        if (summary.view.source.isEmpty()) {
            auto newest = history(summary.view.record.id, 1);
            if (!newest.empty()) {
                summary.last = newest.front();
            }
            if (const auto drop = newestDrops.find(summary.view.record.id); drop != newestDrops.end()) {
                summary.lastDrop = transferView(o, drop->second);
            }
        }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

PeerDetails Node::peerDetails(const PeerId& peer)
{
    PeerDetails details;
    details.view.record.id = peer;
    std::vector<PeerView> views = peers();
    for (const PeerView& view : views) {
        if (view.record.id == peer) {
            details.view = view;
            break;
        }
    }
    if (details.view.via) {
        for (const PeerView& view : views) {
            if (view.record.id == *details.view.via) {
                details.viaName = view.name();
                break;
            }
        }
    }
    if (auto number = safetyNumber(peer)) {
        details.safetyNumber = QString::fromStdString(number.value());
    } else {
        details.safetyNumberProblem = number.error();
    }
    details.ownFingerprint = ownFingerprint();
    return details;
}

Result<NetworkAddress, QString> Node::addPeer(const QString& text)
{
    if (looksLikeContactCard(text)) {
        return m_parts->addContact(text);
    }
    OpenProfile& o = *m_parts->open;
    auto address = net::HostPort::parse(text, net::kDefaultPort);
    if (!address) {
        return address.error();
    }
    o.peerStore.addStaticAddress(address.value().toString(), clock().wallMs());
    o.staticDiscovery.add({address.value(), std::nullopt, QStringLiteral("static")});
    m_parts->schedulePeersChanged();
    return NetworkAddress{address.value().host, address.value().port};
}

Result<NetworkAddress, QString> NodeParts::addContact(const QString& text)
{
    OpenProfile& o = *open;
    auto parsed = parseContactCard(text);
    if (!parsed) {
        return parsed.error();
    }
    const ContactCard& card = parsed.value();
    if (card.id == o.profile->identity().peerId()) {
        return QCoreApplication::translate(
            "Node", "This is your own contact text: give it to whoever wants to add you.");
    }
    // Dialed expecting the card's ID: whoever else answers at an address is
    // turned away by the handshake. Not stored as addresses typed by hand:
    // once met, the peer is remembered like any other.
    for (const QString& address : card.addresses) {
        o.staticDiscovery.add(
            {net::HostPort::parse(address, net::kDefaultPort).value(), card.id, QStringLiteral("contact")});
    }
    o.contactFingerprints.insert_or_assign(card.id, card.fingerprint);
    verifyFromContactCard(card.id); // met before, under another address or by discovery
    schedulePeersChanged();
    const auto first = net::HostPort::parse(card.addresses.constFirst(), net::kDefaultPort).value();
    return NetworkAddress{first.host, first.port};
}

void NodeParts::verifyFromContactCard(const PeerId& peer)
{
    OpenProfile& o = *open;
    const auto card = o.contactFingerprints.find(peer);
    if (card == o.contactFingerprints.end()) {
        return;
    }
    const auto key = o.peerStore.pinnedKey(peer);
    if (!key) {
        return; // not met yet
    }
    const QString named = card->second;
    o.contactFingerprints.erase(card);
    // The ID is derived from the key, so this holds unless the text was
    // altered; never verify on a mismatch.
    if (!sameFingerprint(QString::fromStdString(crypto::fingerprint(*key)), named)) {
        logEvent(QStringLiteral("security"), peer,
                 QStringLiteral("its key does not have the fingerprint of the contact text it was added "
                                "with: not verified"));
        return;
    }
    if (o.peerStore.setVerified(peer, true)) {
        logEvent(QStringLiteral("verified"), peer, QStringLiteral("its key matches its contact text"));
        schedulePeersChanged();
    }
}

PendingPeers Node::pendingPeers() const
{
    PendingPeers pending;
    for (const session::Dialer::TargetState& target : m_parts->open->dialer.targets()) {
        if (!isPending(target)) {
            continue;
        }
        PendingPeer peer;
        peer.address = {target.address.host, target.address.port};
        peer.trying = target.dialing || target.failures == 0;
        peer.failedAttempts = target.failures;
        if (!target.lastError.isEmpty()) {
            peer.problem = dialProblem(target.lastError);
        }
        pending.push_back(std::move(peer));
    }
    return pending;
}

bool Node::cancelPendingPeer(const QString& text)
{
    OpenProfile& o = *m_parts->open;
    auto address = net::HostPort::parse(text, net::kDefaultPort);
    if (!address) {
        return false;
    }
    const auto target = o.dialer.target(address.value());
    if (!target || !isPending(*target)) {
        return false;
    }
    o.dialer.removeTarget(address.value());
    o.staticDiscovery.remove(address.value());
    o.peerStore.removeStaticAddress(address.value().toString());
    m_parts->schedulePeersChanged();
    return true;
}

Result<std::string, QString> Node::safetyNumber(const PeerId& peer)
{
    OpenProfile& o = *m_parts->open;
    const auto key = o.peerStore.pinnedKey(peer);
    if (!key) {
        return QCoreApplication::translate("Node", "No key is known for %1 yet: connect to it once first.")
            .arg(idText(peer));
    }
    return crypto::safetyNumber(o.profile->identity().publicKey(), *key);
}

RelayStatus Node::relayStatus()
{
    relay::RelayService& service = m_parts->open->relay;
    const relay::RelaySettings& settings = service.settings();
    const relay::RelayStats stats = service.stats();
    RelayStatus status;
    status.carrying = settings.carry;
    const relay::ForwardingStats forwarding = m_parts->open->forwarder.stats();
    status.files = {forwarding.forwarding,  forwarding.bytesPerSecond, forwarding.active,
                    forwarding.connections, forwarding.bytes,          forwarding.refused};
    status.storeLimitBytes = settings.storeLimitBytes;
    status.perOriginMessages = settings.perOriginMessages;
    status.perOriginBytes = settings.perOriginBytes;
    status.expiryMs = settings.expiryMs;
    status.heldCount = stats.held.count;
    status.heldBytes = stats.held.bytes;
    for (const auto& [origin, use] : stats.heldByOrigin) {
        status.heldByOrigin.push_back({origin, use.count, use.bytes});
    }
    status.forwarded = stats.forwarded;
    status.flooded = stats.flooded;
    status.transmissions = stats.transmissions;
    status.delivered = stats.delivered;
    status.deliveredHops = stats.deliveredHops;
    status.deliveredHopsMax = stats.deliveredHopsMax;
    status.sent = stats.sent;
    status.refusedQuota = stats.refusedQuota;
    status.refusedInvalid = stats.refusedInvalid;
    status.refusedExpired = stats.refusedExpired;
    status.refusedReplay = stats.refusedReplay;
    status.refusedBlocked = stats.refusedBlocked;
    status.relayedPeers = stats.knownPeers;
    return status;
}

std::vector<EventRecord> Node::eventLog(int limit)
{
    std::vector<EventRecord> events;
    for (const storage::EventRecord& event : m_parts->open->eventLog.recent(limit)) {
        events.push_back(toApi(event));
    }
    return events;
}

// Trust and settings

void Node::setDisplayName(const QString& name)
{
    OpenProfile& o = *m_parts->open;
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return;
    }
    o.profile->setDisplayName(trimmed);
    if (!o.running) { // not announced yet: this run uses it
        o.displayName = trimmed;
        o.relay.setDisplayName(trimmed);
    }
}

bool Node::setVerified(const PeerId& peer, bool verified)
{
    const bool changed = m_parts->open->peerStore.setVerified(peer, verified);
    m_parts->schedulePeersChanged();
    return changed;
}

bool Node::acknowledgeKeyWarning(const PeerId& peer)
{
    const bool acknowledged = m_parts->open->keyWarnings.acknowledge(peer, clock().wallMs());
    m_parts->schedulePeersChanged();
    return acknowledged;
}

ProfileSettings Node::settings() const
{
    const OpenProfile& o = *m_parts->open;
    ProfileSettings result = toApi(o.profile->settings());
    if (result.displayName.isEmpty()) {
        result.displayName = o.displayName;
    }
    // The file drop settings in force: where drops go now, and whether they
    // are accepted by themselves (also when an option at start said so).
    const files::TransferSettings& drops = o.transfers.settings();
    result.downloadFolder = drops.downloadFolder;
    result.autoAcceptVerified = drops.autoAcceptVerified;
    if (!net::parseDiscoveryMode(result.discoveryMode)) {
        result.discoveryMode = net::discoveryModeName(net::DiscoveryMode::Auto);
    }
    if (o.calls) {
        result.lowLatencyCalls = o.calls->settings().frameMs == proto::kLowDelayFrameMs;
        result.echoCancellation = o.calls->settings().voice.echoCancellation;
    }
    if (result.relayStoreMb < kMinRelayStoreMb || result.relayStoreMb > kMaxRelayStoreMb) {
        // confabd's default, so that the GUI and the daemon keep the same.
        result.relayStoreMb = static_cast<int>(relay::RelaySettings{}.storeLimitBytes / kBytesPerMiB);
    }
    if (result.relayRateKib < 0 || result.relayRateKib > kMaxRelayRateKib) {
        result.relayRateKib = static_cast<int>(relay::RelaySettings{}.forwardBytesPerSecond / 1024);
    }
    if (result.awayAfterMinutes < 0 || result.awayAfterMinutes > kMaxAwayAfterMinutes) {
        result.awayAfterMinutes = kDefaultAwayAfterMinutes;
    }
    return result;
}

Result<ProfileSettings, QString> Node::saveSettings(const ProfileSettings& settings)
{
    OpenProfile& o = *m_parts->open;
    ProfileSettings cleaned = settings;
    cleaned.displayName = settings.displayName.trimmed();
    if (auto problem = displayNameError(cleaned.displayName)) {
        return *problem;
    }
    const auto mode = net::parseDiscoveryMode(settings.discoveryMode);
    if (!mode) {
        return QCoreApplication::translate("Node",
                                           "Unknown discovery mode '%1': use auto, avahi, embedded or off.")
            .arg(settings.discoveryMode);
    }
    cleaned.discoveryMode = net::discoveryModeName(*mode);
    cleaned.downloadFolder = QDir::cleanPath(settings.downloadFolder.trimmed());
    if (cleaned.downloadFolder.isEmpty() || !QDir::isAbsolutePath(cleaned.downloadFolder)) {
        return QCoreApplication::translate("Node", "The download folder must be a full path, such as %1.")
            .arg(QDir::homePath() + QStringLiteral("/Downloads"));
    }
    if (settings.relayStoreMb < kMinRelayStoreMb || settings.relayStoreMb > kMaxRelayStoreMb) {
        return QCoreApplication::translate("Node",
                                           "The storage for others must be from %1 to %2 MiB (not %3).")
            .arg(kMinRelayStoreMb)
            .arg(kMaxRelayStoreMb)
            .arg(settings.relayStoreMb);
    }
    if (settings.relayRateKib < 0 || settings.relayRateKib > kMaxRelayRateKib) {
        return QCoreApplication::translate(
                   "Node",
                   "The speed for others' files must be from 0 (none passed on) to %1 KiB/s (not %2).")
            .arg(kMaxRelayRateKib)
            .arg(settings.relayRateKib);
    }
    if (settings.awayAfterMinutes < 0 || settings.awayAfterMinutes > kMaxAwayAfterMinutes) {
        return QCoreApplication::translate("Node",
                                           "Away after idle must be from 0 (never) to %1 minutes (not %2).")
            .arg(kMaxAwayAfterMinutes)
            .arg(settings.awayAfterMinutes);
    }
    if (!o.profile->saveSettings(toStorage(cleaned))) {
        return QCoreApplication::translate("Node", "Cannot write the settings to the profile folder %1.")
            .arg(o.profile->dir());
    }
    // Unlike the others, the file drop settings apply at once: the next
    // offer is accepted (or not) and saved by what the user just chose.
    files::TransferSettings drops = o.transfers.settings();
    drops.downloadFolder = cleaned.downloadFolder;
    drops.autoAcceptVerified = cleaned.autoAcceptVerified;
    o.transfers.setSettings(std::move(drops));
    // So do low latency and echo cancellation, for the next call (unless
    // --frame-ms or --echo-cancellation chose for the run).
    if (o.calls && m_parts->config.frameMsFromSettings) {
        o.calls->setFrameMs(calls::frameMsForLowLatency(cleaned.lowLatencyCalls));
    }
    if (o.calls && m_parts->config.echoCancellationFromSettings) {
        o.calls->setEchoCancellation(cleaned.echoCancellation);
    }
    return cleaned;
}

} // namespace confab::api
