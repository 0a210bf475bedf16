#include "local_addresses.h"

#include <QNetworkInterface>

#include <algorithm>

namespace confab::net {

std::vector<HostPort> reachableAddresses(const HostPort& listen)
{
    const QHostAddress bound(listen.host);
    const bool anyIpv4 = bound == QHostAddress(QHostAddress::AnyIPv4);
    const bool anyIpv6 =
        bound == QHostAddress(QHostAddress::AnyIPv6) || bound == QHostAddress(QHostAddress::Any);
    if (!anyIpv4 && !anyIpv6) {
        return {listen};
    }
    // Ranked: IPv4 (0), IPv6 (1), loopback (2); stable within a rank.
    std::vector<std::pair<int, HostPort>> ranked;
    for (const QNetworkInterface& interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning)) {
            continue;
        }
        for (const QNetworkAddressEntry& entry : interface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            const bool ipv4 = ip.protocol() == QAbstractSocket::IPv4Protocol;
            if ((!ipv4 && anyIpv4) || (!ipv4 && ip.isLinkLocal())) {
                continue;
            }
            const int rank = ip.isLoopback() ? 2 : (ipv4 ? 0 : 1);
            ranked.emplace_back(rank, HostPort::from(ip, listen.port));
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<HostPort> addresses;
    for (const auto& [rank, address] : ranked) {
        if (std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
            addresses.push_back(address);
        }
    }
    if (addresses.empty()) {
        addresses.push_back({QStringLiteral("127.0.0.1"), listen.port});
    }
    return addresses;
}

} // namespace confab::net
