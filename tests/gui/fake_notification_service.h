#pragma once

// A desktop notification service (org.freedesktop.Notifications) of the
// test's own, on a private session bus the test starts: it records what it
// is asked to show and sends the signals a user's clicks would.

#include <QDBusConnection>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QVariantMap>

#include <vector>

namespace confab::ui::test {

// A dbus-daemon for this test alone; its address, or empty when it could
// not start (no dbus-daemon here).
class PrivateBus {
public:
    PrivateBus()
    {
        m_daemon.start(
            QStringLiteral("dbus-daemon"),
            {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        if (m_daemon.waitForStarted() && m_daemon.waitForReadyRead(10000)) {
            m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        }
    }
    ~PrivateBus()
    {
        m_daemon.kill();
        m_daemon.waitForFinished();
    }
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    [[nodiscard]] const QString& address() const { return m_address; }
    [[nodiscard]] QDBusConnection connect(const QString& name) const
    {
        return QDBusConnection::connectToBus(m_address, name);
    }

private:
    QProcess m_daemon;
    QString m_address;
};

class FakeNotificationService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown {
        uint id = 0;
        uint replacesId = 0;
        QString title;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };

    // Registers the service on `bus`; false if the name is taken.
    bool serveOn(QDBusConnection bus)
    {
        return bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), this,
                                  QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals) &&
               bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
    }

    std::vector<Shown> shown;
    QStringList capabilities{QStringLiteral("actions"), QStringLiteral("body")};

    // The methods and signals carry the names the specification gives them.
    // NOLINTBEGIN(readability-identifier-naming)
public slots:
    uint Notify(const QString& /*appName*/, uint replacesId, const QString& /*icon*/, const QString& title,
                const QString& body, const QStringList& actions, const QVariantMap& hints, int /*timeout*/)
    {
        const uint id = replacesId != 0 ? replacesId : ++m_nextId;
        shown.push_back({id, replacesId, title, body, actions, hints});
        return id;
    }
    QStringList GetCapabilities() { return capabilities; }
    void CloseNotification(uint /*id*/) {}

signals:
    void ActionInvoked(uint id, const QString& key);
    void NotificationReplied(uint id, const QString& text);
    // NOLINTEND(readability-identifier-naming)

private:
    uint m_nextId = 0;
};

} // namespace confab::ui::test
