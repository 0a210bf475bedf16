#include "tray_icon.h"

#include "app_icon.h"

namespace confab::ui {

TrayIcon::TrayIcon(QObject* parent) : TrayIcon(QDBusConnection::sessionBus(), parent)
{
}

TrayIcon::TrayIcon(QDBusConnection bus, QObject* parent)
    : QObject(parent), m_tray(this), m_baseIcon(appIcon()), m_desktop(std::move(bus))
{
    m_menu.addAction(tr("&Show Confab"), this, &TrayIcon::showWindowRequested);
    m_menu.addSeparator();
    m_menu.addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
    m_tray.setContextMenu(&m_menu);
    connect(&m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            emit showWindowRequested();
        }
    });
    // The desktop shows one balloon of ours at a time: the last one.
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, [this] { open(m_balloonSubject); });
    connect(&m_desktop, &DesktopNotifications::actionInvoked, this, &TrayIcon::onAction);
    connect(&m_desktop, &DesktopNotifications::replied, this, &TrayIcon::onReplied);
    setUnread(0);
}

void TrayIcon::addMenu(QMenu* menu)
{
    m_menu.insertMenu(m_menu.actions().value(0), menu);
}

bool TrayIcon::showIfAvailable()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray.show();
    }
    return m_tray.isVisible();
}

void TrayIcon::setUnread(int count)
{
    if (count == m_unread) {
        return;
    }
    m_unread = count;
    m_tray.setIcon(badgedIcon(m_baseIcon, count));
    m_tray.setToolTip(count > 0 ? tr("Confab — %n unread message(s)", nullptr, count)
                                : tr("Confab — no unread messages"));
}

void TrayIcon::notify(const QString& title, const QString& body, const std::optional<PeerId>& about)
{
    show(title, body, {Kind::Info, about, {}});
}

void TrayIcon::notifyAboutRoom(const QString& title, const QString& body, const QString& room)
{
    show(title, body, {Kind::Info, std::nullopt, room});
}

void TrayIcon::notifyMessage(const QString& title, const QString& body, const PeerId& peer)
{
    show(title, body, {Kind::Message, peer, {}});
}

void TrayIcon::notifyIncomingCall(const QString& title, const QString& body, const PeerId& peer)
{
    show(title, body, {Kind::IncomingCall, peer, {}});
}

void TrayIcon::show(const QString& title, const QString& body, const Subject& subject)
{
    if (m_quiet) {
        return;
    }
    emit notified(title, body);
    DesktopNotifications::Notification notification;
    notification.title = title;
    notification.body = body;
    notification.actions = {QStringLiteral("default"), tr("Open")};
    switch (subject.kind) {
    case Kind::Message:
        // With a reply field where the service has one (it answers with
        // NotificationReplied); else a button that opens the conversation.
        notification.actions << (m_desktop.offersInlineReply() ? QStringLiteral("inline-reply")
                                                               : QStringLiteral("reply"))
                             << tr("Reply");
        notification.category = QStringLiteral("im.received");
        notification.soundName = QStringLiteral("message-new-instant");
        break;
    case Kind::IncomingCall:
        notification.actions << QStringLiteral("answer") << tr("Answer") << QStringLiteral("decline")
                             << tr("Decline");
        notification.category = QStringLiteral("call.incoming");
        notification.soundName = QStringLiteral("phone-incoming-call");
        notification.urgent = true;
        break;
    case Kind::Info:
        notification.soundName = QStringLiteral("dialog-information");
        break;
    }
    notification.silent = !m_sound;
    m_desktop.show(notification, [this, title, body, subject](std::optional<quint32> id) {
        if (!id) {
            showBalloon(title, body, subject);
            return;
        }
        // Notifications replace each other: only the newest can be clicked.
        m_subjects.clear();
        m_subjects.emplace(*id, subject);
    });
}

void TrayIcon::showBalloon(const QString& title, const QString& body, const Subject& subject)
{
    m_balloonSubject = subject;
    if (m_tray.isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray.showMessage(title, body, m_baseIcon);
    }
}

void TrayIcon::open(const Subject& subject)
{
    if (subject.peer) {
        emit conversationRequested(*subject.peer);
    } else if (!subject.room.isEmpty()) {
        emit roomRequested(subject.room);
    } else {
        emit showWindowRequested();
    }
}

void TrayIcon::onAction(quint32 id, const QString& key)
{
    const auto it = m_subjects.find(id);
    if (it == m_subjects.end()) {
        return; // another application's, or an old one of ours
    }
    const Subject subject = it->second;
    if (key == QLatin1String("reply") && subject.peer) {
        // A service with a reply field sends the text as NotificationReplied instead.
        emit replyRequested(*subject.peer, QString());
    } else if (key == QLatin1String("answer") && subject.peer) {
        emit answerRequested(*subject.peer);
    } else if (key == QLatin1String("decline") && subject.peer) {
        emit declineRequested(*subject.peer);
    } else {
        open(subject);
    }
}

void TrayIcon::onReplied(quint32 id, const QString& text)
{
    const auto it = m_subjects.find(id);
    if (it != m_subjects.end() && it->second.peer && !text.trimmed().isEmpty()) {
        emit replyRequested(*it->second.peer, text);
    }
}

} // namespace confab::ui
