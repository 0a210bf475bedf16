#include "node.h"

#include "crypto/safety_number.h"

#include <QLoggingCategory>

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

} // namespace

proto::Result<std::unique_ptr<Node>, QString> Node::create(const NodeConfig& config, const session::Clock& clock)
{
    auto profile = storage::Profile::open(config.profileDir);
    if (!profile) {
        return profile.error();
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return db.error();
    }
    return std::unique_ptr<Node>(new Node(config, clock, std::move(profile).value(), std::move(db).value()));
}

Node::Node(const NodeConfig& config, const session::Clock& clock, std::unique_ptr<storage::Profile> profile,
           std::unique_ptr<storage::Database> db)
    : m_config(config), m_clock(clock), m_profile(std::move(profile)), m_db(std::move(db)), m_peerStore(*m_db),
      m_messageStore(*m_db), m_eventLog(*m_db), m_trust(m_peerStore, clock)
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
    m_chat = std::make_unique<chat::ChatService>(id(), *m_links, m_messageStore, clock);

    connect(m_listener.get(), &net::TcpListener::connectionAccepted, m_links.get(),
            &session::LinkManager::acceptIncoming);
    connect(m_staticDiscovery.get(), &net::Discovery::peerSighted, m_dialer.get(), &session::Dialer::addTarget);
    connect(m_chat.get(), &chat::ChatService::messageStored, this, &Node::messageStored);
    connect(m_chat.get(), &chat::ChatService::messageStateChanged, this, &Node::messageStateChanged);
    connect(m_links.get(), &session::LinkManager::peerConnected, this,
            [this](const proto::PeerId& peer, const proto::HandshakePayload& info,
                   const std::optional<net::HostPort>& listenAddress) {
                const QString address = listenAddress ? listenAddress->toString() : QString();
                m_peerStore.recordSeen(peer, QString::fromStdString(info.displayName), address, m_clock.nowMs());
                if (listenAddress) {
                    // Remembered, so a dropped link is dialed again from this side too.
                    m_dialer->addTarget({*listenAddress, peer, QStringLiteral("remembered")});
                }
                logEvent(QStringLiteral("peer-connected"), peer, address);
            });
    connect(m_links.get(), &session::LinkManager::peerDisconnected, this,
            [this](const proto::PeerId& peer, const QString& reason) {
                m_peerStore.recordSeen(peer, m_peerStore.peer(peer).value_or(storage::PeerRecord{}).displayName,
                                       QString(), m_clock.nowMs());
                logEvent(QStringLiteral("peer-disconnected"), peer, reason);
            });
    connect(m_links.get(), &session::LinkManager::securityEvent, this,
            [this](const QString& detail) { logEvent(QStringLiteral("security"), std::nullopt, detail); });
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
    return notices;
}

void Node::shutdown()
{
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
        view.record = std::move(record);
        result.push_back(std::move(view));
    }
    return result;
}

proto::Result<storage::StoredMessage, QString> Node::sendText(const proto::PeerId& to, const QString& text)
{
    return m_chat->sendText(to, text);
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

} // namespace confab::api
