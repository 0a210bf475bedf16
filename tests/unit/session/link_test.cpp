#include "crypto/identity.h"
#include "noise_peer.h"
#include "proto/limits.h"
#include "session/link.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/wait.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;

proto::Bytes counterBody(std::uint32_t n)
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

// Short enough that the timing tests take well under a second each.
LinkTimings fastTimings()
{
    LinkTimings timings;
    timings.handshakeTimeoutMs = 300;
    timings.pingIntervalMs = 100;
    timings.deadAfterMs = 400;
    timings.checkIntervalMs = 25;
    return timings;
}

// One side of a link under test: its identity, trust, the Link and what the
// Link reported.
struct Endpoint {
    crypto::IdentityKeyPair identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore trust;
    std::unique_ptr<PeerAuthenticator> authenticator;
    std::unique_ptr<Link> link;
    std::vector<proto::LinkMessage> received;
    int establishedCount = 0;
    int closedCount = 0;
    QString closeReason;
    bool securityViolation = false;

    [[nodiscard]] bool established() const { return establishedCount > 0 && closedCount == 0; }
    [[nodiscard]] bool closed() const { return closedCount > 0; }

    proto::HandshakePayload payload(const std::string& name, std::uint16_t port) const
    {
        proto::HandshakePayload own;
        own.protocolVersion = proto::kProtocolVersion;
        own.peerId = identity.peerId();
        own.identityKey = identity.publicKey();
        own.displayName = name;
        own.listenPort = port;
        return own;
    }

    void makeLink(QTcpSocket* socket, Link::Role role, const proto::HandshakePayload& own,
                  std::optional<proto::PeerId> expected, LinkTimings timings)
    {
        authenticator = std::make_unique<PeerAuthenticator>(identity.peerId(), trust);
        auto verifier = [this, expected](const proto::HandshakePayload& remote,
                                         const crypto::PublicKey& key) {
            return authenticator->check(remote, key, expected);
        };
        link = std::make_unique<Link>(socket, role, identity, own, verifier, timings, 1);
        QObject::connect(link.get(), &Link::established, link.get(), [this](Link*) { ++establishedCount; });
        QObject::connect(link.get(), &Link::messagesReceived, link.get(),
                         [this](Link*, const std::vector<proto::LinkMessage>& messages) {
                             received.insert(received.end(), messages.begin(), messages.end());
                         });
        QObject::connect(link.get(), &Link::closed, link.get(),
                         [this](Link*, const QString& reason, bool security) {
                             ++closedCount;
                             closeReason = reason;
                             securityViolation = security;
                         });
    }
};

class LinkTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_server.listen(QHostAddress::LocalHost, 0)); }

    quint16 port() const { return m_server.serverPort(); }

    QTcpSocket* acceptOne()
    {
        if (!waitUntil([this] { return m_server.hasPendingConnections(); })) {
            return nullptr;
        }
        return m_server.nextPendingConnection();
    }

    // Alice dials Bob through the listening server.
    void connectPair(LinkTimings timings = {}, std::optional<proto::PeerId> aliceExpects = std::nullopt)
    {
        auto* socket = new QTcpSocket();
        m_alice.makeLink(socket, Link::Role::Initiator, m_alice.payload("alice", 1111),
                         aliceExpects ? aliceExpects : m_bob.identity.peerId(), timings);
        m_alice.link->start();
        socket->connectToHost(QHostAddress::LocalHost, port());
        QTcpSocket* accepted = acceptOne();
        ASSERT_NE(accepted, nullptr);
        m_bob.makeLink(accepted, Link::Role::Responder, m_bob.payload("bob", 2222), std::nullopt, timings);
        m_bob.link->start();
    }

    void establishPair(LinkTimings timings = {})
    {
        connectPair(timings);
        ASSERT_TRUE(waitUntil([this] { return m_alice.established() && m_bob.established(); }))
            << "alice: " << m_alice.closeReason.toStdString() << " bob: " << m_bob.closeReason.toStdString();
    }

    // A Link for Bob behind whatever connects next (a raw or hand-driven peer).
    void acceptAsBob(LinkTimings timings = {})
    {
        QTcpSocket* accepted = acceptOne();
        ASSERT_NE(accepted, nullptr);
        m_bob.makeLink(accepted, Link::Role::Responder, m_bob.payload("bob", 2222), std::nullopt, timings);
        m_bob.link->start();
    }

    QTcpServer m_server;
    Endpoint m_alice;
    Endpoint m_bob;
};

TEST_F(LinkTest, HandshakeCompletesWithEachSidesIdentity)
{
    establishPair();
    EXPECT_EQ(m_alice.establishedCount, 1);
    EXPECT_EQ(m_bob.establishedCount, 1);
    EXPECT_EQ(m_alice.link->state(), Link::State::Established);
    EXPECT_EQ(m_bob.link->state(), Link::State::Established);

    EXPECT_EQ(m_alice.link->remote().peerId, m_bob.identity.peerId());
    EXPECT_EQ(m_alice.link->remote().identityKey, m_bob.identity.publicKey());
    EXPECT_EQ(m_alice.link->remote().displayName, "bob");
    EXPECT_EQ(m_alice.link->remote().listenPort, 2222);
    EXPECT_EQ(m_bob.link->remote().peerId, m_alice.identity.peerId());
    EXPECT_EQ(m_bob.link->remote().identityKey, m_alice.identity.publicKey());
    EXPECT_EQ(m_bob.link->remote().displayName, "alice");

    EXPECT_FALSE(m_alice.link->handshakeHash().empty());
    EXPECT_EQ(m_alice.link->handshakeHash(), m_bob.link->handshakeHash());

    // Where each can be dialled back: the socket's address with the announced port.
    ASSERT_TRUE(m_bob.link->remoteListenAddress());
    EXPECT_EQ(*m_bob.link->remoteListenAddress(), (net::HostPort{QStringLiteral("127.0.0.1"), 1111}));
    ASSERT_TRUE(m_alice.link->remoteListenAddress());
    EXPECT_EQ(*m_alice.link->remoteListenAddress(), (net::HostPort{QStringLiteral("127.0.0.1"), 2222}));

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
    ASSERT_TRUE(
        waitUntil([&] { return m_alice.received.size() >= kCount && m_bob.received.size() >= kCount; }));
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
}

TEST_F(LinkTest, RekeyingKeepsMessagesDecryptingPastTheInterval)
{
    establishPair();
    const auto count = static_cast<std::uint32_t>(kRekeyInterval + 300);
    for (std::uint32_t i = 0; i < count; ++i) {
        ASSERT_TRUE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
        ASSERT_TRUE(m_bob.link->send(proto::LinkMessageType::Envelope, counterBody(i)));
    }
    ASSERT_TRUE(waitUntil(
        [&] {
            return (m_alice.received.size() >= count && m_bob.received.size() >= count) || m_alice.closed() ||
                   m_bob.closed();
        },
        8000))
        << "alice got " << m_alice.received.size() << ", bob got " << m_bob.received.size();
    EXPECT_FALSE(m_alice.closed()) << m_alice.closeReason.toStdString();
    EXPECT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(firstOutOfOrder(m_bob.received), count);
    EXPECT_EQ(firstOutOfOrder(m_alice.received), count);
}

TEST_F(LinkTest, ResponsivePeersStayUpWhileIdle)
{
    establishPair(fastTimings());
    // Three times deadAfterMs with no traffic from above: pings keep it alive.
    spinFor(3 * fastTimings().deadAfterMs);
    EXPECT_TRUE(m_alice.established()) << m_alice.closeReason.toStdString();
    EXPECT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
    EXPECT_TRUE(m_alice.received.empty()); // pings and pongs are not delivered upwards
}

TEST_F(LinkTest, CloseSaysGoodbyeAndThePeerCloses)
{
    establishPair();
    m_alice.link->close(proto::GoodbyeReason::Shutdown);
    EXPECT_EQ(m_alice.link->state(), Link::State::Closed);
    EXPECT_EQ(m_alice.closedCount, 1);
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("goodbye"))) << m_bob.closeReason.toStdString();
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_FALSE(m_alice.link->send(proto::LinkMessageType::Envelope, counterBody(1)));
    spinFor(50);
    EXPECT_EQ(m_alice.closedCount, 1); // reported once
}

TEST_F(LinkTest, UnexpectedPeerIsRefusedBeforeTheInitiatorRevealsItself)
{
    const auto stranger = crypto::IdentityKeyPair::generate();
    connectPair({}, stranger.peerId());
    ASSERT_TRUE(waitUntil([this] { return m_alice.closed() && m_bob.closed(); }));
    EXPECT_TRUE(m_alice.closeReason.contains(QStringLiteral("expected")))
        << m_alice.closeReason.toStdString();
    EXPECT_FALSE(m_alice.securityViolation);
    // Message 3 (Alice's identity) was never sent: Bob never established or pinned.
    EXPECT_EQ(m_bob.establishedCount, 0);
    EXPECT_EQ(m_bob.trust.size(), 0u);
    EXPECT_EQ(m_alice.trust.size(), 0u);
}

TEST_F(LinkTest, ChangedKeyForAKnownIdIsASecurityViolation)
{
    // Bob has pinned some other key for Alice's ID.
    m_bob.trust.preset(m_alice.identity.peerId(), crypto::IdentityKeyPair::generate().publicKey());
    connectPair();
    ASSERT_TRUE(waitUntil([this] { return m_alice.closed() && m_bob.closed(); }));
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_EQ(m_bob.establishedCount, 0);
}

TEST_F(LinkTest, GarbageInsteadOfPreambleClosesTheLink)
{
    test::NoisePeer raw(port());
    acceptAsBob();
    ASSERT_TRUE(raw.waitConnected());
    raw.writeRaw(proto::asBytes("GET / HTTP/1.1\r\nHost: confab\r\n\r\n"));
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("not a Confab peer")))
        << m_bob.closeReason.toStdString();
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_TRUE(waitUntil([&] { return raw.socket().state() == QAbstractSocket::UnconnectedState; }));
}

TEST_F(LinkTest, OversizedHandshakeFrameClosesTheLink)
{
    test::NoisePeer raw(port());
    acceptAsBob();
    ASSERT_TRUE(raw.waitConnected());
    raw.writePreamble();
    // Well within the transport limit, but no handshake message is this big.
    raw.writeFrameHeader(static_cast<std::uint32_t>(proto::kMaxHandshakeFrameSize + 1));
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("limit"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, HugeFrameLengthClosesTheLinkAtOnce)
{
    test::NoisePeer raw(port());
    acceptAsBob();
    ASSERT_TRUE(raw.waitConnected());
    raw.writePreamble();
    raw.writeFrameHeader(0xFFFFFFFFu); // never buffered: refused on the header alone
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("limit"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, EmptyFrameClosesTheLink)
{
    test::NoisePeer raw(port());
    acceptAsBob();
    ASSERT_TRUE(raw.waitConnected());
    raw.writePreamble();
    raw.writeFrameHeader(0);
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("empty"))) << m_bob.closeReason.toStdString();
}

TEST_F(LinkTest, TruncatedHandshakeIsClosedByTheHandshakeTimeout)
{
    const LinkTimings timings = fastTimings();
    test::NoisePeer raw(port());
    acceptAsBob(timings);
    ASSERT_TRUE(raw.waitConnected());
    QElapsedTimer elapsed;
    elapsed.start();
    raw.writePreamble();
    raw.writeFrameHeader(32);                        // message 1 is one 32-byte ephemeral key...
    raw.writeRaw(proto::Bytes(16, std::uint8_t{7})); // ...of which only half arrives
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }, 3000));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("handshake timed out")))
        << m_bob.closeReason.toStdString();
    EXPECT_GE(elapsed.elapsed(), timings.handshakeTimeoutMs - 25);
    EXPECT_EQ(m_bob.establishedCount, 0);
}

TEST_F(LinkTest, SilentConnectionIsClosedByTheHandshakeTimeout)
{
    test::NoisePeer raw(port());
    acceptAsBob(fastTimings());
    ASSERT_TRUE(raw.waitConnected());
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }, 3000));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("handshake timed out")))
        << m_bob.closeReason.toStdString();
}

class HandDrivenPeerTest : public LinkTest {
protected:
    // Bob is a Link; Alice is driven by hand through a complete handshake.
    void handshake(LinkTimings timings = {}, proto::ByteView sendWithMessage3 = {})
    {
        m_peer = std::make_unique<test::NoisePeer>(port());
        acceptAsBob(timings);
        ASSERT_TRUE(m_peer->waitConnected());
        ASSERT_TRUE(m_peer->handshake(m_alice.identity, m_alice.payload("alice", 0), sendWithMessage3));
        ASSERT_TRUE(waitUntil([this] { return m_bob.established() || m_bob.closed(); }));
        ASSERT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
        EXPECT_EQ(m_peer->remote().peerId, m_bob.identity.peerId());
    }

    std::unique_ptr<test::NoisePeer> m_peer;
};

TEST_F(HandDrivenPeerTest, FirstMessageInTheSameWriteAsHandshakeMessage3IsDelivered)
{
    const proto::Bytes first = proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0));
    handshake({}, first);
    ASSERT_TRUE(waitUntil([this] { return !m_bob.received.empty(); }));
    EXPECT_EQ(firstOutOfOrder(m_bob.received), 1u);
    // No listen port announced: nothing to dial back.
    EXPECT_FALSE(m_bob.link->remoteListenAddress());
}

TEST_F(HandDrivenPeerTest, SilentPeerIsDroppedAfterDeadAfterMs)
{
    const LinkTimings timings = fastTimings();
    handshake(timings);
    QElapsedTimer elapsed;
    elapsed.start();
    int pings = 0;
    // Alice reads what Bob sends but never answers.
    ASSERT_TRUE(waitUntil(
        [&] {
            while (m_peer->socket().bytesAvailable() > 0) {
                const auto frame = m_peer->readFrame(100);
                if (!frame) {
                    break;
                }
                const auto message = m_peer->decryptCounted(*frame);
                if (message && message->type == proto::LinkMessageType::Ping) {
                    ++pings;
                }
            }
            return m_bob.closed();
        },
        3000));
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("no response"))) << m_bob.closeReason.toStdString();
    EXPECT_GE(elapsed.elapsed(), timings.deadAfterMs - 25);
    EXPECT_GE(pings, 1) << "the link should have probed the silent peer before giving up";
}

TEST_F(HandDrivenPeerTest, PeerAnsweringPingsIsKeptAlive)
{
    const LinkTimings timings = fastTimings();
    handshake(timings);
    int pongs = 0;
    // Alice never starts anything; she only answers Bob's pings.
    waitUntil(
        [&] {
            while (m_peer->socket().bytesAvailable() > 0) {
                const auto frame = m_peer->readFrame(100);
                const auto message = frame ? m_peer->decryptCounted(*frame) : std::nullopt;
                if (message && message->type == proto::LinkMessageType::Ping) {
                    m_peer->sendMessage(proto::LinkMessageType::Pong, message->body);
                    ++pongs;
                }
            }
            return m_bob.closed();
        },
        3 * timings.deadAfterMs);
    EXPECT_TRUE(m_bob.established()) << m_bob.closeReason.toStdString();
    EXPECT_GE(pongs, 2);
}

TEST_F(HandDrivenPeerTest, TamperedFrameIsASecurityViolation)
{
    handshake();
    proto::Bytes frame =
        m_peer->encryptCounted(proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0)));
    frame[0] ^= 0x01;
    m_peer->writeFrame(frame);
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_TRUE(m_bob.closeReason.contains(QStringLiteral("authentication")))
        << m_bob.closeReason.toStdString();
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, ReplayedFrameIsASecurityViolation)
{
    handshake();
    const proto::Bytes frame =
        m_peer->encryptCounted(proto::encodeLinkMessage(proto::LinkMessageType::Envelope, counterBody(0)));
    m_peer->writeFrame(frame);
    ASSERT_TRUE(waitUntil([this] { return !m_bob.received.empty(); }));
    m_peer->writeFrame(frame);
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_TRUE(m_bob.securityViolation);
    EXPECT_EQ(m_bob.received.size(), 1u); // the original got through, the replay did not
}

TEST_F(HandDrivenPeerTest, MalformedLinkMessageClosesTheLink)
{
    handshake();
    const proto::Bytes unknownType{0xEE, 0x00};
    m_peer->writeFrame(m_peer->encryptCounted(unknownType));
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
    EXPECT_FALSE(m_bob.securityViolation);
    EXPECT_TRUE(m_bob.received.empty());
}

TEST_F(HandDrivenPeerTest, LargestFrameIsAcceptedAndOneByteMoreClosesTheLink)
{
    handshake();
    // Type byte + body + AEAD tag = exactly kMaxFrameSize.
    const proto::Bytes body(proto::kMaxLinkMessageSize - 1, std::uint8_t{0x42});
    m_peer->sendMessage(proto::LinkMessageType::Envelope, body);
    ASSERT_TRUE(waitUntil([this] { return !m_bob.received.empty() || m_bob.closed(); }));
    ASSERT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(m_bob.received.front().body.size(), body.size());

    m_peer->writeFrameHeader(static_cast<std::uint32_t>(proto::kMaxFrameSize + 1));
    ASSERT_TRUE(waitUntil([this] { return m_bob.closed(); }));
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
    ASSERT_TRUE(waitUntil([&] { return m_bob.received.size() >= count || m_bob.closed(); }, 8000));
    EXPECT_FALSE(m_bob.closed()) << m_bob.closeReason.toStdString();
    EXPECT_EQ(firstOutOfOrder(m_bob.received), count);
}

} // namespace
} // namespace confab::session
