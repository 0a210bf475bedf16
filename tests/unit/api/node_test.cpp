#include "crypto/identity.h"
#include "node_harness.h"
#include "session/dialer.h"
#include "storage/database.h"
#include "storage/peer_store.h"
#include "storage/profile.h"
#include "support/log_capture.h"

#include <QDir>

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using api::MessageState;
using test::SimWorld;
using test::TestNode;

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

class NodeTest : public test::TwoNodeTest<test::SimWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }
};

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
    const api::StoredMessage received = m_alice->incoming().front();
    EXPECT_EQ(received.id, sent.value().id);
    EXPECT_EQ(received.peer, m_bob->id());
    EXPECT_EQ(received.body, QStringLiteral("hello Alice"));
    EXPECT_EQ(received.state, MessageState::Unread);
    // Each side's own clock: the sender's when it was sent, the receiver's when stored.
    EXPECT_EQ(received.sentMs, sent.value().sentMs);
    EXPECT_LE(std::abs(received.sentMs - m_bob->clock().wallMs()), 100);
    EXPECT_LE(std::abs(received.storedMs - m_alice->clock().wallMs()), 100);

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
    const QString aliceHost = m_alice->node().listenAddress().host;
    const PeerId alice = m_alice->id();
    m_alice.reset(); // Alice quits
    ASSERT_TRUE(waitUntil([&] { return m_bob->node().connectedCount() == 0; }));

    std::vector<MessageId> ids;
    for (int i = 0; i < 3; ++i) {
        const auto sent = m_bob->send(alice, QStringLiteral("while you were away %1").arg(i));
        ASSERT_TRUE(sent) << sent.error().toStdString();
        EXPECT_EQ(sent.value().state, MessageState::Queued);
        ids.push_back(sent.value().id);
    }

    // Alice comes back on the same profile and port; Bob redials her.
    m_alice = std::make_unique<TestNode>(m_world, QStringLiteral("alice"), QStringLiteral("Alice Liddell"),
                                         TestNode::Options{{}, kAliceOffsetMs, aliceHost, true, alicePort});
    ASSERT_TRUE(m_alice->ok());
    EXPECT_EQ(m_alice->id(), alice);
    const std::int64_t backAt = m_world.virtualClock.monotonicMs();
    ASSERT_TRUE(waitUntil([&] {
        return std::all_of(ids.begin(), ids.end(), [&](const MessageId& id) {
            return m_bob->stateOf(alice, id) == MessageState::Delivered;
        });
    }));
    // Reconnecting decides how long this takes (the dialer's backoff), not the periodic resend.
    EXPECT_LE(m_world.virtualClock.monotonicMs() - backAt, session::Dialer::kMaxRetryMs + 100);
    m_world.runFor(1000); // any duplicate sent on a replaced link would arrive now
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
    const PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    resolved = alice.resolvePeer(idText(stranger));
    ASSERT_TRUE(resolved);
    EXPECT_EQ(resolved.value(), stranger);
}

TEST_F(NodeTest, ANameWinsOverTheSameLettersStartingAnId)
{
    // Carol calls herself by the first letter of Bob's ID: one letter in 32
    // does, so "send c" must mean the peer named c, not an ID starting with c.
    const QString bobsFirstLetter = idText(m_bob->id()).left(1);
    TestNode carol(m_world, QStringLiteral("carol"), bobsFirstLetter,
                   TestNode::Options{{m_alice->address()}, 0, {}, true, defaultPort()});
    ASSERT_TRUE(carol.ok());
    ASSERT_TRUE(waitUntil([&] { return m_alice->viewOf(carol.id()).has_value(); }));

    auto resolved = m_alice->node().resolvePeer(bobsFirstLetter.toUpper());
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), carol.id());
    // More of the ID than any name still finds Bob.
    resolved = m_alice->node().resolvePeer(idText(m_bob->id()).left(4));
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), m_bob->id());
}

TEST_F(NodeTest, AmbiguousPrefixListsTheCandidates)
{
    // Two conversations with IDs that share their first five characters.
    const auto first = PeerId::fromText("qqqqqaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const auto second = PeerId::fromText("qqqqqbaaaaaaaaaaaaaaaaaaaaaaaaaa");
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
    const auto hasEvent = [](Node& node, const QString& kind, const PeerId& peer) {
        for (const api::EventRecord& event : node.eventLog(100)) {
            if (event.kind == kind && event.peer == peer) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(hasEvent(m_alice->node(), QStringLiteral("peer-connected"), m_bob->id()));
    EXPECT_TRUE(hasEvent(m_bob->node(), QStringLiteral("peer-connected"), m_alice->id()));
    const PeerId bobId = m_bob->id();
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

// A node of `world` that is not started yet.
std::unique_ptr<Node> unstartedNode(SimWorld& world, const QString& profile, const QString& name,
                                    TestNode::Options options = {})
{
    options.start = false;
    return std::make_unique<Node>(
        TestNode::config(world.dir.path(profile), name, world.listenAddress({}, options.port), options),
        world.environment({}));
}

TEST(NodeProfile, SecondNodeOnTheSameProfileIsRefused)
{
    SimWorld world;
    TestNode first(world, QStringLiteral("p"), QStringLiteral("One"));
    ASSERT_TRUE(first.ok());
    auto second = unstartedNode(world, QStringLiteral("p"), QString());
    const auto opened = second->open();
    ASSERT_FALSE(opened);
    EXPECT_TRUE(opened.error().contains(QStringLiteral("in use"))) << opened.error().toStdString();
}

TEST(NodeSettings, FileDropSettingsSavedApplyAtTheNextOpenAndTheOptionTurnsAcceptingOn)
{
    SimWorld world;
    const QString drops = world.dir.path(QStringLiteral("drops"));
    {
        TestNode node(world, QStringLiteral("p"), QStringLiteral("Eve"));
        ASSERT_TRUE(node.ok());
        api::ProfileSettings chosen = node->settings();
        chosen.downloadFolder = drops;
        chosen.autoAcceptVerified = true;
        ASSERT_TRUE(node->saveSettings(chosen));
    }
    auto again = unstartedNode(world, QStringLiteral("p"), QString());
    ASSERT_TRUE(again->open());
    EXPECT_EQ(again->downloadFolder(), drops);
    EXPECT_TRUE(again->settings().autoAcceptVerified);
    again.reset();

    // --auto-accept-verified turns it on even where the profile has it off.
    auto fresh = std::make_unique<Node>(
        [&] {
            api::NodeConfig config =
                TestNode::config(world.dir.path(QStringLiteral("q")), QStringLiteral("Fay"),
                                 world.listenAddress({}, TestNode::kPort), {});
            config.autoAcceptVerified = true;
            return config;
        }(),
        world.environment({}));
    ASSERT_TRUE(fresh->open());
    EXPECT_TRUE(fresh->settings().autoAcceptVerified);
}

TEST(NodeProfile, IdentityAndNameSurviveARestart)
{
    SimWorld world;
    PeerId id;
    {
        TestNode node(world, QStringLiteral("p"), QStringLiteral("Carol"));
        ASSERT_TRUE(node.ok());
        id = node.id();
    }
    auto again = unstartedNode(world, QStringLiteral("p"), QString()); // no name given: the profile's is kept
    ASSERT_TRUE(again->open());
    EXPECT_EQ(again->id(), id);
    EXPECT_EQ(again->displayName(), QStringLiteral("Carol"));
    EXPECT_FALSE(again->isNewProfile());
}

// Trust and settings

// Leaves a profile whose database pins `key` for `peer` (known as "Bob"),
// as if an earlier Bob had presented it; the profile is closed again.
void pinForeignKey(const QString& profileDir, const PeerId& peer, const crypto::PublicKey& key)
{
    auto profile = storage::Profile::open(profileDir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    auto db = storage::Database::open(profile.value()->databasePath());
    ASSERT_TRUE(db) << db.error().toStdString();
    storage::PeerStore peers(*db.value());
    ASSERT_TRUE(peers.recordSeen(peer, QStringLiteral("Bob"), QString(), 1));
    ASSERT_TRUE(peers.pinKey(peer, key, 1));
}

PeerId identityOf(const QString& profileDir)
{
    auto profile = storage::Profile::open(profileDir);
    EXPECT_TRUE(profile);
    return profile ? profile.value()->identity().peerId() : PeerId{};
}

std::optional<api::KeyWarning> warningAbout(TestNode& node, const PeerId& peer)
{
    const auto view = node.viewOf(peer);
    return view ? view->keyWarning : std::nullopt;
}

TEST(NodeTrust, AKnownPeerPresentingAnotherKeyRaisesAWarningUntilAcknowledged)
{
    SimWorld world;
    const PeerId bobId = identityOf(world.dir.path(QStringLiteral("bob")));
    pinForeignKey(world.dir.path(QStringLiteral("alice")), bobId,
                  crypto::IdentityKeyPair::generate().publicKey());

    TestNode alice(world, QStringLiteral("alice"), QStringLiteral("Alice"));
    ASSERT_TRUE(alice.ok());
    ASSERT_FALSE(warningAbout(alice, bobId));
    std::optional<TestNode> bob;
    bob.emplace(world, QStringLiteral("bob"), QStringLiteral("Bob"), TestNode::Options{{alice.address()}});
    ASSERT_TRUE(bob->ok());

    // Alice refuses the real Bob, whose key is not the one she pinned, and warns.
    ASSERT_TRUE(world.runUntil([&] { return warningAbout(alice, bobId).has_value(); }));
    EXPECT_FALSE(alice.isConnectedTo(bobId));
    const auto warning = warningAbout(alice, bobId);
    EXPECT_TRUE(warning->detail.contains(QStringLiteral("different identity key")))
        << warning->detail.toStdString();
    EXPECT_EQ(warning->peer, bobId);
    bob.reset(); // no new attempts while the acknowledgement is checked

    EXPECT_TRUE(alice->acknowledgeKeyWarning(bobId));
    EXPECT_FALSE(warningAbout(alice, bobId));
    EXPECT_FALSE(alice->acknowledgeKeyWarning(bobId));
}

TEST(NodeTrust, AcknowledgementSurvivesARestartAndANewRefusalReArmsIt)
{
    SimWorld world;
    const QString aliceHost = world.nextAddress();
    const TestNode::Options atAliceHost{{}, 0, aliceHost};
    const PeerId bobId = identityOf(world.dir.path(QStringLiteral("bob")));
    pinForeignKey(world.dir.path(QStringLiteral("alice")), bobId,
                  crypto::IdentityKeyPair::generate().publicKey());
    const QString aliceAddress = QStringLiteral("%1:%2").arg(aliceHost).arg(TestNode::kPort);
    {
        TestNode alice(world, QStringLiteral("alice"), QStringLiteral("Alice"), atAliceHost);
        TestNode bob(world, QStringLiteral("bob"), QStringLiteral("Bob"), TestNode::Options{{aliceAddress}});
        ASSERT_TRUE(world.runUntil([&] { return warningAbout(alice, bobId).has_value(); }));
    }
    {
        TestNode alice(world, QStringLiteral("alice"), QStringLiteral("Alice"), atAliceHost);
        ASSERT_TRUE(warningAbout(alice, bobId)); // still pending after a restart
        ASSERT_TRUE(alice->acknowledgeKeyWarning(bobId));
    }
    TestNode alice(world, QStringLiteral("alice"), QStringLiteral("Alice"), atAliceHost);
    EXPECT_FALSE(warningAbout(alice, bobId)); // the acknowledgement was kept
    world.runFor(5000);
    TestNode bob(world, QStringLiteral("bob"), QStringLiteral("Bob"), TestNode::Options{{aliceAddress}});
    const std::int64_t bobStartedMs = alice.clock().wallMs();
    ASSERT_TRUE(world.runUntil([&] { return warningAbout(alice, bobId).has_value(); }));
    EXPECT_GE(warningAbout(alice, bobId)->raisedMs, bobStartedMs); // raised by the new refusal
    EXPECT_LE(warningAbout(alice, bobId)->raisedMs, alice.clock().wallMs());
}

TEST_F(NodeTest, VerificationIsStoredAndShownInThePeerList)
{
    ASSERT_TRUE(m_alice->viewOf(m_bob->id()));
    EXPECT_FALSE(m_alice->viewOf(m_bob->id())->record.verified);
    EXPECT_TRUE(m_alice->node().setVerified(m_bob->id(), true));
    EXPECT_TRUE(m_alice->viewOf(m_bob->id())->record.verified);
    EXPECT_FALSE(m_bob->viewOf(m_alice->id())->record.verified); // each side decides for itself
    EXPECT_TRUE(m_alice->node().setVerified(m_bob->id(), false));
    EXPECT_FALSE(m_alice->viewOf(m_bob->id())->record.verified);
    EXPECT_FALSE(m_alice->node().setVerified(crypto::IdentityKeyPair::generate().peerId(), true));
}

TEST_F(NodeTest, SecurityEventsAboutStrangersRaiseNoWarning)
{
    // A healthy pair: no warnings at all.
    EXPECT_FALSE(m_alice->viewOf(m_bob->id())->keyWarning);
    for (const PeerView& view : m_alice->node().peers()) {
        EXPECT_FALSE(view.keyWarning);
    }
}

TEST_F(NodeTest, PeersChangedIsAnnouncedOnceForABurst)
{
    int announced = 0;
    QObject::connect(&m_alice->node().events(), &NodeEvents::peersChanged, &m_alice->node().events(),
                     [&announced] { ++announced; });
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(m_bob->send(m_alice->id(), QStringLiteral("burst %1").arg(i)));
    }
    ASSERT_TRUE(waitUntil([&] { return m_alice->incoming().size() == 20; }));
    m_world.runFor(1000);
    EXPECT_GE(announced, 1);
    EXPECT_LE(announced, 2); // a burst within the coalescing delay is one refresh
}

TEST_F(NodeTest, MarkingAConversationReadSendsOneReceiptForAllItsMessages)
{
    std::vector<MessageId> ids;
    for (int i = 0; i < 5; ++i) {
        const auto sent = m_bob->send(m_alice->id(), QStringLiteral("unread %1").arg(i));
        ASSERT_TRUE(sent);
        ids.push_back(sent.value().id);
    }
    ASSERT_TRUE(waitUntil([&] {
        return std::all_of(ids.begin(), ids.end(), [&](const MessageId& id) {
            return m_bob->stateOf(m_alice->id(), id) == MessageState::Delivered;
        });
    }));
    ASSERT_EQ(m_alice->viewOf(m_bob->id())->unread, 5);
    m_bob->changes.clear();
    const std::uint64_t writesBefore = m_world.network.stats().segments;
    EXPECT_EQ(m_alice->node().markConversationRead(m_bob->id()), 5);
    // One Read receipt carrying all five ids: one write on the link, not five.
    EXPECT_EQ(m_world.network.stats().segments - writesBefore, 1u);
    EXPECT_EQ(m_alice->viewOf(m_bob->id())->unread, 0);
    EXPECT_EQ(m_alice->node().markConversationRead(m_bob->id()), 0); // nothing left to mark
    ASSERT_TRUE(waitUntil([&] {
        return std::all_of(ids.begin(), ids.end(), [&](const MessageId& id) {
            return m_bob->stateOf(m_alice->id(), id) == MessageState::Read;
        });
    }));
    ASSERT_EQ(m_bob->changes.size(), ids.size());
    EXPECT_TRUE(std::all_of(m_bob->changes.begin(), m_bob->changes.end(),
                            [](const api::StoredMessage& m) { return m.state == MessageState::Read; }));
}

TEST_F(NodeTest, ARoomShowsItsChangesAsEventsAndAMentionNamesTheReader)
{
    const RoomResult made = m_alice->node().createRoom(QStringLiteral("Lab"), {m_bob->id()});
    ASSERT_TRUE(made) << made.error().toStdString();
    const QString room = made.value().id;
    ASSERT_TRUE(waitUntil([&] { return m_bob->node().room(room).ok(); }));
    ASSERT_TRUE(m_alice->node().renameRoom(room, QStringLiteral("Lab 2")));

    ASSERT_TRUE(waitUntil([&] {
        const auto events = m_bob->node().roomEvents(room);
        return events && events.value().size() == 3;
    }));
    const std::vector<RoomEventView> events = m_bob->node().roomEvents(room).value();
    EXPECT_EQ(events[0].kind, RoomEventView::Kind::Created);
    EXPECT_EQ(events[0].actor, m_alice->id());
    EXPECT_EQ(events[0].actorName, QStringLiteral("Alice Liddell"));
    EXPECT_FALSE(events[0].actorIsYou);
    EXPECT_EQ(events[0].name, QStringLiteral("Lab"));
    EXPECT_EQ(events[1].kind, RoomEventView::Kind::Added);
    EXPECT_EQ(events[1].subject, m_bob->id());
    EXPECT_TRUE(events[1].subjectIsYou);
    EXPECT_EQ(events[2].kind, RoomEventView::Kind::Renamed);
    EXPECT_EQ(events[2].name, QStringLiteral("Lab 2"));
    EXPECT_LE(events[0].timeMs, events[2].timeMs);

    ASSERT_TRUE(m_bob->node().sendRoomText(room, QStringLiteral("@alice liddell have a look")));
    ASSERT_TRUE(m_bob->node().sendRoomText(room, QStringLiteral("and @Alicia too")));
    ASSERT_TRUE(waitUntil([&] {
        const auto history = m_alice->node().roomHistory(room, 10);
        return history && history.value().size() == 2;
    }));
    const auto history = m_alice->node().roomHistory(room, 10).value();
    EXPECT_TRUE(history[0].mentionsYou);
    EXPECT_FALSE(history[1].mentionsYou);
    // The sender's own copy names nobody to itself.
    EXPECT_FALSE(m_bob->node().roomHistory(room, 10).value()[0].mentionsYou);

    ASSERT_TRUE(m_bob->node().leaveRoom(room));
    ASSERT_TRUE(waitUntil([&] { return m_alice->node().roomEvents(room).value().size() == 4; }));
    const RoomEventView left = m_alice->node().roomEvents(room).value().back();
    EXPECT_EQ(left.kind, RoomEventView::Kind::Left);
    EXPECT_EQ(left.actor, m_bob->id());
    EXPECT_EQ(left.actorName, QStringLiteral("Bob Builder"));
    EXPECT_FALSE(m_alice->node().roomEvents(QStringLiteral("no such room")));
}

TEST(NodeSettings, DefaultsAreFilledInAndSavedSettingsComeBack)
{
    SimWorld world;
    TestNode node(world, QStringLiteral("p"), QStringLiteral("Dora"));
    ASSERT_TRUE(node.ok());
    const api::ProfileSettings defaults = node->settings();
    EXPECT_EQ(defaults.displayName, QStringLiteral("Dora"));
    EXPECT_FALSE(defaults.downloadFolder.isEmpty());
    EXPECT_TRUE(QDir::isAbsolutePath(defaults.downloadFolder));
    EXPECT_EQ(defaults.discoveryMode, QStringLiteral("auto"));
    EXPECT_FALSE(defaults.startMinimised);
    // Relaying as confabd has it without options.
    EXPECT_TRUE(defaults.relayCarry);
    EXPECT_EQ(std::int64_t{defaults.relayStoreMb} * api::kBytesPerMiB,
              relay::RelaySettings{}.storeLimitBytes);
    EXPECT_EQ(static_cast<std::uint64_t>(defaults.relayRateKib) * 1024,
              relay::RelaySettings{}.forwardBytesPerSecond);
    EXPECT_FALSE(defaults.autoAcceptVerified);

    api::ProfileSettings chosen = defaults;
    chosen.displayName = QStringLiteral("  Dora E.  ");
    chosen.downloadFolder = world.dir.path(QStringLiteral("drop/../drop"));
    chosen.startMinimised = true;
    chosen.discoveryMode = QStringLiteral("off");
    chosen.relayCarry = false;
    chosen.relayStoreMb = 5;
    chosen.relayRateKib = 0; // a choice: pass no file drops on
    chosen.autoAcceptVerified = true;
    const auto saved = node->saveSettings(chosen);
    ASSERT_TRUE(saved) << saved.error().toStdString();
    EXPECT_EQ(saved.value().displayName, QStringLiteral("Dora E."));
    EXPECT_EQ(saved.value().downloadFolder, world.dir.path(QStringLiteral("drop")));
    const api::ProfileSettings read = node->settings();
    EXPECT_EQ(read.displayName, QStringLiteral("Dora E."));
    EXPECT_EQ(read.downloadFolder, world.dir.path(QStringLiteral("drop")));
    EXPECT_TRUE(read.startMinimised);
    EXPECT_EQ(read.discoveryMode, QStringLiteral("off"));
    EXPECT_FALSE(read.relayCarry);
    EXPECT_EQ(read.relayStoreMb, 5);
    EXPECT_EQ(read.relayRateKib, 0);
    // The file drop settings are the ones in force, from now on.
    EXPECT_TRUE(read.autoAcceptVerified);
    EXPECT_EQ(node->downloadFolder(), world.dir.path(QStringLiteral("drop")));
    EXPECT_EQ(node->displayName(), QStringLiteral("Dora")); // the running node keeps its name
    EXPECT_TRUE(node->relayStatus().carrying);              // and its relay, until the next start
}

TEST(NodeSettings, InvalidSettingsAreRefusedWithAReason)
{
    SimWorld world;
    TestNode node(world, QStringLiteral("p"), QStringLiteral("Dora"));
    ASSERT_TRUE(node.ok());
    const api::ProfileSettings good = node->settings();

    api::ProfileSettings noName = good;
    noName.displayName = QStringLiteral("   ");
    EXPECT_FALSE(node->saveSettings(noName));
    api::ProfileSettings longName = good;
    longName.displayName = QString(65, QLatin1Char('x'));
    const auto tooLong = node->saveSettings(longName);
    ASSERT_FALSE(tooLong);
    EXPECT_TRUE(tooLong.error().contains(QStringLiteral("too long"))) << tooLong.error().toStdString();
    api::ProfileSettings badMode = good;
    badMode.discoveryMode = QStringLiteral("bluetooth");
    EXPECT_FALSE(node->saveSettings(badMode));
    api::ProfileSettings relative = good;
    relative.downloadFolder = QStringLiteral("Downloads");
    EXPECT_FALSE(node->saveSettings(relative));
    for (const int mb : {0, -1, api::kMaxRelayStoreMb + 1}) {
        api::ProfileSettings badStore = good;
        badStore.relayStoreMb = mb;
        const auto refused = node->saveSettings(badStore);
        ASSERT_FALSE(refused) << mb;
        EXPECT_TRUE(refused.error().contains(QStringLiteral("MiB"))) << refused.error().toStdString();
    }
    for (const int kib : {-1, api::kMaxRelayRateKib + 1}) {
        api::ProfileSettings badRate = good;
        badRate.relayRateKib = kib;
        const auto refused = node->saveSettings(badRate);
        ASSERT_FALSE(refused) << kib;
        EXPECT_TRUE(refused.error().contains(QStringLiteral("KiB/s"))) << refused.error().toStdString();
    }
    for (const int minutes : {-1, api::kMaxAwayAfterMinutes + 1}) {
        api::ProfileSettings badIdle = good;
        badIdle.awayAfterMinutes = minutes;
        const auto refused = node->saveSettings(badIdle);
        ASSERT_FALSE(refused) << minutes;
        EXPECT_TRUE(refused.error().contains(QStringLiteral("minutes"))) << refused.error().toStdString();
    }
    EXPECT_EQ(node->settings().displayName, QStringLiteral("Dora")); // nothing was saved
    EXPECT_EQ(node->settings().awayAfterMinutes, api::kDefaultAwayAfterMinutes);
}

TEST(NodeSettings, SavedDiscoveryModeAppliesAtTheNextStartWhenTheFrontEndAsks)
{
    SimWorld world;
    {
        TestNode node(world, QStringLiteral("p"), QStringLiteral("Dora"));
        api::ProfileSettings settings = node->settings();
        settings.discoveryMode = QStringLiteral("off");
        ASSERT_TRUE(node->saveSettings(settings));
    }
    NodeConfig config = TestNode::config(world.dir.path(QStringLiteral("p")), QStringLiteral("Dora"),
                                         world.listenAddress({}, TestNode::kPort), {});
    config.discovery = net::DiscoveryMode::Embedded; // what the front end would use otherwise
    config.discoveryFromSettings = true;
    Node node(config, world.environment({}));
    ASSERT_TRUE(node.start());
    EXPECT_EQ(node.discoveryMode(), QStringLiteral("static")); // off: addresses only
}

TEST(NodeSettings, SavedRelayingAppliesAtTheNextStartUnlessAnOptionSetIt)
{
    SimWorld world;
    {
        TestNode node(world, QStringLiteral("p"), QStringLiteral("Dora"));
        api::ProfileSettings settings = node->settings();
        settings.relayCarry = false;
        settings.relayStoreMb = 3;
        ASSERT_TRUE(node->saveSettings(settings));
    }
    const auto startWith = [&world](bool carryFromSettings, bool storeFromSettings) {
        NodeConfig config = TestNode::config(world.dir.path(QStringLiteral("p")), QStringLiteral("Dora"),
                                             world.listenAddress({}, TestNode::kPort), {});
        config.relay.carry = true; // what the command line would say otherwise
        config.relay.storeLimitBytes = 7 * api::kBytesPerMiB;
        config.relayCarryFromSettings = carryFromSettings;
        config.relayStoreFromSettings = storeFromSettings;
        auto node = std::make_unique<Node>(config, world.environment({}));
        EXPECT_TRUE(node->start());
        return node;
    };
    {
        auto node = startWith(true, true);
        EXPECT_FALSE(node->relayStatus().carrying);
        EXPECT_EQ(node->relayStatus().storeLimitBytes, 3 * api::kBytesPerMiB);
        const api::NodeStatus status = node->status();
        EXPECT_FALSE(status.relayCarry);
        EXPECT_EQ(status.relayStoreMb, 3);
        EXPECT_FALSE(status.relayCarrySetAtStart);
        EXPECT_FALSE(status.relayStoreSetAtStart);
    }
    {
        // --relay given, --relay-store-mb not: each comes from where it was chosen.
        auto node = startWith(false, true);
        EXPECT_TRUE(node->relayStatus().carrying);
        EXPECT_EQ(node->relayStatus().storeLimitBytes, 3 * api::kBytesPerMiB);
        EXPECT_TRUE(node->status().relayCarrySetAtStart);
        EXPECT_FALSE(node->status().relayStoreSetAtStart);
    }
    {
        auto node = startWith(false, false); // confabd: the options and their defaults only
        EXPECT_TRUE(node->relayStatus().carrying);
        EXPECT_EQ(node->relayStatus().storeLimitBytes, 7 * api::kBytesPerMiB);
    }
}

TEST(NodeSettings, SavedRelayRateAppliesAtTheNextStartUnlessAnOptionSetIt)
{
    SimWorld world;
    {
        TestNode node(world, QStringLiteral("p"), QStringLiteral("Dora"));
        api::ProfileSettings settings = node->settings();
        settings.relayRateKib = 300;
        ASSERT_TRUE(node->saveSettings(settings));
        EXPECT_EQ(static_cast<std::uint64_t>(node->status().relayRateKib) * 1024,
                  relay::RelaySettings{}.forwardBytesPerSecond);
    }
    for (const bool fromSettings : {true, false}) {
        NodeConfig config = TestNode::config(world.dir.path(QStringLiteral("p")), QStringLiteral("Dora"),
                                             world.listenAddress({}, TestNode::kPort), {});
        config.relay.forwardBytesPerSecond =
            std::uint64_t{700} * 1024; // what the command line would say otherwise
        config.relayRateFromSettings = fromSettings;
        Node node(config, world.environment({}));
        ASSERT_TRUE(node.start());
        const int expected = fromSettings ? 300 : 700;
        EXPECT_EQ(node.relayStatus().files.bytesPerSecond, static_cast<std::uint64_t>(expected) * 1024)
            << fromSettings;
        EXPECT_EQ(node.status().relayRateKib, expected);
        EXPECT_EQ(node.status().relayRateSetAtStart, !fromSettings);
    }
}

TEST(NodeSettings, ANameSetBeforeStartIsUsedAndOneSetAfterWaitsForTheNextStart)
{
    SimWorld world;
    {
        auto node = unstartedNode(world, QStringLiteral("p"), QString());
        ASSERT_TRUE(node->open());
        EXPECT_TRUE(node->isNewProfile());
        node->setDisplayName(QStringLiteral("  First Name "));
        EXPECT_EQ(node->displayName(), QStringLiteral("First Name"));
        ASSERT_TRUE(node->start());
        node->setDisplayName(QStringLiteral("Second Name"));
        EXPECT_EQ(node->displayName(), QStringLiteral("First Name"));
    }
    auto again = unstartedNode(world, QStringLiteral("p"), QString());
    ASSERT_TRUE(again->open());
    EXPECT_FALSE(again->isNewProfile());
    EXPECT_EQ(again->displayName(), QStringLiteral("Second Name"));
}

TEST(NodeSettings, ANameGivenAtStartIsUsedForThatRunAndSaysSo)
{
    SimWorld world;
    {
        // A new profile keeps the name it was first given.
        auto first = unstartedNode(world, QStringLiteral("p"), QStringLiteral("Ann"));
        ASSERT_TRUE(first->open());
        EXPECT_EQ(first->displayName(), QStringLiteral("Ann"));
        EXPECT_EQ(first->settings().displayName, QStringLiteral("Ann"));
    }
    {
        // Later, the name changed in the settings.
        auto renamed = unstartedNode(world, QStringLiteral("p"), QString());
        ASSERT_TRUE(renamed->open());
        api::ProfileSettings settings = renamed->settings();
        settings.displayName = QStringLiteral("Ann B.");
        ASSERT_TRUE(renamed->saveSettings(settings));
    }
    {
        // A start with another name given uses it for this run, and says so.
        confab::test::LogCapture log;
        auto given = unstartedNode(world, QStringLiteral("p"), QStringLiteral("Zed"));
        ASSERT_TRUE(given->open());
        EXPECT_EQ(given->displayName(), QStringLiteral("Zed"));
        const auto started = given->start();
        ASSERT_TRUE(started) << started.error().toStdString();
        EXPECT_EQ(given->status().displayName, QStringLiteral("Zed"));
        const QStringList& notices = started.value();
        EXPECT_TRUE(std::any_of(notices.begin(), notices.end(), [](const QString& notice) {
            return notice.contains(QStringLiteral("Zed")) && notice.contains(QStringLiteral("Ann B."));
        })) << notices.join(QStringLiteral(" | ")).toStdString();
        EXPECT_EQ(log.count(QStringLiteral("confab.node"), QStringLiteral("Zed")), 1);
        // The settings keep the saved name: it is what starts without a name use.
        EXPECT_EQ(given->settings().displayName, QStringLiteral("Ann B."));
    }
    auto again = unstartedNode(world, QStringLiteral("p"), QString());
    ASSERT_TRUE(again->open());
    EXPECT_EQ(again->displayName(), QStringLiteral("Ann B."));
}

} // namespace
} // namespace confab::api
