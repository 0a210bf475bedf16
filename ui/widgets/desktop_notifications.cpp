#include "desktop_notifications.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace confab::ui {
namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
// A service that does not answer within this is taken as absent.
constexpr int kCallTimeoutMs = 2000;

QDBusMessage methodCall(const QString& method)
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}

} // namespace

DesktopNotifications::DesktopNotifications(QDBusConnection bus, QObject* parent)
    : QObject(parent), m_bus(std::move(bus))
{
    if (m_bus.isConnected()) {
        m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                      SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationReplied"), this,
                      SLOT(onNotificationReplied(uint, QString)));
        askCapabilities();
    }
}

void DesktopNotifications::show(const Notification& notification,
                                std::function<void(std::optional<quint32>)> done)
{
    if (!m_bus.isConnected()) {
        done(std::nullopt);
        return;
    }
    QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("confab")},
                      {QStringLiteral("category"), notification.category},
                      {QStringLiteral("urgency"), QVariant::fromValue<uchar>(notification.urgent ? 2 : 1)}};
    if (notification.silent || notification.soundName.isEmpty()) {
        hints.insert(QStringLiteral("suppress-sound"), true);
    } else {
        hints.insert(QStringLiteral("sound-name"), notification.soundName);
    }
    QDBusMessage call = methodCall(QStringLiteral("Notify"));
    call << QStringLiteral("Confab") << m_lastId << QStringLiteral("confab") << notification.title
         << notification.body << notification.actions << hints << -1;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, done = std::move(done)](QDBusPendingCallWatcher* finished) {
                const QDBusPendingReply<uint> reply = *finished;
                finished->deleteLater();
                if (reply.isError()) {
                    done(std::nullopt);
                    return;
                }
                m_lastId = reply.value();
                if (!m_inlineReply) {
                    askCapabilities(); // the service started after us
                }
                done(m_lastId);
            });
}

void DesktopNotifications::askCapabilities()
{
    auto* watcher = new QDBusPendingCallWatcher(
        m_bus.asyncCall(methodCall(QStringLiteral("GetCapabilities")), kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* finished) {
        const QDBusPendingReply<QStringList> reply = *finished;
        finished->deleteLater();
        if (!reply.isError()) {
            m_inlineReply = reply.value().contains(QStringLiteral("inline-reply"));
        }
    });
}

void DesktopNotifications::onActionInvoked(uint id, const QString& key)
{
    emit actionInvoked(id, key);
}

void DesktopNotifications::onNotificationReplied(uint id, const QString& text)
{
    emit replied(id, text);
}

} // namespace confab::ui
