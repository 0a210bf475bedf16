#include "room_commands.h"

#include "node.h"

#include <QJsonArray>

namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString text(const QJsonObject& args, const char* key)
{
    return args.value(QLatin1String(key)).toString();
}

CommandReply failure(const QString& error)
{
    return CommandReply::failure(QStringLiteral("invalid_argument"), error);
}

CommandReply roomReply(const RoomResult& result)
{
    return result ? CommandReply::success(toJson(result.value())) : failure(result.error());
}

// A room command on one member: room-invite, room-remove, room-promote.
CommandReply onMember(Node& node, const QJsonObject& args,
                      RoomResult (Node::*change)(const QString&, const PeerId&))
{
    const auto peer = node.resolvePeer(text(args, "peer"));
    if (!peer) {
        return CommandReply::failure(QStringLiteral("unknown_peer"), peer.error());
    }
    return roomReply((node.*change)(text(args, "room"), peer.value()));
}

CommandReply createRoom(Node& node, const QJsonObject& args)
{
    std::vector<PeerId> members;
    for (const auto& value : args.value(QStringLiteral("peers")).toArray()) {
        const auto peer = node.resolvePeer(value.toString());
        if (!peer) {
            return CommandReply::failure(QStringLiteral("unknown_peer"), peer.error());
        }
        members.push_back(peer.value());
    }
    return roomReply(node.createRoom(text(args, "name"), members));
}

CommandReply listRooms(Node& node)
{
    QJsonArray list;
    for (const RoomView& room : node.rooms()) {
        list.append(toJson(room));
    }
    return CommandReply::success(list);
}

CommandReply roomHistory(Node& node, const QJsonObject& args)
{
    const int limit = args.value(QStringLiteral("limit")).toInt(50);
    const auto history = node.roomHistory(text(args, "room"), limit);
    if (!history) {
        return failure(history.error());
    }
    QJsonArray list;
    for (const RoomMessageView& message : history.value()) {
        list.append(toJson(message));
    }
    return CommandReply::success(list);
}

} // namespace

std::optional<CommandReply> historyOfRoom(Node& node, const QString& room, const QJsonObject& args)
{
    if (room.isEmpty() || !node.room(room)) {
        return std::nullopt;
    }
    QJsonObject roomArgs = args;
    roomArgs.insert(QStringLiteral("room"), room);
    return roomHistory(node, roomArgs);
}

QJsonObject toJson(const RoomView& room)
{
    QJsonArray members;
    for (const RoomMemberView& member : room.members) {
        members.append(QJsonObject{
            {QStringLiteral("peer"), idText(member.peer)},
            {QStringLiteral("name"), member.name},
            {QStringLiteral("admin"), member.admin},
            {QStringLiteral("self"), member.self},
            {QStringLiteral("connected"), member.connected},
        });
    }
    return QJsonObject{
        {QStringLiteral("id"), room.id},
        {QStringLiteral("name"), room.name},
        {QStringLiteral("members"), members},
        {QStringLiteral("left"), room.left},
        {QStringLiteral("admin"), room.admin},
        {QStringLiteral("unread"), room.unread},
        {QStringLiteral("last_activity_ms"), static_cast<qint64>(room.lastActivityMs)},
    };
}

QJsonObject toJson(const RoomMessageView& message)
{
    QJsonArray receipts;
    for (const auto& [peer, state] : message.receipts) {
        receipts.append(QJsonObject{
            {QStringLiteral("peer"), idText(peer)},
            {QStringLiteral("state"), state >= 2 ? QStringLiteral("read") : QStringLiteral("delivered")},
        });
    }
    return QJsonObject{
        {QStringLiteral("id"), message.id},
        {QStringLiteral("room"), message.room},
        {QStringLiteral("seq"), static_cast<qint64>(message.seq)},
        {QStringLiteral("sender"), idText(message.sender)},
        {QStringLiteral("sender_name"), message.senderName},
        {QStringLiteral("direction"), message.outgoing ? QStringLiteral("out") : QStringLiteral("in")},
        {QStringLiteral("text"), message.text},
        {QStringLiteral("sent_ms"), static_cast<qint64>(message.sentMs)},
        {QStringLiteral("stored_ms"), static_cast<qint64>(message.storedMs)},
        {QStringLiteral("delivered_to"), message.deliveredTo},
        {QStringLiteral("read_by"), message.readBy},
        {QStringLiteral("other_members"), message.otherMembers},
        {QStringLiteral("receipts"), receipts},
        {QStringLiteral("mentions_you"), message.mentionsYou},
    };
}

std::optional<CommandReply> runRoomCommand(Node& node, const QString& command, const QJsonObject& args)
{
    if (command == QLatin1String("room-create")) {
        return createRoom(node, args);
    }
    if (command == QLatin1String("rooms")) {
        return listRooms(node);
    }
    if (command == QLatin1String("room")) {
        return roomReply(node.room(text(args, "room")));
    }
    if (command == QLatin1String("room-invite")) {
        return onMember(node, args, &Node::inviteToRoom);
    }
    if (command == QLatin1String("room-remove")) {
        return onMember(node, args, &Node::removeFromRoom);
    }
    if (command == QLatin1String("room-promote")) {
        return onMember(node, args, &Node::promoteInRoom);
    }
    if (command == QLatin1String("room-rename")) {
        return roomReply(node.renameRoom(text(args, "room"), text(args, "name")));
    }
    if (command == QLatin1String("room-leave")) {
        return roomReply(node.leaveRoom(text(args, "room")));
    }
    if (command == QLatin1String("room-send")) {
        const auto sent = node.sendRoomText(text(args, "room"), text(args, "text"));
        return sent ? CommandReply::success(toJson(sent.value())) : failure(sent.error());
    }
    if (command == QLatin1String("room-history")) {
        return roomHistory(node, args);
    }
    if (command == QLatin1String("room-read")) {
        const auto marked = node.markRoomRead(text(args, "room"));
        return marked ? CommandReply::success(QJsonObject{{QStringLiteral("marked"), marked.value()}})
                      : failure(marked.error());
    }
    return std::nullopt;
}

} // namespace confab::api
