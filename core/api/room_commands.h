#pragma once

#include "control_commands.h"
#include "node_types.h"

#include <optional>

namespace confab::api {

class Node;

// The room commands of the control API: room-create, rooms, room-invite,
// room-remove, room-promote, room-rename, room-leave, room-send,
// room-history and room-read (docs/CONTROL.md). nullopt: not a room command.
std::optional<CommandReply> runRoomCommand(Node& node, const QString& command, const QJsonObject& args);

// `history ROOM`: the room's history, as room-history gives it, when `room`
// names a room; nullopt otherwise (history takes a peer first).
std::optional<CommandReply> historyOfRoom(Node& node, const QString& room, const QJsonObject& args);

QJsonObject toJson(const RoomView& room);
QJsonObject toJson(const RoomMessageView& message);

} // namespace confab::api
