#include "link_manager.h"

#include "proto/limits.h"

#include <QLoggingCategory>
#include <QMetaMethod>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

LinkManager::LinkManager(const crypto::IdentityKeyPair& identity, TrustStore& trust,
                         net::StreamNetwork& network, Clock& clock, LinkTimings timings, QObject* parent)
    : MessagePort(parent), m_identity(identity), m_self(identity.peerId()), m_authenticator(m_self, trust),
      m_network(network), m_context{identity, clock, timings}
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
    // Only what others opened counts: our own dials are paced by the dialer,
    // and counting them would make a node that dials many peers at start
    // refuse every peer dialing it at the same moment.
    return static_cast<std::size_t>(std::count_if(m_links.begin(), m_links.end(), [](const Link* link) {
        return link->role() == Link::Role::Responder &&
               (link->state() == Link::State::Preamble || link->state() == Link::State::Handshake);
    }));
}

Link* LinkManager::createLink(std::unique_ptr<net::ByteStream> stream, Link::Role role,
                              const std::optional<PeerId>& expectedPeer,
                              const std::optional<TransferId>& transferId,
                              const std::optional<PeerId>& forwardTo)
{
    auto verifier = [this, expectedPeer](const proto::HandshakePayload& payload,
                                         const crypto::PublicKey& remoteStatic) {
        AuthDecision decision = m_authenticator.check(payload, remoteStatic, expectedPeer);
        // Judged after authentication, so that only the peer itself is
        // refused as blocked (an impostor is still reported as one). A dial
        // learns it before sending our identity; an accepted link once the
        // dialler has sent its own.
        if (decision.accepted() && isBlocked(payload.peerId)) {
            decision = {AuthDecision::Verdict::Reject,
                        QStringLiteral("peer %1 is blocked here")
                            .arg(QString::fromStdString(payload.peerId.toText()))};
        }
        return decision;
    };
    proto::HandshakePayload ownPayload = m_ownPayload;
    ownPayload.transferId = transferId;
    ownPayload.forwardTo = forwardTo;
    auto* link =
        new Link(std::move(stream), role, m_context, std::move(ownPayload), verifier, m_nextSerial++, this);
    m_links.insert(link);
    connect(link, &Link::established, this, &LinkManager::onEstablished);
    connect(link, &Link::transferReady, this, &LinkManager::onTransferReady);
    connect(link, &Link::closed, this, &LinkManager::onClosed);
    connect(link, &Link::messagesReceived, this, &LinkManager::onMessages);
    return link;
}

void LinkManager::acceptIncoming(net::ByteStream* accepted)
{
    std::unique_ptr<net::ByteStream> stream(accepted);
    if (m_links.size() >= kMaxLinks || pendingHandshakes() >= kMaxPendingHandshakes) {
        qCWarning(lcLink).noquote() << "refusing a connection from" << stream->remoteAddress().toString()
                                    << "- too many links or handshakes in progress";
        stream->abort();
        return;
    }
    createLink(std::move(stream), Link::Role::Responder, std::nullopt)->start();
}

void LinkManager::dial(const net::HostPort& address, const std::optional<PeerId>& expectedPeer)
{
    if (m_links.size() >= kMaxLinks) {
        emit dialFinished(address, std::nullopt, QStringLiteral("too many links"));
        return;
    }
    Link* link = createLink(m_network.connectTo(address), Link::Role::Initiator, expectedPeer);
    m_dialed[link] = address;
    link->start();
}

void LinkManager::cancelDial(const net::HostPort& address)
{
    // Closing a link takes it out of m_dialed: collect them first.
    std::vector<Link*> dials;
    for (const auto& [link, dialed] : m_dialed) {
        if (dialed.toString() == address.toString()) {
            dials.push_back(link);
        }
    }
    for (Link* link : dials) {
        link->abort(QStringLiteral("dial cancelled"));
    }
}

bool LinkManager::mayDialTransfer(const PeerId& peer, const TransferId& transferId)
{
    if (isBlocked(peer)) {
        emit transferChannelFailed(
            transferId, QStringLiteral("peer %1 is blocked here").arg(QString::fromStdString(peer.toText())));
        return false;
    }
    if (m_links.size() >= kMaxLinks) {
        emit transferChannelFailed(transferId, QStringLiteral("too many links"));
        return false;
    }
    return true;
}

void LinkManager::dialTransfer(const net::HostPort& address, const PeerId& expectedPeer,
                               const TransferId& transferId)
{
    if (!mayDialTransfer(expectedPeer, transferId)) {
        return;
    }
    Link* link = createLink(m_network.connectTo(address), Link::Role::Initiator, expectedPeer, transferId);
    m_transferDials[link] = transferId;
    link->start();
}

void LinkManager::dialTransferVia(const net::HostPort& relayAddress, const PeerId& relay,
                                  const PeerId& expectedPeer, const TransferId& transferId)
{
    if (!mayDialTransfer(relay, transferId) || !mayDialTransfer(expectedPeer, transferId)) {
        return;
    }
    Link* link =
        createLink(m_network.connectTo(relayAddress), Link::Role::Initiator, relay, transferId, expectedPeer);
    m_transferDials[link] = transferId;
    link->start();
}

void LinkManager::cancelTransferDial(const TransferId& transferId)
{
    // Closing a link takes it out of m_transferDials: collect them first.
    std::vector<Link*> dials;
    for (const auto& [link, id] : m_transferDials) {
        if (id == transferId) {
            dials.push_back(link);
        }
    }
    for (Link* link : dials) {
        link->abort(QStringLiteral("dial cancelled"));
    }
}

void LinkManager::onTransferReady(Link* link)
{
    m_links.erase(link);
    link->disconnect(this);
    link->deleteLater(); // it is still in its read handler
    std::optional<TransferId> dialled;
    if (const auto dial = m_transferDials.find(link); dial != m_transferDials.end()) {
        dialled = dial->second;
        m_transferDials.erase(dial);
    }
    if (link->forwardTo()) {
        if (dialled) {
            onRelayed(link, *dialled);
        } else {
            onForwardAsked(link);
        }
        return;
    }
    const PeerId peer = link->remote().peerId;
    std::unique_ptr<TransferChannel> channel = link->takeTransferChannel();
    if (!channel) { // cannot happen: the Link announced exactly this
        if (dialled) {
            emit transferChannelFailed(*dialled, QStringLiteral("transfer connection lost its stream"));
        }
        return;
    }
    const TransferId transferId = channel->transferId();
    const QMetaMethod handOver = dialled ? QMetaMethod::fromSignal(&LinkManager::transferChannelReady)
                                         : QMetaMethod::fromSignal(&LinkManager::transferConnection);
    if (!isSignalConnected(handOver)) {
        // Nobody would own it; a node that takes no drops closes what it cannot serve.
        channel->abort(QStringLiteral("nothing on this node takes transfer connections"));
        return;
    }
    std::erase_if(m_channels,
                  [](const QPointer<TransferChannel>& kept) { return kept.isNull() || !kept->isOpen(); });
    m_channels.emplace_back(channel.get());
    if (dialled) {
        emit transferChannelReady(channel.release(), transferId);
    } else {
        emit transferConnection(channel.release(), peer, transferId);
    }
}

void LinkManager::onRelayed(Link* link, const TransferId& transferId)
{
    const PeerId target = *link->forwardTo();
    Link::BareStream bare = link->takeStream();
    if (!bare.stream) { // cannot happen: the Link announced exactly this
        emit transferChannelFailed(transferId, QStringLiteral("relayed connection lost its stream"));
        return;
    }
    // Our own handshake with the relay is done; the one with the peer runs
    // through it on the same stream, as if dialled directly.
    Link* inner = createLink(std::move(bare.stream), Link::Role::Initiator, target, transferId);
    m_transferDials[inner] = transferId;
    inner->start(std::move(bare.alreadyRead));
}

void LinkManager::onForwardAsked(Link* link)
{
    const PeerId from = link->remote().peerId;
    const PeerId to = *link->forwardTo();
    const TransferId transferId = *link->transferId();
    Link::BareStream bare = link->takeStream();
    if (!bare.stream) {
        return;
    }
    if (!isSignalConnected(QMetaMethod::fromSignal(&LinkManager::forwardRequested))) {
        qCInfo(lcLink).noquote() << link->describe() << "closed: this node passes no connections on";
        bare.stream->abort();
        return;
    }
    emit forwardRequested(bare.stream.release(), bare.alreadyRead, from, to, transferId);
}

bool LinkManager::onTransferClosed(Link* link, const QString& reason)
{
    if (const auto dial = m_transferDials.find(link); dial != m_transferDials.end()) {
        const TransferId transferId = dial->second;
        m_transferDials.erase(dial);
        m_links.erase(link);
        link->deleteLater();
        emit transferChannelFailed(transferId, reason);
        return true;
    }
    if (link->transferId()) { // never a link, whatever closed it
        m_links.erase(link);
        link->deleteLater();
        return true;
    }
    return false;
}

bool LinkManager::send(const PeerId& peer, proto::LinkMessageType type, ByteView body)
{
    const auto it = m_active.find(peer);
    return it != m_active.end() && it->second->send(type, body);
}

std::vector<PeerId> LinkManager::connectedPeers() const
{
    std::vector<PeerId> peers;
    peers.reserve(m_active.size());
    for (const auto& [peer, link] : m_active) {
        peers.push_back(peer);
    }
    return peers;
}

std::optional<PeerLinkInfo> LinkManager::linkInfo(const PeerId& peer) const
{
    const auto it = m_active.find(peer);
    if (it == m_active.end()) {
        return std::nullopt;
    }
    const Link& link = *it->second;
    return PeerLinkInfo{link.remote(), link.socketPeer(), link.remoteListenAddress()};
}

void LinkManager::setHandler(proto::LinkMessageType type, Handler handler)
{
    Q_ASSERT_X(m_handlers.count(type) == 0, "LinkManager::setHandler", "one handler per message type");
    m_handlers[type] = std::move(handler);
}

void LinkManager::onMessages(Link* link, const std::vector<proto::LinkMessage>& messages)
{
    const PeerId peer = link->remote().peerId;
    // Grouped by type in arrival order, so each handler sees its messages of
    // one read at once (chat commits a whole read in one transaction).
    std::map<proto::LinkMessageType, std::vector<Bytes>> byType;
    for (const proto::LinkMessage& message : messages) {
        if (m_handlers.count(message.type) == 0) {
            link->abort(QStringLiteral("message of type %1, which this node does not handle")
                            .arg(static_cast<int>(message.type)));
            return;
        }
        byType[message.type].push_back(message.body);
    }
    for (auto& [type, bodies] : byType) {
        // A handler may drop the link; what it has not seen is then void.
        if (m_links.count(link) == 0 || link->state() != Link::State::Established) {
            return;
        }
        m_handlers[type](peer, bodies);
    }
}

bool LinkManager::preferred(const Link* a, const Link* b) const
{
    // Both ends evaluate the same facts (who initiated, the shared handshake
    // hash), so both keep the same link when two peers dial each other at once.
    const auto initiatorOf = [this](const Link* link) {
        return link->role() == Link::Role::Initiator ? m_self : link->remote().peerId;
    };
    const PeerId initiatorA = initiatorOf(a);
    const PeerId initiatorB = initiatorOf(b);
    if (initiatorA != initiatorB) {
        return initiatorA < initiatorB;
    }
    return a->handshakeHash() < b->handshakeHash();
}

void LinkManager::onEstablished(Link* link)
{
    const PeerId peer = link->remote().peerId;
    if (auto dialed = m_dialed.find(link); dialed != m_dialed.end()) {
        emit dialFinished(dialed->second, peer, QString());
        m_dialed.erase(dialed);
    }
    const auto it = m_active.find(peer);
    if (it == m_active.end()) {
        m_active[peer] = link;
        emit peerConnected(peer);
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
    if (onTransferClosed(link, reason)) {
        return;
    }
    if (auto dialed = m_dialed.find(link); dialed != m_dialed.end()) {
        emit dialFinished(dialed->second, std::nullopt, reason);
        m_dialed.erase(dialed);
    }
    const PeerId peer = link->remote().peerId;
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

void LinkManager::dropPeer(const PeerId& peer, const QString& reason)
{
    if (const auto it = m_active.find(peer); it != m_active.end()) {
        it->second->abort(reason);
    }
}

void LinkManager::setBlocked(const PeerId& peer, bool blocked)
{
    const bool changed = blocked ? m_blocked.insert(peer).second : m_blocked.erase(peer) > 0;
    if (!changed) {
        return;
    }
    if (blocked) {
        // Its active link and any duplicate; handshakes under way are
        // refused by the verifier when they finish.
        for (Link* link : std::vector<Link*>(m_links.begin(), m_links.end())) {
            if (link->state() == Link::State::Established && link->remote().peerId == peer) {
                link->abort(QStringLiteral("blocked by the user"));
            }
        }
        for (const QPointer<TransferChannel>& channel : std::vector(m_channels)) {
            if (channel && channel->isOpen() && channel->peer() == peer) {
                channel->abort(QStringLiteral("blocked by the user"));
            }
        }
    }
    emit blockChanged(peer, blocked);
}

void LinkManager::shutdown()
{
    for (Link* link : std::vector<Link*>(m_links.begin(), m_links.end())) {
        link->close(proto::GoodbyeReason::Shutdown);
    }
}

} // namespace confab::session
