#include "crypto/identity.h"
#include "noise_peer.h"
#include "proto/limits.h"
#include "session/link.h"
#include "sim/sim_network.h"
#include "support/log_capture.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <deque>
#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::runFor;
using confab::test::runUntil;

const QString kAliceHost = QStringLiteral("10.0.0.1");
const QString kBobHost = QStringLiteral("10.0.0.2");
constexpr quint16 kBobPort = 42042;
// Long enough for anything these tests wait for; it is virtual time.
constexpr std::int64_t kPatienceMs = 60'000;

Bytes counterBody(std::uint32_t n)
{
    return {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
            static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
}

std::uint32_t counterOf(const proto::LinkMessage& message)
{
    if (message.body.size() != 4) {
        return 0xFFFFFFFFu;
    }
    return (std::uint32_t{message.body[0]} << 24) | (std::uint32_t{message.body[1]} << 16) |
           (std::uint32_t{message.body[2]} << 8) | std::uint32_t{message.body[3]};
}

// Index of the first message that is not an Envelope carrying counter i, or
// the size when all are in order.
std::size_t firstOutOfOrder(const std::vector<proto::LinkMessage>& messages)
{
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].type != proto::LinkMessageType::Envelope || counterOf(messages[i]) != i) {
            return i;
        }
    }
    return messages.size();
}

proto::HandshakePayload payloadOf(const crypto::IdentityKeyPair& identity, const std::string& name,
                                  std::uint16_t port)
{
    proto::HandshakePayload own;
    own.protocolVersion = proto::kProtocolVersion;
    own.peerId = identity.peerId();
    own.identityKey = identity.publicKey();
    own.displayName = name;
    own.listenPort = port;
    return own;
}

// One side of a link under test: its identity, trust, the Link and what the
// Link reported, with the virtual time of each report.
struct Endpoint {
    crypto::IdentityKeyPair identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore trust;
    std::unique_ptr<PeerAuthenticator> authenticator;
    std::unique_ptr<Link> link;
    std::vector<proto::LinkMessage> received;
    std::vector<std::size_t> batches; // messages per messagesReceived
    int establishedCount = 0;
    std::int64_t establishedAt = -1;
    int closedCount = 0;
    std::int64_t closedAt = -1;
    QString closeReason;
    bool securityViolation = false;

    [[nodiscard]] bool established() const { return establishedCount > 0 && closedCount == 0; }
    [[nodiscard]] bool closed() const { return closedCount > 0; }

    void makeLink(std::unique_ptr<net::ByteStream> stream, Link::Role role,
                  const proto::HandshakePayload& own, std::optional<PeerId> expected,
                  confab::test::VirtualClock& clock, LinkTimings timings)
    {
        authenticator = std::make_unique<PeerAuthenticator>(identity.peerId(), trust);
        auto verifier = [this, expected](const proto::HandshakePayload& remote,
                                         const crypto::PublicKey& key) {
            return authenticator->check(remote, key, expected);
        };
        link = std::make_unique<Link>(std::move(stream), role, Link::Context{identity, clock, timings}, own,
                                      verifier, 1);
        QObject::connect(link.get(), &Link::established, link.get(), [this, &clock](Link*) {
            ++establishedCount;
            establishedAt = clock.monotonicMs();
        });
        QObject::connect(link.get(), &Link::messagesReceived, link.get(),
                         [this](Link*, const std::vector<proto::LinkMessage>& messages) {
                             received.insert(received.end(), messages.begin(), messages.end());
                             batches.push_back(messages.size());
                         });
        QObject::connect(link.get(), &Link::closed, link.get(),
                         [this, &clock](Link*, const QString& reason, bool security) {
                             ++closedCount;
                             closedAt = clock.monotonicMs();
                             closeReason = reason;
                             securityViolation = security;
                         });
        link->start();
    }
};

// Alice and Bob on two simulated hosts, 1 ms apart; Bob listens.
class LinkTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_listener = m_bobHost.createListener();
        ASSERT_TRUE(m_listener->listen({kBobHost, kBobPort}, true));
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, m_listener.get(),
                         [this](net::ByteStream* stream) {
                             m_accepted.emplace_back(stream);
                             m_acceptedAt = m_clock.monotonicMs();
                         });
    }

    std::unique_ptr<net::ByteStream> dialBob() { return m_aliceHost.connectTo({kBobHost, kBobPort}); }

    std::unique_ptr<net::ByteStream> acceptOne()
    {
        if (!runUntil(
                m_clock, [this] { return !m_accepted.empty(); }, kPatienceMs)) {
            return nullptr;
        }
        auto stream = std::move(m_accepted.front());
        m_accepted.pop_front();
        return stream;
    }

    // Alice's Link dials Bob's.
    void connectPair(LinkTimings timings = {}, std::optional<PeerId> aliceExpects = std::nullopt)
    {
        m_alice.makeLink(dialBob(), Link::Role::Initiator, payloadOf(m_alice.identity, "alice", 1111),
                         aliceExpects ? aliceExpects : m_bob.identity.peerId(), m_clock, timings);
        acceptAsBob(timings);
    }

    void establishPair(LinkTimings timings = {})
    {
        connectPair(timings);
        ASSERT_TRUE(runUntil(
            m_clock, [this] { return m_alice.established() && m_bob.established(); }, kPatienceMs))
            << "alice: " << m_alice.closeReason.toStdString() << " bob: " << m_bob.closeReason.toStdString();
    }

    // A Link for Bob behind whatever connects next (a Link or a hand-driven peer).
    void acceptAsBob(LinkTimings timings = {})
    {
        auto accepted = acceptOne();
        ASSERT_NE(accepted, nullptr);
        m_bob.makeLink(std::move(accepted), Link::Role::Responder, payloadOf(m_bob.identity, "bob", 2222),
                       std::nullopt, m_clock, timings);
    }

    // A peer driven by hand that has dialled Bob and is connected.
    std::unique_ptr<test::NoisePeer> rawPeer(LinkTimings timings = {})
    {
        auto peer = std::make_unique<test::NoisePeer>(dialBob(), m_clock);
        acceptAsBob(timings);
        EXPECT_TRUE(peer->waitConnected());
        return peer;
    }

    bool runUntilBobCloses()
    {
        return runUntil(
            m_clock, [this] { return m_bob.closed(); }, kPatienceMs);
    }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    sim::SimHost& m_aliceHost = m_network.addHost(kAliceHost);
    sim::SimHost& m_bobHost = m_network.addHost(kBobHost);
    std::unique_ptr<net::StreamListener> m_listener;
    std::deque<std::unique_ptr<net::ByteStream>> m_accepted;
    std::int64_t m_acceptedAt = -1;
    Endpoint m_alice;
    Endpoint m_bob;
};

TEST_F(LinkTest, HandshakeCompletesWithEachSidesIdentity)
{
    m_network.setDefaultLink({.latencyMs = 10});
    establishPair();
    EXPECT_EQ(m_alice.establishedCount, 1);
    EXPECT_EQ(m_bob.establishedCount, 1);
    EXPECT_EQ(m_alice.link->state(), Link::State::Established);
    EXPECT_EQ(m_bob.link->state(), Link::State::Established);
    // Connect (one round trip), preambles and message 1 (half of one), message
    // 2, then message 3 to the responder: no step waits for anything else.
    EXPECT_EQ(m_alice.establishedAt, 40);
    EXPECT_EQ(m_bob.establishedAt, 50);

    EXPECT_EQ(m_alice.link->remote().peerId, m_bob.identity.peerId());
    EXPECT_EQ(m_alice.link->remote().identityKey, m_bob.identity.publicKey());
    EXPECT_EQ(m_alice.link->remote().displayName, "bob");
    EXPECT_EQ(m_alice.link->remote().listenPort, 2222);
    EXPECT_EQ(m_bob.link->remote().peerId, m_alice.identity.peerId());
    EXPECT_EQ(m_bob.link->remote().identityKey, m_alice.identity.publicKey());
    EXPECT_EQ(m_bob.link->remote().displayName, "alice");
    EXPECT_EQ(m_alice.link->claimedPeer(), m_bob.identity.peerId());

    EXPECT_FALSE(m_alice.link->handshakeHash().empty());
    EXPECT_EQ(m_alice.link->handshakeHash(), m_bob.link->handshakeHash());

    // Where each can be dialled back: the stream's host with the announced port.
    EXPECT_EQ(m_bob.link->socketPeer().host, kAliceHost);
    EXPECT_NE(m_bob.link->socketPeer().port, 1111); // the dial came from an ephemeral port
    EXPECT_EQ(m_bob.link->remoteListenAddress(), (net::HostPort{kAliceHost, 1111}));
    EXPECT_EQ(m_alice.link->socketPeer(), (net::HostPort{kBobHost, kBobPort}));
    EXPECT_EQ(m_alice.link->remoteListenAddress(), (net::HostPort{kBobHost, 2222}));

    // Both learned each other's key on first use.
    EXPECT_EQ(*m_alice.trust.pinnedKey(m_bob.identity.peerId()), m_bob.identity.publicKey());
    EXPECT_EQ(*m_bob.trust.pinnedKey(m_alice.identity.peerId()), m_alice.identity.publicKey());
}

TEST_F(LinkTest, MessagesFlowBothWaysInOrder)
{
    establishPair();
    constexpr std::uint32_t kCount = 500;
    for (std::uint32_t i = 0; i < kCount; ++i) {
        ASSERT_TRUE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
        ASSERT_TRUE(m_bob.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
    }
    const std::int64_t sentAt = m_clock.monotonicMs();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.received.size() >= kCount && m_bob.received.size() >= kCount; },
        kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 1); // one latency, nothing held back
    EXPECT_EQ(m_bob.received.size(), kCount);
    EXPECT_EQ(m_alice.received.size(), kCount);
    EXPECT_EQ(firstOutOfOrder(m_bob.received), kCount);
    EXPECT_EQ(firstOutOfOrder(m_alice.received), kCount);
    EXPECT_FALSE(m_alice.closed() || m_bob.closed());
}

TEST_F(LinkTest, SendBeforeEstablishedIsRefused)
{
    connectPair();
    EXPECT_FALSE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(1)));
    EXPECT_FALSE(m_bob.link->send(proto::LinkMessageType::Envelope, counterBody(1)));
}

TEST_F(LinkTest, RekeyingKeepsMessagesDecryptingPastTheInterval)
{
    establishPair();
    const auto count = static_cast<std::uint32_t>(kRekeyInterval + 300);
    for (std::uint32_t i = 0; i < count; ++i) {
        ASSERT_TRUE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
        ASSERT_TRUE(m_bob.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
    }
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            return (m_alice.received.size() >= count && m_bob.received.size() >= count) || m_alice.closed() ||
                   m_bob.closed();
        },
        kPatienceMs))
        << "alice got " << m_alice.received.size() << ", bob got " << m_bob.received.size();
    EXPECT_FALSE(m_alice.closed()) << m_alice.closeReason.toStdString();
    EXPECT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(firstOutOfOrder(m_bob.received), count);
    EXPECT_EQ(firstOutOfOrder(m_alice.received), count);
}

TEST_F(LinkTest, ResponsivePeersStayUpWhileIdle)
{
    const LinkTimings timings;
    establishPair(timings);
    const auto segmentsBefore = m_network.stats().segments;
    // Three times deadAfterMs with no traffic from above: pings keep it alive.
    runFor(m_clock, std::int64_t{3} * timings.deadAfterMs);
    EXPECT_TRUE(m_alice.established()) << m_alice.closeReason.toStdString();
    EXPECT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
    EXPECT_TRUE(m_alice.received.empty()); // pings and pongs are not delivered upwards
    EXPECT_TRUE(m_bob.received.empty());
    // At most a ping and a pong each way per ping interval: idle links stay quiet.
    const auto idleSegments = m_network.stats().segments - segmentsBefore;
    EXPECT_GT(idleSegments, 0u);
    EXPECT_LE(idleSegments,
              static_cast<std::uint64_t>(4 * (3 * timings.deadAfterMs / timings.pingIntervalMs + 1)));
}

TEST_F(LinkTest, CloseSaysGoodbyeAndThePeerCloses)
{
    establishPair();
    const std::int64_t closedAt = m_clock.monotonicMs();
    m_alice.link->close(proto::GoodbyeReason::Shutdown);
    EXPECT_EQ(m_alice.link->state(), Link::State::Closed);
    EXPECT_EQ(m_alice.closedCount, 1);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_EQ(m_bob.closedAt, closedAt + 1);
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("goodbye"))) << m_bob.closeReason.toStdString();
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_FALSE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(1)));
    runFor(m_clock, 1000);
    EXPECT_EQ(m_alice.closedCount, 1); // reported once
    EXPECT_EQ(m_bob.closedCount, 1);
}

TEST_F(LinkTest, UnexpectedPeerIsRefusedBeforeTheInitiatorRevealsItself)
{
    const auto stranger = crypto::IdentityKeyPair::generate();
    connectPair({}, stranger.peerId());
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_alice.closed() && m_bob.closed(); }, kPatienceMs));
    EXPECT_TRUE(m_alice.closeReason.contains(QStringLiteral("expected")))
        << m_alice.closeReason.toStdString();
    EXPECT_FALSE(m_alice.securityViolation);
    EXPECT_EQ(m_alice.link->claimedPeer(), m_bob.identity.peerId());
    // Message 3 (Alice's identity) was never sent: Bob never established or pinned.
    EXPECT_EQ(m_bob.establishedCount, 0);
    EXPECT_FALSE(m_bob.link->claimedPeer());
    EXPECT_EQ(m_bob.trust.size(), 0u);
    EXPECT_EQ(m_alice.trust.size(), 0u);
}

TEST_F(LinkTest, ChangedKeyForAKnownIdIsASecurityViolation)
{
    // Bob has pinned some other key for Alice's ID.
    m_bob.trust.preset(m_alice.identity.peerId(), crypto::IdentityKeyPair::generate().publicKey());
    connectPair();
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_alice.closed() && m_bob.closed(); }, kPatienceMs));
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_EQ(m_bob.establishedCount, 0);
    EXPECT_EQ(m_bob.trust.pinCalls(), 0);
}

TEST_F(LinkTest, GarbageInsteadOfPreambleClosesTheLink)
{
    auto raw = rawPeer();
    const std::int64_t sentAt = m_clock.monotonicMs();
    raw->writeRaw(asBytes("GET / HTTP/1.1\r\nHost: confab\r\n\r\n"));
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_EQ(m_bob.closedAt, sentAt + 1);
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("not a Confab peer")))
        << m_bob.closeReason.toStdString();
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return raw->isClosed(); }, kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 2);
}

TEST_F(LinkTest, OversizedHandshakeFrameClosesTheLink)
{
    auto raw = rawPeer();
    raw->writePreamble();
    // Well within the transport limit, but no handshake message is this big.
    raw->writeFrameHeader(static_cast<std::uint32_t>(proto::kMaxHandshakeFrameSize + 1));
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("limit"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, HugeFrameLengthClosesTheLinkAtOnce)
{
    auto raw = rawPeer();
    const std::int64_t sentAt = m_clock.monotonicMs();
    raw->writePreamble();
    raw->writeFrameHeader(0xFFFFFFFFu); // never buffered: refused on the header alone
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_EQ(m_bob.closedAt, sentAt + 1);
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("limit"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, EmptyFrameClosesTheLink)
{
    auto raw = rawPeer();
    raw->writePreamble();
    raw->writeFrameHeader(0);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("empty"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, TruncatedHandshakeIsClosedExactlyAtTheHandshakeTimeout)
{
    const LinkTimings timings;
    auto raw = rawPeer(timings);
    raw->writePreamble();
    raw->writeFrameHeader(32);                 // message 1 is one 32-byte ephemeral key...
    raw->writeRaw(Bytes(16, std::uint8_t{7})); // ...of which only half arrives
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("handshake timed out")))
        << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.closedAt, m_acceptedAt + timings.handshakeTimeoutMs);
    EXPECT_EQ(m_bob.establishedCount, 0);
}

TEST_F(LinkTest, SilentConnectionIsClosedExactlyAtTheHandshakeTimeout)
{
    LinkTimings timings;
    timings.handshakeTimeoutMs = 2500;
    auto raw = rawPeer(timings);
    runFor(m_clock, timings.handshakeTimeoutMs - 2);
    EXPECT_FALSE(m_bob.closed());
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("handshake timed out")))
        << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.closedAt, m_acceptedAt + timings.handshakeTimeoutMs);
}

TEST_F(LinkTest, InitiatorGivesUpExactlyAtTheHandshakeTimeoutWhenTheResponderIsSilent)
{
    const LinkTimings timings;
    m_alice.makeLink(dialBob(), Link::Role::Initiator, payloadOf(m_alice.identity, "alice", 1111),
                     std::nullopt, m_clock, timings);
    test::NoisePeer silent(acceptOne(), m_clock); // accepts and never says a word
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_alice.closed(); }, kPatienceMs));
    EXPECT_TRUE(m_alice.closeReason.contains(QStringLiteral("handshake timed out")))
        << m_alice.closeReason.toStdString();
    EXPECT_EQ(m_alice.closedAt, timings.handshakeTimeoutMs); // counted from the dial
    // Message 1 waits for the responder's preamble (both go into the
    // prologue), so the responder got Alice's preamble alone, then the reset.
    const auto preamble = proto::encodePreamble(proto::kProtocolVersion);
    EXPECT_EQ(silent.readExactly(proto::kPreambleSize, 0), Bytes(preamble.begin(), preamble.end()));
    EXPECT_EQ(silent.buffered(), 0u);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return silent.isClosed(); }, kPatienceMs));
}

class HandDrivenPeerTest : public LinkTest {
protected:
    // Bob is a Link; Alice is driven by hand through a complete handshake.
    void handshake(LinkTimings timings = {}, ByteView sendWithMessage3 = {})
    {
        m_peer = rawPeer(timings);
        ASSERT_TRUE(m_peer->handshake(m_alice.identity,
                                      {proto::kProtocolVersion, payloadOf(m_alice.identity, "alice", 0)},
                                      sendWithMessage3));
        ASSERT_TRUE(runUntil(
            m_clock, [this] { return m_bob.established() || m_bob.closed(); }, kPatienceMs));
        ASSERT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
        EXPECT_EQ(m_peer->remote().peerId, m_bob.identity.peerId());
    }

    // Every Ping Bob sent that has arrived (by virtual arrival time), answered or not.
    void watchPings(bool answer)
    {
        m_peer->setOnData([this, answer] {
            while (const auto frame = m_peer->takeFrame()) {
                const auto message = m_peer->decryptCounted(*frame);
                if (message && message->type == proto::LinkMessageType::Ping) {
                    m_pingsAt.push_back(m_clock.monotonicMs());
                    if (answer) {
                        m_peer->sendMessage(proto::LinkMessageType::Pong, message->body);
                    }
                }
            }
        });
    }

    std::unique_ptr<test::NoisePeer> m_peer;
    std::vector<std::int64_t> m_pingsAt;
};

TEST_F(HandDrivenPeerTest, FirstMessageInTheSameWriteAsHandshakeMessage3IsDelivered)
{
    const Bytes first = proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0));
    handshake({}, first);
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return !m_bob.received.empty(); }, kPatienceMs));
    EXPECT_EQ(firstOutOfOrder(m_bob.received), 1u);
    // No listen port announced: nothing to dial back.
    EXPECT_FALSE(m_bob.link->remoteListenAddress());
}

TEST_F(HandDrivenPeerTest, MessagesOfOneReadAreDeliveredTogetherInOrder)
{
    handshake();
    Bytes bytes;
    for (std::uint32_t i = 0; i < 3; ++i) {
        const Bytes frame = m_peer->messageFrame(proto::LinkMessageType::Envelope, counterBody(i));
        bytes.insert(bytes.end(), frame.begin(), frame.end());
    }
    m_peer->writeRaw(bytes);
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_bob.received.size() == 3; }, kPatienceMs));
    EXPECT_EQ(m_bob.batches, std::vector<std::size_t>{3});
    EXPECT_EQ(firstOutOfOrder(m_bob.received), 3u);
}

TEST_F(HandDrivenPeerTest, SilentPeerIsDroppedExactlyAtDeadAfterMs)
{
    const LinkTimings timings; // ping every 4 s, dead after 12 s
    handshake(timings);
    // The handshake's message 3 is the last thing Bob hears.
    const std::int64_t lastHeard = m_bob.establishedAt;
    watchPings(false);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("no response"))) << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.closedAt, lastHeard + timings.deadAfterMs);
    // Probed at every ping interval before giving up (each arriving 1 ms later).
    EXPECT_EQ(m_pingsAt,
              (std::vector<std::int64_t>{lastHeard + timings.pingIntervalMs + 1,
                                         lastHeard + std::int64_t{2} * timings.pingIntervalMs + 1}));
    EXPECT_TRUE(runUntil(
        m_clock, [this] { return m_peer->isClosed(); }, kPatienceMs));
}

TEST_F(HandDrivenPeerTest, PeerAnsweringPingsIsKeptAliveAndPingedEveryInterval)
{
    const LinkTimings timings;
    handshake(timings);
    const std::int64_t start = m_bob.establishedAt;
    // Alice never starts anything; she only answers Bob's pings.
    watchPings(true);
    runFor(m_clock, std::int64_t{3} * timings.deadAfterMs);
    EXPECT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
    std::vector<std::int64_t> expected;
    for (std::int64_t at = start + timings.pingIntervalMs;
         at <= start + std::int64_t{3} * timings.deadAfterMs - 1; at += timings.pingIntervalMs) {
        expected.push_back(at + 1);
    }
    EXPECT_EQ(m_pingsAt, expected);
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, PingIsAnsweredWithItsTokenAndNotDeliveredUpwards)
{
    handshake();
    const Bytes token{1, 2, 3, 4, 5, 6, 7, 8};
    const std::int64_t sentAt = m_clock.monotonicMs();
    m_peer->sendMessage(proto::LinkMessageType::Ping, token);
    const auto frame = m_peer->readFrame();
    ASSERT_TRUE(frame);
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 2); // answered at once
    const auto pong = m_peer->decryptCounted(*frame);
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->type, proto::LinkMessageType::Pong);
    EXPECT_EQ(pong->body, token);
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, TamperedFrameIsASecurityViolation)
{
    handshake();
    Bytes frame =
        m_peer->encryptCounted(proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0)));
    frame[0] ^= 0x01;
    m_peer->writeFrame(frame);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("authentication")))
        << m_bob.closeReason.toStdString();
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, AuthenticMessagesBeforeATamperedOneInTheSameReadStillCount)
{
    handshake();
    Bytes bytes;
    for (std::uint32_t i = 0; i < 2; ++i) {
        const Bytes frame = m_peer->messageFrame(proto::LinkMessageType::Envelope, counterBody(i));
        bytes.insert(bytes.end(), frame.begin(), frame.end());
    }
    Bytes tampered = m_peer->messageFrame(proto::LinkMessageType::Envelope, counterBody(2));
    tampered.back() ^= 0x80;
    bytes.insert(bytes.end(), tampered.begin(), tampered.end());
    m_peer->writeRaw(bytes);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_EQ(m_bob.received.size(), 2u);
    EXPECT_EQ(firstOutOfOrder(m_bob.received), 2u);
}

TEST_F(HandDrivenPeerTest, ReplayedFrameIsASecurityViolation)
{
    handshake();
    const Bytes frame =
        m_peer->encryptCounted(proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0)));
    m_peer->writeFrame(frame);
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return !m_bob.received.empty(); }, kPatienceMs));
    m_peer->writeFrame(frame);
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_EQ(m_bob.received.size(), 1u); // the original got through, the replay did not
}

TEST_F(HandDrivenPeerTest, MalformedLinkMessageClosesTheLink)
{
    handshake();
    const Bytes unknownType{0xEE, 0x00};
    m_peer->writeFrame(m_peer->encryptCounted(unknownType));
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("malformed"))) << m_bob.closeReason.toStdString();
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, LargestFrameIsAcceptedAndOneByteMoreClosesTheLink)
{
    handshake();
    // Type byte + body + AEAD tag = exactly kMaxFrameSize.
    const Bytes body(proto::kMaxLinkMessageSize - 1, std::uint8_t{0x42});
    m_peer->sendMessage(proto::LinkMessageType::Envelope, body);
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return !m_bob.received.empty() || m_bob.closed(); }, kPatienceMs));
    ASSERT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.received.front().body.size(), body.size());

    m_peer->writeFrameHeader(static_cast<std::uint32_t>(proto::kMaxFrameSize + 1));
    ASSERT_TRUE(runUntilBobCloses());
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("limit"))) << m_bob.closeReason.toStdString();
}

TEST_F(HandDrivenPeerTest, LinkRekeysItsSendingKeyAfterExactlyTheInterval)
{
    handshake();
    const auto count = static_cast<std::uint32_t>(kRekeyInterval + 2);
    for (std::uint32_t i = 0; i < count; ++i) {
        ASSERT_TRUE(m_bob.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
    }
    // A copy of the receiving cipher that never rekeys must fail on exactly
    // the first message after the interval.
    crypto::CipherState neverRekeyed = m_peer->transport().receiveCipher();
    std::optional<std::uint32_t> firstFailureWithoutRekey;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto frame = m_peer->readFrame();
        ASSERT_TRUE(frame) << "frame " << i << " missing";
        if (!firstFailureWithoutRekey && !neverRekeyed.decryptWithAd({}, *frame)) {
            firstFailureWithoutRekey = i;
        }
        const auto message = m_peer->decryptCounted(*frame);
        ASSERT_TRUE(message) << "frame " << i << " does not decrypt under the protocol's rekey schedule";
        ASSERT_EQ(counterOf(*message), i);
    }
    ASSERT_TRUE(firstFailureWithoutRekey);
    EXPECT_EQ(*firstFailureWithoutRekey, kRekeyInterval);
}

TEST_F(HandDrivenPeerTest, LinkRekeysItsReceivingKeyAfterExactlyTheInterval)
{
    handshake();
    const auto count = static_cast<std::uint32_t>(kRekeyInterval + 2);
    for (std::uint32_t i = 0; i < count; ++i) {
        m_peer->sendMessage(proto::LinkMessageType::Envelope, counterBody(i));
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bob.received.size() >= count || m_bob.closed(); }, kPatienceMs));
    EXPECT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(firstOutOfOrder(m_bob.received), count);
}

// The handshake payload repeats, under the handshake's protection, the
// version the preamble announced; a peer that says two things is refused.
class VersionTest : public LinkTest {
protected:
    test::NoisePeer::Hello hello(std::uint16_t preamble, std::uint16_t payload)
    {
        proto::HandshakePayload own = payloadOf(m_alice.identity, "alice", 0);
        own.protocolVersion = payload;
        return {preamble, own};
    }

    // Alice drives the handshake by hand and claims two versions; Bob's Link refuses.
    void expectRefused(std::uint16_t preamble, std::uint16_t payload)
    {
        auto peer = rawPeer();
        // The handshake itself completes on Alice's side: her preamble is in
        // the prologue both use, so only the payload's claim is inconsistent.
        ASSERT_TRUE(peer->handshake(m_alice.identity, hello(preamble, payload)));
        ASSERT_TRUE(runUntilBobCloses());
        const QString reason =
            QStringLiteral("handshake payload says protocol version %1 but the preamble said %2")
                .arg(payload)
                .arg(preamble);
        EXPECT_EQ(m_bob.closeReason, reason);
        EXPECT_FALSE(m_bob.securityViolation);
        EXPECT_EQ(m_bob.establishedCount, 0);
        EXPECT_EQ(m_bob.trust.size(), 0u); // refused before the key was pinned
        EXPECT_EQ(m_log.count(QStringLiteral("confab.link"), reason), 1);
        EXPECT_TRUE(runUntil(
            m_clock, [&] { return peer->isClosed(); }, kPatienceMs));
    }

    confab::test::LogCapture m_log;
};

TEST_F(VersionTest, PayloadVersionOtherThanThePreamblesIsRefusedAndLogged)
{
    expectRefused(2, 1); // a newer preamble, an older payload
}

TEST_F(VersionTest, PayloadVersionNewerThanThePreamblesIsRefusedAndLogged)
{
    expectRefused(1, 2);
}

TEST_F(VersionTest, InitiatorRefusesAResponderWhosePayloadContradictsItsPreamble)
{
    m_alice.makeLink(dialBob(), Link::Role::Initiator, payloadOf(m_alice.identity, "alice", 1111),
                     std::nullopt, m_clock, {});
    test::NoisePeer responder(acceptOne(), m_clock);
    proto::HandshakePayload bobSays = payloadOf(m_bob.identity, "bob", 2222);
    bobSays.protocolVersion = 3;
    // Message 3, which would carry Alice's identity, never comes.
    EXPECT_FALSE(responder.respond(m_bob.identity, {2, bobSays}));
    ASSERT_TRUE(m_alice.closed());
    const QString reason =
        QStringLiteral("handshake payload says protocol version 3 but the preamble said 2");
    EXPECT_EQ(m_alice.closeReason, reason);
    EXPECT_EQ(m_alice.establishedCount, 0);
    EXPECT_EQ(m_alice.trust.size(), 0u);
    EXPECT_EQ(m_log.count(QStringLiteral("confab.link"), reason), 1);
}

TEST_F(VersionTest, NewerPeerThatSaysTheSameVersionTwiceIsAccepted)
{
    auto peer = rawPeer();
    const auto newer = static_cast<std::uint16_t>(proto::kProtocolVersion + 1);
    ASSERT_TRUE(peer->handshake(m_alice.identity, hello(newer, newer)));
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_bob.established() || m_bob.closed(); }, kPatienceMs));
    EXPECT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.link->remote().protocolVersion, newer);
}

} // namespace
} // namespace confab::session
