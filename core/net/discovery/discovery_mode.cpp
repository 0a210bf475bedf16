#include "discovery_mode.h"

#include "avahi_discovery.h"
#include "embedded_mdns_discovery.h"
#include "mdns_udp_transport.h"

#include <QCoreApplication>

namespace confab::net {
namespace {

DiscoveryChoice embedded(const QString& why, Clock& clock)
{
    auto transport = std::make_unique<MdnsUdpTransport>();
    const QString error = transport->open();
    if (!error.isEmpty()) {
        return {nullptr,
                {},
                QCoreApplication::translate("Network",
                                            "Built-in mDNS cannot start: %1. Use --discovery off and --peer.")
                    .arg(error)};
    }
    return {std::make_unique<EmbeddedMdnsDiscovery>(std::move(transport), clock, MdnsResponder::Timing{}),
            why,
            {}};
}

} // namespace

std::optional<DiscoveryMode> parseDiscoveryMode(const QString& text)
{
    for (DiscoveryMode mode :
         {DiscoveryMode::Auto, DiscoveryMode::Avahi, DiscoveryMode::Embedded, DiscoveryMode::Off}) {
        if (text == discoveryModeName(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

QString discoveryModeName(DiscoveryMode mode)
{
    switch (mode) {
    case DiscoveryMode::Auto:
        return QStringLiteral("auto");
    case DiscoveryMode::Avahi:
        return QStringLiteral("avahi");
    case DiscoveryMode::Embedded:
        return QStringLiteral("embedded");
    case DiscoveryMode::Off:
        return QStringLiteral("off");
    }
    return {};
}

DiscoveryChoice chooseDiscovery(DiscoveryMode mode, Clock& clock)
{
    switch (mode) {
    case DiscoveryMode::Off:
        return {nullptr,
                QCoreApplication::translate(
                    "Network", "Discovery is off: Confab finds only peers added by address, peers it has "
                               "met before and peers that linked ones tell it about."),
                {}};
    case DiscoveryMode::Embedded:
        return embedded(QCoreApplication::translate("Network", "Using built-in mDNS discovery."), clock);
    case DiscoveryMode::Avahi: {
        auto avahi = AvahiDiscovery::create();
        if (!avahi) {
            return {nullptr,
                    {},
                    QCoreApplication::translate(
                        "Network", "Cannot use avahi-daemon: %1. Start it, or use --discovery embedded.")
                        .arg(avahi.error())};
        }
        return {std::move(avahi).value(),
                QCoreApplication::translate("Network", "Using avahi-daemon for discovery."),
                {}};
    }
    case DiscoveryMode::Auto: {
        auto avahi = AvahiDiscovery::create();
        if (avahi) {
            return {std::move(avahi).value(),
                    QCoreApplication::translate("Network", "Using avahi-daemon for discovery."),
                    {}};
        }
        return embedded(
            QCoreApplication::translate("Network", "No mDNS daemon running (%1) — using built-in discovery.")
                .arg(avahi.error()),
            clock);
    }
    }
    return {};
}

} // namespace confab::net
