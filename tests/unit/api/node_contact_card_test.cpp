// Adding a peer from its contact text: the peer is dialed at the text's
// addresses expecting its ID, and verified once met with the key the text
// names; altered text, another machine at the address or one's own text
// verify nobody. Whole nodes on the simulated network and the virtual clock.
#include "api/contact_card.h"
#include "node_harness.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using test::SimWorld;
using test::TestNode;

class ContactCardNodeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        for (const TestNode* node : {&m_alice, &m_carol, &m_dave}) {
            ASSERT_TRUE(node->ok());
        }
    }

    // `node`'s contact text, with something of it replaced.
    static ContactCard cardOf(TestNode& node)
    {
        const auto card = parseContactCard(node->status().contactCard);
        EXPECT_TRUE(card) << (card ? std::string() : card.error().toStdString());
        return card ? card.value() : ContactCard{};
    }

    bool verifiedAtAlice(const PeerId& peer)
    {
        const auto view = m_alice.viewOf(peer);
        return view && view->record.verified;
    }

    int aliceEvents(const QString& kind, const PeerId& peer)
    {
        const auto events = m_alice->eventLog(1000);
        return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const EventRecord& event) {
            return event.kind == kind && event.peer == peer;
        }));
    }

    SimWorld m_world;
    TestNode m_alice{m_world, QStringLiteral("alice"), QStringLiteral("Alice")};
    TestNode m_carol{m_world, QStringLiteral("carol"), QStringLiteral("Carol")};
    TestNode m_dave{m_world, QStringLiteral("dave"), QStringLiteral("Dave")};
};

TEST_F(ContactCardNodeTest, TheTextNamesTheNodeItsKeyAndWhereItListens)
{
    const ContactCard card = cardOf(m_carol);
    EXPECT_EQ(card.id, m_carol.id());
    EXPECT_EQ(card.fingerprint, m_carol->status().fingerprint);
    EXPECT_EQ(card.name, QStringLiteral("Carol"));
    EXPECT_EQ(card.addresses, QStringList{m_carol.address()});
}

TEST_F(ContactCardNodeTest, APeerAddedFromItsTextIsMetAndVerifiedAtOnce)
{
    const auto added = m_alice->addPeer(m_carol->status().contactCard);
    ASSERT_TRUE(added) << added.error().toStdString();
    EXPECT_EQ(added.value().toString(), m_carol.address());
    ASSERT_TRUE(m_world.runUntil(
        [&] { return m_alice.isConnectedTo(m_carol.id()) && verifiedAtAlice(m_carol.id()); }));
    EXPECT_EQ(aliceEvents(QStringLiteral("verified"), m_carol.id()), 1);
    EXPECT_TRUE(m_alice->pendingPeers().empty()) << "not an address typed by hand, waiting for someone";
    // Verification is Alice's: Carol has not verified her.
    ASSERT_TRUE(m_world.runUntil([&] { return m_carol.isConnectedTo(m_alice.id()); }));
    const auto aliceAtCarol = m_carol.viewOf(m_alice.id());
    ASSERT_TRUE(aliceAtCarol);
    EXPECT_FALSE(aliceAtCarol->record.verified);
}

TEST_F(ContactCardNodeTest, APeerMetBeforeIsVerifiedWhenItsTextIsAdded)
{
    ASSERT_TRUE(m_alice->addPeer(m_carol.address()));
    ASSERT_TRUE(m_world.runUntil([&] { return m_alice.isConnectedTo(m_carol.id()); }));
    EXPECT_FALSE(verifiedAtAlice(m_carol.id()));
    ASSERT_TRUE(m_alice->addPeer(m_carol->status().contactCard));
    EXPECT_TRUE(verifiedAtAlice(m_carol.id()));
}

TEST_F(ContactCardNodeTest, AlteredTextVerifiesNobody)
{
    ContactCard altered = cardOf(m_carol);
    altered.fingerprint = QString(30, u'7');
    ASSERT_TRUE(m_alice->addPeer(formatContactCard(altered)));
    ASSERT_TRUE(m_world.runUntil([&] { return m_alice.isConnectedTo(m_carol.id()); }));
    m_world.runFor(1000);
    EXPECT_FALSE(verifiedAtAlice(m_carol.id()));
    EXPECT_EQ(aliceEvents(QStringLiteral("security"), m_carol.id()), 1);
}

TEST_F(ContactCardNodeTest, AnotherMachineAtTheAddressIsTurnedAway)
{
    // Carol's ID and fingerprint, Dave's address: whoever answers there is
    // not Carol, and must not end up verified as anybody.
    ContactCard redirected = cardOf(m_carol);
    redirected.addresses = {m_dave.address()};
    ASSERT_TRUE(m_alice->addPeer(formatContactCard(redirected)));
    m_world.runFor(5000);
    EXPECT_FALSE(m_alice.isConnectedTo(m_dave.id()));
    EXPECT_FALSE(verifiedAtAlice(m_dave.id()));
    EXPECT_FALSE(verifiedAtAlice(m_carol.id()));
}

TEST_F(ContactCardNodeTest, OnesOwnTextIsRefusedWithASentence)
{
    const auto own = m_alice->addPeer(m_alice->status().contactCard);
    ASSERT_FALSE(own);
    EXPECT_TRUE(own.error().contains(QStringLiteral("your own"))) << own.error().toStdString();
    const auto damaged = m_alice->addPeer(QStringLiteral("confab:nonsense"));
    ASSERT_FALSE(damaged);
    EXPECT_TRUE(damaged.error().contains(QStringLiteral("damaged"))) << damaged.error().toStdString();
}

} // namespace
} // namespace confab::api
