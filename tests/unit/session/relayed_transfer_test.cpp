// Transfer connections through a relay: Alice and Bob cannot reach each
// other, Relay links to both and passes Alice's connection on to Bob
// (LinkManager::dialTransferVia on one end, relay::TransferForwarder in the
// middle). Simulated hosts 1 ms apart on one virtual clock.
#include "link_node.h"
#include "proto/handshake_payload.h"
#include "relay/transfer_forwarder.h"
#include "session/link_manager.h"
#include "sim/sim_network.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"
#include "transfer_probe.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::runFor;
using confab::test::runUntil;
using test::LinkNode;
using test::Transfers;

constexpr std::int64_t kPatienceMs = 60'000;
constexpr std::uint64_t kRelayRate = std::uint64_t{1024} * 1024; // bytes per second
constexpr std::size_t kKibibyte = 1024;

const TransferId kDrop = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                          0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};

Bytes filled(std::uint8_t value, std::size_t size)
{
    return Bytes(size, value);
}

class RelayedTransferTest : public ::testing::Test {
protected:
    RelayedTransferTest()
    {
        m_network.setReachable(m_alice.address().host, m_bob.address().host, false);
        m_bob.manager().setCapabilities(static_cast<std::uint32_t>(proto::Capability::FileDrops));
        link(m_alice, m_relay);
        link(m_bob, m_relay);
    }

    LinkNode& addNode(const QString& address, const QString& name) { return m_nodes.add(address, name); }

    void link(LinkNode& from, LinkNode& to) { ASSERT_TRUE(m_nodes.link(from, to, kPatienceMs)); }

    void dialThroughRelay()
    {
        m_alice.manager().dialTransferVia(m_relay.address(), m_relay.id(), m_bob.id(), kDrop);
    }

    // Until Alice's dial ended either way.
    bool dialEnded()
    {
        return runUntil(
            m_clock, [&] { return !m_aliceTransfers.ready.empty() || !m_aliceTransfers.failed.empty(); },
            kPatienceMs);
    }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    test::LinkNodes m_nodes{m_network};
    LinkNode& m_alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& m_bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    LinkNode& m_relay = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("relay"));
    Transfers m_aliceTransfers{m_alice.manager(), m_clock};
    Transfers m_bobTransfers{m_bob.manager(), m_clock};
    relay::TransferForwarder m_forwarder{m_relay.manager(), m_relay.host(), m_clock, kRelayRate};
};

TEST_F(RelayedTransferTest, TheConnectionRunsEndToEndWithThePeerItself)
{
    dialThroughRelay();
    ASSERT_TRUE(dialEnded());
    ASSERT_EQ(m_aliceTransfers.ready.size(), 1u);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
    // Each end authenticated the other, not the relay: the relay only
    // passed on a handshake it had no part in.
    auto& alice = *m_aliceTransfers.ready[0].probe;
    auto& bob = *m_bobTransfers.incoming[0].probe;
    EXPECT_EQ(alice.channel->peer(), m_bob.id());
    EXPECT_EQ(alice.channel->transferId(), kDrop);
    EXPECT_EQ(m_bobTransfers.incoming[0].peer, m_alice.id());
    EXPECT_EQ(m_bobTransfers.incoming[0].transferId, kDrop);
    EXPECT_EQ(bob.channel->remoteAddress().host, m_relay.address().host);
    EXPECT_EQ(*m_bob.trust().pinnedKey(m_alice.id()), m_alice.identity().publicKey());
    // Neither the transfer connection nor the one to the relay is a link.
    EXPECT_FALSE(m_alice.manager().isConnected(m_bob.id()));
    EXPECT_EQ(m_relay.manager().connectedPeers().size(), 2u);

    // Records both ways, in order.
    for (std::uint8_t i = 0; i < 20; ++i) {
        ASSERT_TRUE(alice.channel->send(filled(i, 100 + i)));
        ASSERT_TRUE(bob.channel->send(filled(i, 64 * kKibibyte + i)));
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return alice.records.size() == 20 && bob.records.size() == 20; }, kPatienceMs));
    for (std::uint8_t i = 0; i < 20; ++i) {
        EXPECT_EQ(bob.records[i], filled(i, 100 + i));
        EXPECT_EQ(alice.records[i], filled(i, 64 * kKibibyte + i));
    }
    relay::ForwardingStats stats = m_forwarder.stats();
    EXPECT_TRUE(stats.forwarding);
    EXPECT_EQ(stats.active, 1u);
    EXPECT_EQ(stats.connections, 1u);
    EXPECT_GT(stats.bytes, kKibibyte * 64 * 20);

    // Bob ends it after his last record: Alice gets that record, then the close.
    ASSERT_TRUE(bob.channel->send(filled(0xee, 10)));
    bob.channel->close();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return alice.closed(); }, kPatienceMs));
    EXPECT_EQ(alice.records.back(), filled(0xee, 10));
    runFor(m_clock, 10);
    EXPECT_EQ(m_forwarder.stats().active, 0u);
}

TEST_F(RelayedTransferTest, TheRelayKeepsToItsRateCap)
{
    dialThroughRelay();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.ready.empty() && !m_bobTransfers.incoming.empty(); },
        kPatienceMs));
    auto& alice = *m_aliceTransfers.ready[0].probe;
    auto& bob = *m_bobTransfers.incoming[0].probe;
    // 4 MiB from Bob at 1 MiB/s through the relay: about 4 s, less the
    // quarter second's burst the budget starts with; never faster.
    constexpr int kRecords = 64;
    const std::int64_t start = m_clock.monotonicMs();
    for (int i = 0; i < kRecords; ++i) {
        ASSERT_TRUE(bob.channel->send(filled(static_cast<std::uint8_t>(i), 64 * kKibibyte)));
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return alice.records.size() == kRecords; }, kPatienceMs));
    const std::int64_t tookMs = m_clock.monotonicMs() - start;
    EXPECT_GE(tookMs, 3700);
    EXPECT_LE(tookMs, 4500);
    EXPECT_LE(m_forwarder.stats().bytes, kKibibyte * (4 * 1024 + 64));
}

TEST_F(RelayedTransferTest, ARelayThatPassesNothingOnRefusesAndSaysSo)
{
    relay::TransferForwarder off{m_relay.manager(), m_relay.host(), m_clock, 0};
    // Only the relay that refuses takes requests now.
    QObject::disconnect(&m_relay.manager(), nullptr, &m_forwarder, nullptr);
    QStringList refusals;
    QObject::connect(&off, &relay::TransferForwarder::refused, &off,
                     [&](const QString& reason) { refusals.append(reason); });
    dialThroughRelay();
    ASSERT_TRUE(dialEnded());
    EXPECT_TRUE(m_aliceTransfers.ready.empty());
    ASSERT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_aliceTransfers.failed[0].transferId, kDrop);
    EXPECT_TRUE(m_bobTransfers.incoming.empty());
    EXPECT_EQ(off.stats().refused, 1u);
    EXPECT_FALSE(off.stats().forwarding);
    ASSERT_EQ(refusals.size(), 1);
    EXPECT_TRUE(refusals[0].contains(QStringLiteral("passes no file transfers on")))
        << refusals[0].toStdString();
    // The links are untouched.
    EXPECT_TRUE(m_alice.manager().isConnected(m_relay.id()));
}

TEST_F(RelayedTransferTest, OnlyToANeighbourThatTakesDropsAndIsNotBlocked)
{
    LinkNode& carol = addNode(QStringLiteral("10.0.0.4"), QStringLiteral("carol")); // not linked to the relay
    m_alice.manager().dialTransferVia(m_relay.address(), m_relay.id(), carol.id(), kDrop);
    ASSERT_TRUE(dialEnded());
    EXPECT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_forwarder.stats().refused, 1u);

    m_relay.manager().setBlocked(m_bob.id(), true);
    dialThroughRelay();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_aliceTransfers.failed.size() == 2; }, kPatienceMs));
    EXPECT_EQ(m_forwarder.stats().refused, 2u);
    EXPECT_TRUE(m_bobTransfers.incoming.empty());
    EXPECT_EQ(m_forwarder.stats().connections, 0u);
}

TEST_F(RelayedTransferTest, BlockingOneOfThePeersAtTheRelayEndsWhatItPassesOnForIt)
{
    dialThroughRelay();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.ready.empty() && !m_bobTransfers.incoming.empty(); },
        kPatienceMs));
    m_relay.manager().setBlocked(m_bob.id(), true);
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            return m_aliceTransfers.ready[0].probe->closed() && m_bobTransfers.incoming[0].probe->closed();
        },
        kPatienceMs));
    EXPECT_EQ(m_forwarder.stats().active, 0u);
}

TEST_F(RelayedTransferTest, APeerGetsAtMostFourConnectionsPassedOnAtOnce)
{
    for (int i = 0; i < 5; ++i) {
        dialThroughRelay();
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_aliceTransfers.ready.size() + m_aliceTransfers.failed.size() == 5; },
        kPatienceMs));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bobTransfers.incoming.size() == 4; }, kPatienceMs));
    EXPECT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_forwarder.stats().active, relay::TransferForwarder::kMaxConnectionsPerPeer);
    EXPECT_EQ(m_forwarder.stats().refused, 1u);
}

TEST_F(RelayedTransferTest, AConnectionThatMovesNothingIsClosedAfterItsIdleTime)
{
    dialThroughRelay();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.ready.empty() && !m_bobTransfers.incoming.empty(); },
        kPatienceMs));
    runFor(m_clock, relay::TransferForwarder::kIdleMs - 20'000);
    EXPECT_FALSE(m_aliceTransfers.ready[0].probe->closed());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_aliceTransfers.ready[0].probe->closed(); }, 30'000));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bobTransfers.incoming[0].probe->closed(); }, kPatienceMs));
    EXPECT_EQ(m_forwarder.stats().active, 0u);
}

} // namespace
} // namespace confab::session
