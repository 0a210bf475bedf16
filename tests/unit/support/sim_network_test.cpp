#include "sim/sim_network.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <vector>

namespace confab::sim {
namespace {

using test::runFor;
using test::runUntil;

const QString kA = QStringLiteral("10.0.0.1");
const QString kB = QStringLiteral("10.0.0.2");
constexpr quint16 kPort = 4000;

// One end of a stream and everything it reported, with virtual times.
class Probe {
public:
    struct Arrival {
        std::int64_t atMs = 0;
        Bytes bytes;
    };

    Probe(std::unique_ptr<net::ByteStream> stream, test::VirtualClock& clock)
        : m_stream(std::move(stream)), m_clock(clock)
    {
        QObject::connect(m_stream.get(), &net::ByteStream::connected, m_stream.get(),
                         [this] { connectedAt = m_clock.monotonicMs(); });
        QObject::connect(m_stream.get(), &net::ByteStream::readyRead, m_stream.get(), [this] {
            arrivals.push_back({m_clock.monotonicMs(), m_stream->readAll()});
        });
        QObject::connect(m_stream.get(), &net::ByteStream::closed, m_stream.get(),
                         [this](const QString& reason) {
                             ++closedCount;
                             closedAt = m_clock.monotonicMs();
                             closeReason = reason;
                         });
    }

    net::ByteStream& stream() { return *m_stream; }
    void destroy() { m_stream.reset(); }

    [[nodiscard]] Bytes received() const
    {
        Bytes all;
        for (const Arrival& arrival : arrivals) {
            all.insert(all.end(), arrival.bytes.begin(), arrival.bytes.end());
        }
        return all;
    }
    [[nodiscard]] std::vector<std::int64_t> arrivalTimes() const
    {
        std::vector<std::int64_t> times;
        for (const Arrival& arrival : arrivals) {
            times.push_back(arrival.atMs);
        }
        return times;
    }

    std::optional<std::int64_t> connectedAt;
    std::optional<std::int64_t> closedAt;
    int closedCount = 0;
    QString closeReason;
    std::vector<Arrival> arrivals;

private:
    std::unique_ptr<net::ByteStream> m_stream;
    test::VirtualClock& m_clock;
};

Bytes filled(std::size_t size, std::uint8_t value)
{
    return Bytes(size, value);
}

// Host A dials a listener on host B; both ends are probed.
class SimNetworkTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_listener = m_b.createListener();
        const auto bound = m_listener->listen({kB, kPort}, true);
        ASSERT_TRUE(bound);
        EXPECT_EQ(bound.value().bound, (net::HostPort{kB, kPort}));
        EXPECT_TRUE(bound.value().notice.isEmpty());
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, m_listener.get(),
                         [this](net::ByteStream* stream) {
                             acceptedAt = m_clock.monotonicMs();
                             m_server =
                                 std::make_unique<Probe>(std::unique_ptr<net::ByteStream>(stream), m_clock);
                         });
    }

    // Dials B and runs until both ends are open.
    void connectPair()
    {
        m_client = std::make_unique<Probe>(m_a.connectTo({kB, kPort}), m_clock);
        ASSERT_TRUE(runUntil(
            m_clock, [this] { return m_client->connectedAt && m_server; }, 10'000));
    }

    test::VirtualClock m_clock;
    SimNetwork m_network{m_clock, 7};
    SimHost& m_a = m_network.addHost(kA);
    SimHost& m_b = m_network.addHost(kB);
    std::unique_ptr<net::StreamListener> m_listener;
    std::optional<std::int64_t> acceptedAt;
    std::unique_ptr<Probe> m_client;
    std::unique_ptr<Probe> m_server;
};

TEST_F(SimNetworkTest, ConnectingTakesOneRoundTripAndEachEndKnowsTheOther)
{
    m_network.setDefaultLink({.latencyMs = 5});
    connectPair();
    EXPECT_EQ(acceptedAt, 5);
    EXPECT_EQ(m_client->connectedAt, 10);
    EXPECT_TRUE(m_client->stream().isOpen());
    EXPECT_TRUE(m_server->stream().isOpen());
    EXPECT_EQ(m_client->stream().remoteAddress(), (net::HostPort{kB, kPort}));
    // The accepting end sees the dialling host and the port it dialled from,
    // as a TCP socket would: an ephemeral port, not the dialler's listen port.
    const net::HostPort dialler = m_server->stream().remoteAddress();
    EXPECT_EQ(dialler.host, kA);
    EXPECT_GE(dialler.port, 49152);
    EXPECT_EQ(m_network.stats().connections, 1u);
}

TEST_F(SimNetworkTest, EachDialComesFromItsOwnPort)
{
    connectPair();
    const quint16 first = m_server->stream().remoteAddress().port;
    auto firstServer = std::move(m_server);
    connectPair();
    EXPECT_NE(m_server->stream().remoteAddress().port, first);
}

TEST_F(SimNetworkTest, LatencyGivesExactArrivalTimesBothWays)
{
    m_network.setLink(kA, kB, {.latencyMs = 7});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    m_client->stream().write(filled(10, 1));
    runFor(m_clock, 3);
    m_server->stream().write(filled(20, 2));
    m_client->stream().write(filled(30, 3));
    runFor(m_clock, 100);
    ASSERT_EQ(m_server->arrivals.size(), 2u);
    EXPECT_EQ(m_server->arrivalTimes(), (std::vector<std::int64_t>{start + 7, start + 10}));
    EXPECT_EQ(m_server->received().size(), 40u);
    ASSERT_EQ(m_client->arrivals.size(), 1u);
    EXPECT_EQ(m_client->arrivals[0].atMs, start + 10);
    EXPECT_EQ(m_client->arrivals[0].bytes, filled(20, 2));
}

TEST_F(SimNetworkTest, JitterStaysWithinItsRangeAndKeepsTheOrder)
{
    m_network.setDefaultLink({.latencyMs = 10, .jitterMs = 30});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    Bytes sent;
    for (std::uint8_t i = 0; i < 200; ++i) {
        m_client->stream().write({&i, 1});
        sent.push_back(i);
    }
    runFor(m_clock, 100);
    EXPECT_EQ(m_server->received(), sent);
    const auto times = m_server->arrivalTimes();
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
    EXPECT_GE(times.front(), start + 10);
    EXPECT_LE(times.back(), start + 40);
    EXPECT_GT(times.back(), times.front()); // jitter did spread them
}

TEST_F(SimNetworkTest, BandwidthSerialisesWritesOneAfterAnother)
{
    m_network.setDefaultLink({.latencyMs = 10, .bytesPerSecond = 1000});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    m_client->stream().write(filled(500, 1)); // on the wire for 500 ms
    m_client->stream().write(filled(250, 2)); // waits for the first, then 250 ms
    runFor(m_clock, 2000);
    EXPECT_EQ(m_server->arrivalTimes(), (std::vector<std::int64_t>{start + 510, start + 760}));

    // An idle link starts the next write at once.
    const std::int64_t later = m_clock.monotonicMs();
    m_client->stream().write(filled(100, 3));
    runFor(m_clock, 1000);
    EXPECT_EQ(m_server->arrivals.back().atMs, later + 110);
}

TEST_F(SimNetworkTest, SmallWritesAddUpOnASlowLink)
{
    // 2000 bytes/s: each byte takes half a millisecond. A hundred one-byte
    // writes are 50 ms on the wire, not free because each alone is short.
    m_network.setDefaultLink({.latencyMs = 1, .bytesPerSecond = 2000});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    for (int i = 0; i < 100; ++i) {
        m_client->stream().write(filled(1, 9));
    }
    runFor(m_clock, 1000);
    ASSERT_EQ(m_server->received().size(), 100u);
    // A byte is there once its last bit is: the first half-millisecond byte
    // arrives in the first millisecond, the hundredth at 50 ms.
    EXPECT_EQ(m_server->arrivals.front().atMs, start + 1 + 1);
    EXPECT_EQ(m_server->arrivals.back().atMs, start + 50 + 1);
}

TEST_F(SimNetworkTest, LossDelaysSegmentsButNeverReordersOrLosesBytes)
{
    m_network.setDefaultLink({.latencyMs = 2, .lossPercent = 30});
    connectPair();
    const auto retransmittedBefore = m_network.stats().retransmissions;
    const std::int64_t start = m_clock.monotonicMs();
    Bytes sent;
    for (int i = 0; i < 2000; ++i) {
        const auto byte = static_cast<std::uint8_t>(i * 7);
        m_client->stream().write({&byte, 1});
        sent.push_back(byte);
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_server->received().size() == sent.size(); }, 60'000));
    EXPECT_EQ(m_server->received(), sent);
    const auto times = m_server->arrivalTimes();
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
    EXPECT_GT(m_network.stats().retransmissions, retransmittedBefore);
    // A lost segment costs whole retransmission rounds, and holds up what follows.
    EXPECT_GE(times.back(), start + 2 + SimNetwork::kRetransmitMs);
    for (const std::int64_t at : times) {
        EXPECT_EQ((at - start - 2) % SimNetwork::kRetransmitMs, 0) << at;
    }
}

TEST_F(SimNetworkTest, PartitionHoldsBytesUntilItHeals)
{
    connectPair(); // 1 ms each way
    runFor(m_clock, 100 - m_clock.monotonicMs());
    m_network.partition({{kA}, {kB}});
    EXPECT_FALSE(m_network.reachable(kA, kB));
    m_client->stream().write(filled(3, 1));
    m_server->stream().write(filled(4, 2));
    runFor(m_clock, 900);
    EXPECT_TRUE(m_server->arrivals.empty());
    EXPECT_TRUE(m_client->arrivals.empty());
    EXPECT_TRUE(m_client->stream().isOpen()); // TCP holds on; nothing breaks by itself

    m_network.heal(); // at 1000
    EXPECT_TRUE(m_network.reachable(kA, kB));
    runFor(m_clock, 1000);
    // Tried at 101, 301, ..., 901 while cut off; 1101 is the first try after healing.
    EXPECT_EQ(m_server->arrivalTimes(), (std::vector<std::int64_t>{1101}));
    EXPECT_EQ(m_client->arrivalTimes(), (std::vector<std::int64_t>{1101}));
    EXPECT_EQ(m_server->received(), filled(3, 1));
    EXPECT_EQ(m_client->received(), filled(4, 2));
}

TEST_F(SimNetworkTest, UnreachablePairHoldsBytesLikeAPartition)
{
    connectPair();
    runFor(m_clock, 100 - m_clock.monotonicMs());
    m_network.setReachable(kA, kB, false);
    EXPECT_FALSE(m_network.reachable(kB, kA));
    m_client->stream().write(filled(3, 1));
    runFor(m_clock, 400);
    EXPECT_TRUE(m_server->arrivals.empty());
    m_network.setReachable(kB, kA, true);
    runFor(m_clock, 400);
    EXPECT_EQ(m_server->arrivalTimes(), (std::vector<std::int64_t>{501}));
}

TEST_F(SimNetworkTest, PartitionSeparatesOnlyDifferentGroups)
{
    const QString c = QStringLiteral("10.0.0.3");
    m_network.addHost(c);
    m_network.partition({{kA, c}, {kB}});
    EXPECT_TRUE(m_network.reachable(kA, c));
    EXPECT_FALSE(m_network.reachable(kA, kB));
    EXPECT_FALSE(m_network.reachable(c, kB));
    EXPECT_FALSE(m_network.reachable(kA, QStringLiteral("10.9.9.9"))); // no such host
}

TEST_F(SimNetworkTest, ConnectingToAClosedPortIsRefusedAfterARoundTrip)
{
    m_network.setDefaultLink({.latencyMs = 4});
    Probe client(m_a.connectTo({kB, 9999}), m_clock);
    runFor(m_clock, 1000);
    EXPECT_FALSE(client.connectedAt);
    EXPECT_EQ(client.closedAt, 8);
    EXPECT_EQ(client.closeReason, QStringLiteral("connection refused"));
    EXPECT_EQ(client.closedCount, 1);
    EXPECT_FALSE(client.stream().isOpen());
}

TEST_F(SimNetworkTest, ConnectingToAnUnreachableHostTimesOut)
{
    m_network.setDefaultLink({.latencyMs = 3});
    Probe nobody(m_a.connectTo({QStringLiteral("10.0.0.99"), kPort}), m_clock);
    m_network.setReachable(kA, kB, false);
    Probe cutOff(m_a.connectTo({kB, kPort}), m_clock);
    runFor(m_clock, 10'000);
    for (const Probe* probe : {&nobody, &cutOff}) {
        EXPECT_FALSE(probe->connectedAt);
        EXPECT_EQ(probe->closedAt, SimNetwork::kConnectTimeoutMs);
        EXPECT_EQ(probe->closeReason, QStringLiteral("connection timed out"));
        EXPECT_EQ(probe->closedCount, 1);
    }
    EXPECT_FALSE(m_server);
}

TEST_F(SimNetworkTest, ConnectionCompletesWhenTheHostBecomesReachableInTime)
{
    m_network.setReachable(kA, kB, false);
    m_client = std::make_unique<Probe>(m_a.connectTo({kB, kPort}), m_clock);
    runFor(m_clock, 1000);
    m_network.setReachable(kA, kB, true);
    ASSERT_TRUE(runUntil(
        m_clock, [this] { return m_client->connectedAt.has_value(); }, 5000));
    // The connection attempt is retried every kRetransmitMs: 1, 201, ..., 1001.
    EXPECT_EQ(acceptedAt, 1001);
    EXPECT_EQ(m_client->connectedAt, 1002);
}

TEST_F(SimNetworkTest, AbortResetsTheOtherEndAndDropsWhatWasNotDelivered)
{
    m_network.setDefaultLink({.latencyMs = 5});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    m_client->stream().write(filled(10, 1));
    m_client->stream().abort();
    EXPECT_FALSE(m_client->stream().isOpen());
    m_client->stream().write(filled(10, 2)); // ignored
    runFor(m_clock, 100);
    EXPECT_TRUE(m_server->arrivals.empty());
    EXPECT_EQ(m_server->closedAt, start + 5);
    EXPECT_EQ(m_server->closeReason, QStringLiteral("connection reset by the peer"));
    EXPECT_FALSE(m_server->stream().isOpen());
    EXPECT_EQ(m_client->closedCount, 0); // abort() reports nothing to its own side
}

TEST_F(SimNetworkTest, AStreamResetAsSoonAsAcceptedResetsTheDialler)
{
    // A listener that refuses a connection (too many handshakes) aborts it
    // at once, before its SynAck has reached the dialler.
    QObject::connect(m_listener.get(), &net::StreamListener::accepted, m_listener.get(),
                     [](net::ByteStream* stream) { stream->abort(); });
    m_network.setDefaultLink({.latencyMs = 5});
    Probe client(m_a.connectTo({kB, kPort}), m_clock);
    runFor(m_clock, 1000);
    EXPECT_FALSE(client.connectedAt);
    EXPECT_EQ(client.closedAt, 10);
    EXPECT_EQ(client.closeReason, QStringLiteral("connection reset by the peer"));
    EXPECT_EQ(client.closedCount, 1);
}

TEST_F(SimNetworkTest, CloseAfterWritingDeliversEverythingThenCloses)
{
    m_network.setDefaultLink({.latencyMs = 5, .bytesPerSecond = 1000});
    connectPair();
    const std::int64_t start = m_clock.monotonicMs();
    m_client->stream().write(filled(100, 1));
    m_client->stream().closeAfterWriting();
    m_client->destroy(); // allowed at once: the queued bytes still leave
    runFor(m_clock, 1000);
    EXPECT_EQ(m_server->received(), filled(100, 1));
    EXPECT_EQ(m_server->arrivalTimes(), (std::vector<std::int64_t>{start + 105}));
    EXPECT_EQ(m_server->closedAt, start + 105);
    EXPECT_EQ(m_server->closeReason, QStringLiteral("connection closed by the peer"));
    EXPECT_EQ(m_server->closedCount, 1);
}

TEST_F(SimNetworkTest, DestroyingAnOpenStreamResetsTheOtherEnd)
{
    connectPair();
    m_server->destroy();
    runFor(m_clock, 100);
    EXPECT_EQ(m_client->closeReason, QStringLiteral("connection reset by the peer"));
    EXPECT_FALSE(m_client->stream().isOpen());
}

TEST_F(SimNetworkTest, ClosingBeforeTheConnectionIsUpNeverReachesTheListener)
{
    m_client = std::make_unique<Probe>(m_a.connectTo({kB, kPort}), m_clock);
    m_client->stream().closeAfterWriting();
    runFor(m_clock, 1000);
    EXPECT_FALSE(m_server);
    EXPECT_FALSE(m_client->connectedAt);
    EXPECT_EQ(m_client->closedCount, 0);
}

TEST_F(SimNetworkTest, ListenerPortsAreTakenAndFreed)
{
    auto second = m_b.createListener();
    EXPECT_FALSE(second->listen({kB, kPort}, true)); // the user's choice is not overridden
    const auto fallback = second->listen({kB, kPort}, false);
    ASSERT_TRUE(fallback);
    EXPECT_NE(fallback.value().bound.port, kPort);
    EXPECT_FALSE(fallback.value().notice.isEmpty());
    EXPECT_EQ(second->port(), fallback.value().bound.port);

    m_listener.reset(); // the port is free again: dials to it are refused
    Probe client(m_a.connectTo({kB, kPort}), m_clock);
    runFor(m_clock, 100);
    EXPECT_EQ(client.closeReason, QStringLiteral("connection refused"));
}

// Arrival times of a run with jitter and loss, as a function of the seed.
std::vector<std::int64_t> arrivalsWithSeed(std::uint64_t seed)
{
    test::VirtualClock clock;
    SimNetwork network(clock, seed);
    network.setDefaultLink({.latencyMs = 5, .jitterMs = 20, .lossPercent = 10});
    SimHost& a = network.addHost(kA);
    SimHost& b = network.addHost(kB);
    auto listener = b.createListener();
    EXPECT_TRUE(listener->listen({kB, kPort}, true));
    std::unique_ptr<Probe> server;
    QObject::connect(listener.get(), &net::StreamListener::accepted, listener.get(),
                     [&](net::ByteStream* stream) {
                         server = std::make_unique<Probe>(std::unique_ptr<net::ByteStream>(stream), clock);
                     });
    Probe client(a.connectTo({kB, kPort}), clock);
    EXPECT_TRUE(runUntil(
        clock, [&] { return client.connectedAt.has_value(); }, 10'000));
    for (int i = 0; i < 100; ++i) {
        client.stream().write(filled(1, static_cast<std::uint8_t>(i)));
        runFor(clock, 3);
    }
    runFor(clock, 10'000);
    std::vector<std::int64_t> times{*client.connectedAt};
    const auto arrivals = server ? server->arrivalTimes() : std::vector<std::int64_t>{};
    times.insert(times.end(), arrivals.begin(), arrivals.end());
    EXPECT_EQ(times.size(), 101u);
    return times;
}

TEST(SimNetworkDeterminism, TheSameSeedGivesTheSameRunAndAnotherSeedAnother)
{
    const auto first = arrivalsWithSeed(42);
    EXPECT_EQ(arrivalsWithSeed(42), first);
    EXPECT_NE(arrivalsWithSeed(43), first);
}

} // namespace
} // namespace confab::sim
