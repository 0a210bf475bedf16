#pragma once

#include <QFuture>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace confab::api {

class Node;

// The outcome of one control command: a result, or an error sentence with a
// machine-readable code (docs/CONTROL.md lists both).
struct CommandReply {
    bool ok = true;
    QJsonValue result;
    QString error;
    QString code;

    static CommandReply success(QJsonValue value) { return {true, std::move(value), {}, {}}; }
    static CommandReply failure(QString code, QString error)
    {
        return {false, {}, std::move(error), std::move(code)};
    }
};

// Runs the commands that answer at once. send (answered after its commit:
// sendMessage), wait-message and events --follow wait for the node and are
// handled by ControlServer.
CommandReply runCommand(Node& node, const QString& command, const QJsonObject& args);

// send: its future completes once the message is stored (or refused), so
// that "sent" or "queued" in the reply means it is on disk. With `reply_to`
// the message quotes that one.
QFuture<CommandReply> sendMessage(Node& node, const QJsonObject& args);

} // namespace confab::api
