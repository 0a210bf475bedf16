#include "control_server.h"

#include "json_views.h"
#include "node.h"
#include "transfer_commands.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcControl, "confab.control")

namespace confab::api {

ControlServer::ControlServer(Node& node, QObject* parent) : QObject(parent), m_node(node)
{
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
    connect(&m_node.events(), &NodeEvents::messageStored, this, [this](const StoredMessage& message) {
        if (!message.outgoing) {
            serveWaiters();
        }
    });
    connect(&m_node.events(), &NodeEvents::eventLogged, this, &ControlServer::onEvent);
    connect(&m_node.events(), &NodeEvents::transferChanged, this, &ControlServer::onTransferChanged);
}

ControlServer::~ControlServer()
{
    for (auto& [socket, client] : m_clients) {
        socket->disconnect(this);
        socket->deleteLater();
    }
    const QString path = m_server.fullServerName();
    m_server.close();
    QFile::remove(path);
}

std::optional<QString> ControlServer::listen(const QString& path)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    // A socket left by a killed node would make listen() fail; the profile
    // lock already guarantees no live node owns it.
    QLocalServer::removeServer(path);
    if (!m_server.listen(path)) {
        return QCoreApplication::translate("Node", "Cannot open the control socket %1: %2")
            .arg(path, m_server.errorString());
    }
    return std::nullopt;
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        m_clients[socket] = Client{};
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] { dropClient(socket); });
    }
}

void ControlServer::dropClient(QLocalSocket* socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end()) {
        return;
    }
    m_clients.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
}

void ControlServer::onReadyRead(QLocalSocket* socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end()) {
        return;
    }
    it->second.buffer.append(socket->readAll());
    for (;;) {
        auto client = m_clients.find(socket);
        if (client == m_clients.end()) {
            return;
        }
        const qsizetype newline = client->second.buffer.indexOf('\n');
        if (newline < 0) {
            if (client->second.buffer.size() > kMaxRequestBytes) {
                qCWarning(lcControl) << "control client sent an oversized request; closing it";
                socket->abort();
            }
            return;
        }
        const QByteArray line = client->second.buffer.left(newline).trimmed();
        client->second.buffer.remove(0, newline + 1);
        if (!line.isEmpty()) {
            handleLine(socket, line);
        }
    }
}

void ControlServer::handleLine(QLocalSocket* socket, const QByteArray& line)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        reply(socket, QJsonValue(),
              CommandReply::failure(QStringLiteral("bad_request"),
                                    QCoreApplication::translate("Node", "Request is not a JSON object: %1")
                                        .arg(error.errorString())));
        return;
    }
    const QJsonObject request = document.object();
    const QJsonValue id = request.value(QStringLiteral("id"));
    const QString command = request.value(QStringLiteral("command")).toString();
    const QJsonObject args = request.value(QStringLiteral("args")).toObject();
    if (command == QLatin1String("wait-message")) {
        startWait(socket, id, args);
        return;
    }
    if (command == QLatin1String("wait-transfer")) {
        startTransferWait(socket, id, args);
        return;
    }
    if (command == QLatin1String("send")) {
        startSend(socket, id, args);
        return;
    }
    if (startIdentityCommand(socket, id, command, args)) {
        return;
    }
    reply(socket, id, runCommand(m_node, command, args));
    if (command == QLatin1String("events") && args.value(QStringLiteral("follow")).toBool()) {
        if (auto it = m_clients.find(socket); it != m_clients.end()) {
            it->second.following = true;
        }
    }
}

void ControlServer::startSend(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args)
{
    replyWhenDone(socket, id, sendMessage(m_node, args));
}

bool ControlServer::startIdentityCommand(QLocalSocket* socket, const QJsonValue& id, const QString& command,
                                         const QJsonObject& args)
{
    const QString passphrase = args.value(QStringLiteral("passphrase")).toString();
    auto failure = [](const QString& error) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), error);
    };
    if (command == QLatin1String("backup")) {
        replyWhenDone(
            socket, id, m_node.backupIdentity(passphrase).then([failure](const BackupResult& result) {
                return result ? CommandReply::success(toJson(result.value())) : failure(result.error());
            }));
        return true;
    }
    if (command == QLatin1String("restore")) {
        const QString backup = args.value(QStringLiteral("backup")).toString();
        replyWhenDone(socket, id,
                      m_node.restoreIdentity(backup, passphrase).then([failure](const RestoreResult& result) {
                          return result ? CommandReply::success(toJson(result.value()))
                                        : failure(result.error());
                      }));
        return true;
    }
    return false;
}

void ControlServer::replyWhenDone(QLocalSocket* socket, const QJsonValue& id, QFuture<CommandReply> reply)
{
    QPointer<QLocalSocket> client(socket);
    QPointer<ControlServer> self(this);
    reply.then([self, client, id](const CommandReply& done) {
        if (self && client && self->m_clients.count(client.data()) != 0) {
            self->reply(client.data(), id, done);
        }
    });
}

void ControlServer::startWait(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args)
{
    Client& client = m_clients[socket];
    if (client.waiting) {
        reply(socket, id,
              CommandReply::failure(
                  QStringLiteral("bad_request"),
                  QCoreApplication::translate("Node", "This connection is already waiting for a message.")));
        return;
    }
    std::optional<PeerId> from;
    const QString fromText = args.value(QStringLiteral("from")).toString();
    if (!fromText.isEmpty()) {
        auto peer = m_node.resolvePeer(fromText);
        if (!peer) {
            reply(socket, id, CommandReply::failure(QStringLiteral("unknown_peer"), peer.error()));
            return;
        }
        from = peer.value();
    }
    client.waiting = true;
    client.waitId = id;
    client.waitFrom = from;
    const int timeoutMs = args.value(QStringLiteral("timeout_ms")).toInt(0);
    if (timeoutMs > 0) {
        client.waitTimer = m_node.clock().createTimer([this, socket] { onWaitTimeout(socket); });
        client.waitTimer->start(timeoutMs);
    }
    // The oldest unread message may already be there: a script that asks
    // after the message arrived still gets it.
    serveWaiters();
}

void ControlServer::onWaitTimeout(QLocalSocket* socket)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end() || !it->second.waiting) {
        return;
    }
    it->second.waiting = false;
    reply(socket, it->second.waitId,
          CommandReply::failure(QStringLiteral("timeout"),
                                QCoreApplication::translate("Node", "No message arrived in time.")));
    it->second.waitTimer.reset();
}

void ControlServer::serveWaiters()
{
    for (auto& [socket, client] : m_clients) {
        if (!client.waiting) {
            continue;
        }
        auto message = m_node.takeOldestUnread(client.waitFrom);
        if (!message) {
            continue;
        }
        client.waiting = false;
        client.waitTimer.reset();
        reply(socket, client.waitId, CommandReply::success(toJson(*message)));
    }
}

void ControlServer::startTransferWait(QLocalSocket* socket, const QJsonValue& id, const QJsonObject& args)
{
    Client& client = m_clients[socket];
    if (!client.transferWait.isEmpty()) {
        reply(socket, id,
              CommandReply::failure(
                  QStringLiteral("bad_request"),
                  QCoreApplication::translate("Node", "This connection is already waiting for a transfer.")));
        return;
    }
    auto transfer = m_node.transfer(args.value(QStringLiteral("id")).toString());
    if (!transfer) {
        reply(socket, id, CommandReply::failure(QStringLiteral("invalid_argument"), transfer.error()));
        return;
    }
    client.transferWait = transfer.value().id;
    client.transferWaitId = id;
    const int timeoutMs = args.value(QStringLiteral("timeout_ms")).toInt(0);
    if (timeoutMs > 0) {
        client.transferWaitTimer = m_node.clock().createTimer([this, socket] {
            auto it = m_clients.find(socket);
            if (it == m_clients.end() || it->second.transferWait.isEmpty()) {
                return;
            }
            it->second.transferWait.clear();
            reply(socket, it->second.transferWaitId,
                  CommandReply::failure(
                      QStringLiteral("timeout"),
                      QCoreApplication::translate("Node", "The transfer did not end in time.")));
            it->second.transferWaitTimer.reset();
        });
        client.transferWaitTimer->start(timeoutMs);
    }
    // It may have ended already.
    onTransferChanged(transfer.value());
}

void ControlServer::onTransferChanged(const TransferView& transfer)
{
    if (!transfer.isFinal()) {
        return;
    }
    for (auto& [socket, client] : m_clients) {
        if (client.transferWait != transfer.id) {
            continue;
        }
        client.transferWait.clear();
        client.transferWaitTimer.reset();
        if (transfer.state == QLatin1String("completed")) {
            reply(socket, client.transferWaitId, CommandReply::success(toJson(transfer)));
            continue;
        }
        QString message = QCoreApplication::translate("Node", "The transfer was %1.").arg(transfer.state);
        if (!transfer.problem.isEmpty()) {
            message += QLatin1Char(' ') + transfer.problem;
        }
        reply(socket, client.transferWaitId,
              CommandReply::failure(QStringLiteral("transfer_") + transfer.state, message));
    }
}

void ControlServer::onEvent(const EventRecord& event)
{
    for (auto& [socket, client] : m_clients) {
        if (client.following) {
            writeLine(socket, QJsonObject{{QStringLiteral("event"), toJson(event)}});
        }
    }
}

void ControlServer::reply(QLocalSocket* socket, const QJsonValue& id, const CommandReply& reply)
{
    QJsonObject object{{QStringLiteral("id"), id}, {QStringLiteral("ok"), reply.ok}};
    if (reply.ok) {
        object.insert(QStringLiteral("result"), reply.result);
    } else {
        object.insert(QStringLiteral("error"), reply.error);
        object.insert(QStringLiteral("code"), reply.code);
    }
    writeLine(socket, object);
}

void ControlServer::writeLine(QLocalSocket* socket, const QJsonObject& object)
{
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    line.append('\n');
    socket->write(line);
}

} // namespace confab::api
