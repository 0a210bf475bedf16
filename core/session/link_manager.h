#pragma once

#include "link.h"
#include "message_port.h"
#include "net/byte_stream.h"
#include "net/host_port.h"
#include "transfer_channel.h"

#include <QPointer>

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace confab::session {

// Owns every link: accepts and dials them over a stream network, keeps
// exactly one active link per peer (a deterministic rule both sides agree
// on) and routes each received message to the one handler of its type.
// It also makes transfer connections (the same handshake and identity
// checks) and hands each out as a TransferChannel: they are not links.
class LinkManager : public MessagePort {
    Q_OBJECT
public:
    // Hostile floods end here: handshakes in progress and links in total.
    static constexpr std::size_t kMaxPendingHandshakes = 64;
    static constexpr std::size_t kMaxLinks = 512;

    LinkManager(const crypto::IdentityKeyPair& identity, TrustStore& trust, net::StreamNetwork& network,
                Clock& clock, LinkTimings timings, QObject* parent = nullptr);
    ~LinkManager() override;

    void setOwnInfo(const QString& displayName, quint16 listenPort);
    // What this node handles beyond version 1 (proto::Capability bits), announced in handshakes.
    void setCapabilities(std::uint32_t capabilities) { m_ownPayload.capabilities = capabilities; }
    // The UDP port announced for call media (0: no calls).
    void setMediaPort(quint16 port) { m_ownPayload.mediaPort = port; }
    // Takes ownership of an accepted stream.
    void acceptIncoming(net::ByteStream* stream);
    void dial(const net::HostPort& address, const std::optional<PeerId>& expectedPeer);
    // Abandons the dials to `address` still under way (each finishes as failed).
    void cancelDial(const net::HostPort& address);
    // Dials a transfer connection for the drop `transferId` to `expectedPeer`
    // at `address`, with the checks of a dialled link (the peer must present
    // the key pinned for it). Ends in transferChannelReady or
    // transferChannelFailed, once; it is not a dial dialFinished reports.
    void dialTransfer(const net::HostPort& address, const PeerId& expectedPeer, const TransferId& transferId);
    // The same through `relay` (a neighbour at `relayAddress` that announced
    // TransferRelay): a handshake with the relay asks it to pass the
    // connection on to `expectedPeer`, then the transfer connection's own
    // handshake runs end to end through it, so the relay forwards what it
    // cannot read. Ends like dialTransfer().
    void dialTransferVia(const net::HostPort& relayAddress, const PeerId& relay, const PeerId& expectedPeer,
                         const TransferId& transferId);
    // Abandons the transfer dials for `transferId` still under way (each
    // finishes as failed).
    void cancelTransferDial(const TransferId& transferId);
    // Says goodbye on every link.
    void shutdown();
    // Blocks the peer (its links and transfer channels close now, and new
    // ones are refused once the handshake says who it is) or lets it link again.
    void setBlocked(const PeerId& peer, bool blocked);

    // MessagePort
    [[nodiscard]] const PeerId& self() const override { return m_self; }
    bool send(const PeerId& peer, proto::LinkMessageType type, ByteView body) override;
    [[nodiscard]] bool isConnected(const PeerId& peer) const override { return m_active.count(peer) > 0; }
    [[nodiscard]] std::vector<PeerId> connectedPeers() const override;
    [[nodiscard]] std::optional<PeerLinkInfo> linkInfo(const PeerId& peer) const override;
    void setHandler(proto::LinkMessageType type, Handler handler) override;
    void dropPeer(const PeerId& peer, const QString& reason) override;
    [[nodiscard]] bool isBlocked(const PeerId& peer) const override { return m_blocked.count(peer) > 0; }

signals:
    void dialFinished(const confab::net::HostPort& address, const std::optional<confab::PeerId>& peer,
                      const QString& error);
    void securityEvent(const std::optional<confab::PeerId>& claimedPeer, const QString& detail);
    // A peer opened a transfer connection for `transferId` (handshake field
    // Transfer). Not a link: no peerConnected, no one-link-per-peer rule.
    // The receiver takes ownership of `channel`, connects to its signals and
    // calls start(); whether the drop is one this node offered to `peer` is
    // its to judge. With no receiver connected the connection is closed.
    void transferConnection(confab::session::TransferChannel* channel, const confab::PeerId& peer,
                            const confab::session::TransferId& transferId);
    // A dialTransfer() is up. The receiver takes ownership of `channel`,
    // connects to its signals and calls start().
    void transferChannelReady(confab::session::TransferChannel* channel,
                              const confab::session::TransferId& transferId);
    void transferChannelFailed(const confab::session::TransferId& transferId, const QString& reason);
    // Peer `from` asks this node to pass a transfer connection on to its
    // neighbour `to` (handshake field ForwardTo). The receiver takes
    // ownership of `stream` (open; `alreadyRead` came first) and forwards it
    // or closes it. With no receiver connected the connection is closed.
    void forwardRequested(confab::net::ByteStream* stream, const confab::Bytes& alreadyRead,
                          const confab::PeerId& from, const confab::PeerId& to,
                          const confab::session::TransferId& transferId);

private:
    Link* createLink(std::unique_ptr<net::ByteStream> stream, Link::Role role,
                     const std::optional<PeerId>& expectedPeer,
                     const std::optional<TransferId>& transferId = std::nullopt,
                     const std::optional<PeerId>& forwardTo = std::nullopt);
    // False (and transferChannelFailed emitted) when a transfer dial to `peer` may not start.
    bool mayDialTransfer(const PeerId& peer, const TransferId& transferId);
    void onEstablished(Link* link);
    void onTransferReady(Link* link);
    // A relay took our connection: the transfer's own handshake starts on it.
    void onRelayed(Link* link, const TransferId& transferId);
    // A neighbour asks us to pass its connection on.
    void onForwardAsked(Link* link);
    // Whether the handshake that failed on `link` was a transfer connection's (then all is done).
    bool onTransferClosed(Link* link, const QString& reason);
    void onClosed(Link* link, const QString& reason, bool securityViolation);
    void onMessages(Link* link, const std::vector<proto::LinkMessage>& messages);
    [[nodiscard]] bool preferred(const Link* a, const Link* b) const;
    [[nodiscard]] std::size_t pendingHandshakes() const;

    const crypto::IdentityKeyPair& m_identity;
    PeerId m_self;
    PeerAuthenticator m_authenticator;
    net::StreamNetwork& m_network;
    Link::Context m_context;
    proto::HandshakePayload m_ownPayload;
    quint64 m_nextSerial = 1;
    std::set<Link*> m_links;
    std::map<PeerId, Link*> m_active;
    std::map<Link*, net::HostPort> m_dialed;
    std::map<Link*, TransferId> m_transferDials;
    // Channels handed out, to close when their peer is blocked; their owners delete them.
    std::vector<QPointer<TransferChannel>> m_channels;
    std::map<proto::LinkMessageType, Handler> m_handlers;
    std::set<PeerId> m_blocked;
};

} // namespace confab::session
