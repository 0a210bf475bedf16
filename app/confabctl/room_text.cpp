#include "room_text.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace confab::app {
namespace {

QString memberName(const QJsonObject& member)
{
    const QString name = member.value(QStringLiteral("name")).toString();
    const QString id = member.value(QStringLiteral("peer")).toString().left(8);
    return name.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(name, id);
}

// "a1b2c3d4  Field team  4 members  unread 2"
QString roomLine(const QJsonObject& room)
{
    QString line = QStringLiteral("%1  %2  %3 members")
                       .arg(room.value(QStringLiteral("id")).toString().left(8),
                            room.value(QStringLiteral("name")).toString())
                       .arg(room.value(QStringLiteral("members")).toArray().size());
    if (const int unread = room.value(QStringLiteral("unread")).toInt(); unread > 0) {
        line += QStringLiteral("  unread %1").arg(unread);
    }
    if (room.value(QStringLiteral("left")).toBool()) {
        line += QStringLiteral("  (left)");
    }
    return line;
}

// The room with one member per line.
QString roomDetails(const QJsonObject& room)
{
    QString text =
        QStringLiteral("%1\nid: %2\n")
            .arg(room.value(QStringLiteral("name")).toString(), room.value(QStringLiteral("id")).toString());
    if (room.value(QStringLiteral("left")).toBool()) {
        text += QStringLiteral("You are no longer a member.\n");
    }
    for (const auto& value : room.value(QStringLiteral("members")).toArray()) {
        const QJsonObject member = value.toObject();
        QStringList notes;
        if (member.value(QStringLiteral("self")).toBool()) {
            notes << QStringLiteral("you");
        } else if (member.value(QStringLiteral("connected")).toBool()) {
            notes << QStringLiteral("online");
        }
        if (member.value(QStringLiteral("admin")).toBool()) {
            notes << QStringLiteral("admin");
        }
        text +=
            QStringLiteral("  %1%2\n")
                .arg(memberName(member),
                     notes.isEmpty() ? QString() : QStringLiteral("  ") + notes.join(QStringLiteral(", ")));
    }
    return text;
}

// "2026-12-06 10:15:02 Ann: hello  (read by 2 of 4)"
QString messageLine(const QJsonObject& m)
{
    const QString when =
        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m.value(QStringLiteral("sent_ms")).toDouble()))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const bool outgoing = m.value(QStringLiteral("direction")).toString() == QLatin1String("out");
    QString sender = outgoing ? QStringLiteral("you") : m.value(QStringLiteral("sender_name")).toString();
    if (sender.isEmpty()) {
        sender = m.value(QStringLiteral("sender")).toString().left(8);
    }
    QString line = QStringLiteral("%1 %2: %3").arg(when, sender, m.value(QStringLiteral("text")).toString());
    if (outgoing) {
        const int others = m.value(QStringLiteral("other_members")).toInt();
        const int read = m.value(QStringLiteral("read_by")).toInt();
        const int delivered = m.value(QStringLiteral("delivered_to")).toInt();
        line += read > 0 ? QStringLiteral("  (read by %1 of %2)").arg(read).arg(others)
                         : QStringLiteral("  (delivered to %1 of %2)").arg(delivered).arg(others);
    }
    if (m.value(QStringLiteral("mentions_you")).toBool()) {
        line += QStringLiteral("  (mentions you)");
    }
    return line;
}

} // namespace

std::optional<QString> roomText(const QString& command, const QJsonValue& result)
{
    if (command == QLatin1String("rooms")) {
        QString text;
        for (const auto& value : result.toArray()) {
            text += roomLine(value.toObject()) + u'\n';
        }
        return text.isEmpty()
                   ? QStringLiteral("You are in no rooms yet. Make one with: confabctl room-create NAME "
                                    "PEER...\n")
                   : text;
    }
    if (command == QLatin1String("room-history")) {
        QString text;
        for (const auto& value : result.toArray()) {
            text += messageLine(value.toObject()) + u'\n';
        }
        return text;
    }
    if (command == QLatin1String("room-send")) {
        return result.toObject().value(QStringLiteral("id")).toString() + u'\n';
    }
    if (command == QLatin1String("room-read")) {
        return QStringLiteral("%1 marked read\n")
            .arg(result.toObject().value(QStringLiteral("marked")).toInt());
    }
    if (command == QLatin1String("room") || command.startsWith(QLatin1String("room-"))) {
        return roomDetails(result.toObject());
    }
    return std::nullopt;
}

} // namespace confab::app
