#include "node_harness.h"

#include <QDir>

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;
using storage::MessageState;
using test::TestNode;

QString idText(const proto::PeerId& id)
{
    return QString::fromStdString(id.toText());
}

class NodeTest : public test::TwoNodeTest {};

TEST_F(NodeTest, EachSideKnowsTheOtherByNameAndAddress)
{
    std::optional<PeerView> bobAsSeenByAlice;
    for (const PeerView& view : m_alice->node().peers()) {
        if (view.record.id == m_bob->id()) {
            bobAsSeenByAlice = view;
        }
    }
    ASSERT_TRUE(bobAsSeenByAlice);
    EXPECT_EQ(bobAsSeenByAlice->record.displayName, QStringLiteral("Bob Builder"));
    EXPECT_TRUE(bobAsSeenByAlice->connected);
    EXPECT_EQ(bobAsSeenByAlice->address, m_bob->address()); // his listen port, not the dialling one
    EXPECT_EQ(m_alice->node().connectedCount(), 1u);
    EXPECT_EQ(m_bob->node().displayName(), QStringLiteral("Bob Builder"));
}

TEST_F(NodeTest, TextArrivesAndTheSenderSeesItDelivered)
{
    const auto sent = m_bob->send(m_alice->id(), QStringLiteral("hello Alice"));
    ASSERT_TRUE(sent) << sent.error().toStdString();
    EXPECT_TRUE(sent.value().outgoing);
    EXPECT_EQ(sent.value().peer, m_alice->id());

    ASSERT_TRUE(waitUntil([&] { return !m_alice->incoming().empty(); }));
    const storage::StoredMessage received = m_alice->incoming().front();
    EXPECT_EQ(received.id, sent.value().id);
    EXPECT_EQ(received.peer, m_bob->id());
    EXPECT_EQ(received.body, QStringLiteral("hello Alice"));
    EXPECT_EQ(received.state, MessageState::Unread);
    EXPECT_EQ(received.sentMs, m_bobClock.nowMs());
    EXPECT_EQ(received.storedMs, m_aliceClock.nowMs());

    ASSERT_TRUE(
        waitUntil([&] { return m_bob->stateOf(m_alice->id(), sent.value().id) == MessageState::Delivered; }));
    ASSERT_FALSE(m_bob->changes.empty());
    EXPECT_EQ(m_bob->changes.back().id, sent.value().id);
    EXPECT_EQ(m_bob->changes.back().state, MessageState::Delivered);

    for (const PeerView& view : m_alice->node().peers()) {
        if (view.record.id == m_bob->id()) {
            EXPECT_EQ(view.unread, 1);
        }
    }
    EXPECT_EQ(m_alice->node().history(m_bob->id(), 10).size(), 1u);
}

TEST_F(NodeTest, TakingTheOldestUnreadMarksItReadOnBothSides)
{
    const auto first = m_bob->send(m_alice->id(), QStringLiteral("first"));
    const auto second = m_bob->send(m_alice->id(), QStringLiteral("second"));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(waitUntil([&] { return m_alice->incoming().size() == 2; }));

    auto taken = m_alice->node().takeOldestUnread(std::nullopt);
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->body, QStringLiteral("first"));
    EXPECT_EQ(taken->state, MessageState::ReadIncoming);
    ASSERT_TRUE(
        waitUntil([&] { return m_bob->stateOf(m_alice->id(), first.value().id) == MessageState::Read; }));
    EXPECT_EQ(m_bob->stateOf(m_alice->id(), second.value().id), MessageState::Delivered);

    taken = m_alice->node().takeOldestUnread(m_bob->id());
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->body, QStringLiteral("second"));
    EXPECT_FALSE(m_alice->node().takeOldestUnread(std::nullopt));
    ASSERT_TRUE(
        waitUntil([&] { return m_bob->stateOf(m_alice->id(), second.value().id) == MessageState::Read; }));
}

TEST_F(NodeTest, MessagesQueuedWhileTheRecipientIsDownArriveOnceInOrderWhenItReturns)
{
    const quint16 alicePort = m_alice->node().listenAddress().port;
    const proto::PeerId alice = m_alice->id();
    m_alice.reset(); // Alice quits
    ASSERT_TRUE(waitUntil([&] { return m_bob->node().connectedCount() == 0; }));

    std::vector<proto::MessageId> ids;
    for (int i = 0; i < 3; ++i) {
        const auto sent = m_bob->send(alice, QStringLiteral("while you were away %1").arg(i));
        ASSERT_TRUE(sent) << sent.error().toStdString();
        EXPECT_EQ(sent.value().state, MessageState::Queued);
        ids.push_back(sent.value().id);
    }

    // Alice comes back on the same profile and port; Bob redials her.
    m_alice = std::make_unique<TestNode>(aliceProfile(), QStringLiteral("Alice Liddell"), m_aliceClock,
                                         QStringList{}, alicePort);
    ASSERT_TRUE(m_alice->ok());
    EXPECT_EQ(m_alice->id(), alice);
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::all_of(ids.begin(), ids.end(), [&](const proto::MessageId& id) {
                return m_bob->stateOf(alice, id) == MessageState::Delivered;
            });
        },
        // Reconnecting decides how long this takes, not the periodic resend.
        chat::ChatService::kResendAfterMs * 2 / 5));
    spinFor(100); // let any duplicate sent on a replaced link arrive
    const auto received = m_alice->incoming();
    ASSERT_EQ(received.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(received[i].id, ids[i]);
        EXPECT_EQ(received[i].body, QStringLiteral("while you were away %1").arg(i));
    }
    EXPECT_EQ(m_alice->node().history(m_bob->id(), 100).size(), ids.size());
}

TEST_F(NodeTest, ResolvesFullIdsPrefixesAndNames)
{
    Node& alice = m_alice->node();
    const QString bob = idText(m_bob->id());

    auto resolved = alice.resolvePeer(bob);
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), m_bob->id());
    resolved = alice.resolvePeer(bob.left(6).toUpper());
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), m_bob->id());
    // The name is not an ID prefix (it has a space), so it resolves by name, in any case.
    resolved = alice.resolvePeer(QStringLiteral("  bob BUILDER "));
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), m_bob->id());

    // A full ID resolves even for a peer never met (a message can be queued for it).
    const proto::PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    resolved = alice.resolvePeer(idText(stranger));
    ASSERT_TRUE(resolved);
    EXPECT_EQ(resolved.value(), stranger);
}

TEST_F(NodeTest, AmbiguousPrefixListsTheCandidates)
{
    // Two conversations with IDs that share their first five characters.
    const auto first = proto::PeerId::fromText("qqqqqaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const auto second = proto::PeerId::fromText("qqqqqbaaaaaaaaaaaaaaaaaaaaaaaaaa");
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(m_alice->send(*first, QStringLiteral("to the first")));
    ASSERT_TRUE(m_alice->send(*second, QStringLiteral("to the second")));

    const auto ambiguous = m_alice->node().resolvePeer(QStringLiteral("qqqqq"));
    ASSERT_FALSE(ambiguous);
    EXPECT_TRUE(ambiguous.error().contains(QStringLiteral("2 peers"))) << ambiguous.error().toStdString();
    EXPECT_TRUE(ambiguous.error().contains(QStringLiteral("qqqqqaaaaaaa")))
        << ambiguous.error().toStdString();
    EXPECT_TRUE(ambiguous.error().contains(QStringLiteral("qqqqqbaaaaaa")))
        << ambiguous.error().toStdString();

    const auto unique = m_alice->node().resolvePeer(QStringLiteral("qqqqqb"));
    ASSERT_TRUE(unique) << unique.error().toStdString();
    EXPECT_EQ(unique.value(), *second);
}

TEST_F(NodeTest, UnknownPeerIsAnErrorThatSaysWhatToDo)
{
    const auto unknown = m_alice->node().resolvePeer(QStringLiteral("no-such-peer"));
    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().contains(QStringLiteral("Unknown peer"))) << unknown.error().toStdString();
    EXPECT_TRUE(unknown.error().contains(QStringLiteral("no-such-peer")));
    EXPECT_FALSE(m_alice->node().resolvePeer(QStringLiteral("   ")));
}

TEST_F(NodeTest, ConnectionsAreLoggedAsEvents)
{
    const auto hasEvent = [](Node& node, const QString& kind, const proto::PeerId& peer) {
        for (const storage::EventRecord& event : node.events(100)) {
            if (event.kind == kind && event.peer == peer) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(hasEvent(m_alice->node(), QStringLiteral("peer-connected"), m_bob->id()));
    EXPECT_TRUE(hasEvent(m_bob->node(), QStringLiteral("peer-connected"), m_alice->id()));
    const proto::PeerId bobId = m_bob->id();
    m_bob.reset();
    ASSERT_TRUE(
        waitUntil([&] { return hasEvent(m_alice->node(), QStringLiteral("peer-disconnected"), bobId); }));
}

TEST_F(NodeTest, SafetyNumbersMatchOnBothSides)
{
    const auto fromAlice = m_alice->node().safetyNumber(m_bob->id());
    const auto fromBob = m_bob->node().safetyNumber(m_alice->id());
    ASSERT_TRUE(fromAlice && fromBob);
    EXPECT_FALSE(fromAlice.value().empty());
    EXPECT_EQ(fromAlice.value(), fromBob.value());
    EXPECT_FALSE(m_alice->node().safetyNumber(crypto::IdentityKeyPair::generate().peerId()));
}

TEST(NodeProfile, SecondNodeOnTheSameProfileIsRefused)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    TestNode first(dir.path(QStringLiteral("p")), QStringLiteral("One"), clock);
    ASSERT_TRUE(first.ok());
    NodeConfig config;
    config.profileDir = dir.path(QStringLiteral("p"));
    config.discovery = net::DiscoveryMode::Off;
    const auto second = Node::create(config, clock);
    ASSERT_FALSE(second);
    EXPECT_TRUE(second.error().contains(QStringLiteral("in use"))) << second.error().toStdString();
}

TEST(NodeProfile, IdentityAndNameSurviveARestart)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    proto::PeerId id;
    {
        TestNode node(dir.path(QStringLiteral("p")), QStringLiteral("Carol"), clock);
        ASSERT_TRUE(node.ok());
        id = node.id();
    }
    NodeConfig config; // no name given: the profile's is kept
    config.profileDir = dir.path(QStringLiteral("p"));
    config.discovery = net::DiscoveryMode::Off;
    auto again = Node::create(config, clock);
    ASSERT_TRUE(again);
    EXPECT_EQ(again.value()->id(), id);
    EXPECT_EQ(again.value()->displayName(), QStringLiteral("Carol"));
}

TEST(NodeProfile, PortInUseIsReportedWhenChosenByTheUser)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    TestNode first(dir.path(QStringLiteral("a")), QStringLiteral("A"), clock);
    ASSERT_TRUE(first.ok());
    const NodeConfig config = confab::test::localNodeConfig(
        dir.path(QStringLiteral("b")), QStringLiteral("B"), {}, first->listenAddress().port);
    auto second = Node::create(config, clock);
    ASSERT_TRUE(second);
    const auto started = second.value()->start();
    ASSERT_FALSE(started);
    EXPECT_TRUE(started.error().contains(QStringLiteral("in use"))) << started.error().toStdString();
}

// Trust and settings

// Leaves a profile whose database pins `key` for `peer` (known as "Bob"),
// as if an earlier Bob had presented it; the profile is closed again.
void pinForeignKey(const QString& profileDir, const proto::PeerId& peer, const crypto::PublicKey& key)
{
    auto profile = storage::Profile::open(profileDir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    auto db = storage::Database::open(profile.value()->databasePath());
    ASSERT_TRUE(db) << db.error().toStdString();
    storage::PeerStore peers(*db.value());
    ASSERT_TRUE(peers.recordSeen(peer, QStringLiteral("Bob"), QString(), 1));
    ASSERT_TRUE(peers.pinKey(peer, key, 1));
}

proto::PeerId identityOf(const QString& profileDir)
{
    auto profile = storage::Profile::open(profileDir);
    EXPECT_TRUE(profile);
    return profile ? profile.value()->identity().peerId() : proto::PeerId{};
}

std::optional<PeerView> viewOf(Node& node, const proto::PeerId& peer)
{
    for (PeerView& view : node.peers()) {
        if (view.record.id == peer) {
            return view;
        }
    }
    return std::nullopt;
}

TEST(NodeTrust, AKnownPeerPresentingAnotherKeyRaisesAWarningUntilAcknowledged)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    const QString aliceDir = dir.path(QStringLiteral("alice"));
    const QString bobDir = dir.path(QStringLiteral("bob"));
    const proto::PeerId bobId = identityOf(bobDir);
    pinForeignKey(aliceDir, bobId, crypto::IdentityKeyPair::generate().publicKey());

    TestNode alice(aliceDir, QStringLiteral("Alice"), clock);
    ASSERT_TRUE(alice.ok());
    ASSERT_FALSE(alice->keyWarning(bobId));
    std::optional<TestNode> bob;
    bob.emplace(bobDir, QStringLiteral("Bob"), clock, QStringList{alice.address()});
    ASSERT_TRUE(bob->ok());

    // Alice refuses the real Bob, whose key is not the one she pinned, and warns.
    ASSERT_TRUE(waitUntil([&] { return alice->keyWarning(bobId).has_value(); }, 10000));
    EXPECT_FALSE(alice.isConnectedTo(bobId));
    const auto warning = alice->keyWarning(bobId);
    EXPECT_TRUE(warning->detail.contains(QStringLiteral("different identity key")))
        << warning->detail.toStdString();
    const auto view = viewOf(alice.node(), bobId);
    ASSERT_TRUE(view);
    ASSERT_TRUE(view->keyWarning);
    EXPECT_EQ(view->keyWarning->peer, bobId);
    bob.reset(); // no new attempts while the acknowledgement is checked

    EXPECT_TRUE(alice->acknowledgeKeyWarning(bobId));
    EXPECT_FALSE(alice->keyWarning(bobId));
    EXPECT_FALSE(viewOf(alice.node(), bobId)->keyWarning);
    EXPECT_FALSE(alice->acknowledgeKeyWarning(bobId));
}

TEST(NodeTrust, AcknowledgementSurvivesARestartAndANewRefusalReArmsIt)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    const QString aliceDir = dir.path(QStringLiteral("alice"));
    const QString bobDir = dir.path(QStringLiteral("bob"));
    const proto::PeerId bobId = identityOf(bobDir);
    pinForeignKey(aliceDir, bobId, crypto::IdentityKeyPair::generate().publicKey());
    {
        TestNode alice(aliceDir, QStringLiteral("Alice"), clock);
        TestNode bob(bobDir, QStringLiteral("Bob"), clock, QStringList{alice.address()});
        ASSERT_TRUE(waitUntil([&] { return alice->keyWarning(bobId).has_value(); }, 10000));
    }
    {
        TestNode alice(aliceDir, QStringLiteral("Alice"), clock);
        ASSERT_TRUE(alice->keyWarning(bobId)); // still pending after a restart
        ASSERT_TRUE(alice->acknowledgeKeyWarning(bobId));
    }
    TestNode alice(aliceDir, QStringLiteral("Alice"), clock);
    EXPECT_FALSE(alice->keyWarning(bobId)); // the acknowledgement was kept
    clock.advance(5000);
    TestNode bob(bobDir, QStringLiteral("Bob"), clock, QStringList{alice.address()});
    ASSERT_TRUE(waitUntil([&] { return alice->keyWarning(bobId).has_value(); }, 10000));
    EXPECT_EQ(alice->keyWarning(bobId)->raisedMs, clock.nowMs());
}

TEST_F(NodeTest, VerificationIsStoredAndShownInThePeerList)
{
    ASSERT_TRUE(viewOf(m_alice->node(), m_bob->id()));
    EXPECT_FALSE(viewOf(m_alice->node(), m_bob->id())->record.verified);
    EXPECT_TRUE(m_alice->node().setVerified(m_bob->id(), true));
    EXPECT_TRUE(viewOf(m_alice->node(), m_bob->id())->record.verified);
    EXPECT_FALSE(viewOf(m_bob->node(), m_alice->id())->record.verified); // each side decides for itself
    EXPECT_TRUE(m_alice->node().setVerified(m_bob->id(), false));
    EXPECT_FALSE(viewOf(m_alice->node(), m_bob->id())->record.verified);
    EXPECT_FALSE(m_alice->node().setVerified(crypto::IdentityKeyPair::generate().peerId(), true));
}

TEST_F(NodeTest, SecurityEventsAboutStrangersRaiseNoWarning)
{
    // A healthy pair: no warnings at all.
    EXPECT_FALSE(viewOf(m_alice->node(), m_bob->id())->keyWarning);
    EXPECT_FALSE(m_alice->node().keyWarning(crypto::IdentityKeyPair::generate().peerId()));
}

TEST(NodeSettings, DefaultsAreFilledInAndSavedSettingsComeBack)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    TestNode node(dir.path(QStringLiteral("p")), QStringLiteral("Dora"), clock);
    ASSERT_TRUE(node.ok());
    const storage::ProfileSettings defaults = node->settings();
    EXPECT_EQ(defaults.displayName, QStringLiteral("Dora"));
    EXPECT_FALSE(defaults.downloadFolder.isEmpty());
    EXPECT_TRUE(QDir::isAbsolutePath(defaults.downloadFolder));
    EXPECT_EQ(defaults.discoveryMode, QStringLiteral("auto"));
    EXPECT_FALSE(defaults.startMinimised);

    storage::ProfileSettings chosen = defaults;
    chosen.displayName = QStringLiteral("  Dora E.  ");
    chosen.downloadFolder = dir.path(QStringLiteral("drop/../drop"));
    chosen.startMinimised = true;
    chosen.discoveryMode = QStringLiteral("off");
    const auto saved = node->saveSettings(chosen);
    ASSERT_TRUE(saved) << saved.error().toStdString();
    EXPECT_EQ(saved.value().displayName, QStringLiteral("Dora E."));
    EXPECT_EQ(saved.value().downloadFolder, dir.path(QStringLiteral("drop")));
    const storage::ProfileSettings read = node->settings();
    EXPECT_EQ(read.displayName, QStringLiteral("Dora E."));
    EXPECT_EQ(read.downloadFolder, dir.path(QStringLiteral("drop")));
    EXPECT_TRUE(read.startMinimised);
    EXPECT_EQ(read.discoveryMode, QStringLiteral("off"));
    EXPECT_EQ(node->displayName(), QStringLiteral("Dora")); // the running node keeps its name
}

TEST(NodeSettings, InvalidSettingsAreRefusedWithAReason)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    TestNode node(dir.path(QStringLiteral("p")), QStringLiteral("Dora"), clock);
    ASSERT_TRUE(node.ok());
    const storage::ProfileSettings good = node->settings();

    storage::ProfileSettings noName = good;
    noName.displayName = QStringLiteral("   ");
    EXPECT_FALSE(node->saveSettings(noName));
    storage::ProfileSettings longName = good;
    longName.displayName = QString(65, QLatin1Char('x'));
    const auto tooLong = node->saveSettings(longName);
    ASSERT_FALSE(tooLong);
    EXPECT_TRUE(tooLong.error().contains(QStringLiteral("too long"))) << tooLong.error().toStdString();
    storage::ProfileSettings badMode = good;
    badMode.discoveryMode = QStringLiteral("bluetooth");
    EXPECT_FALSE(node->saveSettings(badMode));
    storage::ProfileSettings relative = good;
    relative.downloadFolder = QStringLiteral("Downloads");
    EXPECT_FALSE(node->saveSettings(relative));
    EXPECT_EQ(node->settings().displayName, QStringLiteral("Dora")); // nothing was saved
}

TEST(NodeSettings, SavedDiscoveryModeAppliesAtTheNextStartWhenTheFrontEndAsks)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    const QString profileDir = dir.path(QStringLiteral("p"));
    {
        TestNode node(profileDir, QStringLiteral("Dora"), clock);
        storage::ProfileSettings settings = node->settings();
        settings.discoveryMode = QStringLiteral("off");
        ASSERT_TRUE(node->saveSettings(settings));
    }
    NodeConfig config = confab::test::localNodeConfig(profileDir, QStringLiteral("Dora"));
    config.discovery = net::DiscoveryMode::Embedded; // what the front end would use otherwise
    config.discoveryFromSettings = true;
    auto node = Node::create(config, clock);
    ASSERT_TRUE(node);
    ASSERT_TRUE(node.value()->start());
    EXPECT_EQ(node.value()->discoveryMode(), QStringLiteral("static")); // off: addresses only
}

TEST(NodeSettings, ANameSetBeforeStartIsUsedAndOneSetAfterWaitsForTheNextStart)
{
    confab::test::TempDir dir;
    confab::test::FakeClock clock;
    const QString profileDir = dir.path(QStringLiteral("p"));
    NodeConfig config = confab::test::localNodeConfig(profileDir, QString());
    {
        auto node = Node::create(config, clock);
        ASSERT_TRUE(node);
        EXPECT_TRUE(node.value()->isNewProfile());
        node.value()->setDisplayName(QStringLiteral("  First Name "));
        EXPECT_EQ(node.value()->displayName(), QStringLiteral("First Name"));
        ASSERT_TRUE(node.value()->start());
        node.value()->setDisplayName(QStringLiteral("Second Name"));
        EXPECT_EQ(node.value()->displayName(), QStringLiteral("First Name"));
    }
    auto again = Node::create(config, clock);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again.value()->isNewProfile());
    EXPECT_EQ(again.value()->displayName(), QStringLiteral("Second Name"));
}

} // namespace
} // namespace confab::api
