// Peers people manage: a nickname shown and accepted instead of the
// announced name, a block that keeps a peer out of everything (links,
// messages, relaying) until it is lifted, and removing a peer with its
// history. Whole nodes on the simulated network and the virtual clock.
#include "crypto/identity.h"
#include "node_harness.h"
#include "session/dialer.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using test::SimWorld;
using test::TestNode;

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

class PeerManagementTest : public test::TwoNodeTest<SimWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }

    PeerView aliceViewOfBob()
    {
        auto view = m_alice->viewOf(m_bob->id());
        EXPECT_TRUE(view);
        return view.value_or(PeerView{});
    }

    // Events of `kind` about `peer` in the node's log.
    static int eventsOf(Node& node, const QString& kind, const PeerId& peer)
    {
        const auto events = node.eventLog(1000);
        return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const EventRecord& event) {
            return event.kind == kind && event.peer == peer;
        }));
    }
};

TEST_F(PeerManagementTest, ANicknameIsShownAndResolvesWhileTheAnnouncedNameStays)
{
    Node& alice = m_alice->node();
    const auto renamed = alice.rename(m_bob->id(), QStringLiteral("  The Builder "));
    ASSERT_TRUE(renamed) << renamed.error().toStdString();
    EXPECT_EQ(renamed.value().nickname, QStringLiteral("The Builder"));
    EXPECT_EQ(renamed.value().name(), QStringLiteral("The Builder"));
    EXPECT_EQ(renamed.value().record.displayName, QStringLiteral("Bob Builder"));
    EXPECT_EQ(aliceViewOfBob().name(), QStringLiteral("The Builder"));
    // Details keep the announced name beside it.
    const PeerDetails details = alice.peerDetails(m_bob->id());
    EXPECT_EQ(details.view.nickname, QStringLiteral("The Builder"));
    EXPECT_EQ(details.view.record.displayName, QStringLiteral("Bob Builder"));

    for (const char* query : {"the builder", "Bob Builder"}) {
        const auto resolved = alice.resolvePeer(QLatin1String(query));
        ASSERT_TRUE(resolved) << query << ": " << resolved.error().toStdString();
        EXPECT_EQ(resolved.value(), m_bob->id());
    }
    // It survives his going (which records him seen again, under his own name).
    const PeerId bob = m_bob->id();
    m_bob.reset();
    ASSERT_TRUE(waitUntil([&] { return !m_alice->isConnectedTo(bob); }));
    EXPECT_EQ(m_alice->viewOf(bob)->nickname, QStringLiteral("The Builder"));

    // Empty clears it.
    const auto cleared = alice.rename(bob, QString());
    ASSERT_TRUE(cleared) << cleared.error().toStdString();
    EXPECT_TRUE(cleared.value().nickname.isEmpty());
    EXPECT_EQ(cleared.value().name(), QStringLiteral("Bob Builder"));
    EXPECT_FALSE(alice.resolvePeer(QStringLiteral("The Builder")));
}

TEST_F(PeerManagementTest, ANicknameWinsOverTheSameNameAnnouncedByAnotherPeer)
{
    TestNode carol(m_world, QStringLiteral("carol"), QStringLiteral("Carol"),
                   TestNode::Options{{m_alice->address()}, 0, {}, true, defaultPort()});
    ASSERT_TRUE(carol.ok());
    ASSERT_TRUE(waitUntil([&] { return m_alice->viewOf(carol.id()).has_value(); }));
    ASSERT_TRUE(m_alice->node().rename(m_bob->id(), QStringLiteral("carol")));
    const auto resolved = m_alice->node().resolvePeer(QStringLiteral("Carol"));
    ASSERT_TRUE(resolved) << resolved.error().toStdString();
    EXPECT_EQ(resolved.value(), m_bob->id());
}

TEST_F(PeerManagementTest, ANicknameTooLongOrForAnUnknownPeerIsRefusedWithAReason)
{
    const auto tooLong = m_alice->node().rename(m_bob->id(), QString(200, QLatin1Char('x')));
    ASSERT_FALSE(tooLong);
    EXPECT_TRUE(tooLong.error().contains(QStringLiteral("too long"))) << tooLong.error().toStdString();
    EXPECT_TRUE(aliceViewOfBob().nickname.isEmpty());
    const PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    const auto unknown = m_alice->node().rename(stranger, QStringLiteral("Who"));
    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().contains(QStringLiteral("confabctl peers"))) << unknown.error().toStdString();
}

TEST_F(PeerManagementTest, BlockingClosesTheLinkAndKeepsItClosedUntilUnblocked)
{
    Node& alice = m_alice->node();
    const auto blocked = alice.block(m_bob->id());
    ASSERT_TRUE(blocked) << blocked.error().toStdString();
    EXPECT_TRUE(blocked.value().blocked);
    EXPECT_GT(blocked.value().blockedMs, 0);
    EXPECT_FALSE(blocked.value().connected); // closed at once
    ASSERT_TRUE(waitUntil([&] { return !m_bob->isConnectedTo(m_alice->id()); }));

    // Bob keeps dialling her; each link is closed as soon as she knows it is
    // him, and his dialer backs off instead of trying every second.
    const int bobLinksBefore = eventsOf(m_bob->node(), QStringLiteral("peer-connected"), m_alice->id());
    m_world.runFor(60'000);
    EXPECT_FALSE(m_alice->isConnectedTo(m_bob->id()));
    EXPECT_FALSE(m_bob->isConnectedTo(m_alice->id()));
    const int bobLinks =
        eventsOf(m_bob->node(), QStringLiteral("peer-connected"), m_alice->id()) - bobLinksBefore;
    EXPECT_LE(bobLinks, 60'000 / session::Dialer::kMaxRetryMs + 4) << bobLinks << " links in a minute";
    EXPECT_EQ(eventsOf(alice, QStringLiteral("peer-connected"), m_bob->id()), 1); // only the one before
    EXPECT_EQ(eventsOf(alice, QStringLiteral("peer-blocked"), m_bob->id()), 1);
    EXPECT_TRUE(aliceViewOfBob().blocked);

    const auto unblocked = alice.unblock(m_bob->id());
    ASSERT_TRUE(unblocked) << unblocked.error().toStdString();
    EXPECT_FALSE(unblocked.value().blocked);
    EXPECT_EQ(eventsOf(alice, QStringLiteral("peer-unblocked"), m_bob->id()), 1);
    ASSERT_TRUE(waitUntil([&] { return bothConnected(); }));
    const auto sent = m_alice->send(m_bob->id(), QStringLiteral("welcome back"));
    ASSERT_TRUE(sent) << sent.error().toStdString();
    ASSERT_TRUE(waitUntil([&] { return !m_bob->incoming().empty(); }));
}

TEST_F(PeerManagementTest, SendingToOrCallingABlockedPeerIsRefusedWithHowToUnblock)
{
    ASSERT_TRUE(m_alice->node().block(m_bob->id()));
    const auto sent = m_alice->send(m_bob->id(), QStringLiteral("hello?"));
    ASSERT_FALSE(sent);
    EXPECT_TRUE(sent.error().contains(QStringLiteral("Bob Builder"))) << sent.error().toStdString();
    EXPECT_TRUE(sent.error().contains(QStringLiteral("confabctl unblock %1").arg(idText(m_bob->id()))))
        << sent.error().toStdString();
    EXPECT_TRUE(m_alice->node().history(m_bob->id(), 10).empty());
    const auto called = m_alice->node().call(m_bob->id());
    ASSERT_FALSE(called);
    EXPECT_TRUE(called.error().contains(QStringLiteral("Unblock"))) << called.error().toStdString();
}

TEST_F(PeerManagementTest, WhatABlockedPeerSendsIsNotStoredAndWhatItQueuedComesAfterTheUnblock)
{
    ASSERT_TRUE(m_alice->node().block(m_bob->id()));
    ASSERT_TRUE(waitUntil([&] { return !m_bob->isConnectedTo(m_alice->id()); }));
    const auto sent = m_bob->send(m_alice->id(), QStringLiteral("are you there?"));
    ASSERT_TRUE(sent) << sent.error().toStdString();
    m_world.runFor(30'000);
    EXPECT_TRUE(m_alice->incoming().empty());
    EXPECT_TRUE(m_alice->node().history(m_bob->id(), 10).empty());
    EXPECT_NE(m_bob->stateOf(m_alice->id(), sent.value().id), MessageState::Delivered);

    // Bob kept it queued: it arrives once he is let in again.
    ASSERT_TRUE(m_alice->node().unblock(m_bob->id()));
    ASSERT_TRUE(waitUntil([&] { return !m_alice->incoming().empty(); }));
    EXPECT_EQ(m_alice->incoming().front().id, sent.value().id);
}

TEST_F(PeerManagementTest, ABlockSurvivesARestart)
{
    ASSERT_TRUE(m_alice->node().block(m_bob->id()));
    const quint16 port = m_alice->node().listenAddress().port;
    const QString host = m_alice->node().listenAddress().host;
    m_alice.reset();
    m_alice = std::make_unique<TestNode>(m_world, QStringLiteral("alice"), QStringLiteral("Alice Liddell"),
                                         TestNode::Options{{}, kAliceOffsetMs, host, true, port});
    ASSERT_TRUE(m_alice->ok());
    m_world.runFor(30'000); // Bob redials her address all the while
    EXPECT_FALSE(m_alice->isConnectedTo(m_bob->id()));
    EXPECT_TRUE(aliceViewOfBob().blocked);
    ASSERT_TRUE(m_alice->node().unblock(m_bob->id()));
    ASSERT_TRUE(waitUntil([&] { return bothConnected(); }));
}

TEST_F(PeerManagementTest, APeerNotMetYetCanBeBlockedAndItselfCannot)
{
    const PeerId stranger = crypto::IdentityKeyPair::generate().peerId();
    const auto blocked = m_alice->node().block(stranger);
    ASSERT_TRUE(blocked) << blocked.error().toStdString();
    EXPECT_TRUE(blocked.value().blocked);
    EXPECT_TRUE(m_alice->viewOf(stranger).has_value()); // listed, so it can be unblocked
    const auto self = m_alice->node().block(m_alice->id());
    ASSERT_FALSE(self);
    EXPECT_TRUE(self.error().contains(QStringLiteral("own ID"))) << self.error().toStdString();
    EXPECT_FALSE(m_alice->node().removePeer(m_alice->id()));
}

TEST_F(PeerManagementTest, RemovingAPeerDeletesItsHistoryAndItComesBackAsANewPeer)
{
    Node& alice = m_alice->node();
    const auto one = m_bob->send(m_alice->id(), QStringLiteral("one"));
    const auto two = m_alice->send(m_bob->id(), QStringLiteral("two"));
    ASSERT_TRUE(one && two);
    // Both confirmed, so that neither side sends anything again after the removal.
    ASSERT_TRUE(waitUntil([&] {
        return m_bob->stateOf(m_alice->id(), one.value().id) == MessageState::Delivered &&
               m_alice->stateOf(m_bob->id(), two.value().id) == MessageState::Delivered;
    }));
    ASSERT_TRUE(alice.setVerified(m_bob->id(), true));
    ASSERT_TRUE(alice.rename(m_bob->id(), QStringLiteral("Builder")));
    ASSERT_TRUE(alice.safetyNumber(m_bob->id()));

    const auto removed = alice.removePeer(m_bob->id());
    ASSERT_TRUE(removed) << removed.error().toStdString();
    EXPECT_EQ(removed.value(), 2);
    EXPECT_TRUE(alice.history(m_bob->id(), 10).empty());
    EXPECT_FALSE(m_alice->viewOf(m_bob->id()).has_value());
    EXPECT_FALSE(m_alice->isConnectedTo(m_bob->id())); // its link closed with it
    EXPECT_FALSE(alice.safetyNumber(m_bob->id()));     // its pinned key went too
    EXPECT_EQ(eventsOf(alice, QStringLiteral("peer-removed"), m_bob->id()), 1);

    // Bob is still around: he links again and is listed afresh, with
    // nothing of before.
    ASSERT_TRUE(waitUntil([&] { return bothConnected(); }));
    const PeerView again = aliceViewOfBob();
    EXPECT_TRUE(again.nickname.isEmpty());
    EXPECT_FALSE(again.record.verified);
    EXPECT_EQ(again.unread, 0);
    EXPECT_TRUE(alice.safetyNumber(m_bob->id())); // pinned again on first use
    EXPECT_TRUE(alice.history(m_bob->id(), 10).empty());
}

TEST_F(PeerManagementTest, RemovingABlockedPeerKeepsItBlocked)
{
    Node& alice = m_alice->node();
    ASSERT_TRUE(m_bob->send(m_alice->id(), QStringLiteral("one")));
    ASSERT_TRUE(waitUntil([&] { return m_alice->incoming().size() == 1; }));
    ASSERT_TRUE(alice.block(m_bob->id()));
    const auto removed = alice.removePeer(m_bob->id());
    ASSERT_TRUE(removed) << removed.error().toStdString();
    EXPECT_EQ(removed.value(), 1);
    EXPECT_TRUE(alice.history(m_bob->id(), 10).empty());
    m_world.runFor(30'000);
    EXPECT_FALSE(m_alice->isConnectedTo(m_bob->id()));
    EXPECT_TRUE(aliceViewOfBob().blocked);
}

TEST_F(PeerManagementTest, RemovingAnUnknownPeerSaysSo)
{
    const auto removed = m_alice->node().removePeer(crypto::IdentityKeyPair::generate().peerId());
    ASSERT_FALSE(removed);
    EXPECT_TRUE(removed.error().contains(QStringLiteral("confabctl peers"))) << removed.error().toStdString();
}

// Alice and Carol cannot reach each other; Bob links both and carries
// their messages.
class BlockedRelayTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const QString aliceHost = m_world.nextAddress();
        const QString carolHost = m_world.nextAddress();
        m_world.network.setReachable(aliceHost, carolHost, false);
        m_alice = std::make_unique<TestNode>(m_world, QStringLiteral("alice"), QStringLiteral("Alice"),
                                             TestNode::Options{{}, 0, aliceHost});
        m_carol = std::make_unique<TestNode>(m_world, QStringLiteral("carol"), QStringLiteral("Carol"),
                                             TestNode::Options{{}, 0, carolHost});
        m_bob = std::make_unique<TestNode>(m_world, QStringLiteral("bob"), QStringLiteral("Bob"),
                                           TestNode::Options{{m_alice->address(), m_carol->address()}});
        ASSERT_TRUE(m_alice->ok() && m_bob->ok() && m_carol->ok());
        ASSERT_TRUE(m_world.runUntil([&] { return relayedTo(*m_alice, m_carol->id()); }));
        ASSERT_TRUE(m_world.runUntil([&] { return relayedTo(*m_carol, m_alice->id()); }));
    }

    static bool relayedTo(TestNode& node, const PeerId& peer)
    {
        const auto view = node.viewOf(peer);
        return view && view->route == PeerView::Route::Relay;
    }

    SimWorld m_world;
    std::unique_ptr<TestNode> m_alice;
    std::unique_ptr<TestNode> m_bob;
    std::unique_ptr<TestNode> m_carol;
};

TEST_F(BlockedRelayTest, WhatABlockedPeerSealsIsNotDelivered)
{
    ASSERT_TRUE(m_alice->node().block(m_carol->id()));
    EXPECT_EQ(m_alice->viewOf(m_carol->id())->route, PeerView::Route::None);
    const auto sent = m_carol->send(m_alice->id(), QStringLiteral("through Bob"));
    ASSERT_TRUE(sent) << sent.error().toStdString();
    ASSERT_TRUE(m_world.runUntil([&] { return m_alice->node().relayStatus().refusedBlocked > 0; }));
    m_world.runFor(30'000);
    EXPECT_TRUE(m_alice->incoming().empty());
    EXPECT_EQ(m_alice->node().relayStatus().delivered, 0u);

    ASSERT_TRUE(m_alice->node().unblock(m_carol->id()));
    ASSERT_TRUE(m_world.runUntil([&] { return !m_alice->incoming().empty(); }));
    EXPECT_EQ(m_alice->incoming().front().id, sent.value().id);
}

TEST_F(BlockedRelayTest, ARelayCarriesNothingForAPeerItBlocked)
{
    ASSERT_TRUE(m_bob->node().block(m_carol->id()));
    ASSERT_TRUE(m_world.runUntil([&] { return !m_carol->isConnectedTo(m_bob->id()); }));
    const auto sent = m_alice->send(m_carol->id(), QStringLiteral("for Carol"));
    ASSERT_TRUE(sent) << sent.error().toStdString();
    ASSERT_TRUE(m_world.runUntil([&] { return m_bob->node().relayStatus().refusedBlocked > 0; }));
    m_world.runFor(30'000);
    EXPECT_TRUE(m_carol->incoming().empty());
    EXPECT_EQ(m_bob->node().relayStatus().heldCount, 0);

    // Unblocked, Bob links Carol again and Alice's message gets through.
    ASSERT_TRUE(m_bob->node().unblock(m_carol->id()));
    ASSERT_TRUE(m_world.runUntil([&] { return !m_carol->incoming().empty(); }));
    EXPECT_EQ(m_carol->incoming().front().id, sent.value().id);
}

} // namespace
} // namespace confab::api
