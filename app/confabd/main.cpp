// confabd: a Confab node without a GUI, driven through its control socket.
#include "api/control_server.h"
#include "api/node.h"
#include "crypto/sodium_init.h"
#include "daemon_options.h"
#include "signal_watcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using namespace confab;

int main(int argc, char** argv)
{
    app::SignalWatcher::blockTerminationSignals();
    QCoreApplication application(argc, argv);
    app::SignalWatcher signalWatcher;
    QCoreApplication::setApplicationName(QStringLiteral("confabd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));
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
    session::SystemClock clock;
    auto node = api::Node::create(config.value(), clock);
    if (!node) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(node.error()));
        return 1;
    }
    auto started = node.value()->start();
    if (!started) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(started.error()));
        return 1;
    }
    for (const QString& notice : started.value()) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(notice));
    }
    api::ControlServer control(*node.value());
    if (auto error = control.listen(node.value()->profile().controlSocketPath())) {
        std::fprintf(stderr, "confabd: %s\n", qPrintable(*error));
        return 1;
    }

    QObject::connect(&signalWatcher, &app::SignalWatcher::terminationRequested, &application, [&](int) {
        node.value()->shutdown();
        // Let the goodbyes leave before the sockets close.
        QTimer::singleShot(100, &application, &QCoreApplication::quit);
    });

    const QString id = QString::fromStdString(node.value()->id().toText());
    // Name the confabctl that sits next to this binary: a fresh build is not on PATH.
    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/confabctl");
    const QString confabctl = QFileInfo::exists(besideUs) ? besideUs : QStringLiteral("confabctl");
    std::fprintf(stderr, "confabd: profile %s, talk to it with: %s --profile %s status\n",
                 qPrintable(node.value()->profile().dir()), qPrintable(confabctl),
                 qPrintable(node.value()->profile().dir()));
    std::printf("confabd ready id=%s listen=%s\n", qPrintable(id),
                qPrintable(node.value()->listenAddress().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
