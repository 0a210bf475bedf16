#pragma once

#include "api/node_client.h"

#include <QObject>
#include <QPointer>

namespace confab::ui {

class FirstRunDialog;
class MainWindow;

// How the desktop app starts: open the profile (off the GUI thread), ask for
// a display name on a new profile, then start the network and show the
// window — or keep it in the tray when the user chose to start minimised.
class StartupFlow : public QObject {
    Q_OBJECT
public:
    StartupFlow(api::NodeClient& client, MainWindow& window, QObject* parent = nullptr);

    void run();
    // While a new profile waits for its name; null otherwise.
    [[nodiscard]] FirstRunDialog* firstRunDialog() const;

signals:
    // The node is starting and the window is shown (or waits in the tray).
    void finished();
    // The profile cannot be opened (in use, unreadable); the user was told.
    void failed(const QString& error);
    // The network could not start (the window says why too).
    void startFailed(const QString& error);

private:
    void onOpened(const api::NodeStatus& status, const api::ProfileSettings& settings);
    void startAndShow(bool minimised);

    api::NodeClient& m_node;
    MainWindow& m_window;
    QPointer<FirstRunDialog> m_firstRun;
};

} // namespace confab::ui
