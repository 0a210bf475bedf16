#include "control_commands.h"

#include "call_commands.h"
#include "json_views.h"
#include "node.h"
#include "peer_commands.h"
#include "room_commands.h"
#include "transfer_commands.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QPromise>

#include <map>

namespace confab::api {
namespace {

constexpr int kDefaultHistoryLimit = 50;
constexpr int kMaxHistoryLimit = 100000;

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

CommandReply identity(Node& node)
{
    return CommandReply::success(QJsonObject{
        {QStringLiteral("id"), idText(node.id())},
        {QStringLiteral("name"), node.displayName()},
        {QStringLiteral("fingerprint"), node.ownFingerprint()},
        {QStringLiteral("contact_card"), node.status().contactCard},
    });
}

CommandReply status(Node& node)
{
    const std::vector<PeerView> peers = node.peers();
    const auto discovered =
        std::count_if(peers.begin(), peers.end(), [](const PeerView& p) { return !p.source.isEmpty(); });
    return CommandReply::success(QJsonObject{
        {QStringLiteral("id"), idText(node.id())},
        {QStringLiteral("name"), node.displayName()},
        {QStringLiteral("listen"), node.listenAddress().toString()},
        {QStringLiteral("media_port"), node.mediaPort()},
        {QStringLiteral("discovery"), node.discoveryMode()},
        {QStringLiteral("connected_peers"), static_cast<qint64>(node.connectedCount())},
        {QStringLiteral("known_peers"), static_cast<qint64>(peers.size()) - discovered},
        {QStringLiteral("discovered_services"), static_cast<qint64>(discovered)},
        {QStringLiteral("network_diagnosis"), node.networkDiagnosis()},
        {QStringLiteral("uptime_ms"), static_cast<qint64>(node.uptimeMs())},
        {QStringLiteral("profile"), node.profileDir()},
        {QStringLiteral("protocol_version"), node.version().protocol},
        {QStringLiteral("version"), node.version().software},
        {QStringLiteral("presence"), QLatin1String(toString(node.presence()))},
        {QStringLiteral("avatar_sha256"), avatarDigest(node.avatar())},
    });
}

CommandReply setPresence(Node& node, const QJsonObject& args)
{
    const QString wanted = args.value(QStringLiteral("presence")).toString().trimmed();
    const auto presence = presenceFromText(wanted);
    if (!presence) {
        return CommandReply::failure(
            QStringLiteral("invalid_argument"),
            QCoreApplication::translate("Node", "Unknown status '%1': use available, away or busy.")
                .arg(wanted));
    }
    node.setPresence(*presence, Node::PresenceOrigin::Chosen);
    return CommandReply::success(
        QJsonObject{{QStringLiteral("presence"), QLatin1String(toString(*presence))}});
}

// Sets the user's picture from a file on this machine; an empty path removes it.
CommandReply setAvatar(Node& node, const QJsonObject& args)
{
    const QString path = args.value(QStringLiteral("path")).toString();
    QByteArray image;
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return CommandReply::failure(
                QStringLiteral("invalid_argument"),
                QCoreApplication::translate("Node", "Cannot read '%1': %2.").arg(path, file.errorString()));
        }
        // One byte past the limit is enough for the node to refuse it.
        image = file.read(kMaxAvatarBytes + 1);
        if (image.isEmpty()) {
            return CommandReply::failure(
                QStringLiteral("invalid_argument"),
                QCoreApplication::translate("Node", "'%1' is empty: choose a PNG or JPEG picture.")
                    .arg(path));
        }
    }
    auto set = node.setAvatar(image);
    if (!set) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), set.error());
    }
    return CommandReply::success(QJsonObject{
        {QStringLiteral("avatar_sha256"), avatarDigest(set.value())},
        {QStringLiteral("bytes"), static_cast<qint64>(set.value().size())},
    });
}

CommandReply version(Node& node)
{
    const NodeVersion running = node.version();
    return CommandReply::success(QJsonObject{
        {QStringLiteral("version"), running.software},
        {QStringLiteral("protocol_version"), running.protocol},
    });
}

CommandReply peers(Node& node)
{
    QJsonArray list;
    for (const PeerView& peer : node.peers()) {
        list.append(toJson(peer));
    }
    return CommandReply::success(list);
}

CommandReply relayStatus(Node& node)
{
    const RelayStatus status = node.relayStatus();
    QJsonArray origins;
    for (const RelayStatus::OriginUse& use : status.heldByOrigin) {
        origins.append(QJsonObject{
            {QStringLiteral("origin"), idText(use.origin)},
            {QStringLiteral("count"), static_cast<qint64>(use.count)},
            {QStringLiteral("bytes"), static_cast<qint64>(use.bytes)},
        });
    }
    return CommandReply::success(QJsonObject{
        {QStringLiteral("carrying"), status.carrying},
        {QStringLiteral("held"),
         QJsonObject{{QStringLiteral("count"), static_cast<qint64>(status.heldCount)},
                     {QStringLiteral("bytes"), static_cast<qint64>(status.heldBytes)}}},
        {QStringLiteral("held_by_origin"), origins},
        {QStringLiteral("quotas"),
         QJsonObject{{QStringLiteral("total_bytes"), static_cast<qint64>(status.storeLimitBytes)},
                     {QStringLiteral("per_origin_messages"), static_cast<qint64>(status.perOriginMessages)},
                     {QStringLiteral("per_origin_bytes"), static_cast<qint64>(status.perOriginBytes)},
                     {QStringLiteral("expiry_ms"), static_cast<qint64>(status.expiryMs)}}},
        {QStringLiteral("forwarded"), static_cast<qint64>(status.forwarded)},
        {QStringLiteral("flooded"), static_cast<qint64>(status.flooded)},
        {QStringLiteral("transmissions"), static_cast<qint64>(status.transmissions)},
        {QStringLiteral("delivered"), static_cast<qint64>(status.delivered)},
        {QStringLiteral("delivered_hops"),
         QJsonObject{{QStringLiteral("total"), static_cast<qint64>(status.deliveredHops)},
                     {QStringLiteral("max"), static_cast<qint64>(status.deliveredHopsMax)}}},
        {QStringLiteral("sent"), static_cast<qint64>(status.sent)},
        {QStringLiteral("refused"),
         QJsonObject{{QStringLiteral("quota"), static_cast<qint64>(status.refusedQuota)},
                     {QStringLiteral("invalid"), static_cast<qint64>(status.refusedInvalid)},
                     {QStringLiteral("expired"), static_cast<qint64>(status.refusedExpired)},
                     {QStringLiteral("replay"), static_cast<qint64>(status.refusedReplay)},
                     {QStringLiteral("blocked"), static_cast<qint64>(status.refusedBlocked)}}},
        {QStringLiteral("relayed_peers"), static_cast<qint64>(status.relayedPeers)},
        {QStringLiteral("files"),
         QJsonObject{{QStringLiteral("forwarding"), status.files.on},
                     {QStringLiteral("rate_kib"), static_cast<qint64>(status.files.bytesPerSecond / 1024)},
                     {QStringLiteral("active"), static_cast<qint64>(status.files.active)},
                     {QStringLiteral("connections"), static_cast<qint64>(status.files.connections)},
                     {QStringLiteral("bytes"), static_cast<qint64>(status.files.bytes)},
                     {QStringLiteral("refused"), static_cast<qint64>(status.files.refused)}}},
    });
}

CommandReply unknownPeer(const QString& error)
{
    return CommandReply::failure(QStringLiteral("unknown_peer"), error);
}

// How many messages a listing command may return (--limit), nullopt when out of range.
std::optional<int> messageLimit(const QJsonObject& args)
{
    const int limit = args.value(QStringLiteral("limit")).toInt(kDefaultHistoryLimit);
    return limit >= 1 && limit <= kMaxHistoryLimit ? std::optional<int>(limit) : std::nullopt;
}

CommandReply badMessageLimit()
{
    return CommandReply::failure(
        QStringLiteral("invalid_argument"),
        QCoreApplication::translate("Node", "--limit must be between 1 and %1.").arg(kMaxHistoryLimit));
}

CommandReply history(Node& node, const QJsonObject& args)
{
    const QString wanted = args.value(QStringLiteral("peer")).toString();
    auto peer = node.resolvePeer(wanted);
    const auto limit = messageLimit(args);
    if (!peer) {
        // A room's id or name works too, when no peer goes by it.
        if (auto room = historyOfRoom(node, wanted, args)) {
            return limit ? *room : badMessageLimit();
        }
        return unknownPeer(peer.error());
    }
    if (!limit) {
        return badMessageLimit();
    }
    QJsonArray list;
    for (const StoredMessage& message : node.history(peer.value(), *limit)) {
        list.append(toJson(message));
    }
    return CommandReply::success(list);
}

CommandReply search(Node& node, const QJsonObject& args)
{
    std::optional<PeerId> peer;
    if (const QString wanted = args.value(QStringLiteral("peer")).toString(); !wanted.isEmpty()) {
        auto resolved = node.resolvePeer(wanted);
        if (!resolved) {
            return unknownPeer(resolved.error());
        }
        peer = resolved.value();
    }
    const auto limit = messageLimit(args);
    if (!limit) {
        return badMessageLimit();
    }
    auto found = node.searchMessages(args.value(QStringLiteral("text")).toString(), peer, *limit);
    if (!found) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), found.error());
    }
    QJsonArray list;
    for (const FoundMessage& result : found.value()) {
        QJsonObject object = toJson(result.message);
        object.insert(QStringLiteral("peer_name"), result.peerName);
        list.append(object);
    }
    return CommandReply::success(list);
}

// The message the argument `key` names: 32 hex digits, as message objects
// show them.
Result<MessageId, QString> messageIdArgument(const QJsonObject& args,
                                             const QString& key = QStringLiteral("id"))
{
    const QString text = args.value(key).toString().trimmed();
    if (auto id = MessageId::fromHex(text.toStdString())) {
        return *id;
    }
    return QCoreApplication::translate(
               "Node", "Not a message id: '%1'. A message id is 32 hex digits, as 'confabctl --json "
                       "history PEER' shows them.")
        .arg(text);
}

// The changed message, with the name its peer goes by here: the text
// output says who gets the change.
CommandReply changedMessage(Node& node, const SendResult& changed)
{
    if (!changed) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), changed.error());
    }
    const StoredMessage& message = changed.value();
    QJsonObject object = toJson(message);
    QString peerName;
    for (const PeerView& peer : node.peers()) {
        if (peer.record.id == message.peer && peer.source.isEmpty()) {
            peerName = peer.name();
            break;
        }
    }
    object.insert(QStringLiteral("peer_name"), peerName);
    return CommandReply::success(object);
}

CommandReply editMessage(Node& node, const QJsonObject& args)
{
    const auto id = messageIdArgument(args);
    if (!id) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), id.error());
    }
    return changedMessage(node, node.editMessage(id.value(), args.value(QStringLiteral("text")).toString()));
}

CommandReply deleteMessage(Node& node, const QJsonObject& args)
{
    const auto id = messageIdArgument(args);
    if (!id) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), id.error());
    }
    return changedMessage(node, node.deleteMessage(id.value()));
}

// An absent `emoji` is refused rather than read as "": a request that
// forgot it should not take a reaction back.
CommandReply react(Node& node, const QJsonObject& args)
{
    const auto id = messageIdArgument(args);
    if (!id) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), id.error());
    }
    const QJsonValue emoji = args.value(QStringLiteral("emoji"));
    if (!emoji.isString()) {
        return CommandReply::failure(
            QStringLiteral("invalid_argument"),
            QCoreApplication::translate("Node",
                                        "A reaction needs an emoji, such as 👍, or \"\" to take yours back."));
    }
    return changedMessage(node, node.react(id.value(), emoji.toString()));
}

// The message a new one quotes (`reply_to`): none when absent or null, as
// a script may fill in every field it knows.
Result<std::optional<MessageId>, QString> quotedMessage(const QJsonObject& args)
{
    const QString key = QStringLiteral("reply_to");
    if (args.value(key).isUndefined() || args.value(key).isNull()) {
        return std::optional<MessageId>();
    }
    auto id = messageIdArgument(args, key);
    if (!id) {
        return id.error();
    }
    return std::optional(id.value());
}

// For send's refusals before anything is queued.
QFuture<CommandReply> readyReply(CommandReply reply)
{
    QPromise<CommandReply> promise;
    promise.start();
    promise.addResult(std::move(reply));
    promise.finish();
    return promise.future();
}

CommandReply exportConversation(Node& node, const QJsonObject& args)
{
    auto peer = node.resolvePeer(args.value(QStringLiteral("peer")).toString());
    if (!peer) {
        return unknownPeer(peer.error());
    }
    const QString formatName = args.value(QStringLiteral("format")).toString(QStringLiteral("text"));
    const auto format = exportFormatNamed(formatName);
    if (!format) {
        return CommandReply::failure(
            QStringLiteral("invalid_argument"),
            QCoreApplication::translate("Node", "Unknown format '%1': use text or html.").arg(formatName));
    }
    auto exported = node.exportConversation(peer.value(), *format);
    if (!exported) {
        return unknownPeer(exported.error());
    }
    return CommandReply::success(QJsonObject{
        {QStringLiteral("peer"), idText(peer.value())},
        {QStringLiteral("peer_name"), exported.value().peerName},
        {QStringLiteral("format"), QLatin1String(toString(*format))},
        {QStringLiteral("messages"), static_cast<qint64>(exported.value().messages)},
        {QStringLiteral("document"), exported.value().document},
    });
}

CommandReply addPeer(Node& node, const QJsonObject& args)
{
    auto added = node.addPeer(args.value(QStringLiteral("address")).toString());
    if (!added) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), added.error());
    }
    return CommandReply::success(QJsonObject{{QStringLiteral("address"), added.value().toString()}});
}

CommandReply fingerprint(Node& node, const QJsonObject& args)
{
    auto peer = node.resolvePeer(args.value(QStringLiteral("peer")).toString());
    if (!peer) {
        return unknownPeer(peer.error());
    }
    auto number = node.safetyNumber(peer.value());
    if (!number) {
        return CommandReply::failure(QStringLiteral("no_key"), number.error());
    }
    return CommandReply::success(QJsonObject{
        {QStringLiteral("peer"), idText(peer.value())},
        {QStringLiteral("safety_number"), QString::fromStdString(number.value())},
        {QStringLiteral("own_fingerprint"), node.ownFingerprint()},
    });
}

CommandReply events(Node& node, const QJsonObject& args)
{
    QJsonArray list;
    for (const EventRecord& event : node.eventLog(args.value(QStringLiteral("limit")).toInt(100))) {
        list.append(toJson(event));
    }
    return CommandReply::success(list);
}

using Command = CommandReply (*)(Node& node, const QJsonObject& args);

// Every command that answers at once, by its name in the control API.
const std::map<QString, Command>& commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("id"), [](Node& node, const QJsonObject&) { return identity(node); }},
        {QStringLiteral("contact-card"), [](Node& node, const QJsonObject&) { return identity(node); }},
        {QStringLiteral("status"), [](Node& node, const QJsonObject&) { return status(node); }},
        {QStringLiteral("version"), [](Node& node, const QJsonObject&) { return version(node); }},
        {QStringLiteral("peers"), [](Node& node, const QJsonObject&) { return peers(node); }},
        {QStringLiteral("relay"), [](Node& node, const QJsonObject&) { return relayStatus(node); }},
        {QStringLiteral("status-set"), setPresence},
        {QStringLiteral("avatar-set"), setAvatar},
        {QStringLiteral("avatar-clear"), [](Node& node, const QJsonObject&) { return setAvatar(node, {}); }},
        {QStringLiteral("add-peer"), addPeer},
        {QStringLiteral("history"), history},
        {QStringLiteral("search"), search},
        {QStringLiteral("edit"), editMessage},
        {QStringLiteral("delete"), deleteMessage},
        {QStringLiteral("react"), react},
        {QStringLiteral("export"), exportConversation},
        {QStringLiteral("fingerprint"), fingerprint},
        {QStringLiteral("events"), events},
    };
    return table;
}

} // namespace

QFuture<CommandReply> sendMessage(Node& node, const QJsonObject& args)
{
    auto peer = node.resolvePeer(args.value(QStringLiteral("peer")).toString());
    if (!peer) {
        return readyReply(unknownPeer(peer.error()));
    }
    const auto quoted = quotedMessage(args);
    if (!quoted) {
        return readyReply(CommandReply::failure(QStringLiteral("invalid_argument"), quoted.error()));
    }
    const QString text = args.value(QStringLiteral("text")).toString();
    QFuture<SendResult> sent = quoted.value() ? node.sendReply(peer.value(), *quoted.value(), text)
                                              : node.sendText(peer.value(), text);
    return sent.then([](const SendResult& result) {
        return result ? CommandReply::success(toJson(result.value()))
                      : CommandReply::failure(QStringLiteral("invalid_argument"), result.error());
    });
}

CommandReply runCommand(Node& node, const QString& command, const QJsonObject& args)
{
    if (const auto it = commands().find(command); it != commands().end()) {
        return it->second(node, args);
    }
    // Before the call commands: `decline ID` of a drop offered to us.
    if (auto reply = runTransferCommand(node, command, args)) {
        return *reply;
    }
    if (auto reply = runCallCommand(node, command, args)) {
        return *reply;
    }
    if (auto reply = runPeerCommand(node, command, args)) {
        return *reply;
    }
    if (auto reply = runRoomCommand(node, command, args)) {
        return *reply;
    }
    return CommandReply::failure(QStringLiteral("bad_request"),
                                 QCoreApplication::translate("Node", "Unknown command '%1'.").arg(command));
}

} // namespace confab::api
