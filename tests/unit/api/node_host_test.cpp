// NodeHost runs the node on a thread of its own and answers in the caller's thread.
#include "api/node_host.h"
#include "api/peer_address.h"
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
    // Starts a host and waits for its status; the threads seen by the slots are recorded.
    std::unique_ptr<NodeHost> startHost(const NodeConfig& config, NodeStatus& status)
    {
        auto host = std::make_unique<NodeHost>(config);
        bool started = false;
        QObject::connect(host.get(), &NodeHost::started, host.get(),
                         [&](const NodeStatus& reported, const QStringList&) {
                             status = reported;
                             started = true;
                             m_answerThreads.push_back(QThread::currentThread());
                         });
        host->start();
        EXPECT_TRUE(waitUntil([&] { return started; }, 10000));
        return host;
    }

    confab::test::TempDir m_dir;
    std::vector<QThread*> m_answerThreads;
};

TEST_F(NodeHostTest, StartsOnAnotherThreadAndAnswersOnTheCallersThread)
{
    NodeStatus status;
    auto host = startHost(localConfig(m_dir.path(QStringLiteral("a")), QStringLiteral("Ann")), status);
    EXPECT_EQ(status.displayName, QStringLiteral("Ann"));
    EXPECT_TRUE(status.listenAddress.startsWith(QStringLiteral("127.0.0.1:")))
        << status.listenAddress.toStdString();
    EXPECT_FALSE(status.listenAddress.endsWith(QStringLiteral(":0")));
    EXPECT_FALSE(status.id.isEmpty());

    // The history query runs on the network thread; the answer arrives here.
    bool loaded = false;
    QThread* historyThread = nullptr;
    QObject::connect(host.get(), &NodeHost::historyLoaded, host.get(),
                     [&](const proto::PeerId&, qint64, const StoredMessages& messages) {
                         loaded = true;
                         historyThread = QThread::currentThread();
                         EXPECT_TRUE(messages.empty());
                     });
    host->loadHistory(*proto::PeerId::fromText(status.id.toStdString()), 0, 10);
    ASSERT_TRUE(waitUntil([&] { return loaded; }));
    EXPECT_EQ(historyThread, QThread::currentThread());
    ASSERT_EQ(m_answerThreads.size(), 1u);
    EXPECT_EQ(m_answerThreads.front(), QThread::currentThread());
}

TEST_F(NodeHostTest, RejectedAddressIsReportedAndTextReachesTheOtherHost)
{
    NodeStatus annStatus;
    auto ann = startHost(localConfig(m_dir.path(QStringLiteral("ann")), QStringLiteral("Ann")), annStatus);
    std::optional<QString> addError;
    QObject::connect(ann.get(), &NodeHost::addPeerFailed, ann.get(),
                     [&](const QString&, const QString& error) { addError = error; });
    ann->addPeer(QStringLiteral("nonsense:99999"));
    ASSERT_TRUE(waitUntil([&] { return addError.has_value(); }));

    NodeStatus benStatus;
    auto ben = startHost(
        localConfig(m_dir.path(QStringLiteral("ben")), QStringLiteral("Ben"), {annStatus.listenAddress}),
        benStatus);
    const proto::PeerId annId = *proto::PeerId::fromText(annStatus.id.toStdString());
    const proto::PeerId benId = *proto::PeerId::fromText(benStatus.id.toStdString());

    std::vector<storage::StoredMessage> annStored;
    QObject::connect(ann.get(), &NodeHost::messageStored, ann.get(),
                     [&](const storage::StoredMessage& message) { annStored.push_back(message); });
    PeerSummaries annPeers;
    QObject::connect(ann.get(), &NodeHost::peersChanged, ann.get(),
                     [&](const PeerSummaries& peers) { annPeers = peers; });
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::any_of(annPeers.begin(), annPeers.end(), [&](const PeerSummary& peer) {
                return peer.view.record.id == benId && peer.view.connected;
            });
        },
        10000));

    ben->sendText(annId, QStringLiteral("hi Ann"));
    ASSERT_TRUE(waitUntil([&] { return !annStored.empty(); }, 10000));
    EXPECT_EQ(annStored.front().body, QStringLiteral("hi Ann"));
    EXPECT_FALSE(annStored.front().outgoing);
    // The peer list follows: one unread, with the message as preview.
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::any_of(annPeers.begin(), annPeers.end(), [&](const PeerSummary& peer) {
                return peer.view.record.id == benId && peer.view.unread == 1 && peer.last &&
                       peer.last->body == QStringLiteral("hi Ann");
            });
        },
        10000));

    ann->markRead(benId);
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::any_of(annPeers.begin(), annPeers.end(), [&](const PeerSummary& peer) {
                return peer.view.record.id == benId && peer.view.unread == 0;
            });
        },
        10000));
}

} // namespace
} // namespace confab::api
