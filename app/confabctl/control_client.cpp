#include "control_client.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>

namespace confab::app {

std::optional<ControlClient::Failure> ControlClient::connectTo(const QString& profileDir)
{
    m_profileDir = profileDir;
    const QString path = QFileInfo(profileDir).absoluteFilePath() + QStringLiteral("/control.sock");
    m_socket.connectToServer(path);
    if (m_socket.waitForConnected(3000)) {
        return std::nullopt;
    }
    const QString why =
        QFileInfo::exists(path) ? m_socket.errorString() : QStringLiteral("no control socket");
    return Failure{kExitNoDaemon,
                   QStringLiteral("No Confab node is running for the profile %1 (%2). Start one with: "
                                  "confabd --profile %1")
                       .arg(profileDir, why)};
}

std::optional<ControlClient::Failure>
ControlClient::exchange(const CtlCommand& command, const std::function<bool(const QJsonObject&)>& onLine)
{
    QJsonObject request{{QStringLiteral("id"), 1},
                        {QStringLiteral("command"), command.command},
                        {QStringLiteral("args"), command.args}};
    m_socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!m_socket.waitForBytesWritten(3000)) {
        return Failure{kExitFailed,
                       QStringLiteral("Cannot send to the node: %1").arg(m_socket.errorString())};
    }
    QDeadlineTimer deadline = command.replyTimeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                                         : QDeadlineTimer(command.replyTimeoutMs);
    QByteArray buffer;
    for (;;) {
        qsizetype newline = -1;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(newline);
            buffer.remove(0, newline + 1);
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (!document.isObject()) {
                return Failure{kExitFailed, QStringLiteral("The node sent a reply that is not JSON.")};
            }
            if (!onLine(document.object())) {
                return std::nullopt;
            }
        }
        if (m_socket.state() != QLocalSocket::ConnectedState && m_socket.bytesAvailable() == 0) {
            return Failure{kExitFailed, QStringLiteral("The node closed the connection.")};
        }
        if (deadline.hasExpired()) {
            return Failure{kExitTimeout, QStringLiteral("The node did not answer in time.")};
        }
        const int waitMs =
            deadline.isForever() ? 1000 : static_cast<int>(std::min<qint64>(deadline.remainingTime(), 1000));
        if (m_socket.waitForReadyRead(waitMs) || m_socket.bytesAvailable() > 0) {
            buffer.append(m_socket.readAll());
        }
    }
}

} // namespace confab::app
