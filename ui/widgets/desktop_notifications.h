#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace confab::ui {

// The desktop's notification service (org.freedesktop.Notifications on the
// session bus): notifications with buttons ("actions"), a reply field where
// the service offers one, and a sound from the desktop's sound theme. Each
// new one replaces the last one of ours, as a messenger's should.
class DesktopNotifications : public QObject {
    Q_OBJECT
public:
    struct Notification {
        QString title;
        QString body;
        // Pairs of key and label; the key "default" is a click on the
        // notification itself and has no button.
        QStringList actions;
        QString category;  // "im.received", "call.incoming", "transfer"
        QString soundName; // from the sound theme; empty: none
        bool silent = false;
        bool urgent = false;
    };

    explicit DesktopNotifications(QDBusConnection bus, QObject* parent = nullptr);

    // Hands it to the service; `done` gets its id, or std::nullopt when no
    // service took it (none runs, or it answered with an error).
    void show(const Notification& notification, std::function<void(std::optional<quint32>)> done);
    // Whether the service offers a reply field (its capability
    // "inline-reply"); false until it has said so.
    [[nodiscard]] bool offersInlineReply() const { return m_inlineReply.value_or(false); }

signals:
    void actionInvoked(quint32 id, const QString& key);
    void replied(quint32 id, const QString& text);

private slots:
    // Named as the service's signals: connected by name over D-Bus.
    void onActionInvoked(uint id, const QString& key);
    void onNotificationReplied(uint id, const QString& text);

private:
    // Asks the service what it offers, without waiting for the answer.
    void askCapabilities();

    QDBusConnection m_bus;
    quint32 m_lastId = 0;
    std::optional<bool> m_inlineReply; // asked once the service is there
};

} // namespace confab::ui
