#pragma once

#include "base/peer_id.h"
#include "desktop_notifications.h"

#include <QIcon>
#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>

#include <map>
#include <optional>

namespace confab::ui {

// The tray icon — unread count in the tooltip and as a badge, Show/Quit
// menu — and notifications: through the desktop's notification service
// when one runs (with buttons: Reply to a message, Answer or Decline a
// call), else as the tray's balloon. A click on one about a peer opens that
// peer's conversation. The icon shows nothing where the desktop has no
// system tray (then closing the window quits, see MainWindow).
class TrayIcon : public QObject {
    Q_OBJECT
public:
    // Notifications go to the session bus's notification service.
    explicit TrayIcon(QObject* parent = nullptr);
    TrayIcon(QDBusConnection bus, QObject* parent);

    // Shows the icon if the desktop has a tray; returns whether it is shown.
    bool showIfAvailable();
    [[nodiscard]] bool isShown() const { return m_tray.isVisible(); }
    void setUnread(int count);
    [[nodiscard]] int unread() const { return m_unread; }
    [[nodiscard]] QString toolTip() const { return m_tray.toolTip(); }
    [[nodiscard]] QIcon icon() const { return m_tray.icon(); }

    // A notification. One `about` a peer opens that peer's conversation when clicked.
    void notify(const QString& title, const QString& body, const std::optional<PeerId>& about = std::nullopt);
    // One about a room (its id) opens that room when clicked.
    void notifyAboutRoom(const QString& title, const QString& body, const QString& room);
    // A message from `peer`, with Reply.
    void notifyMessage(const QString& title, const QString& body, const PeerId& peer);
    // A call from `peer` ringing here, with Answer and Decline.
    void notifyIncomingCall(const QString& title, const QString& body, const PeerId& peer);

    // Puts `menu` (the Status menu) at the top of the tray's menu.
    void addMenu(QMenu* menu);
    // Do not disturb, or notifications turned off: while quiet, nothing is
    // shown (and notified() is not emitted).
    void setQuiet(bool quiet) { m_quiet = quiet; }
    [[nodiscard]] bool isQuiet() const { return m_quiet; }
    // Whether notifications ask the desktop for a sound (the settings).
    void setSound(bool sound) { m_sound = sound; }

signals:
    void showWindowRequested();
    // A notification about this peer was clicked.
    void conversationRequested(const confab::PeerId& peer);
    // A notification about this room was clicked.
    void roomRequested(const QString& room);
    // Reply on a message's notification: the text typed into the
    // notification, or empty where the desktop offers no field (then the
    // conversation is to open, ready to write).
    void replyRequested(const confab::PeerId& peer, const QString& text);
    void answerRequested(const confab::PeerId& peer);
    void declineRequested(const confab::PeerId& peer);
    void quitRequested();
    // Every notification, also where none can be shown (for tests and
    // logs); not while quiet.
    void notified(const QString& title, const QString& body);

private:
    enum class Kind { Info, Message, IncomingCall };
    // What a notification is about: where a click on it leads.
    struct Subject {
        Kind kind = Kind::Info;
        std::optional<PeerId> peer;
        QString room;
    };

    void show(const QString& title, const QString& body, const Subject& subject);
    void showBalloon(const QString& title, const QString& body, const Subject& subject);
    void open(const Subject& subject);
    void onAction(quint32 id, const QString& key);
    void onReplied(quint32 id, const QString& text);

    QMenu m_menu; // before the icon that refers to it
    QSystemTrayIcon m_tray;
    QIcon m_baseIcon;
    DesktopNotifications m_desktop;
    int m_unread = -1;
    Subject m_balloonSubject;              // the balloon on show: one at a time
    std::map<quint32, Subject> m_subjects; // the desktop's notifications, by id
    bool m_quiet = false;
    bool m_sound = true;
};

} // namespace confab::ui
