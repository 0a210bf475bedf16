#include "json_views.h"

#include <QCryptographicHash>

namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

} // namespace

QJsonValue avatarDigest(const QByteArray& image)
{
    if (image.isEmpty()) {
        return QJsonValue::Null;
    }
    return QString::fromLatin1(QCryptographicHash::hash(image, QCryptographicHash::Sha256).toHex());
}

QJsonObject toJson(const StoredMessage& message)
{
    const auto optionalMs = [](const std::optional<std::int64_t>& ms) {
        return ms ? QJsonValue(static_cast<qint64>(*ms)) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject{
        {QStringLiteral("id"), QString::fromStdString(message.id.toHex())},
        {QStringLiteral("seq"), static_cast<qint64>(message.seq)},
        {QStringLiteral("peer"), idText(message.peer)},
        {QStringLiteral("direction"), message.outgoing ? QStringLiteral("out") : QStringLiteral("in")},
        {QStringLiteral("text"), message.body},
        {QStringLiteral("sent_ms"), static_cast<qint64>(message.sentMs)},
        {QStringLiteral("stored_ms"), static_cast<qint64>(message.storedMs)},
        {QStringLiteral("state"), QString::fromLatin1(toString(message.state))},
        {QStringLiteral("edited_ms"), optionalMs(message.editedMs)},
        {QStringLiteral("deleted_ms"), optionalMs(message.deletedMs)},
        {QStringLiteral("reply_to"),
         message.replyTo ? QJsonValue(QString::fromStdString(message.replyTo->toHex())) : QJsonValue()},
        {QStringLiteral("own_reaction"), message.ownReaction},
        {QStringLiteral("peer_reaction"), message.peerReaction},
    };
}

QJsonObject toJson(const IdentityBackup& backup)
{
    return {{QStringLiteral("id"), idText(backup.id)}, {QStringLiteral("backup"), backup.text}};
}

QJsonObject toJson(const IdentityRestore& restore)
{
    return {{QStringLiteral("id"), idText(restore.id)},
            {QStringLiteral("changed"), restore.changed},
            {QStringLiteral("restart_needed"), restore.changed},
            {QStringLiteral("replaced_key_file"), restore.replacedKeyFile}};
}

QJsonObject toJson(const PeerView& peer)
{
    QJsonObject object{
        {QStringLiteral("id"), peer.record.id.isNull() ? QString() : idText(peer.record.id)},
        {QStringLiteral("name"), peer.name()},
        {QStringLiteral("announced_name"), peer.record.displayName},
        {QStringLiteral("nickname"), peer.nickname},
        {QStringLiteral("blocked"), peer.blocked},
        {QStringLiteral("connected"), peer.connected},
        {QStringLiteral("address"), peer.address},
        {QStringLiteral("unread"), peer.unread},
        {QStringLiteral("verified"), peer.record.verified},
        {QStringLiteral("last_seen_ms"), static_cast<qint64>(peer.record.lastSeenMs)},
        {QStringLiteral("route"), QString::fromLatin1(toString(peer.route))},
        {QStringLiteral("via"), peer.via ? QJsonValue(idText(*peer.via)) : QJsonValue()},
        {QStringLiteral("presence"),
         peer.presence ? QJsonValue(QLatin1String(toString(*peer.presence))) : QJsonValue()},
        {QStringLiteral("typing"), peer.typing},
        {QStringLiteral("avatar_sha256"), avatarDigest(peer.avatar)},
    };
    if (peer.blocked) {
        object.insert(QStringLiteral("blocked_ms"), static_cast<qint64>(peer.blockedMs));
    }
    if (peer.route == PeerView::Route::Relay) {
        object.insert(QStringLiteral("hops"), peer.hops);
    }
    if (!peer.source.isEmpty()) {
        // Seen over DNS-SD but never linked: the ID (if any) is an unverified hint.
        object.insert(QStringLiteral("source"), peer.source);
        object.insert(QStringLiteral("instance"), peer.instance);
    }
    return object;
}

QJsonObject toJson(const EventRecord& event)
{
    return QJsonObject{
        {QStringLiteral("seq"), static_cast<qint64>(event.seq)},
        {QStringLiteral("at_ms"), static_cast<qint64>(event.atMs)},
        {QStringLiteral("kind"), event.kind},
        {QStringLiteral("peer"), event.peer ? QJsonValue(idText(*event.peer)) : QJsonValue()},
        {QStringLiteral("detail"), event.detail},
    };
}

} // namespace confab::api
