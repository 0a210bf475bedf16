#include "daemon_options.h"

#include "default_profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <string_view>
#include <utility>

namespace confab::app {

namespace {

QString applyCallOptions(const QCommandLineParser& parser, api::NodeConfig& config)
{
    config.audio.inputFile = parser.value(QStringLiteral("audio-in"));
    config.audio.outputFile = parser.value(QStringLiteral("audio-out"));
    config.audio.inputDevice = parser.value(QStringLiteral("audio-input-device"));
    config.audio.outputDevice = parser.value(QStringLiteral("audio-output-device"));
    if (!config.audio.inputFile.isEmpty() && !QFileInfo(config.audio.inputFile).isReadable()) {
        return QStringLiteral("--audio-in: cannot read '%1'.").arg(config.audio.inputFile);
    }
    if (parser.isSet(QStringLiteral("frame-ms"))) {
        const QString value = parser.value(QStringLiteral("frame-ms"));
        if (value != QLatin1String("5") && value != QLatin1String("10") && value != QLatin1String("20")) {
            return QStringLiteral("--frame-ms must be 5, 10 or 20 (not '%1').").arg(value);
        }
        config.callSettings.frameMs = value.toInt();
    }
    for (const auto& [option, setting] :
         {std::pair{QStringLiteral("retransmit"), &config.callSettings.retransmission},
          std::pair{QStringLiteral("redundancy"), &config.callSettings.redundancy},
          std::pair{QStringLiteral("echo-cancellation"), &config.callSettings.voice.echoCancellation}}) {
        if (!parser.isSet(option)) {
            continue;
        }
        const QString value = parser.value(option);
        if (value != QLatin1String("on") && value != QLatin1String("off")) {
            return QStringLiteral("--%1 must be on or off (not '%2').").arg(option, value);
        }
        *setting = value == QLatin1String("on");
    }
    if (parser.isSet(QStringLiteral("media-announce-port"))) {
        bool ok = false;
        const uint port = parser.value(QStringLiteral("media-announce-port")).toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            return QStringLiteral("--media-announce-port needs a port number from 1 to 65535.");
        }
        config.mediaAnnouncePort = static_cast<quint16>(port);
    }
    return {};
}

} // namespace

Result<api::NodeConfig, QString> parseDaemonOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    return parseNodeOptions(
        parser, arguments,
        {QStringLiteral("confabd"), QStringLiteral("Confab node without a GUI, driven by confabctl."), {}});
}

bool asksForHelpOrVersion(int argc, const char* const* argv)
{
    for (int at = 1; at < argc; ++at) {
        const std::string_view argument(argv[at]);
        if (argument == "--") {
            return false;
        }
        for (std::string_view option : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
            if (argument == option) {
                return true;
            }
        }
    }
    return false;
}

Result<api::NodeConfig, QString> parseNodeOptions(QCommandLineParser& parser, const QStringList& arguments,
                                                  const NodeProgram& program)
{
    parser.setApplicationDescription(program.description);
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
    const QCommandLineOption audioIn(
        QStringLiteral("audio-in"),
        QStringLiteral("Play this WAV file as the microphone during calls, in real time (from its start in "
                       "each call)."),
        QStringLiteral("IN.wav"));
    const QCommandLineOption audioOut(
        QStringLiteral("audio-out"),
        QStringLiteral("Record what calls sound like to this WAV file (48 kHz mono) instead of playing it."),
        QStringLiteral("OUT.wav"));
    const QCommandLineOption inputDevice(QStringLiteral("audio-input-device"),
                                         QStringLiteral("Microphone to use (default: the system's)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption outputDevice(QStringLiteral("audio-output-device"),
                                          QStringLiteral("Speaker to use (default: the system's)."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption frameMs(
        QStringLiteral("frame-ms"),
        QStringLiteral("Opus frame length for calls this node starts: 5, 10 or 20 "
                       "(default 20; 10 lowers latency; 5 is the low-delay "
                       "mode, 10 with peers that lack it)."),
        QStringLiteral("MS"));
    const QCommandLineOption retransmit(
        QStringLiteral("retransmit"),
        QStringLiteral(
            "Ask for lost call audio again, and answer such requests, when the other side does too "
            "(default on; off: rely on Opus FEC alone)."),
        QStringLiteral("on|off"));
    const QCommandLineOption redundancy(
        QStringLiteral("redundancy"),
        QStringLiteral("Carry the frame before in each call audio datagram while the other side loses audio "
                       "that retransmission cannot bring back in time (default on)."),
        QStringLiteral("on|off"));
    const QCommandLineOption echoCancellation(
        QStringLiteral("echo-cancellation"),
        QStringLiteral("Cancel the speaker's echo in the microphone during calls (default on; off with "
                       "headphones sends the voice 7 ms sooner)."),
        QStringLiteral("on|off"));
    const QCommandLineOption mediaAnnouncePort(
        QStringLiteral("media-announce-port"),
        QStringLiteral("Tell peers to send call media to this UDP port instead of the one bound (for a relay "
                       "in front of this node, as in tests)."),
        QStringLiteral("PORT"));
    const QCommandLineOption relay(
        QStringLiteral("relay"),
        QStringLiteral("Carry sealed messages for peers that cannot reach each other directly: on or off "
                       "(default on). Relays cannot read what they carry."),
        QStringLiteral("on|off"));
    const QCommandLineOption relayStoreMb(
        QStringLiteral("relay-store-mb"),
        QStringLiteral("Keep at most this many MiB of messages for peers that are away (default 64)."),
        QStringLiteral("N"));
    const QCommandLineOption relayRate(
        QStringLiteral("relay-rate-kib"),
        QStringLiteral(
            "Pass file drops on for peers that cannot reach each other at most N KiB per second in "
            "total (default 2560; 0: pass none on; nothing with --relay off)."),
        QStringLiteral("N"));
    const QCommandLineOption downloadDir(
        QStringLiteral("download-dir"),
        QStringLiteral("Folder for accepted file drops (default: the system's download folder)."),
        QStringLiteral("DIR"));
    const QCommandLineOption sendRate(
        QStringLiteral("send-rate-kib"),
        QStringLiteral(
            "Send each file drop at most N KiB per second (default: as fast as the network goes)."),
        QStringLiteral("N"));
    const QCommandLineOption autoAccept(
        QStringLiteral("auto-accept-verified"),
        QStringLiteral("Accept file drops from verified peers without asking (never from others)."));
    parser.addOptions(
        {profile,           name,        listen,       peer,      deadAfter,   discovery,  audioIn,
         audioOut,          inputDevice, outputDevice, frameMs,   retransmit,  redundancy, echoCancellation,
         mediaAnnouncePort, relay,       relayStoreMb, relayRate, downloadDir, sendRate,   autoAccept});
    parser.addOptions(program.ownOptions);
    const QString runHelp = QStringLiteral("Run %1 --help for the options.").arg(program.name);
    if (!parser.parse(arguments)) {
        return parser.errorText() + QStringLiteral(". ") + runHelp;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("help-all"))) {
        parser.process(arguments); // prints the help with Qt's own options, and exits
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    if (!parser.positionalArguments().isEmpty()) {
        return QStringLiteral("Unexpected argument '%1'. %2")
            .arg(parser.positionalArguments().constFirst(), runHelp);
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
    }
    if (parser.isSet(relay)) {
        const QString value = parser.value(relay);
        if (value != QLatin1String("on") && value != QLatin1String("off")) {
            return QStringLiteral("--relay must be on or off (not '%1').").arg(value);
        }
        config.relay.carry = value == QLatin1String("on");
    }
    if (parser.isSet(relayStoreMb)) {
        bool ok = false;
        const int mb = parser.value(relayStoreMb).toInt(&ok);
        if (!ok || mb < 1 || mb > 65536) {
            return QStringLiteral("--relay-store-mb needs a whole number of MiB from 1 to 65536 (not '%1').")
                .arg(parser.value(relayStoreMb));
        }
        config.relay.storeLimitBytes = static_cast<std::int64_t>(mb) * 1024 * 1024;
    }
    if (parser.isSet(relayRate)) {
        bool ok = false;
        const qulonglong kib = parser.value(relayRate).toULongLong(&ok);
        if (!ok || kib > 10ULL * 1024 * 1024) {
            return QStringLiteral(
                       "--relay-rate-kib needs a whole number of KiB per second from 0 to 10485760 "
                       "(not '%1').")
                .arg(parser.value(relayRate));
        }
        config.relay.forwardBytesPerSecond = kib * 1024;
    }
    if (parser.isSet(downloadDir)) {
        const QString dir = parser.value(downloadDir).trimmed();
        if (dir.isEmpty()) {
            return QStringLiteral("--download-dir needs a folder.");
        }
        config.downloadFolder = QDir(dir).absolutePath();
    }
    if (parser.isSet(sendRate)) {
        bool ok = false;
        const qulonglong kib = parser.value(sendRate).toULongLong(&ok);
        if (!ok || kib < 1 || kib > 100ULL * 1024 * 1024) {
            return QStringLiteral(
                       "--send-rate-kib needs a whole number of KiB per second, at least 1 (not '%1').")
                .arg(parser.value(sendRate));
        }
        config.sendBytesPerSecond = kib * 1024;
    }
    config.autoAcceptVerified = parser.isSet(autoAccept);
    if (auto error = applyCallOptions(parser, config); !error.isEmpty()) {
        return error;
    }
    return config;
}

} // namespace confab::app
