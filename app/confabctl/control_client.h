#pragma once

#include "ctl_command.h"

#include <QJsonObject>
#include <QLocalSocket>

#include <functional>

namespace confab::app {

// Sends one request to the node's control socket and reads reply lines.
class ControlClient {
public:
    struct Failure {
        ExitCode code;
        QString message;
    };

    // Connects to the profile's socket; on failure says how to start a node.
    std::optional<Failure> connectTo(const QString& profileDir);
    // Sends the command and calls onLine for each JSON line received until
    // onLine returns false, the node closes, or the timeout (-1: none) passes.
    std::optional<Failure> exchange(const CtlCommand& command,
                                    const std::function<bool(const QJsonObject&)>& onLine);

private:
    QLocalSocket m_socket;
    QString m_profileDir;
};

} // namespace confab::app
