#include "node.h"

#include "crypto/safety_number.h"
#include "display_name.h"

#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcNode, "confab.node")

namespace confab::api {
namespace {

QString idText(const proto::PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString loginName()
{
    QString name = qEnvironmentVariable("USER");
    return name.isEmpty() ? QStringLiteral("Confab user") : name;
}

// Settings: the discovery mode and sound cards saved in the profile, when
// the front end lets the profile decide.
NodeConfig withSavedSettings(NodeConfig config, const storage::Profile& profile)
{
    if (config.discoveryFromSettings) {
        if (auto saved = net::parseDiscoveryMode(profile.settings().discoveryMode)) {
            config.discovery = *saved;
        }
    }
    if (config.audioFromSettings && !config.audio.usesFiles()) {
        const storage::ProfileSettings saved = profile.settings();
        config.audio.inputDevice = saved.audioInputDevice;
        config.audio.outputDevice = saved.audioOutputDevice;
    }
    return config;
}

} // namespace

proto::Result<std::unique_ptr<Node>, QString> Node::create(const NodeConfig& config,
                                                           const session::Clock& clock)
{
    auto profile = storage::Profile::open(config.profileDir);
    if (!profile) {
        return profile.error();
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return db.error();
    }
    const NodeConfig effective = withSavedSettings(config, *profile.value());
    return std::unique_ptr<Node>(
        new Node(effective, clock, std::move(profile).value(), std::move(db).value()));
}

Node::Node(const NodeConfig& config, const session::Clock& clock, std::unique_ptr<storage::Profile> profile,
           std::unique_ptr<storage::Database> db)
    : m_config(config), m_clock(clock), m_profile(std::move(profile)), m_db(std::move(db)),
      m_peerStore(*m_db), m_messageStore(*m_db), m_eventLog(*m_db), m_keyWarnings(*m_db),
      m_trust(m_peerStore, clock)
{
    m_uptime.start();
    m_db->checkpointInBackground();
    m_displayName = config.displayName.trimmed();
    if (m_displayName.isEmpty()) {
        m_displayName = m_profile->displayName();
    }
    if (m_displayName.isEmpty()) {
        m_displayName = loginName();
    }
    if (m_displayName != m_profile->displayName()) {
        m_profile->setDisplayName(m_displayName);
    }

    m_listener = std::make_unique<net::TcpListener>();
    m_links = std::make_unique<session::LinkManager>(m_profile->identity(), m_trust, config.timings);
    m_dialer = std::make_unique<session::Dialer>(*m_links);
    m_staticDiscovery = std::make_unique<net::StaticDiscovery>();
    m_exchange = std::make_unique<session::PeerExchanger>(*m_links);
    m_chat = std::make_unique<chat::ChatService>(id(), *m_links, m_messageStore, clock);

    connect(m_listener.get(), &net::TcpListener::connectionAccepted, m_links.get(),
            &session::LinkManager::acceptIncoming);
    connect(m_staticDiscovery.get(), &net::Discovery::peerSighted, m_dialer.get(),
            &session::Dialer::addTarget);
    connect(m_exchange.get(), &net::Discovery::peerSighted, this, &Node::onSighting);
    connect(m_chat.get(), &chat::ChatService::messageStored, this, &Node::messageStored);
    connect(m_chat.get(), &chat::ChatService::messageStateChanged, this, &Node::messageStateChanged);
    connect(m_links.get(), &session::LinkManager::peerConnected, this,
            [this](const proto::PeerId& peer, const proto::HandshakePayload& info,
                   const std::optional<net::HostPort>& listenAddress) {
                const QString address = listenAddress ? listenAddress->toString() : QString();
                m_peerStore.recordSeen(peer, QString::fromStdString(info.displayName), address,
                                       m_clock.nowMs());
                if (listenAddress) {
                    // Remembered, so a dropped link is dialed again from this side too.
                    m_dialer->addTarget({*listenAddress, peer, QStringLiteral("remembered")});
                }
                logEvent(QStringLiteral("peer-connected"), peer, address);
            });
    connect(m_links.get(), &session::LinkManager::peerDisconnected, this,
            [this](const proto::PeerId& peer, const QString& reason) {
                m_peerStore.recordSeen(peer,
                                       m_peerStore.peer(peer).value_or(storage::PeerRecord{}).displayName,
                                       QString(), m_clock.nowMs());
                logEvent(QStringLiteral("peer-disconnected"), peer, reason);
            });
    connect(m_links.get(), &session::LinkManager::securityEvent, this,
            [this](const std::optional<proto::PeerId>& claimedPeer, const QString& detail) {
                logEvent(QStringLiteral("security"), claimedPeer, detail);
            });
    connect(m_links.get(), &session::LinkManager::securityEvent, this, &Node::raiseKeyWarning);
}

Node::~Node()
{
    // Stop dialing and say goodbye while the stores still exist.
    shutdown();
}

proto::Result<QStringList, QString> Node::start()
{
    QStringList notices;
    auto bound = m_listener->listen(m_config.listen, m_config.listenChosenByUser);
    if (!bound) {
        return bound.error();
    }
    if (!bound.value().notice.isEmpty()) {
        notices.append(bound.value().notice);
    }
    m_listenAddress = bound.value().bound;
    m_links->setOwnInfo(m_displayName, m_listenAddress.port);
    if (const QString notice = startCalls(); !notice.isEmpty()) {
        notices.append(notice);
    }

    for (const QString& text : m_config.peers) {
        auto address = net::HostPort::parse(text, net::kDefaultPort);
        if (!address) {
            return address.error();
        }
        m_staticDiscovery->add({address.value(), std::nullopt, QStringLiteral("static")});
    }
    for (const QString& text : m_peerStore.staticAddresses()) {
        if (auto address = net::HostPort::parse(text, net::kDefaultPort)) {
            m_staticDiscovery->add({address.value(), std::nullopt, QStringLiteral("static")});
        }
    }
    for (const storage::PeerRecord& peer : m_peerStore.peers()) {
        if (peer.lastAddress.isEmpty()) {
            continue;
        }
        if (auto address = net::HostPort::parse(peer.lastAddress, net::kDefaultPort)) {
            m_staticDiscovery->add({address.value(), peer.id, QStringLiteral("remembered")});
        }
    }
    m_staticDiscovery->start();
    m_exchange->start();

    if (!m_serviceDiscoveryInjected) {
        net::DiscoveryChoice choice = net::chooseDiscovery(m_config.discovery);
        if (!choice.error.isEmpty()) {
            return choice.error;
        }
        if (!choice.notice.isEmpty()) {
            notices.append(choice.notice);
        }
        m_serviceDiscovery = std::move(choice.backend);
    }
    if (m_serviceDiscovery) {
        m_serviceDiscovery->setLocalService({id(), m_displayName, m_listenAddress.port});
        connect(m_serviceDiscovery.get(), &net::Discovery::peerSighted, this, &Node::onSighting);
        m_serviceDiscovery->start();
    }
    return notices;
}

void Node::setServiceDiscovery(std::unique_ptr<net::ServiceDiscovery> discovery)
{
    m_serviceDiscovery = std::move(discovery);
    m_serviceDiscoveryInjected = true;
}

void Node::onSighting(const net::PeerSighting& sighting)
{
    // Our own announcement coming back: proof that mDNS works at least locally.
    if (sighting.expectedPeer == id()) {
        return;
    }
    m_dialer->addTarget(sighting);
}

QString Node::discoveryMode() const
{
    return m_serviceDiscovery ? m_serviceDiscovery->name() : m_staticDiscovery->name();
}

QString Node::networkDiagnosis() const
{
    if (!m_serviceDiscovery) {
        return {};
    }
    if (QString problem = m_serviceDiscovery->problem(); !problem.isEmpty()) {
        return problem;
    }
    // Give probing, announcing and the first queries time to work.
    constexpr qint64 kSettleMs = 10000;
    if (m_uptime.elapsed() < kSettleMs) {
        return {};
    }
    bool ownSeen = false;
    bool othersSeen = false;
    for (const net::DiscoveredService& service : m_serviceDiscovery->services()) {
        (service.idHint == id() ? ownSeen : othersSeen) = true;
    }
    if (!ownSeen) {
        return QStringLiteral(
            "Our own mDNS announcements never came back: multicast looks blocked on this host "
            "(a firewall dropping UDP 5353?). Allow UDP port 5353 and 224.0.0.251, or add peers "
            "with 'confabctl add-peer ADDR:PORT'.");
    }
    if (!othersSeen && connectedCount() > 0) {
        return QStringLiteral(
                   "mDNS finds nobody while %1 peer(s) are linked by address: multicast looks blocked "
                   "on the network (Wi-Fi client isolation or a firewall). Allow UDP port 5353 and "
                   "224.0.0.251, or keep adding peers with 'confabctl add-peer ADDR:PORT'.")
            .arg(connectedCount());
    }
    return {};
}

QString Node::startCalls()
{
    m_mediaSocket = std::make_unique<calls::MediaSocket>();
    m_audioDevice = calls::makeAudioDevice(m_config.audio);
    m_calls =
        std::make_unique<calls::CallService>(*m_links, *m_mediaSocket, *m_audioDevice, m_config.callSettings);
    connect(m_calls.get(), &calls::CallService::callChanged, this, &Node::callChanged);
    // Media uses the UDP port with the TCP listener's number when it is free.
    const QString error = m_mediaSocket->bind(QHostAddress(m_listenAddress.host), m_listenAddress.port);
    if (!error.isEmpty()) {
        return error;
    }
    m_links->setMediaPort(m_config.mediaAnnouncePort != 0 ? m_config.mediaAnnouncePort
                                                          : m_mediaSocket->port());
    return {};
}

void Node::shutdown()
{
    if (m_calls) {
        m_calls->shutdown(); // hang up while the links can still carry it
    }
    if (m_serviceDiscovery) {
        m_serviceDiscovery->stop(); // goodbye on mDNS too
    }
    if (m_links) {
        m_links->shutdown();
    }
}

void Node::logEvent(const QString& kind, const std::optional<proto::PeerId>& peer, const QString& detail)
{
    if (kind == QLatin1String("security")) {
        qCWarning(lcNode).noquote() << "security event:" << detail;
    }
    emit eventLogged(m_eventLog.append(kind, peer, detail, m_clock.nowMs()));
}

proto::Result<proto::PeerId, QString> Node::resolvePeer(const QString& query)
{
    const QString wanted = query.trimmed();
    if (wanted.isEmpty()) {
        return QStringLiteral("No peer given.");
    }
    if (auto exact = proto::PeerId::fromText(wanted.toStdString())) {
        return *exact;
    }
    std::vector<proto::PeerId> known;
    for (const storage::PeerRecord& peer : m_peerStore.peers()) {
        known.push_back(peer.id);
    }
    for (const proto::PeerId& peer : m_messageStore.conversations()) {
        if (std::find(known.begin(), known.end(), peer) == known.end()) {
            known.push_back(peer);
        }
    }
    std::vector<proto::PeerId> matches;
    for (const proto::PeerId& peer : known) {
        if (idText(peer).startsWith(wanted, Qt::CaseInsensitive)) {
            matches.push_back(peer);
        }
    }
    if (matches.empty()) {
        for (const storage::PeerRecord& peer : m_peerStore.peers()) {
            if (peer.displayName.compare(wanted, Qt::CaseInsensitive) == 0) {
                matches.push_back(peer.id);
            }
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    if (matches.empty()) {
        return QStringLiteral("Unknown peer '%1'. Run 'confabctl peers' to list known peers.").arg(wanted);
    }
    QStringList candidates;
    for (const proto::PeerId& peer : matches) {
        candidates.append(idText(peer).left(12));
    }
    return QStringLiteral("'%1' matches %2 peers (%3); give more of the ID.")
        .arg(wanted)
        .arg(matches.size())
        .arg(candidates.join(QStringLiteral(", ")));
}

std::vector<PeerView> Node::peers()
{
    std::vector<PeerView> result;
    for (storage::PeerRecord& record : m_peerStore.peers()) {
        PeerView view;
        view.connected = m_links->isConnected(record.id);
        view.address = record.lastAddress;
        if (const session::Link* link = m_links->activeLink(record.id)) {
            if (auto listen = link->remoteListenAddress()) {
                view.address = listen->toString();
            }
        }
        view.unread = m_messageStore.unreadCount(record.id);
        view.keyWarning = m_keyWarnings.pending(record.id);
        view.record = std::move(record);
        result.push_back(std::move(view));
    }
    appendDiscovered(result);
    return result;
}

void Node::appendDiscovered(std::vector<PeerView>& views) const
{
    if (!m_serviceDiscovery) {
        return;
    }
    // One entry per identity: a service whose ID hint is a known peer (or
    // us, or one already listed) adds nothing. Hints are never trusted
    // further than that; the handshake decides who a peer is.
    const auto listed = [&views](const proto::PeerId& peer) {
        return std::any_of(views.begin(), views.end(),
                           [&](const PeerView& v) { return v.record.id == peer; });
    };
    for (const net::DiscoveredService& service : m_serviceDiscovery->services()) {
        if (service.idHint && (*service.idHint == id() || listed(*service.idHint))) {
            continue;
        }
        if (!service.idHint && std::any_of(views.begin(), views.end(), [&](const PeerView& v) {
                return v.instance == service.instance && v.record.id.isNull();
            })) {
            continue;
        }
        PeerView view;
        view.record.id = service.idHint.value_or(proto::PeerId{});
        view.record.displayName = service.displayName.isEmpty() ? service.instance : service.displayName;
        view.address = service.addresses.isEmpty() ? QString() : service.addresses.constFirst().toString();
        view.source = service.source;
        view.instance = service.instance;
        views.push_back(std::move(view));
    }
}

void Node::sendText(const proto::PeerId& to, const QString& text, chat::ChatService::SendCallback done)
{
    m_chat->sendText(to, text, std::move(done));
}

std::vector<storage::StoredMessage> Node::history(const proto::PeerId& peer, int limit)
{
    return m_messageStore.history(peer, limit);
}

std::optional<storage::StoredMessage> Node::takeOldestUnread(const std::optional<proto::PeerId>& from)
{
    auto message = m_messageStore.oldestUnread(from);
    if (message && m_chat->markRead(*message)) {
        message->state = storage::MessageState::ReadIncoming;
        return message;
    }
    return std::nullopt;
}

std::vector<storage::StoredMessage> Node::historyBefore(const proto::PeerId& peer, std::int64_t beforeSeq,
                                                        int limit)
{
    return m_messageStore.historyBefore(peer, beforeSeq, limit);
}

proto::Result<net::HostPort, QString> Node::addPeer(const QString& text)
{
    auto address = net::HostPort::parse(text, net::kDefaultPort);
    if (!address) {
        return address.error();
    }
    m_peerStore.addStaticAddress(address.value().toString(), m_clock.nowMs());
    m_staticDiscovery->add({address.value(), std::nullopt, QStringLiteral("static")});
    return address.value();
}

proto::Result<std::string, QString> Node::safetyNumber(const proto::PeerId& peer)
{
    const auto key = m_peerStore.pinnedKey(peer);
    if (!key) {
        return QStringLiteral("No key is known for %1 yet: connect to it once first.").arg(idText(peer));
    }
    return crypto::safetyNumber(m_profile->identity().publicKey(), *key);
}

QString Node::ownFingerprint() const
{
    return QString::fromStdString(crypto::fingerprint(m_profile->identity().publicKey()));
}

std::vector<storage::EventRecord> Node::events(int limit)
{
    return m_eventLog.recent(limit);
}

// Trust and settings

void Node::raiseKeyWarning(const std::optional<proto::PeerId>& claimedPeer, const QString& detail)
{
    // Only a peer we already know has a conversation to warn in; a stranger's
    // failed handshake is in the event log and nowhere else.
    if (!claimedPeer || (!m_peerStore.pinnedKey(*claimedPeer) && !m_peerStore.peer(*claimedPeer))) {
        return;
    }
    m_keyWarnings.raise(*claimedPeer, detail, m_clock.nowMs());
}

void Node::setDisplayName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return;
    }
    m_profile->setDisplayName(trimmed);
    if (m_listener->port() == 0) { // not started: this run uses it
        m_displayName = trimmed;
    }
}

bool Node::setVerified(const proto::PeerId& peer, bool verified)
{
    return m_peerStore.setVerified(peer, verified);
}

std::optional<storage::KeyWarning> Node::keyWarning(const proto::PeerId& peer)
{
    return m_keyWarnings.pending(peer);
}

bool Node::acknowledgeKeyWarning(const proto::PeerId& peer)
{
    return m_keyWarnings.acknowledge(peer, m_clock.nowMs());
}

storage::ProfileSettings Node::settings() const
{
    storage::ProfileSettings result = m_profile->settings();
    if (result.displayName.isEmpty()) {
        result.displayName = m_displayName;
    }
    if (result.downloadFolder.isEmpty()) {
        const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        result.downloadFolder = downloads.isEmpty() ? QDir::homePath() : downloads;
    }
    if (!net::parseDiscoveryMode(result.discoveryMode)) {
        result.discoveryMode = net::discoveryModeName(net::DiscoveryMode::Auto);
    }
    return result;
}

proto::Result<storage::ProfileSettings, QString> Node::saveSettings(const storage::ProfileSettings& settings)
{
    storage::ProfileSettings cleaned = settings;
    cleaned.displayName = settings.displayName.trimmed();
    if (auto problem = displayNameError(cleaned.displayName)) {
        return *problem;
    }
    const auto mode = net::parseDiscoveryMode(settings.discoveryMode);
    if (!mode) {
        return QStringLiteral("Unknown discovery mode '%1': use auto, avahi, embedded or off.")
            .arg(settings.discoveryMode);
    }
    cleaned.discoveryMode = net::discoveryModeName(*mode);
    cleaned.downloadFolder = QDir::cleanPath(settings.downloadFolder.trimmed());
    if (cleaned.downloadFolder.isEmpty() || !QDir::isAbsolutePath(cleaned.downloadFolder)) {
        return QStringLiteral("The download folder must be a full path, such as %1.")
            .arg(QDir::homePath() + QStringLiteral("/Downloads"));
    }
    if (!m_profile->saveSettings(cleaned)) {
        return QStringLiteral("Cannot write the settings to the profile folder %1.").arg(m_profile->dir());
    }
    return cleaned;
}

} // namespace confab::api
