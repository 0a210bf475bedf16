#include "daemon_options.h"

#include "default_profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace confab::app {

proto::Result<api::NodeConfig, QString> parseDaemonOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Confab node without a GUI, driven by confabctl."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QStringLiteral("Profile folder (created if needed). Default: %1").arg(defaultProfileDir()),
        QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Display name shown to peers."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address and port to accept links on (port 0: any free port). "
                       "Default: 0.0.0.0:%1")
            .arg(net::kDefaultPort),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption peer(QStringLiteral("peer"),
                                  QStringLiteral("Connect to a peer at this address (repeatable)."),
                                  QStringLiteral("ADDR:PORT"));
    const QCommandLineOption deadAfter(QStringLiteral("dead-after-ms"),
                                       QStringLiteral("Drop a silent peer after this long (default 12000)."),
                                       QStringLiteral("MS"));
    const QCommandLineOption discovery(
        QStringLiteral("discovery"),
        QStringLiteral(
            "How to find peers on the LAN: auto (avahi-daemon if it runs, else built-in mDNS), avahi, "
            "embedded or off. Default: auto."),
        QStringLiteral("MODE"));
    parser.addOptions({profile, name, listen, peer, deadAfter, discovery});
    if (!parser.parse(arguments)) {
        return parser.errorText() + QStringLiteral(". Run confabd --help for the options.");
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    if (!parser.positionalArguments().isEmpty()) {
        return QStringLiteral("Unexpected argument '%1'. Run confabd --help for the options.")
            .arg(parser.positionalArguments().constFirst());
    }

    api::NodeConfig config;
    config.profileDir = parser.isSet(profile) ? parser.value(profile) : defaultProfileDir();
    config.displayName = parser.value(name);
    if (parser.isSet(listen)) {
        auto address = net::HostPort::parse(parser.value(listen), net::kDefaultPort);
        if (!address) {
            return address.error();
        }
        config.listen = address.value();
        config.listenChosenByUser = true;
    }
    config.peers = parser.values(peer);
    for (const QString& text : config.peers) {
        if (auto address = net::HostPort::parse(text, net::kDefaultPort); !address) {
            return address.error();
        }
    }
    if (parser.isSet(discovery)) {
        const auto mode = net::parseDiscoveryMode(parser.value(discovery));
        if (!mode) {
            return QStringLiteral("--discovery must be auto, avahi, embedded or off (not '%1').")
                .arg(parser.value(discovery));
        }
        config.discovery = *mode;
    }
    if (parser.isSet(deadAfter)) {
        bool ok = false;
        const int ms = parser.value(deadAfter).toInt(&ok);
        if (!ok || ms < 1000) {
            return QStringLiteral("--dead-after-ms needs a number of milliseconds, at least 1000.");
        }
        config.timings.deadAfterMs = ms;
        config.timings.pingIntervalMs = std::max(250, ms / 3);
        config.timings.checkIntervalMs = std::min(1000, std::max(100, ms / 10));
    }
    return config;
}

} // namespace confab::app
