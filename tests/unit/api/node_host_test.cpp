// NodeHost runs the node on a thread of its own: any Node call goes there
// and its answer comes back on the caller's thread.
#include "api/node_host.h"
#include "api/peer_address.h"
#include "crypto/identity.h"
#include "support/local_node_config.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/wait.h"

#include <QThread>

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using confab::test::waitUntil;

NodeConfig localConfig(const QString& dir, const QString& name, QStringList peers = {})
{
    return confab::test::localNodeConfig(dir, name, std::move(peers));
}

// Runs `command` through the client and waits for its answer.
template <typename Result, typename Command> std::optional<Result> ask(NodeClient& client, Command command)
{
    std::optional<Result> answer;
    QObject receiver;
    client.call(&receiver, std::move(command), [&answer](const Result& result) { answer = result; });
    EXPECT_TRUE(waitUntil([&] { return answer.has_value(); }));
    return answer;
}

TEST(PeerAddressTest, RejectsAnImpossiblePortAndAcceptsHostPort)
{
    const auto problem = peerAddressError(QStringLiteral("nonsense:99999"));
    ASSERT_TRUE(problem);
    EXPECT_TRUE(problem->contains(QStringLiteral("port"))) << problem->toStdString();
    EXPECT_FALSE(peerAddressError(QStringLiteral("127.0.0.1:42042")));
    EXPECT_FALSE(peerAddressError(QStringLiteral("  192.168.1.20  "))); // default port
    EXPECT_TRUE(peerAddressError(QString()));
}

class NodeHostTest : public ::testing::Test {
protected:
    // A started host and its status.
    std::unique_ptr<NodeHost> startHost(const NodeConfig& config, NodeStatus& status)
    {
        auto host = std::make_unique<NodeHost>(config);
        const auto started =
            ask<Result<QStringList, QString>>(*host, [](Node& node) { return node.start(); });
        EXPECT_TRUE(started && *started);
        status = ask<NodeStatus>(*host, [](Node& node) { return node.status(); }).value_or(NodeStatus{});
        return host;
    }

    static bool connectedTo(NodeClient& client, const PeerId& peer)
    {
        const auto peers = ask<PeerSummaries>(client, [](Node& node) { return node.peerSummaries(); });
        return peers && std::any_of(peers->begin(), peers->end(), [&](const PeerSummary& summary) {
                   return summary.view.record.id == peer && summary.view.connected;
               });
    }

    confab::test::TempDir m_dir;
};

TEST_F(NodeHostTest, CommandsRunOnTheNetworkThreadAndAnswerOnTheCallersThread)
{
    NodeHost host(localConfig(m_dir.path(QStringLiteral("a")), QStringLiteral("Ann")));
    QThread* ranOn = nullptr;
    QThread* answeredOn = nullptr;
    std::optional<NodeStatus> status;
    QObject receiver;
    host.call(
        &receiver,
        [&ranOn](Node& node) {
            ranOn = QThread::currentThread();
            (void)node.start();
            return node.status();
        },
        [&](const NodeStatus& reported) {
            answeredOn = QThread::currentThread();
            status = reported;
        });
    ASSERT_TRUE(waitUntil([&] { return status.has_value(); }));
    EXPECT_NE(ranOn, QThread::currentThread());
    EXPECT_NE(ranOn, nullptr);
    EXPECT_EQ(answeredOn, QThread::currentThread());
    EXPECT_EQ(status->displayName, QStringLiteral("Ann"));
    EXPECT_TRUE(status->running);
    EXPECT_TRUE(status->listenAddress.startsWith(QStringLiteral("127.0.0.1:")))
        << status->listenAddress.toStdString();
    EXPECT_FALSE(status->listenAddress.endsWith(QStringLiteral(":0")));
    EXPECT_FALSE(status->id.isEmpty());
}

TEST_F(NodeHostTest, AnAnswerForAReceiverThatIsGoneIsDropped)
{
    NodeStatus status;
    auto host = startHost(localConfig(m_dir.path(QStringLiteral("a")), QStringLiteral("Ann")), status);
    bool answered = false;
    bool ran = false;
    {
        QObject shortLived;
        host->call(
            &shortLived,
            [&ran](Node& node) {
                ran = true;
                return node.status();
            },
            [&answered](const NodeStatus&) { answered = true; });
    } // gone before the answer can arrive
    // A later command's answer proves the earlier one had its chance to arrive.
    ASSERT_TRUE(ask<NodeStatus>(*host, [](Node& node) { return node.status(); }));
    EXPECT_TRUE(ran);
    EXPECT_FALSE(answered);
}

TEST_F(NodeHostTest, FuturesAndVoidCommandsAnswerToo)
{
    NodeStatus status;
    auto host = startHost(localConfig(m_dir.path(QStringLiteral("a")), QStringLiteral("Ann")), status);
    const PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    // sendText returns a QFuture completed after the commit: the answer is its result.
    const auto sent = ask<api::SendResult>(
        *host, [stranger](Node& node) { return node.sendText(stranger, QStringLiteral("queued for you")); });
    ASSERT_TRUE(sent);
    ASSERT_TRUE(*sent) << sent->error().toStdString();
    EXPECT_EQ(sent->value().state, api::MessageState::Queued);
    const auto refused = ask<api::SendResult>(
        *host, [stranger](Node& node) { return node.sendText(stranger, QString(40000, QLatin1Char('x'))); });
    ASSERT_TRUE(refused);
    EXPECT_FALSE(*refused);

    bool done = false;
    QObject receiver;
    host->call(
        &receiver, [](Node& node) { node.stopMicrophoneTest(); }, [&done] { done = true; });
    EXPECT_TRUE(waitUntil([&] { return done; }));
}

TEST_F(NodeHostTest, EventsReachTheCallersThreadAndTextReachesTheOtherHost)
{
    NodeStatus annStatus;
    auto ann = startHost(localConfig(m_dir.path(QStringLiteral("ann")), QStringLiteral("Ann")), annStatus);
    const auto badAddress = ask<Result<NetworkAddress, QString>>(
        *ann, [](Node& node) { return node.addPeer(QStringLiteral("nonsense:99999")); });
    ASSERT_TRUE(badAddress);
    EXPECT_FALSE(*badAddress);

    NodeStatus benStatus;
    auto ben = startHost(
        localConfig(m_dir.path(QStringLiteral("ben")), QStringLiteral("Ben"), {annStatus.listenAddress}),
        benStatus);
    const PeerId annId = *PeerId::fromText(annStatus.id.toStdString());
    const PeerId benId = *PeerId::fromText(benStatus.id.toStdString());

    std::vector<api::StoredMessage> annStored;
    QThread* eventThread = nullptr;
    QObject receiver;
    QObject::connect(&ann->events(), &NodeEvents::messageStored, &receiver,
                     [&](const api::StoredMessage& message) {
                         annStored.push_back(message);
                         eventThread = QThread::currentThread();
                     });
    int peersChanged = 0;
    QObject::connect(&ann->events(), &NodeEvents::peersChanged, &receiver, [&] { ++peersChanged; });
    ASSERT_TRUE(waitUntil([&] { return connectedTo(*ann, benId) && connectedTo(*ben, annId); }));

    ben->call([annId](Node& node) { (void)node.sendText(annId, QStringLiteral("hi Ann")); });
    ASSERT_TRUE(waitUntil([&] { return !annStored.empty(); }));
    EXPECT_EQ(eventThread, QThread::currentThread());
    EXPECT_EQ(annStored.front().body, QStringLiteral("hi Ann"));
    EXPECT_FALSE(annStored.front().outgoing);
    EXPECT_TRUE(waitUntil([&] { return peersChanged >= 1; })); // coalesced, so a little later
    const auto summaries = ask<PeerSummaries>(*ann, [](Node& node) { return node.peerSummaries(); });
    ASSERT_TRUE(summaries);
    const auto benSummary = std::find_if(summaries->begin(), summaries->end(), [&](const PeerSummary& peer) {
        return peer.view.record.id == benId;
    });
    ASSERT_NE(benSummary, summaries->end());
    EXPECT_EQ(benSummary->view.unread, 1);
    ASSERT_TRUE(benSummary->last);
    EXPECT_EQ(benSummary->last->body, QStringLiteral("hi Ann"));

    EXPECT_EQ(ask<int>(*ann, [benId](Node& node) { return node.markConversationRead(benId); }), 1);
}

TEST_F(NodeHostTest, OpenReportsAFirstRunThenStartUsesTheChosenName)
{
    const QString dir = m_dir.path(QStringLiteral("new"));
    for (const bool first : {true, false}) {
        NodeHost host(localConfig(dir, QString()));
        const auto opened = ask<Result<NodeStatus, QString>>(host, [](Node& node) { return node.open(); });
        ASSERT_TRUE(opened && *opened);
        EXPECT_EQ(opened->value().newProfile, first);
        EXPECT_FALSE(opened->value().fingerprint.isEmpty());
        EXPECT_FALSE(opened->value().running); // open() alone touches no network
        if (first) {
            host.call([](Node& node) { node.setDisplayName(QStringLiteral("Chosen")); });
        }
        const auto started = ask<Result<QStringList, QString>>(host, [](Node& node) { return node.start(); });
        ASSERT_TRUE(started && *started);
        const auto status = ask<NodeStatus>(host, [](Node& node) { return node.status(); });
        EXPECT_EQ(status->displayName, QStringLiteral("Chosen"));
        EXPECT_EQ(status->id, opened->value().id);
    }
}

TEST_F(NodeHostTest, PeerDetailsCarryTheSafetyNumberAndVerificationFollows)
{
    NodeStatus annStatus;
    auto ann = startHost(localConfig(m_dir.path(QStringLiteral("ann")), QStringLiteral("Ann")), annStatus);
    NodeStatus benStatus;
    auto ben = startHost(
        localConfig(m_dir.path(QStringLiteral("ben")), QStringLiteral("Ben"), {annStatus.listenAddress}),
        benStatus);
    const PeerId annId = *PeerId::fromText(annStatus.id.toStdString());
    const PeerId benId = *PeerId::fromText(benStatus.id.toStdString());
    ASSERT_TRUE(waitUntil([&] { return connectedTo(*ann, benId); }));

    const auto fromAnn = ask<PeerDetails>(*ann, [benId](Node& node) { return node.peerDetails(benId); });
    const auto fromBen = ask<PeerDetails>(*ben, [annId](Node& node) { return node.peerDetails(annId); });
    ASSERT_TRUE(fromAnn && fromBen);
    EXPECT_EQ(fromAnn->view.record.id, benId);
    EXPECT_EQ(fromAnn->view.record.displayName, QStringLiteral("Ben"));
    EXPECT_FALSE(fromAnn->safetyNumber.isEmpty());
    EXPECT_EQ(fromAnn->safetyNumber, fromBen->safetyNumber); // both sides read the same number
    EXPECT_EQ(fromAnn->ownFingerprint, annStatus.fingerprint);
    EXPECT_FALSE(fromAnn->view.record.verified);

    const auto verified = ask<PeerDetails>(*ann, [benId](Node& node) {
        node.setVerified(benId, true);
        return node.peerDetails(benId);
    });
    EXPECT_TRUE(verified->view.record.verified);

    const PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    const auto unknown =
        ask<PeerDetails>(*ann, [stranger](Node& node) { return node.peerDetails(stranger); });
    EXPECT_EQ(unknown->view.record.id, stranger);
    EXPECT_TRUE(unknown->safetyNumber.isEmpty());
    EXPECT_FALSE(unknown->safetyNumberProblem.isEmpty());
}

TEST_F(NodeHostTest, SettingsAreSavedOrRefusedWithAReason)
{
    NodeStatus status;
    auto host = startHost(localConfig(m_dir.path(QStringLiteral("s")), QStringLiteral("Sam")), status);
    using Saved = Result<api::ProfileSettings, QString>;
    const auto loaded = ask<api::ProfileSettings>(*host, [](Node& node) { return node.settings(); });
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->displayName, QStringLiteral("Sam"));

    api::ProfileSettings bad = *loaded;
    bad.discoveryMode = QStringLiteral("carrier-pigeon");
    const auto refused = ask<Saved>(*host, [bad](Node& node) { return node.saveSettings(bad); });
    ASSERT_TRUE(refused);
    ASSERT_FALSE(*refused);
    EXPECT_TRUE(refused->error().contains(QStringLiteral("carrier-pigeon")))
        << refused->error().toStdString();

    api::ProfileSettings good = *loaded;
    good.startMinimised = true;
    const auto saved = ask<Saved>(*host, [good](Node& node) { return node.saveSettings(good); });
    ASSERT_TRUE(saved && *saved);
    EXPECT_TRUE(saved->value().startMinimised);
    EXPECT_TRUE(ask<api::ProfileSettings>(*host, [](Node& node) { return node.settings(); })->startMinimised);
}

} // namespace
} // namespace confab::api
