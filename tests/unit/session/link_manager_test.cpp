#include "crypto/identity.h"
#include "proto/limits.h"
#include "session/link_manager.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/wait.h"

#include <QTcpServer>

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;

// A LinkManager with a listening socket, recording what it reports.
class Peer {
public:
    explicit Peer(const std::string& name)
        : m_identity(crypto::IdentityKeyPair::generate()), m_manager(m_identity, m_trust, LinkTimings{})
    {
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                m_manager.acceptIncoming(socket);
            }
        });
        m_manager.setOwnInfo(QString::fromStdString(name), m_server.serverPort());
        QObject::connect(&m_manager, &LinkManager::peerConnected, &m_manager,
                         [this](const proto::PeerId& peer, const proto::HandshakePayload& info,
                                const std::optional<net::HostPort>& listen) {
                             connected.push_back({peer, info, listen});
                         });
        QObject::connect(&m_manager, &LinkManager::peerDisconnected, &m_manager,
                         [this](const proto::PeerId& peer, const QString& reason) {
                             disconnected.push_back({peer, reason});
                         });
        QObject::connect(&m_manager, &LinkManager::messagesReceived, &m_manager,
                         [this](const proto::PeerId& from, const std::vector<proto::LinkMessage>& messages) {
                             for (const auto& message : messages) {
                                 received.push_back({from, message});
                             }
                         });
        QObject::connect(&m_manager, &LinkManager::dialFinished, &m_manager,
                         [this](const net::HostPort& address, const std::optional<proto::PeerId>& peer,
                                const QString& error) {
                             dials.push_back({address, peer, error});
                         });
        QObject::connect(&m_manager, &LinkManager::securityEvent, &m_manager,
                         [this](const std::optional<proto::PeerId>& claimed, const QString& detail) {
                             securityEvents.append(detail);
                             securityClaims.push_back(claimed);
                         });
    }

    LinkManager& manager() { return m_manager; }
    QTcpServer& server() { return m_server; }
    confab::test::MemoryTrustStore& trust() { return m_trust; }
    [[nodiscard]] proto::PeerId id() const { return m_identity.peerId(); }
    [[nodiscard]] const crypto::IdentityKeyPair& identity() const { return m_identity; }
    [[nodiscard]] net::HostPort address() const
    {
        return {QStringLiteral("127.0.0.1"), m_server.serverPort()};
    }
    // Links alive in the manager (closed ones are deleted on the next loop pass).
    [[nodiscard]] std::size_t linkCount() const
    {
        return static_cast<std::size_t>(m_manager.findChildren<Link*>().size());
    }

    struct Connected {
        proto::PeerId peer;
        proto::HandshakePayload info;
        std::optional<net::HostPort> listen;
    };
    struct Disconnected {
        proto::PeerId peer;
        QString reason;
    };
    struct Received {
        proto::PeerId from;
        proto::LinkMessage message;
    };
    struct Dial {
        net::HostPort address;
        std::optional<proto::PeerId> peer;
        QString error;
    };
    std::vector<Connected> connected;
    std::vector<Disconnected> disconnected;
    std::vector<Received> received;
    std::vector<Dial> dials;
    QStringList securityEvents;
    std::vector<std::optional<proto::PeerId>> securityClaims;

private:
    crypto::IdentityKeyPair m_identity;
    confab::test::MemoryTrustStore m_trust;
    QTcpServer m_server;
    LinkManager m_manager;
};

proto::Bytes text(std::string_view value)
{
    const auto bytes = proto::asBytes(value);
    return {bytes.begin(), bytes.end()};
}

TEST(LinkManager, DialConnectsBothSidesWithWhatEachAnnounced)
{
    Peer alice("alice");
    Peer bob("bob");
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil(
        [&] { return alice.manager().isConnected(bob.id()) && bob.manager().isConnected(alice.id()); }));

    ASSERT_EQ(alice.dials.size(), 1u);
    EXPECT_EQ(alice.dials[0].address, bob.address());
    EXPECT_EQ(alice.dials[0].peer, bob.id());
    EXPECT_TRUE(alice.dials[0].error.isEmpty());

    ASSERT_EQ(alice.connected.size(), 1u);
    EXPECT_EQ(alice.connected[0].peer, bob.id());
    EXPECT_EQ(alice.connected[0].info.displayName, "bob");
    EXPECT_EQ(alice.connected[0].listen, bob.address());
    ASSERT_EQ(bob.connected.size(), 1u);
    EXPECT_EQ(bob.connected[0].peer, alice.id());
    EXPECT_EQ(bob.connected[0].listen, alice.address()); // not the ephemeral source port

    EXPECT_EQ(alice.manager().connectedPeers(), std::vector<proto::PeerId>{bob.id()});
    ASSERT_NE(alice.manager().activeLink(bob.id()), nullptr);
    EXPECT_EQ(alice.manager().self(), alice.id());

    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("hello")));
    ASSERT_TRUE(waitUntil([&] { return !bob.received.empty(); }));
    EXPECT_EQ(bob.received[0].from, alice.id());
    EXPECT_EQ(bob.received[0].message.body, text("hello"));
}

TEST(LinkManager, SimultaneousDialsEndWithTheSameSingleLinkOnBothSides)
{
    // Several rounds with fresh identities, so both orders of the IDs and
    // different interleavings of the two handshakes are exercised.
    for (int round = 0; round < 6; ++round) {
        SCOPED_TRACE(round);
        Peer alice("alice");
        Peer bob("bob");
        alice.manager().dial(bob.address(), bob.id());
        bob.manager().dial(alice.address(), alice.id());

        const auto settled = [&] {
            const Link* a = alice.manager().activeLink(bob.id());
            const Link* b = bob.manager().activeLink(alice.id());
            return a != nullptr && b != nullptr && alice.linkCount() == 1 && bob.linkCount() == 1 &&
                   a->handshakeHash() == b->handshakeHash();
        };
        ASSERT_TRUE(waitUntil(settled))
            << "alice links " << alice.linkCount() << ", bob links " << bob.linkCount();
        // And it stays that way: no late close tears the survivor down.
        spinFor(100);
        ASSERT_TRUE(settled());
        EXPECT_TRUE(alice.securityEvents.isEmpty());
        EXPECT_EQ(alice.dials.size(), 1u);
        EXPECT_EQ(bob.dials.size(), 1u);

        ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("after")));
        ASSERT_TRUE(bob.manager().send(alice.id(), proto::LinkMessageType::Envelope, text("back")));
        ASSERT_TRUE(waitUntil([&] { return !bob.received.empty() && !alice.received.empty(); }));
        EXPECT_EQ(bob.received.back().message.body, text("after"));
        EXPECT_EQ(alice.received.back().message.body, text("back"));
    }
}

TEST(LinkManager, SecondLinkToAConnectedPeerIsClosedAndTheFirstKeepsWorking)
{
    Peer alice("alice");
    Peer bob("bob");
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil(
        [&] { return alice.manager().isConnected(bob.id()) && bob.manager().isConnected(alice.id()); }));
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil([&] { return alice.dials.size() == 2; }));
    ASSERT_TRUE(waitUntil([&] {
        const Link* a = alice.manager().activeLink(bob.id());
        const Link* b = bob.manager().activeLink(alice.id());
        return a != nullptr && b != nullptr && alice.linkCount() == 1 && bob.linkCount() == 1 &&
               a->handshakeHash() == b->handshakeHash();
    }));
    // The dialling side swaps links without a gap. (The other side may see a
    // brief disconnect if the goodbye on the old link overtakes the new
    // handshake; upper layers resend on reconnect.)
    EXPECT_TRUE(alice.disconnected.empty());
    ASSERT_TRUE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("still here")));
    ASSERT_TRUE(waitUntil([&] { return !bob.received.empty(); }));
}

TEST(LinkManager, RemoteShutdownDisconnectsThePeer)
{
    Peer alice("alice");
    Peer bob("bob");
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil(
        [&] { return alice.manager().isConnected(bob.id()) && bob.manager().isConnected(alice.id()); }));
    bob.manager().shutdown();
    ASSERT_TRUE(waitUntil([&] { return !alice.disconnected.empty(); }));
    EXPECT_EQ(alice.disconnected[0].peer, bob.id());
    EXPECT_FALSE(alice.disconnected[0].reason.isEmpty());
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    EXPECT_FALSE(alice.manager().send(bob.id(), proto::LinkMessageType::Envelope, text("gone")));
    EXPECT_TRUE(alice.manager().connectedPeers().empty());
}

TEST(LinkManager, DropPeerClosesTheLinkWithTheReason)
{
    Peer alice("alice");
    Peer bob("bob");
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil(
        [&] { return alice.manager().isConnected(bob.id()) && bob.manager().isConnected(alice.id()); }));
    alice.manager().dropPeer(bob.id(), QStringLiteral("malformed envelope"));
    ASSERT_EQ(alice.disconnected.size(), 1u);
    EXPECT_EQ(alice.disconnected[0].reason, QStringLiteral("malformed envelope"));
    ASSERT_TRUE(waitUntil([&] { return !bob.disconnected.empty(); }));
}

TEST(LinkManager, DialingItselfFails)
{
    Peer alice("alice");
    alice.manager().dial(alice.address(), std::nullopt);
    ASSERT_TRUE(waitUntil([&] { return !alice.dials.empty(); }));
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("itself")))
        << alice.dials[0].error.toStdString();
    spinFor(50);
    EXPECT_TRUE(alice.connected.empty());
    EXPECT_FALSE(alice.manager().isConnected(alice.id()));
}

TEST(LinkManager, DialReachingAnotherPeerThanExpectedFails)
{
    Peer alice("alice");
    Peer bob("bob");
    const auto carol = crypto::IdentityKeyPair::generate();
    alice.manager().dial(bob.address(), carol.peerId());
    ASSERT_TRUE(waitUntil([&] { return !alice.dials.empty(); }));
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_TRUE(alice.dials[0].error.contains(QStringLiteral("expected")))
        << alice.dials[0].error.toStdString();
    spinFor(50);
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
    EXPECT_FALSE(bob.manager().isConnected(alice.id()));
    EXPECT_TRUE(bob.connected.empty());
}

TEST(LinkManager, UnreachableAddressReportsADialFailure)
{
    Peer alice("alice");
    net::HostPort closed;
    {
        QTcpServer probe; // a port that was free a moment ago refuses connections
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
        closed = {QStringLiteral("127.0.0.1"), probe.serverPort()};
    }
    alice.manager().dial(closed, std::nullopt);
    ASSERT_TRUE(waitUntil([&] { return !alice.dials.empty(); }));
    EXPECT_EQ(alice.dials[0].address, closed);
    EXPECT_FALSE(alice.dials[0].peer);
    EXPECT_FALSE(alice.dials[0].error.isEmpty());
    EXPECT_TRUE(waitUntil([&] { return alice.linkCount() == 0; }));
}

TEST(LinkManager, ChangedKeyIsReportedAsASecurityEvent)
{
    Peer alice("alice");
    Peer bob("bob");
    alice.trust().preset(bob.id(), crypto::IdentityKeyPair::generate().publicKey());
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil([&] { return !alice.dials.empty(); }));
    EXPECT_FALSE(alice.dials[0].peer);
    ASSERT_EQ(alice.securityEvents.size(), 1);
    EXPECT_TRUE(alice.securityEvents[0].contains(QStringLiteral("pinned")))
        << alice.securityEvents[0].toStdString();
    // The event names whom the impostor claimed to be.
    EXPECT_EQ(alice.securityClaims[0], bob.id());
    EXPECT_FALSE(alice.manager().isConnected(bob.id()));
}

TEST(LinkManager, HandshakeFloodIsCappedAndOthersStillServed)
{
    Peer bob("bob");
    // Connections that never say anything hold a handshake slot each. One at
    // a time, so the kernel's accept backlog never drops a SYN (a 1 s retry).
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    const auto connectOne = [&] {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, bob.server().serverPort());
        return idle.back().get();
    };
    for (std::size_t i = 0; i < LinkManager::kMaxPendingHandshakes; ++i) {
        connectOne();
        ASSERT_TRUE(waitUntil([&] { return bob.linkCount() == i + 1; })) << "slot " << i;
    }
    for (int extra = 0; extra < 3; ++extra) {
        QTcpSocket* socket = connectOne();
        ASSERT_TRUE(waitUntil([&] { return socket->state() == QAbstractSocket::UnconnectedState; }))
            << "connection over the cap was not refused";
    }
    EXPECT_EQ(bob.linkCount(), LinkManager::kMaxPendingHandshakes);
    for (std::size_t i = 0; i < LinkManager::kMaxPendingHandshakes; ++i) {
        EXPECT_EQ(idle[i]->state(), QAbstractSocket::ConnectedState) << i;
    }

    // Once the idle ones go away, a real peer gets through.
    idle.clear();
    ASSERT_TRUE(waitUntil([&] { return bob.linkCount() == 0; }));
    Peer alice("alice");
    alice.manager().dial(bob.address(), bob.id());
    EXPECT_TRUE(waitUntil([&] { return bob.manager().isConnected(alice.id()); }));
}

TEST(LinkManager, SendToAnUnknownPeerFails)
{
    Peer alice("alice");
    EXPECT_FALSE(alice.manager().send(crypto::IdentityKeyPair::generate().peerId(),
                                      proto::LinkMessageType::Envelope, text("nobody")));
    EXPECT_EQ(alice.manager().activeLink(alice.id()), nullptr);
}

TEST(LinkManager, LongDisplayNameIsCutOnACharacterBoundary)
{
    Peer alice("alice");
    Peer bob("bob");
    // 40 two-byte characters: 80 bytes, over the 64-byte limit.
    alice.manager().setOwnInfo(QString(40, QChar(0x00E9)), alice.server().serverPort());
    alice.manager().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil([&] { return !bob.connected.empty(); }));
    const std::string& name = bob.connected[0].info.displayName;
    EXPECT_LE(name.size(), proto::kMaxDisplayNameBytes);
    EXPECT_EQ(QString::fromStdString(name), QString(static_cast<qsizetype>(name.size() / 2), QChar(0x00E9)));
    EXPECT_EQ(name.size() % 2, 0u);
}

} // namespace
} // namespace confab::session
