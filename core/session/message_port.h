#pragma once

#include "net/host_port.h"
#include "proto/handshake_payload.h"
#include "proto/link_message.h"

#include <QObject>

#include <functional>
#include <optional>
#include <vector>

namespace confab::session {

// What a connected peer said about itself in its handshake, and where it is.
struct PeerLinkInfo {
    proto::HandshakePayload hello;
    net::HostPort remoteAddress;                // the other end of the link
    std::optional<net::HostPort> listenAddress; // where it accepts links, if it does
};

// A service's whole view of the links: send to a peer, know who is
// connected, and receive the link messages of the types it registered. Each
// message type has exactly one handler, so a service sees only its own
// messages; a message of a type nobody registered closes its link.
class MessagePort : public QObject {
    Q_OBJECT
public:
    // Every message of the handler's type that arrived in one read, in order.
    using Handler = std::function<void(const PeerId& from, const std::vector<Bytes>& bodies)>;

    using QObject::QObject;

    [[nodiscard]] virtual const PeerId& self() const = 0;
    // False when the peer has no established link (nothing is queued here).
    virtual bool send(const PeerId& peer, proto::LinkMessageType type, ByteView body) = 0;
    [[nodiscard]] virtual bool isConnected(const PeerId& peer) const = 0;
    [[nodiscard]] virtual std::vector<PeerId> connectedPeers() const = 0;
    [[nodiscard]] virtual std::optional<PeerLinkInfo> linkInfo(const PeerId& peer) const = 0;
    // Registers the handler of `type`; there is one per type.
    virtual void setHandler(proto::LinkMessageType type, Handler handler) = 0;
    // Closes the peer's link after a protocol violation seen above the link
    // layer (a malformed envelope, a forged sender).
    virtual void dropPeer(const PeerId& peer, const QString& reason) = 0;
    // Whether the user blocked the peer: its links are refused, and no
    // service takes anything from it or passes anything on for it.
    [[nodiscard]] virtual bool isBlocked(const PeerId& peer) const = 0;

signals:
    void peerConnected(const confab::PeerId& peer);
    void peerDisconnected(const confab::PeerId& peer, const QString& reason);
    // The active link to a connected peer changed or a duplicate closed:
    // anything sent and not yet confirmed should be sent again.
    void linkReplaced(const confab::PeerId& peer);
    // The peer was blocked (its links are closed by then) or unblocked.
    void blockChanged(const confab::PeerId& peer, bool blocked);
};

} // namespace confab::session
