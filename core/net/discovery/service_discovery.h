#pragma once

#include "discovery.h"

#include <QList>
#include <QString>

#include <vector>

namespace confab::net {

// What this node publishes about itself (docs/PROTOCOL.md, "Discovery").
struct LocalService {
    PeerId id;
    QString displayName;
    quint16 port = 0;
};

// A `_confab._tcp` service seen on the LAN. Everything in it comes from
// unauthenticated multicast: `idHint` only says whom to expect when dialing.
struct DiscoveredService {
    QString instance; // the DNS-SD instance name, unique on the link
    QList<HostPort> addresses;
    std::optional<PeerId> idHint;
    QString displayName;
    int protocolVersion = 0;
    QString source; // the backend's name: "avahi" or "mdns"
};

// A backend that publishes this node and browses for others over DNS-SD.
class ServiceDiscovery : public Discovery {
    Q_OBJECT
public:
    using Discovery::Discovery;
    ~ServiceDiscovery() override;

    // Called once, before start().
    virtual void setLocalService(const LocalService& service) = 0;
    // Withdraws the service (goodbye) and stops browsing.
    virtual void stop() = 0;
    [[nodiscard]] virtual std::vector<DiscoveredService> services() const = 0;
    // A short explanation when the backend is not working as it should.
    [[nodiscard]] virtual QString problem() const { return {}; }

signals:
    void servicesChanged();
};

// The TXT record of a Confab service: "v=", "id=", "name=" (RFC 6763 §6).
std::vector<std::string> confabTxt(const LocalService& service);
// Fills idHint, displayName and protocolVersion from TXT strings; unknown
// keys and malformed values are ignored.
void parseConfabTxt(const std::vector<std::string>& txt, DiscoveredService& service);
// The sightings a resolved service leads to: one per address, IPv4 first.
std::vector<PeerSighting> sightingsFor(const DiscoveredService& service);

inline constexpr char kConfabServiceType[] = "_confab._tcp";

} // namespace confab::net
