#pragma once

#include "control_commands.h"
#include "node_types.h"

#include <optional>

namespace confab::api {

class Node;

// The file-drop commands of the control API: send-file, transfers, accept,
// decline (of a drop; a call's decline is a call command), pause, resume
// and cancel (docs/CONTROL.md). nullopt: not a file-drop command.
// wait-transfer waits for the node and is handled by ControlServer.
std::optional<CommandReply> runTransferCommand(Node& node, const QString& command, const QJsonObject& args);

QJsonObject toJson(const TransferView& transfer);

} // namespace confab::api
