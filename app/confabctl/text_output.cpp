#include "text_output.h"

#include "room_text.h"
#include "transfer_text.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace confab::app {
namespace {

QString time(const QJsonValue& ms)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(ms.toDouble()))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// A message's text as a line shows it: a deleted message has none left, so
// it says so; an edited one says it is not what was first sent. (Nodes
// before edits send neither field.)
QString messageText(const QJsonObject& m)
{
    if (m.value(QStringLiteral("deleted_ms")).isDouble()) {
        return QStringLiteral("(deleted)");
    }
    const QString text = m.value(QStringLiteral("text")).toString();
    return m.value(QStringLiteral("edited_ms")).isDouble() ? text + QStringLiteral(" (edited)") : text;
}

// The texts of a listing's messages by id, for the quotes of replies among them.
using MessageTexts = QHash<QString, QString>;

MessageTexts textsById(const QJsonArray& list)
{
    MessageTexts texts;
    for (const auto& value : list) {
        const QJsonObject m = value.toObject();
        texts.insert(m.value(QStringLiteral("id")).toString(), messageText(m));
    }
    return texts;
}

// "↩ "Lunch at 12?" " before a reply's text: the start of what it quotes,
// on one line. The quoted message is older; when the listing does not reach
// back to it, the line says so.
QString quoteNote(const QJsonObject& m, const MessageTexts& texts)
{
    constexpr qsizetype kQuoteChars = 30;
    const QJsonValue quoted = m.value(QStringLiteral("reply_to"));
    if (!quoted.isString()) {
        return {};
    }
    const auto it = texts.constFind(quoted.toString());
    if (it == texts.constEnd()) {
        return QStringLiteral("↩ (an older message) ");
    }
    const QString text = it->simplified();
    return QStringLiteral("↩ \"%1\" ")
        .arg(text.size() > kQuoteChars ? text.left(kQuoteChars) + QStringLiteral("…") : text);
}

// "  (reactions: you 👍, them 😂)" after a message's text; nothing without reactions.
QString reactionsNote(const QJsonObject& m)
{
    QStringList reactions;
    if (const QString own = m.value(QStringLiteral("own_reaction")).toString(); !own.isEmpty()) {
        reactions.append(QStringLiteral("you ") + own);
    }
    if (const QString peer = m.value(QStringLiteral("peer_reaction")).toString(); !peer.isEmpty()) {
        reactions.append(QStringLiteral("them ") + peer);
    }
    return reactions.isEmpty()
               ? QString()
               : QStringLiteral("  (reactions: %1)").arg(reactions.join(QStringLiteral(", ")));
}

QString message(const QJsonObject& m, const MessageTexts& texts)
{
    const bool outgoing = m.value(QStringLiteral("direction")).toString() == QLatin1String("out");
    return QStringLiteral("%1 %2 %3 [%4] %5%6%7")
        .arg(time(m.value(QStringLiteral("sent_ms"))), outgoing ? QStringLiteral("->") : QStringLiteral("<-"),
             m.value(QStringLiteral("peer")).toString().left(8), m.value(QStringLiteral("state")).toString(),
             quoteNote(m, texts), messageText(m), reactionsNote(m));
}

// The name the message's peer goes by here, else the start of its ID.
QString messagePeer(const QJsonObject& m)
{
    const QString name = m.value(QStringLiteral("peer_name")).toString();
    return name.isEmpty() ? m.value(QStringLiteral("peer")).toString().left(8) : name;
}

// What react did: "Reacted 👍 to Bob's message." (or "to your message to Bob").
QString reactionText(const QJsonObject& m)
{
    const QString who = messagePeer(m);
    const QString whose = m.value(QStringLiteral("direction")).toString() == QLatin1String("out")
                              ? QStringLiteral("your message to %1").arg(who)
                              : QStringLiteral("%1's message").arg(who);
    const QString emoji = m.value(QStringLiteral("own_reaction")).toString();
    if (emoji.isEmpty()) {
        return QStringLiteral("Your reaction to %1 is taken back.\n").arg(whose);
    }
    return QStringLiteral("Reacted %1 to %2.\n").arg(emoji, whose);
}

// What edit and delete did. The peer may be out of reach, so the sentence
// does not promise it now.
QString messageChangeText(const QString& command, const QJsonObject& m)
{
    const QString who = messagePeer(m);
    if (command == QLatin1String("edit")) {
        return QStringLiteral("Edited. %1 sees the new text as soon as their Confab can be reached.\n")
            .arg(who);
    }
    return QStringLiteral(
               "Deleted for everyone. %1's copy goes too as soon as their Confab can be reached.\n")
        .arg(who);
}

QString keyValues(const QJsonObject& object)
{
    QString text;
    for (auto it = object.begin(); it != object.end(); ++it) {
        text += it.key() + QStringLiteral(": ") + it.value().toVariant().toString() + u'\n';
    }
    return text;
}

bool isCallAction(const QString& command)
{
    static const QStringList kActions{QStringLiteral("call"),    QStringLiteral("answer"),
                                      QStringLiteral("decline"), QStringLiteral("hangup"),
                                      QStringLiteral("mute"),    QStringLiteral("unmute"),
                                      QStringLiteral("silence"), QStringLiteral("unsilence")};
    return kActions.contains(command);
}

// "bob (AB12CD34) outgoing active 0:42 muted rtt 1.2 ms, jitter buffer 20 ms, loss 0 %"
QString callLine(const QJsonObject& call)
{
    const QString name = call.value(QStringLiteral("name")).toString();
    const QString id = call.value(QStringLiteral("peer")).toString().left(8);
    const qint64 seconds = static_cast<qint64>(call.value(QStringLiteral("duration_ms")).toDouble()) / 1000;
    QString line = QStringLiteral("%1 %2 %3")
                       .arg(name.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(name, id),
                            call.value(QStringLiteral("direction")).toString(),
                            call.value(QStringLiteral("state")).toString());
    if (call.contains(QStringLiteral("room"))) {
        line += QStringLiteral(" (room call %1)").arg(call.value(QStringLiteral("room")).toString().left(8));
    }
    if (call.contains(QStringLiteral("end_reason"))) {
        line += QStringLiteral(": ") + call.value(QStringLiteral("end_reason")).toString();
    }
    if (call.contains(QStringLiteral("stats"))) {
        const QJsonObject stats = call.value(QStringLiteral("stats")).toObject();
        line += QStringLiteral(" %1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
        if (call.value(QStringLiteral("muted")).toBool()) {
            line += QStringLiteral(" muted");
        }
        const QJsonValue rtt = stats.value(QStringLiteral("rtt_ms"));
        if (!rtt.isNull()) {
            line += QStringLiteral(" rtt %1 ms,").arg(rtt.toDouble());
        }
        line += QStringLiteral(" jitter buffer %1 ms, loss %2 %, %3 frames concealed")
                    .arg(stats.value(QStringLiteral("jitter_buffer_ms")).toDouble())
                    .arg(stats.value(QStringLiteral("loss_percent")).toDouble())
                    .arg(stats.value(QStringLiteral("frames_concealed")).toInteger());
    }
    if (call.contains(QStringLiteral("audio_notice"))) {
        line += QStringLiteral("\n  audio: ") + call.value(QStringLiteral("audio_notice")).toString();
    }
    return line;
}

qint64 count(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toInteger();
}

QString relayText(const QJsonObject& relay)
{
    const QJsonObject held = relay.value(QStringLiteral("held")).toObject();
    const QJsonObject quotas = relay.value(QStringLiteral("quotas")).toObject();
    const QJsonObject refused = relay.value(QStringLiteral("refused")).toObject();
    QString text =
        QStringLiteral("Carrying messages for others: %1\n")
            .arg(relay.value(QStringLiteral("carrying")).toBool() ? QStringLiteral("yes")
                                                                  : QStringLiteral("no (--relay off)"));
    text += QStringLiteral("Held for others: %1 messages, %2 of %3 bytes\n")
                .arg(count(held, "count"))
                .arg(count(held, "bytes"))
                .arg(count(quotas, "total_bytes"));
    for (const auto& value : relay.value(QStringLiteral("held_by_origin")).toArray()) {
        const QJsonObject use = value.toObject();
        text += QStringLiteral("  from %1: %2 of %3 messages, %4 of %5 bytes\n")
                    .arg(use.value(QStringLiteral("origin")).toString().left(8))
                    .arg(count(use, "count"))
                    .arg(count(quotas, "per_origin_messages"))
                    .arg(count(use, "bytes"))
                    .arg(count(quotas, "per_origin_bytes"));
    }
    text += QStringLiteral("Forwarded %1, flooded %2, sent sealed %3, received sealed %4\n")
                .arg(count(relay, "forwarded"))
                .arg(count(relay, "flooded"))
                .arg(count(relay, "sent"))
                .arg(count(relay, "delivered"));
    text += QStringLiteral("Refused: %1 over quota, %2 invalid, %3 expired, %4 replayed, %5 for or from "
                           "blocked peers\n")
                .arg(count(refused, "quota"))
                .arg(count(refused, "invalid"))
                .arg(count(refused, "expired"))
                .arg(count(refused, "replay"))
                .arg(count(refused, "blocked"));
    text += QStringLiteral("Peers reached only through relays: %1\n").arg(count(relay, "relayed_peers"));
    const QJsonObject files = relay.value(QStringLiteral("files")).toObject();
    if (files.value(QStringLiteral("forwarding")).toBool()) {
        text += QStringLiteral("Passing file drops on: %1 now, %2 since start, %3 bytes (at most %4 KiB/s), "
                               "%5 refused\n")
                    .arg(count(files, "active"))
                    .arg(count(files, "connections"))
                    .arg(count(files, "bytes"))
                    .arg(count(files, "rate_kib"))
                    .arg(count(files, "refused"));
    } else {
        text += QStringLiteral("Passing file drops on: no (%1 refused)\n").arg(count(files, "refused"));
    }
    return text;
}

// "Mum (Alice Liddell)" for a peer with a nickname, else its name; the
// start of its ID when it has neither.
QString peerName(const QJsonObject& peer)
{
    QString name = peer.value(QStringLiteral("name")).toString();
    const QString announced = peer.value(QStringLiteral("announced_name")).toString();
    if (name.isEmpty()) {
        return peer.value(QStringLiteral("id")).toString().left(8);
    }
    if (!peer.value(QStringLiteral("nickname")).toString().isEmpty() && !announced.isEmpty() &&
        announced != name) {
        return QStringLiteral("%1 (%2)").arg(name, announced);
    }
    return name;
}

// "  away", "  busy", "  typing": what a linked peer says beyond being online.
QString presenceNote(const QJsonObject& peer)
{
    QString note;
    const QString presence = peer.value(QStringLiteral("presence")).toString();
    if (!presence.isEmpty() && presence != QLatin1String("available")) {
        note += QStringLiteral("  ") + presence;
    }
    if (peer.value(QStringLiteral("typing")).toBool()) {
        note += QStringLiteral("  typing");
    }
    return note;
}

// What block, unblock and rename did, in a sentence.
QString peerChange(const QString& command, const QJsonObject& peer)
{
    const QString id = peer.value(QStringLiteral("id")).toString();
    const QString who = QStringLiteral("%1 [%2]").arg(peerName(peer), id.left(8));
    if (command == QLatin1String("block")) {
        return QStringLiteral(
                   "Blocked %1: no links, messages or calls from them, and nothing relayed for them. "
                   "Undo with: confabctl unblock %2\n")
            .arg(who, id);
    }
    if (command == QLatin1String("unblock")) {
        return QStringLiteral("Unblocked %1: they can link, write and call again.\n").arg(who);
    }
    if (peer.value(QStringLiteral("nickname")).toString().isEmpty()) {
        return QStringLiteral("%1 is called by the name they announce again.\n").arg(who);
    }
    return QStringLiteral("%1 is called %2 here now.\n")
        .arg(who, peer.value(QStringLiteral("nickname")).toString());
}

QString presenceSetText(const QString& presence)
{
    if (presence == QLatin1String("busy")) {
        return QStringLiteral("You are busy: peers see it, and calls ring without a sound. "
                              "Undo with: confabctl status-set available\n");
    }
    return QStringLiteral("You are %1; peers see it.\n").arg(presence);
}

QString removalText(const QJsonObject& removed)
{
    const QString id = removed.value(QStringLiteral("peer")).toString();
    const QString name = removed.value(QStringLiteral("name")).toString();
    QString text = QStringLiteral("Removed %1 and %2 message(s).\n")
                       .arg(name.isEmpty() ? id.left(8) : QStringLiteral("%1 [%2]").arg(name, id.left(8)))
                       .arg(removed.value(QStringLiteral("messages_removed")).toInteger());
    if (removed.value(QStringLiteral("still_blocked")).toBool()) {
        text += QStringLiteral("They stay blocked; to let them in: confabctl unblock %1\n").arg(id);
    }
    return text;
}

} // namespace

QString formatEvent(const QJsonObject& event)
{
    return QStringLiteral("%1 %2 %3 %4")
        .arg(time(event.value(QStringLiteral("at_ms"))), event.value(QStringLiteral("kind")).toString(),
             event.value(QStringLiteral("peer")).toString().left(8),
             event.value(QStringLiteral("detail")).toString())
        .simplified();
}

QString formatResult(const QString& command, const QJsonValue& result)
{
    const QJsonObject object = result.toObject();
    if (command == QLatin1String("id")) {
        return object.value(QStringLiteral("id")).toString() + u'\n';
    }
    if (command == QLatin1String("backup")) {
        return QStringLiteral("Saved identity %1 in %2. Keep the passphrase: without it the backup cannot be "
                              "opened.\n")
            .arg(object.value(QStringLiteral("id")).toString(),
                 object.value(QStringLiteral("file")).toString());
    }
    if (command == QLatin1String("restore")) {
        const QString id = object.value(QStringLiteral("id")).toString();
        if (!object.value(QStringLiteral("changed")).toBool()) {
            return QStringLiteral("This profile has identity %1 already; nothing changed.\n").arg(id);
        }
        return QStringLiteral(
                   "Restored identity %1. Restart Confab to use it. The identity it replaces is kept "
                   "in %2.\n")
            .arg(id, object.value(QStringLiteral("replaced_key_file")).toString());
    }
    if (command == QLatin1String("contact-card")) {
        return object.value(QStringLiteral("contact_card")).toString() + u'\n';
    }
    if (command == QLatin1String("send")) {
        return QStringLiteral("%1 %2\n").arg(object.value(QStringLiteral("id")).toString(),
                                             object.value(QStringLiteral("state")).toString());
    }
    if (command == QLatin1String("edit") || command == QLatin1String("delete")) {
        return messageChangeText(command, object);
    }
    if (command == QLatin1String("react")) {
        return reactionText(object);
    }
    if (command == QLatin1String("wait-message")) {
        return object.value(QStringLiteral("text")).toString() + u'\n';
    }
    if (command == QLatin1String("export")) {
        // The document as it is, so that `confabctl export bob > bob.txt` saves it.
        return object.value(QStringLiteral("document")).toString();
    }
    if (command == QLatin1String("fingerprint")) {
        return QStringLiteral("Safety number with %1:\n  %2\nCompare it with the one the peer sees.\n")
            .arg(object.value(QStringLiteral("peer")).toString(),
                 object.value(QStringLiteral("safety_number")).toString());
    }
    if (isTransfer(object)) {
        return transferLine(object) + u'\n';
    }
    if (auto text = roomText(command, result)) {
        return *text;
    }
    if (command == QLatin1String("room-call") ||
        (command == QLatin1String("call") && object.contains(QStringLiteral("calls")))) {
        return QStringLiteral("Room call in %1: calling or talking with %2 of its members\n")
            .arg(object.value(QStringLiteral("name")).toString())
            .arg(object.value(QStringLiteral("calls")).toInt());
    }
    if (isCallAction(command)) {
        return callLine(object) + u'\n';
    }
    if (command == QLatin1String("relay")) {
        return relayText(object);
    }
    if (command == QLatin1String("block") || command == QLatin1String("unblock") ||
        command == QLatin1String("rename")) {
        return peerChange(command, object);
    }
    if (command == QLatin1String("remove-peer")) {
        return removalText(object);
    }
    if (command == QLatin1String("avatar-set")) {
        return QStringLiteral("Peers see your new picture (%1 bytes) as soon as their Confab is linked to "
                              "yours.\n")
            .arg(object.value(QStringLiteral("bytes")).toInteger());
    }
    if (command == QLatin1String("avatar-clear")) {
        return QStringLiteral("Peers see your initials instead of a picture.\n");
    }
    if (command == QLatin1String("status-set")) {
        return presenceSetText(object.value(QStringLiteral("presence")).toString());
    }
    if (command == QLatin1String("add-peer")) {
        return QStringLiteral("Connecting to %1\n").arg(object.value(QStringLiteral("address")).toString());
    }
    QString text;
    const QJsonArray list = result.toArray();
    if (command == QLatin1String("peers")) {
        for (const auto& value : list) {
            const QJsonObject peer = value.toObject();
            const bool relayed = peer.value(QStringLiteral("route")).toString() == QLatin1String("relay");
            const QString reach = peer.value(QStringLiteral("blocked")).toBool() ? QStringLiteral("blocked")
                                  : peer.value(QStringLiteral("connected")).toBool()
                                      ? QStringLiteral("online ")
                                  : relayed ? QStringLiteral("relayed")
                                            : QStringLiteral("offline");
            const QString where =
                relayed ? QStringLiteral("via ") + peer.value(QStringLiteral("via")).toString().left(8)
                        : peer.value(QStringLiteral("address")).toString();
            text += QStringLiteral("%1  %2  %3  %4  unread %5%6\n")
                        .arg(peer.value(QStringLiteral("id")).toString(), reach, peerName(peer), where)
                        .arg(peer.value(QStringLiteral("unread")).toInt())
                        .arg(presenceNote(peer));
        }
        return text.isEmpty() ? QStringLiteral("No known peers yet.\n") : text;
    }
    if (command == QLatin1String("history")) {
        if (!list.isEmpty() && list.first().toObject().contains(QStringLiteral("room"))) {
            return *roomText(QStringLiteral("room-history"), list); // history ROOM
        }
        const MessageTexts texts = textsById(list);
        for (const auto& value : list) {
            text += message(value.toObject(), texts) + u'\n';
        }
        return text;
    }
    if (command == QLatin1String("search")) {
        const MessageTexts texts = textsById(list);
        for (const auto& value : list) {
            const QJsonObject found = value.toObject();
            const QString name = found.value(QStringLiteral("peer_name")).toString();
            text += message(found, texts) +
                    (name.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(name)) + u'\n';
        }
        return text.isEmpty() ? QStringLiteral("No messages found.\n") : text;
    }
    if (command == QLatin1String("transfers") || command == QLatin1String("send-file")) {
        for (const auto& value : list) {
            text += transferLine(value.toObject()) + u'\n';
        }
        return text.isEmpty() ? QStringLiteral("No file drops.\n") : text;
    }
    if (command == QLatin1String("calls")) {
        for (const auto& value : list) {
            text += callLine(value.toObject()) + u'\n';
        }
        return text.isEmpty() ? QStringLiteral("No calls.\n") : text;
    }
    if (command == QLatin1String("events")) {
        for (const auto& value : list) {
            text += formatEvent(value.toObject()) + u'\n';
        }
        return text;
    }
    return keyValues(object);
}

} // namespace confab::app
