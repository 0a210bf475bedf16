#include "crypto/identity.h"
#include "session/dialer.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/wait.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <gtest/gtest.h>

namespace confab::session {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;

// A port that was free a moment ago: connecting to it is refused at once.
net::HostPort refusingAddress()
{
    QTcpServer probe;
    EXPECT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    return {QStringLiteral("127.0.0.1"), probe.serverPort()};
}

// A LinkManager that records when each dial attempt ended.
struct Side {
    crypto::IdentityKeyPair identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore trust;
    LinkManager manager{identity, trust, LinkTimings{}};
    QTcpServer server;
    QElapsedTimer clock;
    std::vector<qint64> dialEndsMs;
    std::vector<QString> dialErrors;

    Side()
    {
        clock.start();
        QObject::connect(
            &manager, &LinkManager::dialFinished, &manager,
            [this](const net::HostPort&, const std::optional<proto::PeerId>&, const QString& error) {
                dialEndsMs.push_back(clock.elapsed());
                dialErrors.push_back(error);
            });
    }

    void listen()
    {
        EXPECT_TRUE(server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                manager.acceptIncoming(socket);
            }
        });
        manager.setOwnInfo(QStringLiteral("listener"), server.serverPort());
    }
    [[nodiscard]] net::HostPort address() const { return {QStringLiteral("127.0.0.1"), server.serverPort()}; }
};

TEST(Dialer, BacksOffExponentiallyWhileUnreachable)
{
    Side alice;
    Dialer dialer(alice.manager);
    dialer.addTarget({refusingAddress(), std::nullopt, QStringLiteral("static")});
    EXPECT_EQ(dialer.targetCount(), 1u);
    ASSERT_TRUE(waitUntil([&] { return alice.dialEndsMs.size() >= 3; }, 5000))
        << alice.dialEndsMs.size() << " attempts";
    const qint64 firstGap = alice.dialEndsMs[1] - alice.dialEndsMs[0];
    const qint64 secondGap = alice.dialEndsMs[2] - alice.dialEndsMs[1];
    EXPECT_GE(firstGap, Dialer::kFirstRetryMs - 50);
    EXPECT_LT(firstGap, 2 * Dialer::kFirstRetryMs);
    EXPECT_GE(secondGap, 2 * Dialer::kFirstRetryMs - 50);
    EXPECT_FALSE(alice.dialErrors[0].isEmpty());
}

TEST(Dialer, FreshSightingRetriesAtOnce)
{
    Side alice;
    Dialer dialer(alice.manager);
    const net::HostPort address = refusingAddress();
    dialer.addTarget({address, std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(waitUntil([&] { return alice.dialEndsMs.size() == 1; }));
    // Backing off now; news of the address ends the wait.
    const qint64 before = alice.clock.elapsed();
    dialer.addTarget({address, std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(waitUntil([&] { return alice.dialEndsMs.size() == 2; }, 2000));
    EXPECT_LT(alice.dialEndsMs[1] - before, Dialer::kFirstRetryMs / 2);
    EXPECT_EQ(dialer.targetCount(), 1u); // the same address is one target
}

TEST(Dialer, ConnectsOnceAndDoesNotRedialWhileConnected)
{
    Side alice;
    Side bob;
    bob.listen();
    Dialer dialer(alice.manager);
    dialer.addTarget({bob.address(), std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(waitUntil([&] { return alice.manager.isConnected(bob.identity.peerId()); }));
    spinFor(800); // several dialer ticks
    EXPECT_EQ(alice.dialEndsMs.size(), 1u);
    EXPECT_TRUE(alice.dialErrors[0].isEmpty());
}

TEST(Dialer, RedialsAfterThePeerDrops)
{
    Side alice;
    Side bob;
    bob.listen();
    Dialer dialer(alice.manager);
    dialer.addTarget({bob.address(), std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(waitUntil([&] { return bob.manager.isConnected(alice.identity.peerId()); }));
    bob.manager.dropPeer(alice.identity.peerId(), QStringLiteral("test"));
    ASSERT_TRUE(waitUntil([&] { return !alice.manager.isConnected(bob.identity.peerId()); }));
    ASSERT_TRUE(waitUntil([&] { return alice.manager.isConnected(bob.identity.peerId()); },
                          3 * Dialer::kFirstRetryMs));
    EXPECT_EQ(alice.dialEndsMs.size(), 2u);
}

} // namespace
} // namespace confab::session
