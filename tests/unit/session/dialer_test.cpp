#include "crypto/identity.h"
#include "link_node.h"
#include "session/dialer.h"
#include "sim/sim_network.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>

namespace confab::session {
namespace {

using confab::test::runFor;
using confab::test::runUntil;
using test::LinkNode;

constexpr std::int64_t kPatienceMs = 60'000;
const QString kAliceHost = QStringLiteral("10.0.0.1");
const QString kBobHost = QStringLiteral("10.0.0.2");

// The finish times of `dials`.
std::vector<std::int64_t> timesOf(const std::vector<LinkNode::Dial>& dials)
{
    std::vector<std::int64_t> times;
    times.reserve(dials.size());
    for (const LinkNode::Dial& dial : dials) {
        times.push_back(dial.atMs);
    }
    return times;
}

// Alice dials with a Dialer; hosts are 1 ms apart, so a dial to a closed
// port is refused one round trip (2 ms) after it starts.
class DialerTest : public ::testing::Test {
protected:
    LinkNode& addBob()
    {
        m_bob = std::make_unique<LinkNode>(m_network, kBobHost, QStringLiteral("bob"));
        m_bob->handleEnvelopes();
        return *m_bob;
    }

    // A port on Bob's host that nobody listens on.
    [[nodiscard]] static net::HostPort closedPort() { return {kBobHost, 9}; }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    LinkNode m_alice{m_network, kAliceHost, QStringLiteral("alice")};
    std::unique_ptr<LinkNode> m_bob;
    Dialer m_dialer{m_alice.manager(), m_clock};
};

TEST_F(DialerTest, BacksOffExponentiallyUpToTheLimitWhileRefused)
{
    addBob(); // the host is there, the port is closed
    m_dialer.addTarget({closedPort(), std::nullopt, QStringLiteral("static")});
    EXPECT_EQ(m_dialer.targetCount(), 1u);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.dials.size() >= 7; }, kPatienceMs))
        << m_alice.dials.size() << " attempts";
    // Each attempt takes 2 ms and the next starts 1, 2, 4, 8, 8, 8 s after
    // the previous one failed.
    EXPECT_EQ(timesOf(m_alice.dials), (std::vector<std::int64_t>{2, 1004, 3006, 7008, 15010, 23012, 31014}));
    for (const LinkNode::Dial& dial : m_alice.dials) {
        EXPECT_EQ(dial.address, closedPort());
        EXPECT_FALSE(dial.peer);
        EXPECT_TRUE(dial.error.contains(QStringLiteral("refused"))) << dial.error.toStdString();
    }
    EXPECT_TRUE(m_alice.connected.empty());
}

TEST_F(DialerTest, FreshSightingEndsTheBackoffAtOnce)
{
    addBob();
    m_dialer.addTarget({closedPort(), std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.dials.size() == 3; }, kPatienceMs));
    ASSERT_EQ(m_clock.monotonicMs(), 3006);
    // Backing off for 4 s now; news of the address ends the wait.
    runFor(m_clock, 500);
    m_dialer.addTarget({closedPort(), std::nullopt, QStringLiteral("mdns")});
    EXPECT_EQ(m_dialer.targetCount(), 1u); // the same address is one target
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.dials.size() == 4; }, kPatienceMs));
    EXPECT_EQ(m_alice.dials[3].atMs, 3506 + 2);
    // And the backoff starts over from the first step.
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.dials.size() == 5; }, kPatienceMs));
    EXPECT_EQ(m_alice.dials[4].atMs, 3508 + Dialer::kFirstRetryMs + 2);
}

TEST_F(DialerTest, ConnectsOnceAndDoesNotRedialWhileConnected)
{
    LinkNode& bob = addBob();
    m_dialer.addTarget({bob.address(), std::nullopt, QStringLiteral("static")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(bob.id()); }, kPatienceMs));
    runFor(m_clock, std::int64_t{10} * Dialer::kMaxRetryMs);
    ASSERT_EQ(m_alice.dials.size(), 1u);
    EXPECT_EQ(m_alice.dials[0].peer, bob.id()); // learned from the handshake
    EXPECT_TRUE(m_alice.dials[0].error.isEmpty());
    EXPECT_EQ(bob.connected.size(), 1u);
    EXPECT_TRUE(m_alice.disconnected.empty());
    // A sighting of a peer already linked does not dial it again either.
    m_dialer.addTarget({bob.address(), bob.id(), QStringLiteral("exchange")});
    runFor(m_clock, std::int64_t{10} * Dialer::kMaxRetryMs);
    EXPECT_EQ(m_alice.dials.size(), 1u);
}

TEST_F(DialerTest, RedialsOneRetryIntervalAfterThePeerDrops)
{
    LinkNode& bob = addBob();
    m_dialer.addTarget({bob.address(), bob.id(), QStringLiteral("static")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bob.manager().isConnected(m_alice.id()); }, kPatienceMs));
    bob.manager().dropPeer(m_alice.id(), QStringLiteral("test"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.disconnected.empty(); }, kPatienceMs));
    const std::int64_t lostAt = m_alice.disconnected[0].atMs;
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.dials.size() == 2; }, kPatienceMs));
    EXPECT_EQ(m_alice.dials[1].peer, bob.id());
    // Dialled kFirstRetryMs after the loss; the handshake takes 2.5 round trips.
    EXPECT_EQ(m_alice.dials[1].atMs, lostAt + Dialer::kFirstRetryMs + 4);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(bob.id()); }, kPatienceMs));
}

TEST_F(DialerTest, ABlockedPeerIsNotDialledUntilUnblockedThenAtOnce)
{
    LinkNode& bob = addBob();
    m_dialer.addTarget({bob.address(), bob.id(), QStringLiteral("remembered")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(bob.id()); }, kPatienceMs));
    m_alice.manager().setBlocked(bob.id(), true);
    runFor(m_clock, std::int64_t{10} * Dialer::kMaxRetryMs);
    EXPECT_EQ(m_alice.dials.size(), 1u);
    EXPECT_FALSE(m_alice.manager().isConnected(bob.id()));
    // A fresh sighting does not dial a blocked peer either.
    m_dialer.addTarget({bob.address(), bob.id(), QStringLiteral("exchange")});
    runFor(m_clock, std::int64_t{10} * Dialer::kMaxRetryMs);
    EXPECT_EQ(m_alice.dials.size(), 1u);
    EXPECT_EQ(m_dialer.targetCount(), 1u); // kept for later

    const std::int64_t unblockedAt = m_clock.monotonicMs();
    m_alice.manager().setBlocked(bob.id(), false);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(bob.id()); }, kPatienceMs));
    ASSERT_EQ(m_alice.dials.size(), 2u);
    EXPECT_EQ(m_alice.dials[1].atMs, unblockedAt + 4); // dialled at once: 2.5 round trips
}

TEST_F(DialerTest, LinksThatCloseRightAfterTheyComeUpAreRetriedWithBackoff)
{
    // Bob blocked Alice: each of her dials comes up on her side and is
    // closed by Bob as soon as he learns who she is.
    LinkNode& bob = addBob();
    bob.manager().setBlocked(m_alice.id(), true);
    m_dialer.addTarget({bob.address(), bob.id(), QStringLiteral("remembered")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.disconnected.size() >= 7; }, kPatienceMs))
        << m_alice.disconnected.size() << " links";
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < m_alice.dials.size(); ++i) {
        gaps.push_back(m_alice.dials[i].atMs - m_alice.disconnected[i - 1].atMs);
    }
    // Each dial finishes 4 ms after it starts: 1, 2, 4, 8, 8, 8 s after each loss.
    EXPECT_EQ(gaps, (std::vector<std::int64_t>{1004, 2004, 4004, 8004, 8004, 8004}));
    EXPECT_TRUE(bob.connected.empty());

    // Unblocked: the next attempt stays up, and once it has lasted, a loss
    // is retried after the first interval again.
    bob.manager().setBlocked(m_alice.id(), false);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bob.manager().isConnected(m_alice.id()); }, kPatienceMs));
    runFor(m_clock, Dialer::kShortLinkMs);
    bob.manager().dropPeer(m_alice.id(), QStringLiteral("test"));
    const std::size_t links = m_alice.disconnected.size();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.disconnected.size() > links; }, kPatienceMs));
    const std::int64_t lostAt = m_alice.disconnected.back().atMs;
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(bob.id()); }, kPatienceMs));
    EXPECT_EQ(m_alice.dials.back().atMs, lostAt + Dialer::kFirstRetryMs + 4);
}

TEST_F(DialerTest, NoMoreThanSixteenDialsRunAtOnceAndFreedSlotsAreUsedAtOnce)
{
    // Hosts that do not exist: each dial fails at the connect timeout.
    constexpr int kTargets = 40;
    for (int i = 0; i < kTargets; ++i) {
        m_dialer.addTarget({{QStringLiteral("10.1.0.%1").arg(i + 1), LinkNode::kPort},
                            std::nullopt,
                            QStringLiteral("remembered")});
    }
    ASSERT_EQ(m_dialer.targetCount(), static_cast<std::size_t>(kTargets));
    const std::int64_t timeout = sim::SimNetwork::kConnectTimeoutMs;
    // Looked at after every event: how many dials are in progress, and when
    // each target was first dialled (its first failure, one timeout later).
    std::size_t mostAtOnce = 0;
    std::map<QString, std::int64_t> firstFailure;
    ASSERT_FALSE(runUntil(
        m_clock,
        [&] {
            mostAtOnce = std::max(mostAtOnce, m_alice.links().size());
            for (const LinkNode::Dial& dial : m_alice.dials) {
                firstFailure.try_emplace(dial.address.toString(), dial.atMs);
            }
            return false;
        },
        3 * timeout));
    EXPECT_EQ(mostAtOnce, Dialer::kMaxConcurrentDials);
    for (const LinkNode::Dial& dial : m_alice.dials) {
        EXPECT_TRUE(dial.error.contains(QStringLiteral("timed out"))) << dial.error.toStdString();
    }
    // 16 start at once; as they fail, 16 more start in the same instant.
    // Targets never tried go before those that failed: every target is
    // dialled once before any is dialled again (the last 8 in the third
    // round, ahead of the first 8 retries).
    std::map<std::int64_t, int> firstFailuresAt;
    for (const auto& [address, at] : firstFailure) {
        ++firstFailuresAt[at];
    }
    EXPECT_EQ(firstFailuresAt,
              (std::map<std::int64_t, int>{{timeout, 16}, {2 * timeout, 16}, {3 * timeout, 8}}));
    EXPECT_EQ(m_alice.dials.size(), 48u); // the last 8 slots of the third round retried failed ones
}

TEST_F(DialerTest, PeerFoundLaterIsDialledDespiteManyDeadAddressesRetrying)
{
    // A host whose ports accept and then never say a word: every dial there
    // ends at the handshake timeout, longer than the longest backoff, so its
    // addresses are always due again when a dial slot frees.
    sim::SimHost& tarpit = m_network.addHost(QStringLiteral("10.0.0.10"));
    std::vector<std::unique_ptr<net::StreamListener>> listeners;
    std::vector<std::unique_ptr<net::ByteStream>> held;
    constexpr std::size_t kDead = 2 * Dialer::kMaxConcurrentDials;
    for (std::size_t i = 0; i < kDead; ++i) {
        listeners.push_back(tarpit.createListener());
        const auto port = static_cast<quint16>(1000 + i);
        ASSERT_TRUE(listeners.back()->listen({tarpit.address(), port}, true));
        QObject::connect(listeners.back().get(), &net::StreamListener::accepted, listeners.back().get(),
                         [&held](net::ByteStream* stream) { held.emplace_back(stream); });
        m_dialer.addTarget({{tarpit.address(), port}, std::nullopt, QStringLiteral("remembered")});
    }
    // Bob's address sorts after all of them.
    m_bob = std::make_unique<LinkNode>(m_network, QStringLiteral("10.0.0.20"), QStringLiteral("bob"));
    m_dialer.addTarget({m_bob->address(), std::nullopt, QStringLiteral("mdns")});
    const std::int64_t timeout = LinkTimings{}.handshakeTimeoutMs;
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.manager().isConnected(m_bob->id()); }, 10 * timeout))
        << "never dialled; " << m_alice.dials.size() << " dials to dead addresses";
    // The first two rounds went to addresses never tried before; Bob had the
    // first slot of the third.
    EXPECT_EQ(m_alice.connected.at(0).atMs, 2 * timeout + 4);
}

} // namespace
} // namespace confab::session
