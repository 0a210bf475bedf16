// confabd: a Confab node without a GUI, driven through its control socket.
#include "api/node.h"
#include "api/node_config.h"
#include "api/node_environment.h"
#include "api/system_environment.h"
#include "base/software_version.h"
#include "crypto/sodium_init.h"
#include "daemon_options.h"
#include "signal_watcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <exception>

using namespace confab;

int run(int argc, char** argv)
{
    app::SignalWatcher::blockTerminationSignals();
    QCoreApplication application(argc, argv);
    app::SignalWatcher signalWatcher;
    QCoreApplication::setApplicationName(QStringLiteral("confabd"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(softwareVersion()));
    qSetMessagePattern(
        QStringLiteral("confabd: %{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"));

    if (!crypto::initSodium()) {
        std::fprintf(stderr, "confabd: libsodium cannot initialise on this machine\n");
        return 1;
    }
    auto config = app::parseDaemonOptions(QCoreApplication::arguments());
    if (!config) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(config.error()));
        return 2;
    }
    api::SystemEnvironment system;
    api::Node node(config.value(), system.environment());
    auto started = node.start(); // opens the profile and the control socket too
    if (!started) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(started.error()));
        return 1;
    }
    for (const QString& notice : started.value()) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(notice));
    }

    QObject::connect(&signalWatcher, &app::SignalWatcher::terminationRequested, &application, [&](int) {
        node.shutdown();
        // Let the goodbyes leave before the sockets close.
        QTimer::singleShot(100, &application, &QCoreApplication::quit);
    });

    const QString id = QString::fromStdString(node.id().toText());
    // Name the confabctl that sits next to this binary: a fresh build is not on PATH.
    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/confabctl");
    const QString confabctl = QFileInfo::exists(besideUs) ? besideUs : QStringLiteral("confabctl");
    std::fprintf(stderr, "confabd: profile %s, talk to it with: %s --profile %s status\n",
                 qPrintable(node.profileDir()), qPrintable(confabctl), qPrintable(node.profileDir()));
    std::printf("confabd ready id=%s listen=%s\n", qPrintable(id),
                qPrintable(node.listenAddress().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

int main(int argc, char** argv)
{
    // Nothing throws on purpose; if the allocator does, say so and exit like
    // any other failure instead of aborting.
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "confabd: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "confabd: unexpected error\n");
    }
    return 1;
}
