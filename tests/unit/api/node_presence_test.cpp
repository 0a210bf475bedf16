#include "chat/presence_service.h"
#include "node_harness.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using test::SimWorld;
using test::TestNode;

// Two whole nodes on the simulated network and the virtual clock.
class NodePresenceTest : public test::TwoNodeTest<SimWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }
    std::optional<Presence> presenceOfBobAtAlice() { return m_alice->viewOf(m_bob->id())->presence; }
    bool aliceSeesBobTyping() { return m_alice->viewOf(m_bob->id())->typing; }
};

TEST_F(NodePresenceTest, PeersSeeEachOtherAvailableThenWhatIsChosen)
{
    EXPECT_EQ(presenceOfBobAtAlice(), Presence::Available);
    EXPECT_EQ(m_bob->node().status().presence, Presence::Available);

    m_bob->node().setPresence(Presence::Busy, Node::PresenceOrigin::Chosen);
    EXPECT_EQ(m_bob->node().presence(), Presence::Busy);
    ASSERT_TRUE(waitUntil([&] { return presenceOfBobAtAlice() == Presence::Busy; }));
    m_bob->node().setPresence(Presence::Away, Node::PresenceOrigin::Idle);
    ASSERT_TRUE(waitUntil([&] { return presenceOfBobAtAlice() == Presence::Away; }));
}

TEST_F(NodePresenceTest, AChosenPresenceHoldsFromTheNextStartAnIdleOneDoesNot)
{
    const PeerId bob = m_bob->id();
    m_bob->node().setPresence(Presence::Busy, Node::PresenceOrigin::Chosen);
    m_bob->node().setPresence(Presence::Away, Node::PresenceOrigin::Idle);
    m_bob.reset();
    ASSERT_TRUE(waitUntil([&] { return !m_alice->isConnectedTo(bob); }));

    TestNode again(m_world, QStringLiteral("bob"), QStringLiteral("Bob Builder"),
                   TestNode::Options{{m_alice->address()}, kBobOffsetMs, {}, true, defaultPort()});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.node().presence(), Presence::Busy);
    ASSERT_TRUE(waitUntil([&] { return m_alice->isConnectedTo(again.id()); }));
    ASSERT_TRUE(waitUntil([&] { return m_alice->viewOf(again.id())->presence == Presence::Busy; }));
}

TEST_F(NodePresenceTest, PresenceGoesWithTheLink)
{
    const PeerId bob = m_bob->id();
    m_bob.reset();
    ASSERT_TRUE(waitUntil([&] { return !m_alice->isConnectedTo(bob); }));
    EXPECT_FALSE(m_alice->viewOf(bob)->presence.has_value());
    EXPECT_FALSE(m_alice->viewOf(bob)->typing);
}

TEST_F(NodePresenceTest, TypingShowsUntilTheMessageArrives)
{
    m_bob->node().setTyping(m_alice->id(), true);
    ASSERT_TRUE(waitUntil([&] { return aliceSeesBobTyping(); }));
    EXPECT_FALSE(m_bob->viewOf(m_alice->id())->typing) << "only the one typed to sees it";

    ASSERT_TRUE(m_bob->send(m_alice->id(), QStringLiteral("hello")));
    ASSERT_TRUE(waitUntil([&] { return !m_alice->incoming().empty(); }));
    EXPECT_FALSE(aliceSeesBobTyping());
}

TEST_F(NodePresenceTest, TypingEndsByItselfWhenTheTypistPauses)
{
    m_bob->node().setTyping(m_alice->id(), true);
    ASSERT_TRUE(waitUntil([&] { return aliceSeesBobTyping(); }));
    m_world.runFor(chat::PresenceService::kTypingIdleMs + 500);
    EXPECT_FALSE(aliceSeesBobTyping());
}

TEST_F(NodePresenceTest, APresenceChangeIsAnnouncedAsAPeerListChange)
{
    int announced = 0;
    QObject::connect(&m_alice->node().events(), &NodeEvents::peersChanged, &m_alice->node().events(),
                     [&announced] { ++announced; });
    m_bob->node().setPresence(Presence::Busy, Node::PresenceOrigin::Chosen);
    ASSERT_TRUE(waitUntil([&] { return announced > 0; }));
    EXPECT_EQ(presenceOfBobAtAlice(), Presence::Busy);
}

} // namespace
} // namespace confab::api
