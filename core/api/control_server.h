#pragma once

#include "base/clock.h"
#include "control_commands.h"
#include "node_types.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonValue>
#include <QLocalServer>
#include <QLocalSocket>
#include <QObject>

#include <map>
#include <memory>
#include <optional>

namespace confab::api {

class Node;

// JSON lines on a local socket in the profile folder (owner only): one
// request object per line, one reply object per line (docs/CONTROL.md).
class ControlServer : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxRequestBytes = 1 << 20;

    explicit ControlServer(Node& node, QObject* parent = nullptr);
    ~ControlServer() override;

    // Error: a sentence for the user.
    std::optional<QString> listen(const QString& path);

private:
    struct Client {
        QByteArray buffer;
        // A pending wait-message, if any.
        bool waiting = false;
        QJsonValue waitId;
        std::optional<PeerId> waitFrom;
        std::unique_ptr<Timer> waitTimer;
        bool following = false; // events --follow
        // A pending wait-transfer, if any: the drop's whole id.
        QString transferWait;
        QJsonValue transferWaitId;
        std::unique_ptr<Timer> transferWaitTimer;
    };

    void onNewConnection();
    void onReadyRead(QLocalSocket* socket);
    void handleLine(QLocalSocket* socket, const QByteArray& line);
    void startSend(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args);
    // backup and restore: answered once the passphrase is stretched.
    bool startIdentityCommand(QLocalSocket* socket, const QJsonValue& id, const QString& command,
                              const QJsonObject& args);
    void replyWhenDone(QLocalSocket* socket, const QJsonValue& id, QFuture<CommandReply> reply);
    void startWait(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args);
    void onWaitTimeout(QLocalSocket* socket);
    void serveWaiters();
    void startTransferWait(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args);
    void onTransferChanged(const TransferView& transfer);
    void onEvent(const EventRecord& event);
    void reply(QLocalSocket* socket, const QJsonValue& id, const CommandReply& reply);
    void writeLine(QLocalSocket* socket, const QJsonObject& object);
    void dropClient(QLocalSocket* socket);

    Node& m_node;
    QLocalServer m_server;
    std::map<QLocalSocket*, Client> m_clients;
};

} // namespace confab::api
