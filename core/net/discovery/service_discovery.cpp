#include "service_discovery.h"

#include "proto/limits.h"

namespace confab::net {

ServiceDiscovery::~ServiceDiscovery() = default;

std::vector<std::string> confabTxt(const LocalService& service)
{
    QByteArray name = service.displayName.toUtf8();
    if (name.size() > static_cast<qsizetype>(proto::kMaxDisplayNameBytes)) {
        name = service.displayName.left(static_cast<qsizetype>(proto::kMaxDisplayNameBytes) / 4).toUtf8();
    }
    return {
        "v=" + std::to_string(proto::kProtocolVersion),
        "id=" + service.id.toText(),
        "name=" + name.toStdString(),
    };
}

void parseConfabTxt(const std::vector<std::string>& txt, DiscoveredService& service)
{
    for (const std::string& entry : txt) {
        const auto equals = entry.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        const std::string key = entry.substr(0, equals);
        const std::string value = entry.substr(equals + 1);
        if (key == "id") {
            service.idHint = PeerId::fromText(value);
        } else if (key == "name" && value.size() <= proto::kMaxDisplayNameBytes) {
            service.displayName = QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
        } else if (key == "v" && !value.empty() && value.size() <= 5) {
            bool ok = false;
            const int version = QString::fromStdString(value).toInt(&ok);
            service.protocolVersion = ok ? version : 0;
        }
    }
}

std::vector<PeerSighting> sightingsFor(const DiscoveredService& service)
{
    std::vector<PeerSighting> sightings;
    for (int pass = 0; pass < 2; ++pass) {
        for (const HostPort& address : service.addresses) {
            const bool v6 = address.host.contains(u':');
            if (v6 == (pass == 1)) {
                sightings.push_back({address, service.idHint, service.source});
            }
        }
    }
    return sightings;
}

} // namespace confab::net
