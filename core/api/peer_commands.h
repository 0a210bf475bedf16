#pragma once

#include "control_commands.h"

#include <optional>

namespace confab::api {

class Node;

// The control commands that manage peers: rename, block, unblock and
// remove-peer (docs/CONTROL.md). nullopt for any other command.
std::optional<CommandReply> runPeerCommand(Node& node, const QString& command, const QJsonObject& args);

} // namespace confab::api
