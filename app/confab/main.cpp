// confab: the desktop GUI. The node runs on its own thread (api::NodeHost);
// this thread only draws.
#include "api/node_host.h"
#include "confabd/daemon_options.h"
#include "crypto/sodium_init.h"
#include "widgets/main_window.h"

#include <QApplication>
#include <QListView>
#include <QTimer>

#include <cstdio>

using namespace confab;

namespace {

// --screenshot PATH (not in --help): picks the first peer, saves the window
// as PNG after the node has settled, and quits. Used for the documentation.
QString takeScreenshotOption(QStringList& arguments)
{
    const qsizetype at = arguments.indexOf(QStringLiteral("--screenshot"));
    if (at < 0 || at + 1 >= arguments.size()) {
        return {};
    }
    const QString path = arguments.at(at + 1);
    arguments.remove(at, 2);
    return path;
}

void scheduleScreenshot(ui::MainWindow& window, const QString& path)
{
    constexpr int kSettleMs = 3000;
    constexpr int kDrawMs = 1500;
    QTimer::singleShot(kSettleMs, &window, [&window, path] {
        window.peerList()->setCurrentIndex(window.peerList()->model()->index(0, 0));
        QTimer::singleShot(kDrawMs, &window, [&window, path] {
            const bool saved = window.grab().save(path);
            std::fprintf(stderr, "confab: screenshot %s %s\n", qPrintable(path), saved ? "saved" : "FAILED");
            QApplication::exit(saved ? 0 : 1);
        });
    });
}

} // namespace

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    if (!crypto::initSodium()) {
        std::fprintf(stderr, "confab: libsodium cannot initialise on this machine\n");
        return 1;
    }
    QStringList arguments = QApplication::arguments();
    const QString screenshotPath = takeScreenshotOption(arguments);
    auto config = app::parseDaemonOptions(arguments);
    if (!config) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(config.error()));
        return 2;
    }

    api::NodeHost host(config.value());
    ui::MainWindow window(host);
    QObject::connect(&host, &api::NodeHost::startFailed, &window,
                     [](const QString& error) { std::fprintf(stderr, "confab: %s\n", qPrintable(error)); });
    host.start();
    window.show();
    if (!screenshotPath.isEmpty()) {
        scheduleScreenshot(window, screenshotPath);
    }
    return QApplication::exec();
}
