// NodeHost runs the node on a thread of its own and answers in the caller's thread.
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

// Trust and settings

TEST_F(NodeHostTest, OpenReportsAFirstRunThenStartUsesTheChosenName)
{
    const QString dir = m_dir.path(QStringLiteral("new"));
    for (const bool first : {true, false}) {
        NodeHost host(localConfig(dir, QString()));
        std::optional<NodeStatus> opened;
        std::optional<NodeStatus> started;
        QObject::connect(&host, &NodeHost::opened, &host,
                         [&](const NodeStatus& status, const storage::ProfileSettings&) { opened = status; });
        QObject::connect(&host, &NodeHost::started, &host,
                         [&](const NodeStatus& status, const QStringList&) { started = status; });
        host.open();
        ASSERT_TRUE(waitUntil([&] { return opened.has_value(); }, 10000));
        EXPECT_EQ(opened->newProfile, first);
        EXPECT_FALSE(opened->fingerprint.isEmpty());
        EXPECT_FALSE(started); // open() alone touches no network
        if (first) {
            host.setDisplayName(QStringLiteral("Chosen"));
        }
        host.start();
        ASSERT_TRUE(waitUntil([&] { return started.has_value(); }, 10000));
        EXPECT_EQ(started->displayName, QStringLiteral("Chosen"));
        EXPECT_EQ(started->id, opened->id);
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
    const proto::PeerId annId = *proto::PeerId::fromText(annStatus.id.toStdString());
    const proto::PeerId benId = *proto::PeerId::fromText(benStatus.id.toStdString());

    // Until the link is up there is no key to compute a number from.
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
    std::vector<PeerDetails> annDetails;
    QObject::connect(ann.get(), &NodeHost::peerDetailsLoaded, ann.get(),
                     [&](const PeerDetails& details) { annDetails.push_back(details); });
    std::vector<PeerDetails> benDetails;
    QObject::connect(ben.get(), &NodeHost::peerDetailsLoaded, ben.get(),
                     [&](const PeerDetails& details) { benDetails.push_back(details); });
    ann->loadPeerDetails(benId);
    ben->loadPeerDetails(annId);
    ASSERT_TRUE(waitUntil([&] { return annDetails.size() == 1 && benDetails.size() == 1; }, 10000));
    const PeerDetails fromAnn = annDetails.back();
    EXPECT_EQ(fromAnn.view.record.id, benId);
    EXPECT_EQ(fromAnn.view.record.displayName, QStringLiteral("Ben"));
    EXPECT_FALSE(fromAnn.safetyNumber.isEmpty());
    EXPECT_EQ(fromAnn.safetyNumber, benDetails.back().safetyNumber); // both sides read the same number
    EXPECT_EQ(fromAnn.ownFingerprint, annStatus.fingerprint);
    EXPECT_FALSE(fromAnn.view.record.verified);

    ann->setVerified(benId, true); // answers with the details as they are now
    ASSERT_TRUE(waitUntil([&] { return annDetails.size() == 2; }, 10000));
    EXPECT_TRUE(annDetails.back().view.record.verified);

    const proto::PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    ann->loadPeerDetails(stranger);
    ASSERT_TRUE(waitUntil([&] { return annDetails.back().view.record.id == stranger; }, 10000));
    EXPECT_TRUE(annDetails.back().safetyNumber.isEmpty());
    EXPECT_FALSE(annDetails.back().safetyNumberProblem.isEmpty());
}

TEST_F(NodeHostTest, SettingsAreSavedOrRefusedWithAReason)
{
    NodeStatus status;
    auto host = startHost(localConfig(m_dir.path(QStringLiteral("s")), QStringLiteral("Sam")), status);
    std::optional<storage::ProfileSettings> loaded;
    std::optional<storage::ProfileSettings> saved;
    std::optional<QString> failed;
    QObject::connect(host.get(), &NodeHost::settingsLoaded, host.get(),
                     [&](const storage::ProfileSettings& settings) { loaded = settings; });
    QObject::connect(host.get(), &NodeHost::settingsSaved, host.get(),
                     [&](const storage::ProfileSettings& settings) { saved = settings; });
    QObject::connect(host.get(), &NodeHost::settingsFailed, host.get(),
                     [&](const QString& error) { failed = error; });
    host->loadSettings();
    ASSERT_TRUE(waitUntil([&] { return loaded.has_value(); }));
    EXPECT_EQ(loaded->displayName, QStringLiteral("Sam"));

    storage::ProfileSettings bad = *loaded;
    bad.discoveryMode = QStringLiteral("carrier-pigeon");
    host->saveSettings(bad);
    ASSERT_TRUE(waitUntil([&] { return failed.has_value(); }));
    EXPECT_TRUE(failed->contains(QStringLiteral("carrier-pigeon"))) << failed->toStdString();
    EXPECT_FALSE(saved);

    storage::ProfileSettings good = *loaded;
    good.startMinimised = true;
    host->saveSettings(good);
    ASSERT_TRUE(waitUntil([&] { return saved.has_value(); }));
    EXPECT_TRUE(saved->startMinimised);
    loaded.reset();
    host->loadSettings();
    ASSERT_TRUE(waitUntil([&] { return loaded.has_value(); }));
    EXPECT_TRUE(loaded->startMinimised);
}

} // namespace
} // namespace confab::api
