#include "link_manager.h"

#include "proto/limits.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

LinkManager::LinkManager(const crypto::IdentityKeyPair& identity, TrustStore& trust, LinkTimings timings,
                         QObject* parent)
    : QObject(parent), m_identity(identity), m_self(identity.peerId()), m_authenticator(m_self, trust),
      m_timings(timings)
{
    m_ownPayload.protocolVersion = proto::kProtocolVersion;
    m_ownPayload.peerId = m_self;
    m_ownPayload.identityKey = identity.publicKey();
}

LinkManager::~LinkManager()
{
    for (Link* link : m_links) {
        link->disconnect(this);
        delete link;
    }
}

void LinkManager::setOwnInfo(const QString& displayName, quint16 listenPort)
{
    // encodeHandshakePayload shortens an over-long name at a character boundary.
    m_ownPayload.displayName = displayName.toStdString();
    m_ownPayload.listenPort = listenPort;
}

std::size_t LinkManager::pendingHandshakes() const
{
    return static_cast<std::size_t>(std::count_if(m_links.begin(), m_links.end(), [](const Link* link) {
        return link->state() == Link::State::Preamble || link->state() == Link::State::Handshake;
    }));
}

Link* LinkManager::createLink(QTcpSocket* socket, Link::Role role,
                              const std::optional<proto::PeerId>& expectedPeer)
{
    auto verifier = [this, expectedPeer](const proto::HandshakePayload& payload,
                                         const crypto::PublicKey& remoteStatic) {
        return m_authenticator.check(payload, remoteStatic, expectedPeer);
    };
    auto* link = new Link(socket, role, m_identity, m_ownPayload, verifier, m_timings, m_nextSerial++, this);
    m_links.insert(link);
    connect(link, &Link::established, this, &LinkManager::onEstablished);
    connect(link, &Link::closed, this, &LinkManager::onClosed);
    connect(link, &Link::messagesReceived, this,
            [this](Link* from, const std::vector<proto::LinkMessage>& messages) {
                emit messagesReceived(from->remote().peerId, messages);
            });
    return link;
}

void LinkManager::acceptIncoming(QTcpSocket* socket)
{
    if (m_links.size() >= kMaxLinks || pendingHandshakes() >= kMaxPendingHandshakes) {
        qCWarning(lcLink) << "refusing a connection from" << socket->peerAddress().toString()
                          << "- too many links or handshakes in progress";
        socket->abort();
        socket->deleteLater();
        return;
    }
    createLink(socket, Link::Role::Responder, std::nullopt)->start();
}

void LinkManager::dial(const net::HostPort& address, const std::optional<proto::PeerId>& expectedPeer)
{
    if (m_links.size() >= kMaxLinks) {
        emit dialFinished(address, std::nullopt, QStringLiteral("too many links"));
        return;
    }
    auto* socket = new QTcpSocket();
    Link* link = createLink(socket, Link::Role::Initiator, expectedPeer);
    m_dialed[link] = address;
    link->setDialAddress(address);
    link->start();
    socket->connectToHost(address.host, address.port);
}

bool LinkManager::send(const proto::PeerId& peer, proto::LinkMessageType type, proto::ByteView body)
{
    const auto it = m_active.find(peer);
    return it != m_active.end() && it->second->send(type, body);
}

std::vector<proto::PeerId> LinkManager::connectedPeers() const
{
    std::vector<proto::PeerId> peers;
    peers.reserve(m_active.size());
    for (const auto& [peer, link] : m_active) {
        peers.push_back(peer);
    }
    return peers;
}

const Link* LinkManager::activeLink(const proto::PeerId& peer) const
{
    const auto it = m_active.find(peer);
    return it == m_active.end() ? nullptr : it->second;
}

bool LinkManager::preferred(const Link* a, const Link* b) const
{
    // Both ends evaluate the same facts (who initiated, the shared handshake
    // hash), so both keep the same link when two peers dial each other at once.
    const auto initiatorOf = [this](const Link* link) {
        return link->role() == Link::Role::Initiator ? m_self : link->remote().peerId;
    };
    const proto::PeerId initiatorA = initiatorOf(a);
    const proto::PeerId initiatorB = initiatorOf(b);
    if (initiatorA != initiatorB) {
        return initiatorA < initiatorB;
    }
    return a->handshakeHash() < b->handshakeHash();
}

void LinkManager::onEstablished(Link* link)
{
    const proto::PeerId peer = link->remote().peerId;
    if (auto dialed = m_dialed.find(link); dialed != m_dialed.end()) {
        emit dialFinished(dialed->second, peer, QString());
        m_dialed.erase(dialed);
    }
    const auto it = m_active.find(peer);
    if (it == m_active.end()) {
        m_active[peer] = link;
        emit peerConnected(peer, link->remote(), link->remoteListenAddress());
        return;
    }
    Link* existing = it->second;
    const bool keepNew = preferred(link, existing);
    Link* loser = keepNew ? existing : link;
    if (keepNew) {
        it->second = link;
    }
    qCInfo(lcLink).noquote() << "two links to" << QString::fromStdString(peer.toText()).left(8) << "- keeping"
                             << (keepNew ? link : existing)->describe();
    loser->close(proto::GoodbyeReason::DuplicateLink);
}

void LinkManager::onClosed(Link* link, const QString& reason, bool securityViolation)
{
    if (securityViolation) {
        emit securityEvent(link->claimedPeer(), QStringLiteral("%1: %2").arg(link->describe(), reason));
    }
    if (auto dialed = m_dialed.find(link); dialed != m_dialed.end()) {
        emit dialFinished(dialed->second, std::nullopt, reason);
        m_dialed.erase(dialed);
    }
    const proto::PeerId peer = link->remote().peerId;
    const auto it = m_active.find(peer);
    if (it != m_active.end() && it->second == link) {
        m_active.erase(it);
        emit peerDisconnected(peer, reason);
    } else if (it != m_active.end() && !peer.isNull()) {
        emit linkReplaced(peer);
    }
    m_links.erase(link);
    link->deleteLater();
}

void LinkManager::dropPeer(const proto::PeerId& peer, const QString& reason)
{
    if (const auto it = m_active.find(peer); it != m_active.end()) {
        it->second->abort(reason);
    }
}

void LinkManager::shutdown()
{
    for (Link* link : std::vector<Link*>(m_links.begin(), m_links.end())) {
        link->close(proto::GoodbyeReason::Shutdown);
    }
}

} // namespace confab::session
