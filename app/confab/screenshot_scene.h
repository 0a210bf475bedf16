#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

namespace confab::ui {
class MainWindow;
class StartupFlow;
} // namespace confab::ui

namespace confab::app {

// Hidden options (not in --help) for the documentation's screenshots:
//   --screenshot PATH            save a PNG and quit
//   --screenshot-scene NAME      main (default), details, settings, warning, first-run,
//                                incoming-call (another node calls), in-call (this window calls
//                                --screenshot-peer, who answers), search (every conversation
//                                searched for --screenshot-search, the newest result opened),
//                                room (the room named --screenshot-peer, or the first),
//                                my-address (File > My Address, with its QR code)
//   --screenshot-peer PEER       the conversation to open, by name or full ID (default: the
//                                first with messages); for the room scene, the room's name
//   --screenshot-search TEXT     what the search scene looks for
struct ScreenshotRequest {
    QString path;
    QString scene = QStringLiteral("main");
    QString peer;
    QString search;
};

// Removes the screenshot options from `arguments`; nullopt when there are none.
std::optional<ScreenshotRequest> takeScreenshotRequest(QStringList& arguments);

// Drives the window into one scene once the node has settled, saves it with
// QWidget::grab() and quits (exit code 0 when saved).
class ScreenshotScene : public QObject {
    Q_OBJECT
public:
    ScreenshotScene(ScreenshotRequest request, ui::MainWindow& window, ui::StartupFlow& flow,
                    QObject* parent = nullptr);
    void start();

private:
    void waitFor(std::function<bool()> condition, std::function<void()> then);
    void openConversation(std::function<void()> then);
    bool selectRequestedPeer();
    void grabAndQuit(QWidget* widget);
    // The window with a dialog drawn over it, as a desktop shows them.
    void grabWithDialogAndQuit(QWidget* dialog);
    void fail(const QString& why);

    ScreenshotRequest m_request;
    ui::MainWindow& m_window;
    ui::StartupFlow& m_flow;
    int m_waitedMs = 0;
};

} // namespace confab::app
