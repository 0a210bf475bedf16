#pragma once

#include "control_commands.h"
#include "node_types.h"

#include <optional>

namespace confab::api {

class Node;

// The voice-call commands of the control API: call, answer, decline, hangup,
// mute, unmute, room-call, silence, unsilence and calls (docs/CONTROL.md). nullopt: not a call command.
std::optional<CommandReply> runCallCommand(Node& node, const QString& command, const QJsonObject& args);

QJsonObject toJson(const CallView& call, const QString& peerName);

} // namespace confab::api
