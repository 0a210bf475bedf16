#include "crypto/identity.h"
#include "net/qt_clock.h"
#include "net/tcp_network.h"
#include "session/link_manager.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/wait.h"

#include <QStringList>

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::waitUntil;

// A LinkManager on real TCP and the system clock, listening on 127.0.0.1.
class TcpSide {
public:
    explicit TcpSide(const QString& name)
        : m_links(m_identity, m_trust, m_network, m_clock, LinkTimings{}),
          m_listener(m_network.createListener())
    {
        const auto bound = m_listener->listen({QStringLiteral("127.0.0.1"), 0}, false);
        EXPECT_TRUE(bound);
        if (bound) {
            m_address = bound.value().bound;
        }
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, &m_links,
                         &LinkManager::acceptIncoming);
        m_links.setOwnInfo(name, m_address.port);
        m_links.setHandler(proto::LinkMessageType::Envelope,
                           [this](const PeerId&, const std::vector<Bytes>& bodies) {
                               received.insert(received.end(), bodies.begin(), bodies.end());
                           });
        QObject::connect(&m_links, &MessagePort::peerDisconnected, &m_links,
                         [this](const PeerId&, const QString& reason) { disconnects.append(reason); });
    }

    LinkManager& links() { return m_links; }
    [[nodiscard]] PeerId id() const { return m_identity.peerId(); }
    [[nodiscard]] const net::HostPort& address() const { return m_address; }

    std::vector<Bytes> received;
    QStringList disconnects;

private:
    crypto::IdentityKeyPair m_identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore m_trust;
    net::TcpNetwork m_network;
    net::QtClock m_clock;
    LinkManager m_links;
    std::unique_ptr<net::StreamListener> m_listener;
    net::HostPort m_address;
};

// The one check on real sockets: the link layer over the TCP streams and
// the Qt clock that production uses. Everything else about links is tested
// on the simulator and the virtual clock.
TEST(LinkOverTcp, HandshakeMessagesAndGoodbyeOverLoopback)
{
    TcpSide alice(QStringLiteral("alice"));
    TcpSide bob(QStringLiteral("bob"));
    alice.links().dial(bob.address(), bob.id());
    ASSERT_TRUE(waitUntil(
        [&] { return alice.links().isConnected(bob.id()) && bob.links().isConnected(alice.id()); }));
    const auto aboutAlice = bob.links().linkInfo(alice.id());
    ASSERT_TRUE(aboutAlice);
    EXPECT_EQ(aboutAlice->hello.displayName, "alice");
    EXPECT_EQ(aboutAlice->listenAddress, alice.address());

    const Bytes hello{'h', 'i'};
    const Bytes back{'y', 'o'};
    ASSERT_TRUE(alice.links().send(bob.id(), proto::LinkMessageType::Envelope, hello));
    ASSERT_TRUE(bob.links().send(alice.id(), proto::LinkMessageType::Envelope, back));
    ASSERT_TRUE(waitUntil([&] { return !bob.received.empty() && !alice.received.empty(); }));
    EXPECT_EQ(bob.received, std::vector<Bytes>{hello});
    EXPECT_EQ(alice.received, std::vector<Bytes>{back});

    // The goodbye leaves before the socket closes.
    alice.links().shutdown();
    ASSERT_TRUE(waitUntil([&] { return !bob.disconnects.isEmpty(); }));
    EXPECT_TRUE(bob.disconnects[0].contains(QStringLiteral("goodbye"))) << bob.disconnects[0].toStdString();
}

} // namespace
} // namespace confab::session
