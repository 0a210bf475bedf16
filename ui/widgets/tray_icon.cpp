#include "tray_icon.h"

#include "app_icon.h"

namespace confab::ui {

TrayIcon::TrayIcon(QObject* parent) : QObject(parent), m_tray(this), m_baseIcon(appIcon())
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
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        // The desktop shows one notification of ours at a time: the last one.
        if (m_notifiedAbout) {
            emit conversationRequested(*m_notifiedAbout);
        } else if (!m_notifiedRoom.isEmpty()) {
            emit roomRequested(m_notifiedRoom);
        } else {
            emit showWindowRequested();
        }
    });
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

void TrayIcon::notifyAboutRoom(const QString& title, const QString& body, const QString& room)
{
    if (m_quiet) {
        return;
    }
    notify(title, body);
    m_notifiedRoom = room;
}

void TrayIcon::notify(const QString& title, const QString& body, const std::optional<PeerId>& about)
{
    if (m_quiet) {
        return;
    }
    m_notifiedAbout = about;
    m_notifiedRoom.clear();
    emit notified(title, body);
    if (m_tray.isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray.showMessage(title, body, m_baseIcon);
    }
}

} // namespace confab::ui
