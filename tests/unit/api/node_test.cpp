#include "node_harness.h"

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

} // namespace
} // namespace confab::api
