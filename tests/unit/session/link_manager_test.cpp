#include "crypto/identity.h"
#include "link_node.h"
#include "noise_peer.h"
#include "proto/limits.h"
#include "session/link_manager.h"
#include "sim/sim_network.h"
#include "support/log_capture.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::runFor;
using confab::test::runUntil;
using test::LinkNode;

constexpr std::int64_t kPatienceMs = 60'000;

Bytes text(std::string_view value)
{
    const auto bytes = asBytes(value);
    return {bytes.begin(), bytes.end()};
}

proto::HandshakePayload payloadOf(const crypto::IdentityKeyPair& identity, const std::string& name)
{
    proto::HandshakePayload own;
    own.protocolVersion = proto::kProtocolVersion;
    own.peerId = identity.peerId();
    own.identityKey = identity.publicKey();
    own.displayName = name;
    return own;
}

// Nodes on simulated hosts 1 ms apart, on one virtual clock.
class LinkManagerTest : public ::testing::Test {
protected:
    LinkNode& addNode(const QString& address, const QString& name, LinkTimings timings = {})
    {
        return m_nodes.add(address, name, timings);
    }

    bool linked(LinkNode& a, LinkNode& b)
    {
        return a.manager().isConnected(b.id()) && b.manager().isConnected(a.id());
    }

    // `from` dials `to` and the link comes up on both ends.
    void link(LinkNode& from, LinkNode& to) { ASSERT_TRUE(m_nodes.link(from, to, kPatienceMs)); }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    test::LinkNodes m_nodes{m_network};
};

TEST_F(LinkManagerTest, DialConnectsBothSidesWithWhatEachAnnounced)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return linked(alice, bob); }, kPatienceMs));

    ASSERT_EQ(alice.dials.size(), 1u);
    EXPECT_EQ(alice.dials[0].address, bob.address());
    EXPECT_EQ(alice.dials[0].peer, bob.id());
    EXPECT_TRUE(alice.dials[0].error.isEmpty());

    ASSERT_EQ(alice.connected.size(), 1u);
    EXPECT_EQ(alice.connected[0].peer, bob.id());
    ASSERT_EQ(bob.connected.size(), 1u);
    EXPECT_EQ(bob.connected[0].peer, alice.id());

    const auto aboutBob = alice.manager().linkInfo(bob.id());
    ASSERT_TRUE(aboutBob);
    EXPECT_EQ(aboutBob->hello.displayName, "bob");
    EXPECT_EQ(aboutBob->hello.peerId, bob.id());
    EXPECT_EQ(aboutBob->remoteAddress, bob.address());
    EXPECT_EQ(aboutBob->listenAddress, bob.address());
    const auto aboutAlice = bob.manager().linkInfo(alice.id());
    ASSERT_TRUE(aboutAlice);
    EXPECT_EQ(aboutAlice->hello.displayName, "alice");
    EXPECT_EQ(aboutAlice->listenAddress, alice.address()); // not the ephemeral source port
    EXPECT_EQ(aboutAlice->remoteAddress.host, alice.address().host);
    EXPECT_NE(aboutAlice->remoteAddress.port, alice.address().port);

    EXPECT_EQ(alice.manager().connectedPeers(), std::vector<PeerId>{bob.id()});
    EXPECT_EQ(alice.manager().self(), alice.id());

    const std::int64_t sentAt = m_clock.monotonicMs();
    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("hello")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bob.received.empty(); }, kPatienceMs));
    EXPECT_EQ(bob.received[0].from, alice.id());
    EXPECT_EQ(bob.received[0].body, text("hello"));
    EXPECT_EQ(bob.received[0].atMs, sentAt + 1);
}

TEST(LinkManagerDuplicates, SimultaneousDialsEndWithTheSameSingleLinkOnBothSides)
{
    // Several seeds with jitter, so both orders of the IDs and different
    // interleavings of the two handshakes are exercised.
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        SCOPED_TRACE(testing::Message() << "seed " << seed);
        confab::test::VirtualClock clock;
        sim::SimNetwork network(clock, seed);
        network.setDefaultLink({.latencyMs = 2, .jitterMs = 6});
        LinkNode alice(network, QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
        LinkNode bob(network, QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
        alice.handleEnvelopes();
        bob.handleEnvelopes();
        alice.manager().dial(bob.address(), bob.id());
        bob.manager().dial(alice.address(), alice.id());

        const auto settled = [&] {
            const auto a = alice.links();
            const auto b = bob.links();
            return a.size() == 1 && b.size() == 1 && a[0]->state() == Link::State::Established &&
                   b[0]->state() == Link::State::Established &&
                   a[0]->handshakeHash() == b[0]->handshakeHash();
        };
        ASSERT_TRUE(runUntil(clock, settled, kPatienceMs))
            << "alice links " << alice.links().size() << ", bob links " << bob.links().size();
        // Both kept the link the peer with the smaller ID dialled.
        const bool aliceFirst = alice.id() < bob.id();
        EXPECT_EQ(alice.links()[0]->role(), aliceFirst ? Link::Role::Initiator : Link::Role::Responder);
        EXPECT_EQ(bob.links()[0]->role(), aliceFirst ? Link::Role::Responder : Link::Role::Initiator);
        // And it stays that way: no late close tears the survivor down.
        runFor(clock, 60'000);
        ASSERT_TRUE(settled());
        EXPECT_TRUE(alice.manager().isConnected(bob.id()));
        EXPECT_TRUE(bob.manager().isConnected(alice.id()));
        EXPECT_TRUE(alice.securityEvents.isEmpty());
        EXPECT_TRUE(bob.securityEvents.isEmpty());
        EXPECT_EQ(alice.dials.size(), 1u);
        EXPECT_EQ(bob.dials.size(), 1u);

        ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("after")));
        ASSERT_TRUE(bob.manager().send(alice.id(), proto::LinkMessageType::Envelope, text("back")));
        ASSERT_TRUE(runUntil(
            clock, [&] { return !bob.received.empty() && !alice.received.empty(); }, kPatienceMs));
        EXPECT_EQ(bob.received.back().body, text("after"));
        EXPECT_EQ(alice.received.back().body, text("back"));
    }
}

TEST_F(LinkManagerTest, SecondLinkToAConnectedPeerIsClosedAndTheFirstKeepsWorking)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    link(alice, bob);
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return alice.dials.size() == 2; }, kPatienceMs));
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            const auto a = alice.links();
            const auto b = bob.links();
            return a.size() == 1 && b.size() == 1 && a[0]->handshakeHash() == b[0]->handshakeHash() &&
                   linked(alice, bob);
        },
        kPatienceMs));
    // The dialling side swaps links without a gap, and tells its services
    // that something sent on the closed link may need sending again. (The
    // other side may see a brief disconnect if the goodbye on the old link
    // overtakes the new handshake; upper layers resend on reconnect.)
    EXPECT_TRUE(alice.disconnected.empty());
    ASSERT_EQ(alice.replaced.size(), 1u);
    EXPECT_EQ(alice.replaced[0].peer, bob.id());
    EXPECT_EQ(alice.connected.size(), 1u);
    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("still here")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bob.received.empty(); }, kPatienceMs));
}

TEST_F(LinkManagerTest, RemoteShutdownDisconnectsThePeerOneLatencyLater)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    LinkNode& carol = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("carol"));
    link(alice, bob);
    link(carol, bob);
    const std::int64_t shutdownAt = m_clock.monotonicMs();
    bob.manager().shutdown();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.disconnected.empty() && !carol.disconnected.empty(); }, kPatienceMs));
    for (LinkNode* node : {&alice, &carol}) {
        EXPECT_EQ(node->disconnected[0].peer, bob.id());
        EXPECT_EQ(node->disconnected[0].atMs, shutdownAt + 1);
        EXPECT_TRUE(node->disconnected[0].reason.contains(QStringLiteral("goodbye")))
            << node->disconnected[0].reason.toStdString();
        EXPECT_FALSE(node->manager().isConnected(bob.id()));
        EXPECT_FALSE(node->manager().send(bob.id(), proto::LinkMessageType::Envelope, text("gone")));
        EXPECT_TRUE(node->manager().connectedPeers().empty());
        EXPECT_FALSE(node->manager().linkInfo(bob.id()));
    }
}

TEST_F(LinkManagerTest, DropPeerClosesTheLinkWithTheReason)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    link(alice, bob);
    alice.manager().dropPeer(bob.id(), QStringLiteral("malformed envelope"));
    ASSERT_EQ(alice.disconnected.size(), 1u);
    EXPECT_EQ(alice.disconnected[0].reason, QStringLiteral("malformed envelope"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bob.disconnected.empty(); }, kPatienceMs));
    alice.manager().dropPeer(bob.id(), QStringLiteral("again")); // no link: nothing happens
    EXPECT_EQ(alice.disconnected.size(), 1u);
}

TEST_F(LinkManagerTest, BlockingClosesThePeersLinkAndRefusesItsNewOnesUntilUnblocked)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    link(alice, bob);
    std::vector<std::pair<PeerId, bool>> changes;
    QObject::connect(&alice.manager(), &MessagePort::blockChanged, &alice.manager(),
                     [&](const PeerId& peer, bool blocked) {
                         // By the time services hear of it, the link is gone.
                         EXPECT_FALSE(alice.manager().isConnected(peer));
                         changes.emplace_back(peer, blocked);
                     });
    alice.manager().setBlocked(bob.id(), true);
    EXPECT_TRUE(alice.manager().isBlocked(bob.id()));
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    ASSERT_EQ(alice.disconnected.size(), 1u);
    EXPECT_EQ(alice.disconnected[0].reason, QStringLiteral("blocked by the user"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bob.disconnected.empty(); }, kPatienceMs));
    EXPECT_EQ(changes, (std::vector<std::pair<PeerId, bool>>{{bob.id(), true}}));
    alice.manager().setBlocked(bob.id(), true); // no change: nothing said
    EXPECT_EQ(changes.size(), 1u);

    // Bob dials Alice: the handshake finishes on his side only, and Alice
    // refuses the link as soon as she learns who he is.
    bob.manager().dial(alice.address(), alice.id());
    runFor(m_clock, 1000);
    EXPECT_EQ(alice.connected.size(), 1u); // only the first link, from before the block
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    EXPECT_FALSE(bob.manager().isConnected(alice.id()));
    // Alice dials Bob: refused before she tells him who she is.
    alice.manager().dial(bob.address(), std::nullopt);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return alice.dials.size() == 2; }, kPatienceMs));
    EXPECT_FALSE(alice.dials.back().peer);
    EXPECT_TRUE(alice.dials.back().error.contains(QStringLiteral("blocked")))
        << alice.dials.back().error.toStdString();
    runFor(m_clock, 1000);
    EXPECT_EQ(bob.connected.size(), 2u); // the first link, and his own dial's short-lived one
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    EXPECT_TRUE(alice.securityEvents.isEmpty()); // a block is no attack

    alice.manager().setBlocked(bob.id(), false);
    EXPECT_FALSE(alice.manager().isBlocked(bob.id()));
    EXPECT_EQ(changes.back(), std::make_pair(bob.id(), false));
    link(bob, alice);
}

TEST_F(LinkManagerTest, DialingItselfFails)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    alice.manager().dial(alice.address(), std::nullopt);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("itself")))
        << alice.dials[0].error.toStdString();
    runFor(m_clock, 1000);
    EXPECT_TRUE(alice.connected.empty());
    EXPECT_FALSE(alice.manager().isConnected(alice.id()));
    EXPECT_TRUE(alice.links().empty());
}

TEST_F(LinkManagerTest, DialReachingAnotherPeerThanExpectedFails)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    const auto carol = crypto::IdentityKeyPair::generate();
    alice.manager().dial(bob.address(), carol.peerId());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("expected")))
        << alice.dials[0].error.toStdString();
    runFor(m_clock, 1000);
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    EXPECT_FALSE(bob.manager().isConnected(alice.id()));
    EXPECT_TRUE(bob.connected.empty());
}

TEST_F(LinkManagerTest, ClosedPortReportsADialFailureAfterOneRoundTrip)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    const net::HostPort closed{QStringLiteral("10.0.0.2"), 9};
    alice.manager().dial(closed, std::nullopt);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_EQ(alice.dials[0].address, closed);
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("refused")))
        << alice.dials[0].error.toStdString();
    EXPECT_EQ(alice.dials[0].atMs, 2);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return alice.links().empty(); }, kPatienceMs));
}

TEST_F(LinkManagerTest, UnreachableHostReportsADialFailureAtTheConnectTimeout)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    const net::HostPort nowhere{QStringLiteral("10.0.0.77"), LinkNode::kPort};
    alice.manager().dial(nowhere, std::nullopt);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_EQ(alice.dials[0].address, nowhere);
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("timed out")))
        << alice.dials[0].error.toStdString();
    EXPECT_EQ(alice.dials[0].atMs, sim::SimNetwork::kConnectTimeoutMs);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return alice.links().empty(); }, kPatienceMs));
}

TEST_F(LinkManagerTest, ChangedKeyIsReportedAsASecurityEvent)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    alice.trust().preset(bob.id(), crypto::IdentityKeyPair::generate().publicKey());
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_FALSE(alice.dials[0].peer);
    ASSERT_EQ(alice.securityEvents.size(), 1);
    EXPECT_TRUE(alice.securityEvents[0].contains(QStringLiteral("pinned")))
        << alice.securityEvents[0].toStdString();
    // The event names whom the impostor claimed to be.
    EXPECT_EQ(alice.securityClaims[0], bob.id());
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    runFor(m_clock, 1000);
    EXPECT_TRUE(bob.connected.empty());
}

TEST_F(LinkManagerTest, HandshakeFloodIsCappedAndOthersStillServed)
{
    confab::test::LogCapture log;
    const QString refusal = QStringLiteral("too many links or handshakes in progress");
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    sim::SimHost& mallory = m_network.addHost(QStringLiteral("10.0.0.66"));
    // Connections that never say anything hold a handshake slot each.
    std::vector<std::unique_ptr<test::NoisePeer>> idle;
    for (std::size_t i = 0; i < LinkManager::kMaxPendingHandshakes + 3; ++i) {
        idle.push_back(std::make_unique<test::NoisePeer>(mallory.connectTo(bob.address()), m_clock));
    }
    // Bob takes the first kMaxPendingHandshakes and refuses the rest as they arrive.
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return log.count(QStringLiteral("confab.link"), refusal) == 3; }, kPatienceMs));
    const std::int64_t acceptedAt = m_clock.monotonicMs();
    EXPECT_EQ(acceptedAt, 1); // one latency after the dials
    EXPECT_EQ(bob.links().size(), LinkManager::kMaxPendingHandshakes);
    runFor(m_clock, 100);
    EXPECT_EQ(bob.links().size(), LinkManager::kMaxPendingHandshakes);
    EXPECT_EQ(log.count(QStringLiteral("confab.link"), refusal), 3);

    // A real peer is refused while the flood holds every slot...
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return log.count(QStringLiteral("confab.link"), refusal) == 4; }, kPatienceMs));
    EXPECT_EQ(bob.links().size(), LinkManager::kMaxPendingHandshakes);
    // ...until the idle ones time out, all at once, exactly at the handshake timeout.
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bob.links().empty(); }, kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), acceptedAt + LinkTimings{}.handshakeTimeoutMs);
    EXPECT_TRUE(bob.connected.empty());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.dials.empty(); }, kPatienceMs));
    EXPECT_FALSE(alice.dials[0].peer);
    alice.manager().dial(bob.address(), bob.id());
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return linked(alice, bob); }, kPatienceMs));
}

TEST_F(LinkManagerTest, OwnDialsDoNotCountAgainstTheHandshakeCap)
{
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    // Bob dials many hosts that do not answer: his own handshakes in progress...
    for (std::size_t i = 0; i < LinkManager::kMaxPendingHandshakes + 10; ++i) {
        bob.manager().dial({QStringLiteral("10.1.0.%1").arg(i), LinkNode::kPort}, std::nullopt);
    }
    // ...do not make him refuse a peer dialling him at the same moment.
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return linked(alice, bob); }, kPatienceMs));
    EXPECT_LT(m_clock.monotonicMs(), sim::SimNetwork::kConnectTimeoutMs);
}

TEST_F(LinkManagerTest, SendToAnUnknownPeerFails)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    const PeerId nobody = crypto::IdentityKeyPair::generate().peerId();
    EXPECT_FALSE(alice.manager().send(nobody, proto::LinkMessageType::Envelope, text("nobody")));
    EXPECT_FALSE(alice.manager().isConnected(nobody));
    EXPECT_FALSE(alice.manager().linkInfo(nobody));
}

TEST_F(LinkManagerTest, LongDisplayNameIsCutOnACharacterBoundary)
{
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    // 40 two-byte characters: 80 bytes, over the 64-byte limit.
    alice.manager().setOwnInfo(QString(40, QChar(0x00E9)), LinkNode::kPort);
    link(alice, bob);
    const std::string name = bob.manager().linkInfo(alice.id())->hello.displayName;
    EXPECT_LE(name.size(), proto::kMaxDisplayNameBytes);
    EXPECT_EQ(QString::fromStdString(name), QString(static_cast<qsizetype>(name.size() / 2), QChar(0x00E9)));
    EXPECT_EQ(name.size() % 2, 0u);
}

TEST_F(LinkManagerTest, MessageOfATypeWithNoHandlerClosesOnlyThatLink)
{
    confab::test::LogCapture log;
    LinkNode& alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    LinkNode& carol = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("carol"));
    link(alice, bob);
    link(carol, bob);
    // Bob handles envelopes only; peer exchange is a type nobody registered.
    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("first")));
    runFor(m_clock, 5);
    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::PeerExchange, text("unhandled")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bob.disconnected.empty(); }, kPatienceMs));
    const QString reason = QStringLiteral("message of type 5, which this node does not handle");
    EXPECT_EQ(bob.disconnected[0].peer, alice.id());
    EXPECT_EQ(bob.disconnected[0].reason, reason);
    EXPECT_EQ(log.count(QStringLiteral("confab.link"), reason), 1);
    ASSERT_EQ(bob.received.size(), 1u); // what came in an earlier read was delivered
    EXPECT_EQ(bob.received[0].body, text("first"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !alice.disconnected.empty(); }, kPatienceMs));

    // Carol's link is untouched and still carries messages.
    EXPECT_TRUE(linked(carol, bob));
    EXPECT_TRUE(carol.disconnected.empty());
    ASSERT_TRUE(carol.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("carol")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bob.received.size() == 2; }, kPatienceMs));
    EXPECT_EQ(bob.received[1].from, carol.id());
}

// Bob's LinkManager with a hand-driven Alice, who can put several messages
// of different types into one read.
class HandlerTest : public LinkManagerTest {
protected:
    void SetUp() override
    {
        m_bob = &addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
        sim::SimHost& aliceHost = m_network.addHost(QStringLiteral("10.0.0.1"));
        m_alice = std::make_unique<test::NoisePeer>(aliceHost.connectTo(m_bob->address()), m_clock);
        ASSERT_TRUE(m_alice->waitConnected());
        ASSERT_TRUE(m_alice->handshake(m_aliceIdentity,
                                       {proto::kProtocolVersion, payloadOf(m_aliceIdentity, "alice")}));
        ASSERT_TRUE(runUntil(
            m_clock, [&] { return m_bob->manager().isConnected(m_aliceIdentity.peerId()); }, kPatienceMs));
    }

    // The frames of `messages`, in order, in one write.
    void writeInOneRead(const std::vector<std::pair<proto::LinkMessageType, Bytes>>& messages)
    {
        Bytes bytes;
        for (const auto& [type, body] : messages) {
            const Bytes frame = m_alice->messageFrame(type, body);
            bytes.insert(bytes.end(), frame.begin(), frame.end());
        }
        m_alice->writeRaw(bytes);
    }

    crypto::IdentityKeyPair m_aliceIdentity = crypto::IdentityKeyPair::generate();
    LinkNode* m_bob = nullptr;
    std::unique_ptr<test::NoisePeer> m_alice;
};

TEST_F(HandlerTest, HandlersSeeOnlyTheirOwnTypeAndAllOfItFromOneReadAtOnce)
{
    std::vector<std::vector<Bytes>> calls;
    m_bob->manager().setHandler(proto::LinkMessageType::Call,
                                [&](const PeerId& from, const std::vector<Bytes>& bodies) {
                                    EXPECT_EQ(from, m_aliceIdentity.peerId());
                                    calls.push_back(bodies);
                                });
    writeInOneRead({{proto::LinkMessageType::Envelope, text("e0")},
                    {proto::LinkMessageType::Call, text("c0")},
                    {proto::LinkMessageType::Ping, Bytes(8, 1)},
                    {proto::LinkMessageType::Envelope, text("e1")},
                    {proto::LinkMessageType::Call, text("c1")}});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !calls.empty() && m_bob->received.size() == 2; }, kPatienceMs));
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0], (std::vector<Bytes>{text("c0"), text("c1")}));
    EXPECT_EQ(m_bob->received[0].body, text("e0"));
    EXPECT_EQ(m_bob->received[1].body, text("e1"));
    EXPECT_EQ(m_bob->received[0].from, m_aliceIdentity.peerId());
    EXPECT_TRUE(m_bob->manager().isConnected(m_aliceIdentity.peerId()));
    // The ping was answered by the link, not handed to anyone.
    const auto pong = m_alice->readFrame();
    ASSERT_TRUE(pong);
    EXPECT_EQ(m_alice->decryptCounted(*pong)->type, proto::LinkMessageType::Pong);
}

TEST_F(HandlerTest, NothingOfAReadWithAnUnhandledMessageReachesTheHandlers)
{
    writeInOneRead(
        {{proto::LinkMessageType::Envelope, text("e0")}, {proto::LinkMessageType::Call, text("c0")}});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob->disconnected.empty(); }, kPatienceMs));
    EXPECT_TRUE(m_bob->disconnected[0].reason.contains(QStringLiteral("does not handle")));
    EXPECT_TRUE(m_bob->received.empty());
}

TEST_F(HandlerTest, HandlerThatDropsThePeerVoidsWhatOtherHandlersHaveNotSeen)
{
    int calls = 0;
    m_bob->manager().setHandler(proto::LinkMessageType::Call,
                                [&](const PeerId&, const std::vector<Bytes>&) { ++calls; });
    m_bob->manager().setHandler(
        proto::LinkMessageType::PeerExchange, [&](const PeerId& from, const std::vector<Bytes>&) {
            m_bob->manager().dropPeer(from, QStringLiteral("malformed peer exchange"));
        });
    // Handlers run in type order: Envelope (1), PeerExchange (5), Call (6).
    writeInOneRead({{proto::LinkMessageType::Call, text("c0")},
                    {proto::LinkMessageType::PeerExchange, text("bad")},
                    {proto::LinkMessageType::Envelope, text("e0")}});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob->disconnected.empty(); }, kPatienceMs));
    EXPECT_EQ(m_bob->disconnected[0].reason, QStringLiteral("malformed peer exchange"));
    EXPECT_EQ(m_bob->received.size(), 1u);
    EXPECT_EQ(calls, 0);
}

} // namespace
} // namespace confab::session
