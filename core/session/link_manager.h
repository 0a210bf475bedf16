#pragma once

#include "link.h"
#include "net/host_port.h"

#include <QObject>

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace confab::session {

// Owns every link: accepts and dials them, keeps exactly one active link per
// peer (a deterministic rule both sides agree on) and routes messages to peers.
class LinkManager : public QObject {
    Q_OBJECT
public:
    // Hostile floods end here: handshakes in progress and links in total.
    static constexpr std::size_t kMaxPendingHandshakes = 64;
    static constexpr std::size_t kMaxLinks = 512;

    LinkManager(const crypto::IdentityKeyPair& identity, TrustStore& trust, LinkTimings timings,
                QObject* parent = nullptr);
    ~LinkManager() override;

    void setOwnInfo(const QString& displayName, quint16 listenPort);
    // The UDP port announced for call media (0: no calls).
    void setMediaPort(quint16 port) { m_ownPayload.mediaPort = port; }
    void acceptIncoming(QTcpSocket* socket);
    void dial(const net::HostPort& address, const std::optional<proto::PeerId>& expectedPeer);

    bool send(const proto::PeerId& peer, proto::LinkMessageType type, proto::ByteView body);
    [[nodiscard]] bool isConnected(const proto::PeerId& peer) const { return m_active.count(peer) > 0; }
    [[nodiscard]] std::vector<proto::PeerId> connectedPeers() const;
    [[nodiscard]] const Link* activeLink(const proto::PeerId& peer) const;
    [[nodiscard]] const proto::PeerId& self() const { return m_self; }
    // Closes the peer's active link after a protocol violation seen above
    // the link layer (for example a malformed envelope).
    void dropPeer(const proto::PeerId& peer, const QString& reason);
    // Says goodbye on every link.
    void shutdown();

signals:
    void peerConnected(const confab::proto::PeerId& peer, const confab::proto::HandshakePayload& info,
                       const std::optional<confab::net::HostPort>& listenAddress);
    void peerDisconnected(const confab::proto::PeerId& peer, const QString& reason);
    // The active link to a connected peer changed or a duplicate closed:
    // anything sent and not yet confirmed should be sent again.
    void linkReplaced(const confab::proto::PeerId& peer);
    void messagesReceived(const confab::proto::PeerId& peer,
                          const std::vector<confab::proto::LinkMessage>& messages);
    void dialFinished(const confab::net::HostPort& address, const std::optional<confab::proto::PeerId>& peer,
                      const QString& error);
    void securityEvent(const std::optional<confab::proto::PeerId>& claimedPeer, const QString& detail);

private:
    Link* createLink(QTcpSocket* socket, Link::Role role, const std::optional<proto::PeerId>& expectedPeer);
    void onEstablished(Link* link);
    void onClosed(Link* link, const QString& reason, bool securityViolation);
    [[nodiscard]] bool preferred(const Link* a, const Link* b) const;
    [[nodiscard]] std::size_t pendingHandshakes() const;

    const crypto::IdentityKeyPair& m_identity;
    proto::PeerId m_self;
    PeerAuthenticator m_authenticator;
    LinkTimings m_timings;
    proto::HandshakePayload m_ownPayload;
    quint64 m_nextSerial = 1;
    std::set<Link*> m_links;
    std::map<proto::PeerId, Link*> m_active;
    std::map<Link*, net::HostPort> m_dialed;
};

} // namespace confab::session
