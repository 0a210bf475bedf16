#pragma once

#include "base/peer_id.h"

#include <QIcon>
#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>

#include <optional>

namespace confab::ui {

// The tray icon: unread count in the tooltip and as a badge, Show/Quit menu,
// and desktop notifications (a click on one about a peer opens that peer's
// conversation). Does nothing visible where the desktop has no
// system tray (then closing the window quits, see MainWindow).
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(QObject* parent = nullptr);

    // Shows the icon if the desktop has a tray; returns whether it is shown.
    bool showIfAvailable();
    [[nodiscard]] bool isShown() const { return m_tray.isVisible(); }
    void setUnread(int count);
    [[nodiscard]] int unread() const { return m_unread; }
    [[nodiscard]] QString toolTip() const { return m_tray.toolTip(); }
    [[nodiscard]] QIcon icon() const { return m_tray.icon(); }
    // A desktop notification; through the tray when there is one. One
    // `about` a peer opens that peer's conversation when clicked.
    void notify(const QString& title, const QString& body, const std::optional<PeerId>& about = std::nullopt);
    // One about a room (its id) opens that room when clicked.
    void notifyAboutRoom(const QString& title, const QString& body, const QString& room);
    // Puts `menu` (the Status menu) at the top of the tray's menu.
    void addMenu(QMenu* menu);
    // Do not disturb: while quiet, notify() shows nothing (and emits nothing).
    void setQuiet(bool quiet) { m_quiet = quiet; }
    [[nodiscard]] bool isQuiet() const { return m_quiet; }

signals:
    void showWindowRequested();
    // The last notification, about this peer, was clicked.
    void conversationRequested(const confab::PeerId& peer);
    // The last notification, about this room, was clicked.
    void roomRequested(const QString& room);
    void quitRequested();
    // Every notification, also where none can be shown (for tests and
    // logs); not while quiet.
    void notified(const QString& title, const QString& body);

private:
    QMenu m_menu; // before the icon that refers to it
    QSystemTrayIcon m_tray;
    QIcon m_baseIcon;
    int m_unread = -1;
    std::optional<PeerId> m_notifiedAbout; // the peer of the notification on show
    QString m_notifiedRoom;                // or its room
    bool m_quiet = false;
};

} // namespace confab::ui
