#include "api/control_server.h"
#include "crypto/identity.h"
#include "node_harness.h"
#include "proto/limits.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

// A confabctl-like client: one JSON object per line each way.
class ControlClient {
public:
    bool connectTo(const QString& path)
    {
        m_socket.connectToServer(path);
        return confab::test::waitUntil([this] { return m_socket.state() == QLocalSocket::ConnectedState; });
    }

    void writeLine(const QByteArray& line) { m_socket.write(line + '\n'); }
    void send(const QJsonObject& request)
    {
        writeLine(QJsonDocument(request).toJson(QJsonDocument::Compact));
    }

    // The next reply line, parsed; an empty object if none came in time.
    QJsonObject readReply(int timeoutMs = 5000)
    {
        if (!confab::test::waitUntil([this] { return m_socket.canReadLine(); }, timeoutMs)) {
            return {};
        }
        const QByteArray line = m_socket.readLine();
        EXPECT_TRUE(line.endsWith('\n'));
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        EXPECT_TRUE(document.isObject()) << "reply is not a JSON object: " << line.toStdString();
        return document.object();
    }

    QJsonObject request(const QString& command, const QJsonObject& args = {}, int id = 1,
                        int timeoutMs = 5000)
    {
        send(QJsonObject{{QStringLiteral("id"), id},
                         {QStringLiteral("command"), command},
                         {QStringLiteral("args"), args}});
        return readReply(timeoutMs);
    }

    bool hasPendingLine() { return m_socket.canReadLine(); }

private:
    QLocalSocket m_socket;
};

// The control socket is a real local socket: these nodes live in the real world.
class ControlServerTest : public test::TwoNodeTest<test::RealWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }

    void SetUp() override
    {
        test::TwoNodeTest<test::RealWorld>::SetUp();
        m_control = std::make_unique<ControlServer>(m_alice->node());
        m_socketPath = m_world.dir.path(QStringLiteral("control.sock"));
        const auto error = m_control->listen(m_socketPath);
        ASSERT_FALSE(error) << error->toStdString();
        ASSERT_TRUE(m_client.connectTo(m_socketPath));
    }
    void TearDown() override { m_control.reset(); }

    std::unique_ptr<ControlServer> m_control;
    QString m_socketPath;
    ControlClient m_client;
};

TEST_F(ControlServerTest, StatusDescribesTheNode)
{
    const QJsonObject reply = m_client.request(QStringLiteral("status"), {}, 1);
    ASSERT_FALSE(reply.isEmpty());
    EXPECT_EQ(reply.value(QStringLiteral("id")).toInt(), 1);
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("id")).toString(), idText(m_alice->id()));
    EXPECT_EQ(result.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Liddell"));
    EXPECT_EQ(result.value(QStringLiteral("listen")).toString(), m_alice->address());
    EXPECT_EQ(result.value(QStringLiteral("connected_peers")).toInt(), 1);
    EXPECT_EQ(result.value(QStringLiteral("known_peers")).toInt(), 1);
    EXPECT_EQ(result.value(QStringLiteral("protocol_version")).toInt(), proto::kProtocolVersion);
    EXPECT_FALSE(reply.contains(QStringLiteral("error")));
}

TEST_F(ControlServerTest, StatusSetTellsPeersAndRefusesUnknownWords)
{
    QJsonObject reply = m_client.request(QStringLiteral("status-set"),
                                         {{QStringLiteral("presence"), QStringLiteral("Busy")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_EQ(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("presence")).toString(),
              QStringLiteral("busy"));
    reply = m_client.request(QStringLiteral("status"));
    EXPECT_EQ(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("presence")).toString(),
              QStringLiteral("busy"));
    const PeerId alice = m_alice->id();
    ASSERT_TRUE(m_world.runUntil([&] { return m_bob->viewOf(alice)->presence == api::Presence::Busy; }));

    reply = m_client.request(QStringLiteral("status-set"),
                             {{QStringLiteral("presence"), QStringLiteral("asleep")}});
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    EXPECT_EQ(reply.value(QStringLiteral("error")).toString(),
              QStringLiteral("Unknown status 'asleep': use available, away or busy."));
    EXPECT_EQ(m_alice->node().presence(), api::Presence::Busy) << "a typo changes nothing";
}

// The identity a profile folder's key file holds (what the next start uses).
PeerId identityInProfile(const QString& dir)
{
    QFile file(dir + QStringLiteral("/identity.key"));
    crypto::Secret<32> seed;
    if (!file.open(QIODevice::ReadOnly) ||
        file.read(reinterpret_cast<char*>(seed.data()), static_cast<qint64>(seed.size())) != 32) {
        return {};
    }
    return crypto::IdentityKeyPair::fromSeed(seed).peerId();
}

TEST_F(ControlServerTest, BackupRestoredOnAnotherProfileGivesItTheSameId)
{
    const QString passphrase = QStringLiteral("correct horse battery");
    const QJsonObject reply =
        m_client.request(QStringLiteral("backup"), {{QStringLiteral("passphrase"), passphrase}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject backup = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(backup.value(QStringLiteral("id")).toString(), idText(m_alice->id()));
    const QString text = backup.value(QStringLiteral("backup")).toString();
    EXPECT_TRUE(text.startsWith(QStringLiteral("Confab identity backup 1\nID: ") + idText(m_alice->id())));

    const PeerId bobBefore = m_bob->id();
    QFuture<RestoreResult> restored = m_bob->node().restoreIdentity(text, passphrase);
    ASSERT_TRUE(waitUntil([&] { return restored.isFinished(); }));
    ASSERT_TRUE(restored.result()) << restored.result().error().toStdString();
    EXPECT_EQ(restored.result().value().id, m_alice->id());
    EXPECT_TRUE(restored.result().value().changed);
    // Bob runs on as himself; his next start is Alice, and his key is kept.
    EXPECT_EQ(m_bob->id(), bobBefore);
    EXPECT_EQ(identityInProfile(m_bob->node().profileDir()), m_alice->id());
    const QString kept = restored.result().value().replacedKeyFile;
    EXPECT_EQ(QFileInfo(kept).absolutePath(), QFileInfo(m_bob->node().profileDir()).absoluteFilePath());
    EXPECT_EQ(identityInProfile(QFileInfo(kept).absolutePath()), m_alice->id());
    QFile keptFile(kept);
    ASSERT_TRUE(keptFile.open(QIODevice::ReadOnly));
    crypto::Secret<32> keptSeed;
    ASSERT_EQ(keptFile.read(reinterpret_cast<char*>(keptSeed.data()), 32), 32);
    EXPECT_EQ(crypto::IdentityKeyPair::fromSeed(keptSeed).peerId(), bobBefore);

    // Restoring the key a node has already changes nothing.
    const QJsonObject again =
        m_client.request(QStringLiteral("restore"),
                         {{QStringLiteral("backup"), text}, {QStringLiteral("passphrase"), passphrase}}, 2);
    ASSERT_TRUE(again.value(QStringLiteral("ok")).toBool()) << QJsonDocument(again).toJson().toStdString();
    EXPECT_FALSE(
        again.value(QStringLiteral("result")).toObject().value(QStringLiteral("changed")).toBool(true));
    EXPECT_EQ(identityInProfile(m_alice->node().profileDir()), m_alice->id());
}

TEST_F(ControlServerTest, BackupAndRestoreMistakesAreSaidInWords)
{
    const auto errorOf = [this](const QString& command, const QJsonObject& args) {
        const QJsonObject reply = m_client.request(command, args);
        EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
        return reply.value(QStringLiteral("error")).toString();
    };
    EXPECT_TRUE(errorOf(QStringLiteral("backup"), {{QStringLiteral("passphrase"), QStringLiteral("short")}})
                    .contains(QStringLiteral("at least 8 characters")));
    EXPECT_TRUE(
        errorOf(QStringLiteral("restore"), {{QStringLiteral("backup"), QStringLiteral("hello")},
                                            {QStringLiteral("passphrase"), QStringLiteral("whatever1")}})
            .contains(QStringLiteral("not a Confab identity backup")));
    QFuture<BackupResult> backup = m_bob->node().backupIdentity(QStringLiteral("bob's passphrase"));
    ASSERT_TRUE(waitUntil([&] { return backup.isFinished(); }));
    ASSERT_TRUE(backup.result());
    EXPECT_TRUE(errorOf(QStringLiteral("restore"),
                        {{QStringLiteral("backup"), backup.result().value().text},
                         {QStringLiteral("passphrase"), QStringLiteral("bob's Passphrase")}})
                    .contains(QStringLiteral("passphrase does not open")));
    EXPECT_EQ(identityInProfile(m_alice->node().profileDir()), m_alice->id());
}

TEST_F(ControlServerTest, SocketIsForTheOwnerOnly)
{
    struct stat info {};
    ASSERT_EQ(::stat(QFile::encodeName(m_socketPath).constData(), &info), 0);
    EXPECT_EQ(static_cast<unsigned>(info.st_mode) & 077u, 0u);
}

TEST_F(ControlServerTest, UnknownCommandIsABadRequest)
{
    const QJsonObject reply = m_client.request(QStringLiteral("make-coffee"), {}, 7);
    ASSERT_FALSE(reply.isEmpty());
    EXPECT_EQ(reply.value(QStringLiteral("id")).toInt(), 7);
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("make-coffee")));
}

TEST_F(ControlServerTest, MalformedRequestsAreRefusedAndTheConnectionStaysUsable)
{
    for (const QByteArray& line :
         {QByteArray("{\"id\": 1, \"command\": "), QByteArray("[1, 2, 3]"), QByteArray("\"status\"")}) {
        m_client.writeLine(line);
        const QJsonObject reply = m_client.readReply();
        ASSERT_FALSE(reply.isEmpty()) << line.toStdString();
        EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true)) << line.toStdString();
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        EXPECT_FALSE(reply.value(QStringLiteral("error")).toString().isEmpty());
        EXPECT_TRUE(reply.value(QStringLiteral("id")).isNull());
    }
    EXPECT_TRUE(m_client.request(QStringLiteral("status")).value(QStringLiteral("ok")).toBool());
}

TEST_F(ControlServerTest, RequestsInOneWriteAreAnsweredInOrder)
{
    m_client.writeLine(
        "{\"id\":1,\"command\":\"id\",\"args\":{}}\n{\"id\":2,\"command\":\"peers\",\"args\":{}}\n"
        "{\"id\":\"three\",\"command\":\"nope\",\"args\":{}}");
    const QJsonObject first = m_client.readReply();
    const QJsonObject second = m_client.readReply();
    const QJsonObject third = m_client.readReply();
    EXPECT_EQ(first.value(QStringLiteral("id")).toInt(), 1);
    EXPECT_EQ(first.value(QStringLiteral("result")).toObject().value(QStringLiteral("id")).toString(),
              idText(m_alice->id()));
    EXPECT_EQ(second.value(QStringLiteral("id")).toInt(), 2);
    const QJsonArray peers = second.value(QStringLiteral("result")).toArray();
    ASSERT_EQ(peers.size(), 1);
    EXPECT_EQ(peers[0].toObject().value(QStringLiteral("id")).toString(), idText(m_bob->id()));
    EXPECT_TRUE(peers[0].toObject().value(QStringLiteral("connected")).toBool());
    EXPECT_EQ(third.value(QStringLiteral("id")).toString(), QStringLiteral("three"));
    EXPECT_EQ(third.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
}

TEST_F(ControlServerTest, WaitMessageTimesOutWhenNothingArrives)
{
    QElapsedTimer elapsed;
    elapsed.start();
    const QJsonObject reply =
        m_client.request(QStringLiteral("wait-message"), {{QStringLiteral("timeout_ms"), 150}}, 3);
    ASSERT_FALSE(reply.isEmpty());
    EXPECT_GE(elapsed.elapsed(), 150);
    EXPECT_EQ(reply.value(QStringLiteral("id")).toInt(), 3);
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
}

TEST_F(ControlServerTest, WaitMessageReturnsWhatArrivedBeforeOldestFirst)
{
    const auto first = m_bob->send(m_alice->id(), QStringLiteral("first"));
    const auto second = m_bob->send(m_alice->id(), QStringLiteral("second"));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(waitUntil([&] { return m_alice->incoming().size() == 2; }));

    QJsonObject reply =
        m_client.request(QStringLiteral("wait-message"), {{QStringLiteral("timeout_ms"), 2000}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    QJsonObject message = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(message.value(QStringLiteral("text")).toString(), QStringLiteral("first"));
    EXPECT_EQ(message.value(QStringLiteral("peer")).toString(), idText(m_bob->id()));
    EXPECT_EQ(message.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    EXPECT_EQ(message.value(QStringLiteral("state")).toString(), QStringLiteral("read"));
    EXPECT_EQ(message.value(QStringLiteral("id")).toString(),
              QString::fromStdString(first.value().id.toHex()));

    reply = m_client.request(
        QStringLiteral("wait-message"),
        {{QStringLiteral("timeout_ms"), 2000}, {QStringLiteral("from"), QStringLiteral("bob builder")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_EQ(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("text")).toString(),
              QStringLiteral("second"));

    // Taking them marked them read, and Bob is told.
    ASSERT_TRUE(waitUntil(
        [&] { return m_bob->stateOf(m_alice->id(), first.value().id) == api::MessageState::Read; }));
    reply = m_client.request(QStringLiteral("wait-message"), {{QStringLiteral("timeout_ms"), 50}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
}

TEST_F(ControlServerTest, WaitMessageIsAnsweredWhenAMessageArrives)
{
    m_client.send(QJsonObject{{QStringLiteral("id"), 9},
                              {QStringLiteral("command"), QStringLiteral("wait-message")},
                              {QStringLiteral("args"), QJsonObject{{QStringLiteral("timeout_ms"), 5000}}}});
    EXPECT_FALSE(
        confab::test::waitUntil([&] { return m_client.hasPendingLine(); }, 50)); // nothing to give yet
    ASSERT_TRUE(m_bob->send(m_alice->id(), QStringLiteral("now")));
    const QJsonObject reply = m_client.readReply();
    EXPECT_EQ(reply.value(QStringLiteral("id")).toInt(), 9);
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_EQ(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("text")).toString(),
              QStringLiteral("now"));
}

TEST_F(ControlServerTest, WaitMessageFromAnUnknownPeerIsRefused)
{
    const QJsonObject reply = m_client.request(QStringLiteral("wait-message"),
                                               {{QStringLiteral("from"), QStringLiteral("no-such-peer")}});
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unknown_peer"));
}

TEST_F(ControlServerTest, SendStoresAndDeliversTheMessage)
{
    const QJsonObject reply = m_client.request(
        QStringLiteral("send"), {{QStringLiteral("peer"), idText(m_bob->id()).left(8)},
                                 {QStringLiteral("text"), QStringLiteral("via the control socket")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    EXPECT_EQ(result.value(QStringLiteral("peer")).toString(), idText(m_bob->id()));
    EXPECT_EQ(result.value(QStringLiteral("state")).toString(), QStringLiteral("sent"));
    ASSERT_TRUE(waitUntil([&] { return !m_bob->incoming().empty(); }));
    EXPECT_EQ(m_bob->incoming().front().body, QStringLiteral("via the control socket"));
    EXPECT_EQ(QString::fromStdString(m_bob->incoming().front().id.toHex()),
              result.value(QStringLiteral("id")).toString());
}

TEST_F(ControlServerTest, SendErrorsCarryTheirCodes)
{
    QJsonObject reply =
        m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), QStringLiteral("nobody")},
                                                  {QStringLiteral("text"), QStringLiteral("hi")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unknown_peer"));
    reply = m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), idText(m_bob->id())},
                                                      {QStringLiteral("text"), QStringLiteral("   ")}});
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("empty")));
}

TEST_F(ControlServerTest, HistoryListsTheConversationOldestFirst)
{
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("one")));
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("two")));
    const QJsonObject reply =
        m_client.request(QStringLiteral("history"),
                         {{QStringLiteral("peer"), idText(m_bob->id())}, {QStringLiteral("limit"), 10}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonArray history = reply.value(QStringLiteral("result")).toArray();
    ASSERT_EQ(history.size(), 2);
    EXPECT_EQ(history[0].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("one"));
    EXPECT_EQ(history[1].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("two"));

    const QJsonObject bad =
        m_client.request(QStringLiteral("history"),
                         {{QStringLiteral("peer"), idText(m_bob->id())}, {QStringLiteral("limit"), 0}});
    EXPECT_EQ(bad.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
}

TEST_F(ControlServerTest, SearchFindsMessagesNamedTheWayTheirPeerGoesHere)
{
    const QString bob = idText(m_bob->id());
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("The zeppelin lands at noon")));
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("nothing to see")));
    ASSERT_TRUE(m_alice->node().rename(m_bob->id(), QStringLiteral("Uncle Bob")));
    QJsonObject reply =
        m_client.request(QStringLiteral("search"), {{QStringLiteral("text"), QStringLiteral("zepp")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonArray found = reply.value(QStringLiteral("result")).toArray();
    ASSERT_EQ(found.size(), 1);
    EXPECT_EQ(found[0].toObject().value(QStringLiteral("text")).toString(),
              QStringLiteral("The zeppelin lands at noon"));
    // The nickname, as everywhere else here, not the name Bob announces.
    EXPECT_EQ(found[0].toObject().value(QStringLiteral("peer_name")).toString(), QStringLiteral("Uncle Bob"));
    EXPECT_EQ(found[0].toObject().value(QStringLiteral("peer")).toString(), bob);

    reply = m_client.request(QStringLiteral("search"), {{QStringLiteral("text"), QStringLiteral("zepp")},
                                                        {QStringLiteral("peer"), QStringLiteral("nobody")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unknown_peer"));
    reply = m_client.request(QStringLiteral("search"), {{QStringLiteral("text"), QStringLiteral("  ?! ")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
}

// Bob's copy of the message `id`, as his node holds it now.
std::optional<StoredMessage> copyOf(Node& node, const PeerId& peer, const QString& id)
{
    for (StoredMessage& message : node.history(peer, 100)) {
        if (QString::fromStdString(message.id.toHex()) == id) {
            return std::move(message);
        }
    }
    return std::nullopt;
}

TEST_F(ControlServerTest, EditChangesOurMessageHereAndForThePeer)
{
    const auto sent = m_alice->send(m_bob->id(), QStringLiteral("see you at 5"));
    ASSERT_TRUE(sent);
    const QString id = QString::fromStdString(sent.value().id.toHex());
    ASSERT_TRUE(waitUntil([&] { return !m_bob->incoming().empty(); }));

    // Upper-case digits name the same message.
    const QJsonObject reply =
        m_client.request(QStringLiteral("edit"), {{QStringLiteral("id"), id.toUpper()},
                                                  {QStringLiteral("text"), QStringLiteral("see you at 6")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("id")).toString(), id);
    EXPECT_EQ(result.value(QStringLiteral("text")).toString(), QStringLiteral("see you at 6"));
    EXPECT_EQ(result.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    EXPECT_TRUE(result.value(QStringLiteral("edited_ms")).isDouble());
    EXPECT_TRUE(result.value(QStringLiteral("deleted_ms")).isNull());
    EXPECT_EQ(result.value(QStringLiteral("peer_name")).toString(), QStringLiteral("Bob Builder"));

    ASSERT_TRUE(waitUntil([&] {
        const auto copy = copyOf(m_bob->node(), m_alice->id(), id);
        return copy && copy->body == QStringLiteral("see you at 6");
    }));
    EXPECT_TRUE(copyOf(m_bob->node(), m_alice->id(), id)->editedMs.has_value());
}

TEST_F(ControlServerTest, DeleteTakesOurMessageAwayForEveryone)
{
    const auto sent = m_alice->send(m_bob->id(), QStringLiteral("wrong window"));
    ASSERT_TRUE(sent);
    const QString id = QString::fromStdString(sent.value().id.toHex());
    ASSERT_TRUE(waitUntil([&] { return !m_bob->incoming().empty(); }));

    QJsonObject reply = m_client.request(QStringLiteral("delete"), {{QStringLiteral("id"), id}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("id")).toString(), id);
    EXPECT_EQ(result.value(QStringLiteral("text")).toString(), QString());
    EXPECT_TRUE(result.value(QStringLiteral("deleted_ms")).isDouble());

    ASSERT_TRUE(waitUntil([&] {
        const auto copy = copyOf(m_bob->node(), m_alice->id(), id);
        return copy && copy->deletedMs.has_value();
    }));
    EXPECT_TRUE(copyOf(m_bob->node(), m_alice->id(), id)->body.isEmpty());

    // A deleted message stays deleted.
    for (const QString& command : {QStringLiteral("delete"), QStringLiteral("edit")}) {
        reply = m_client.request(
            command, {{QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("oops")}});
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"))
            << command.toStdString();
        EXPECT_EQ(reply.value(QStringLiteral("error")).toString(),
                  QStringLiteral("That message was deleted already."));
    }
}

TEST_F(ControlServerTest, EditAndDeleteSayWhyTheyCannotChangeAMessage)
{
    for (const QString& command : {QStringLiteral("edit"), QStringLiteral("delete")}) {
        QJsonObject reply = m_client.request(command, {{QStringLiteral("id"), QStringLiteral("xyz")},
                                                       {QStringLiteral("text"), QStringLiteral("hi")}});
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
        EXPECT_TRUE(reply.value(QStringLiteral("error"))
                        .toString()
                        .startsWith(QStringLiteral("Not a message id: 'xyz'. ")))
            << reply.value(QStringLiteral("error")).toString().toStdString();
        EXPECT_TRUE(
            reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("32 hex digits")));

        reply = m_client.request(command, {{QStringLiteral("id"), QString(32, u'0')},
                                           {QStringLiteral("text"), QStringLiteral("hi")}});
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
        EXPECT_EQ(reply.value(QStringLiteral("error")).toString(),
                  QStringLiteral("There is no message with that id."));
    }

    // Bob's message is his to change.
    const auto his = m_bob->send(m_alice->id(), QStringLiteral("mine"));
    ASSERT_TRUE(his);
    ASSERT_TRUE(waitUntil([&] { return !m_alice->incoming().empty(); }));
    const QString hisId = QString::fromStdString(his.value().id.toHex());
    QJsonObject reply =
        m_client.request(QStringLiteral("edit"),
                         {{QStringLiteral("id"), hisId}, {QStringLiteral("text"), QStringLiteral("yours")}});
    EXPECT_EQ(reply.value(QStringLiteral("error")).toString(),
              QStringLiteral("Only your own messages can be edited."));
    reply = m_client.request(QStringLiteral("delete"), {{QStringLiteral("id"), hisId}});
    EXPECT_EQ(reply.value(QStringLiteral("error")).toString(),
              QStringLiteral("Only your own messages can be deleted."));
    EXPECT_EQ(copyOf(m_alice->node(), m_bob->id(), hisId)->body, QStringLiteral("mine"));

    // New text is checked as a new message's is.
    const auto ours = m_alice->send(m_bob->id(), QStringLiteral("ours"));
    ASSERT_TRUE(ours);
    reply = m_client.request(QStringLiteral("edit"),
                             {{QStringLiteral("id"), QString::fromStdString(ours.value().id.toHex())},
                              {QStringLiteral("text"), QStringLiteral("  ")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("empty")));
}

TEST_F(ControlServerTest, ReactToAMessageOfEitherSideAndTakeItBack)
{
    const auto ours = m_alice->send(m_bob->id(), QStringLiteral("lunch at 12?"));
    ASSERT_TRUE(ours);
    const QString ourId = QString::fromStdString(ours.value().id.toHex());
    const auto his = m_bob->send(m_alice->id(), QStringLiteral("sure"));
    ASSERT_TRUE(his);
    const QString hisId = QString::fromStdString(his.value().id.toHex());
    ASSERT_TRUE(waitUntil([&] { return !m_bob->incoming().empty() && !m_alice->incoming().empty(); }));

    QJsonObject reply =
        m_client.request(QStringLiteral("react"),
                         {{QStringLiteral("id"), ourId}, {QStringLiteral("emoji"), QStringLiteral("👍")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("id")).toString(), ourId);
    EXPECT_EQ(result.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    EXPECT_EQ(result.value(QStringLiteral("own_reaction")).toString(), QStringLiteral("👍"));
    EXPECT_EQ(result.value(QStringLiteral("peer_reaction")).toString(), QString());
    EXPECT_EQ(result.value(QStringLiteral("text")).toString(), QStringLiteral("lunch at 12?"));
    EXPECT_EQ(result.value(QStringLiteral("peer_name")).toString(), QStringLiteral("Bob Builder"));
    ASSERT_TRUE(waitUntil([&] {
        const auto copy = copyOf(m_bob->node(), m_alice->id(), ourId);
        return copy && copy->peerReaction == QStringLiteral("👍");
    }));

    reply = m_client.request(QStringLiteral("react"),
                             {{QStringLiteral("id"), hisId}, {QStringLiteral("emoji"), QStringLiteral("😂")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    EXPECT_EQ(result.value(QStringLiteral("own_reaction")).toString(), QStringLiteral("😂"));
    EXPECT_EQ(result.value(QStringLiteral("peer_name")).toString(), QStringLiteral("Bob Builder"));
    ASSERT_TRUE(waitUntil([&] {
        const auto copy = copyOf(m_bob->node(), m_alice->id(), hisId);
        return copy && copy->peerReaction == QStringLiteral("😂");
    }));

    // "" takes our reaction back, here and on Bob's side.
    reply = m_client.request(QStringLiteral("react"),
                             {{QStringLiteral("id"), ourId}, {QStringLiteral("emoji"), QString()}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_EQ(
        reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("own_reaction")).toString(),
        QString());
    ASSERT_TRUE(waitUntil([&] {
        const auto copy = copyOf(m_bob->node(), m_alice->id(), ourId);
        return copy && copy->peerReaction.isEmpty();
    }));
    EXPECT_EQ(copyOf(m_alice->node(), m_bob->id(), hisId)->ownReaction, QStringLiteral("😂"));
}

TEST_F(ControlServerTest, ReactSaysWhyItCannot)
{
    const auto refusal = [this](const QString& id, const QJsonValue& emoji) {
        QJsonObject args{{QStringLiteral("id"), id}};
        if (!emoji.isUndefined()) {
            args.insert(QStringLiteral("emoji"), emoji);
        }
        const QJsonObject reply = m_client.request(QStringLiteral("react"), args);
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
        return reply.value(QStringLiteral("error")).toString();
    };
    const QString thumb = QStringLiteral("👍");
    EXPECT_TRUE(
        refusal(QStringLiteral("xyz"), thumb).startsWith(QStringLiteral("Not a message id: 'xyz'. ")));
    EXPECT_EQ(refusal(QString(32, u'0'), thumb), QStringLiteral("There is no message with that id."));

    const auto sent = m_alice->send(m_bob->id(), QStringLiteral("react to me"));
    ASSERT_TRUE(sent);
    const QString id = QString::fromStdString(sent.value().id.toHex());
    // Nine thumbs are 36 UTF-8 bytes, past the 32 a reaction may take.
    EXPECT_EQ(refusal(id, thumb.repeated(9)), QStringLiteral("A reaction is one emoji, such as 👍."));
    // A request without `emoji` does not take a reaction back.
    EXPECT_TRUE(refusal(id, QJsonValue::Undefined).contains(QStringLiteral("needs an emoji")));
    EXPECT_TRUE(refusal(id, 7).contains(QStringLiteral("needs an emoji")));
    EXPECT_EQ(copyOf(m_alice->node(), m_bob->id(), id)->ownReaction, QString());

    ASSERT_TRUE(m_alice->node().deleteMessage(sent.value().id));
    EXPECT_EQ(refusal(id, thumb), QStringLiteral("That message was deleted; there is nothing to react to."));
}

TEST_F(ControlServerTest, SendWithReplyToQuotesTheMessageForThePeerToo)
{
    const auto his = m_bob->send(m_alice->id(), QStringLiteral("lunch at 12?"));
    ASSERT_TRUE(his);
    const QString hisId = QString::fromStdString(his.value().id.toHex());
    ASSERT_TRUE(waitUntil([&] { return !m_alice->incoming().empty(); }));

    const QJsonObject reply =
        m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), idText(m_bob->id())},
                                                  {QStringLiteral("text"), QStringLiteral("at 1?")},
                                                  {QStringLiteral("reply_to"), hisId.toUpper()}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("reply_to")).toString(), hisId);
    EXPECT_EQ(result.value(QStringLiteral("text")).toString(), QStringLiteral("at 1?"));
    EXPECT_EQ(result.value(QStringLiteral("state")).toString(), QStringLiteral("sent"));
    const QString id = result.value(QStringLiteral("id")).toString();
    ASSERT_TRUE(waitUntil([&] { return copyOf(m_bob->node(), m_alice->id(), id).has_value(); }));
    const auto copy = copyOf(m_bob->node(), m_alice->id(), id);
    ASSERT_TRUE(copy->replyTo.has_value());
    EXPECT_EQ(QString::fromStdString(copy->replyTo->toHex()), hisId);

    // A null reply_to is a plain message.
    const QJsonObject plain =
        m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), idText(m_bob->id())},
                                                  {QStringLiteral("text"), QStringLiteral("ok")},
                                                  {QStringLiteral("reply_to"), QJsonValue()}});
    ASSERT_TRUE(plain.value(QStringLiteral("ok")).toBool()) << QJsonDocument(plain).toJson().toStdString();
    EXPECT_TRUE(plain.value(QStringLiteral("result")).toObject().value(QStringLiteral("reply_to")).isNull());
}

TEST_F(ControlServerTest, SendWithReplyToRefusesAMessageOfAnotherConversation)
{
    test::TestNode carol(m_world, QStringLiteral("carol"), QStringLiteral("Carol"),
                         test::TestNode::Options{{m_alice->address()}, 0, {}, true, std::nullopt});
    ASSERT_TRUE(carol.ok());
    const auto hers = carol.send(m_alice->id(), QStringLiteral("for alice only"));
    ASSERT_TRUE(hers);
    const QString hersId = QString::fromStdString(hers.value().id.toHex());
    ASSERT_TRUE(waitUntil([&] { return copyOf(m_alice->node(), carol.id(), hersId).has_value(); }));

    const auto refusal = [this](const QString& replyTo) {
        const QJsonObject reply =
            m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), idText(m_bob->id())},
                                                      {QStringLiteral("text"), QStringLiteral("hi")},
                                                      {QStringLiteral("reply_to"), replyTo}});
        EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
        return reply.value(QStringLiteral("error")).toString();
    };
    const QString notHere = QStringLiteral("The message to reply to is not in this conversation.");
    EXPECT_EQ(refusal(hersId), notHere);
    EXPECT_EQ(refusal(QString(32, u'0')), notHere);
    EXPECT_EQ(refusal(QStringLiteral("xyz")),
              QStringLiteral("Not a message id: 'xyz'. A message id is 32 hex digits, as 'confabctl --json "
                             "history PEER' shows them."));
    EXPECT_TRUE(refusal(QString()).startsWith(QStringLiteral("Not a message id: ''. ")));
    EXPECT_TRUE(m_alice->node().history(m_bob->id(), 10).empty()) << "nothing was sent";
}

TEST_F(ControlServerTest, ExportWritesTheWholeConversationAsTextOrHtml)
{
    const QString bob = idText(m_bob->id());
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("one")));
    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("two <b>bold</b>")));
    QJsonObject reply = m_client.request(QStringLiteral("export"), {{QStringLiteral("peer"), bob}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    QJsonObject result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("peer")).toString(), idText(m_bob->id()));
    EXPECT_EQ(result.value(QStringLiteral("peer_name")).toString(), QStringLiteral("Bob Builder"));
    EXPECT_EQ(result.value(QStringLiteral("format")).toString(), QStringLiteral("text"));
    EXPECT_EQ(result.value(QStringLiteral("messages")).toInt(), 2);
    const QString text = result.value(QStringLiteral("document")).toString();
    EXPECT_TRUE(text.startsWith(QStringLiteral("Conversation between Alice Liddell and Bob Builder\n")))
        << text.toStdString();
    EXPECT_LT(text.indexOf(QStringLiteral("Alice Liddell: one\n")),
              text.indexOf(QStringLiteral("two <b>bold</b>")));

    reply = m_client.request(QStringLiteral("export"), {{QStringLiteral("peer"), bob},
                                                        {QStringLiteral("format"), QStringLiteral("html")}});
    result = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(result.value(QStringLiteral("format")).toString(), QStringLiteral("html"));
    EXPECT_TRUE(
        result.value(QStringLiteral("document")).toString().contains(QStringLiteral("two &lt;b&gt;bold")));

    reply = m_client.request(QStringLiteral("export"), {{QStringLiteral("peer"), bob},
                                                        {QStringLiteral("format"), QStringLiteral("pdf")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("text or html")));
    reply = m_client.request(QStringLiteral("export"), {{QStringLiteral("peer"), QStringLiteral("nobody")}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unknown_peer"));
}

TEST_F(ControlServerTest, RenameBlockUnblockAndRemovePeerAnswerWithThePeer)
{
    const QString bob = idText(m_bob->id());
    QJsonObject reply =
        m_client.request(QStringLiteral("rename"), {{QStringLiteral("peer"), QStringLiteral("bob builder")},
                                                    {QStringLiteral("nickname"), QStringLiteral("Builder")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    QJsonObject peer = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(peer.value(QStringLiteral("id")).toString(), bob);
    EXPECT_EQ(peer.value(QStringLiteral("name")).toString(), QStringLiteral("Builder"));
    EXPECT_EQ(peer.value(QStringLiteral("nickname")).toString(), QStringLiteral("Builder"));
    EXPECT_EQ(peer.value(QStringLiteral("announced_name")).toString(), QStringLiteral("Bob Builder"));
    EXPECT_FALSE(peer.value(QStringLiteral("blocked")).toBool(true));

    // The nickname names him from now on.
    reply = m_client.request(QStringLiteral("block"), {{QStringLiteral("peer"), QStringLiteral("builder")}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    peer = reply.value(QStringLiteral("result")).toObject();
    EXPECT_TRUE(peer.value(QStringLiteral("blocked")).toBool());
    EXPECT_GT(peer.value(QStringLiteral("blocked_ms")).toInteger(), 0);
    EXPECT_FALSE(peer.value(QStringLiteral("connected")).toBool(true));

    reply = m_client.request(QStringLiteral("peers"));
    const QJsonArray peers = reply.value(QStringLiteral("result")).toArray();
    ASSERT_EQ(peers.size(), 1);
    EXPECT_TRUE(peers[0].toObject().value(QStringLiteral("blocked")).toBool());
    EXPECT_EQ(peers[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Builder"));

    reply = m_client.request(QStringLiteral("send"), {{QStringLiteral("peer"), QStringLiteral("builder")},
                                                      {QStringLiteral("text"), QStringLiteral("hi")}});
    EXPECT_FALSE(reply.value(QStringLiteral("ok")).toBool(true));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("confabctl unblock")))
        << QJsonDocument(reply).toJson().toStdString();

    reply = m_client.request(QStringLiteral("unblock"), {{QStringLiteral("peer"), bob.left(8)}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_FALSE(
        reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("blocked")).toBool(true));
    ASSERT_TRUE(waitUntil([&] { return bothConnected(); }));

    // "" clears the nickname.
    reply = m_client.request(QStringLiteral("rename"),
                             {{QStringLiteral("peer"), bob}, {QStringLiteral("nickname"), QString()}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    EXPECT_EQ(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("Bob Builder"));

    ASSERT_TRUE(m_alice->send(m_bob->id(), QStringLiteral("soon gone")));
    reply = m_client.request(QStringLiteral("remove-peer"), {{QStringLiteral("peer"), bob}});
    ASSERT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
    const QJsonObject removed = reply.value(QStringLiteral("result")).toObject();
    EXPECT_EQ(removed.value(QStringLiteral("peer")).toString(), bob);
    EXPECT_EQ(removed.value(QStringLiteral("name")).toString(), QStringLiteral("Bob Builder"));
    EXPECT_EQ(removed.value(QStringLiteral("messages_removed")).toInt(), 1);
    EXPECT_FALSE(removed.value(QStringLiteral("still_blocked")).toBool(true));
    EXPECT_TRUE(m_alice->node().history(m_bob->id(), 10).empty());
}

TEST_F(ControlServerTest, PeerCommandErrorsCarryTheirCodes)
{
    const QString stranger = idText(crypto::IdentityKeyPair::generate().peerId());
    for (const char* command : {"rename", "unblock", "remove-peer"}) {
        for (const QString& peer : {QStringLiteral("nobody"), stranger}) {
            const QJsonObject reply =
                m_client.request(QLatin1String(command), {{QStringLiteral("peer"), peer},
                                                          {QStringLiteral("nickname"), QStringLiteral("x")}});
            EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unknown_peer"))
                << command << " " << peer.toStdString();
            EXPECT_TRUE(
                reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("confabctl peers")));
        }
    }
    QJsonObject reply =
        m_client.request(QStringLiteral("rename"), {{QStringLiteral("peer"), idText(m_bob->id())}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    reply = m_client.request(QStringLiteral("rename"), {{QStringLiteral("peer"), idText(m_bob->id())},
                                                        {QStringLiteral("nickname"), QString(300, u'x')}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    EXPECT_TRUE(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("too long")));
    reply = m_client.request(QStringLiteral("block"), {{QStringLiteral("peer"), idText(m_alice->id())}});
    EXPECT_EQ(reply.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    // A full ID never met can be blocked ahead of time.
    reply = m_client.request(QStringLiteral("block"), {{QStringLiteral("peer"), stranger}});
    EXPECT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << QJsonDocument(reply).toJson().toStdString();
}

} // namespace
} // namespace confab::api
