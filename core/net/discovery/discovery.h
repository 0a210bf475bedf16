#pragma once

#include "base/peer_id.h"
#include "net/host_port.h"

#include <QObject>

#include <optional>

namespace confab::net {

// Someone may be reachable at `address`. The session layer dials it and the
// handshake tells who it really is; `expectedPeer` is only a hint to check.
struct PeerSighting {
    HostPort address;
    std::optional<PeerId> expectedPeer;
    QString source; // "static", "remembered", later "avahi", "mdns", "exchange"
};

// One interface for every way of finding peers (static addresses now; Avahi,
// embedded mDNS and peer exchange plug in behind it).
class Discovery : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Discovery() override;

    [[nodiscard]] virtual QString name() const = 0;
    virtual void start() = 0;

signals:
    void peerSighted(const confab::net::PeerSighting& sighting);
};

} // namespace confab::net
