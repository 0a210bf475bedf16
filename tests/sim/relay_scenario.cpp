#include "proto/relay_envelope.h"
#include "scenarios.h"
#include "sim_world.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <optional>
#include <set>

// Relaying scenarios: nodes that can reach only their neighbours, so most
// messages travel sealed through others (docs/PROTOCOL.md, "Relaying").
namespace confab::sim {
namespace {

// Routes are learned before anyone sends: the figures describe relaying, not start-up.
constexpr std::int64_t kWarmUpMs = 30000;
constexpr std::int64_t kSendingMs = 30000;
constexpr int kMessagesPerNode = 4;
constexpr std::int64_t kPromptMs = 10000; // "delivered within 10 s"
constexpr std::int64_t kMaxAfterHealMs = 300000;
// Churn: this share of the nodes is away at a time, for this long.
constexpr double kChurnShare = 0.1;
constexpr std::int64_t kChurnAwayMs = 20000;

using Graph = std::vector<std::vector<std::size_t>>;

QString addressOf(std::size_t index)
{
    return QStringLiteral("10.2.%1.%2").arg(index / 250).arg(index % 250 + 1);
}

void connectBoth(Graph& graph, std::size_t a, std::size_t b)
{
    if (a != b && std::find(graph[a].begin(), graph[a].end(), b) == graph[a].end()) {
        graph[a].push_back(b);
        graph[b].push_back(a);
    }
}

// Links in a path from `from` to every node (-1: unreachable), by breadth-first search.
std::vector<int> distancesFrom(const Graph& graph, std::size_t from)
{
    std::vector<int> distance(graph.size(), -1);
    std::deque<std::size_t> queue{from};
    distance[from] = 0;
    while (!queue.empty()) {
        const std::size_t node = queue.front();
        queue.pop_front();
        for (const std::size_t next : graph[node]) {
            if (distance[next] < 0) {
                distance[next] = distance[node] + 1;
                queue.push_back(next);
            }
        }
    }
    return distance;
}

struct Topology {
    Graph graph;
    std::vector<bool> steady; // never leaves when nodes churn (the bridges)
};

// 3 islands of `perIsland` nodes; two bridge nodes, each in two neighbouring islands.
Topology islands(std::size_t perIsland)
{
    const std::size_t count = 3 * perIsland + 2;
    Topology topology{Graph(count), std::vector<bool>(count)};
    for (std::size_t island = 0; island < 3; ++island) {
        for (std::size_t i = 0; i < perIsland; ++i) {
            for (std::size_t j = i + 1; j < perIsland; ++j) {
                connectBoth(topology.graph, island * perIsland + i, island * perIsland + j);
            }
        }
    }
    for (std::size_t bridge = 0; bridge < 2; ++bridge) {
        const std::size_t node = 3 * perIsland + bridge;
        topology.steady[node] = true;
        for (const std::size_t island : {bridge, bridge + 1}) {
            for (std::size_t i = 0; i < perIsland; ++i) {
                connectBoth(topology.graph, node, island * perIsland + i);
            }
        }
    }
    return topology;
}

// A random geometric graph: nodes in the unit square, linked when closer
// than a radius grown until the wanted average degree is reached (nodes at
// the square's edges have fewer neighbours); parts left apart are then
// joined by their two closest nodes, as someone walking over would.
Topology geometric(std::size_t count, double degree, std::mt19937_64& random)
{
    std::uniform_real_distribution<double> coordinate(0.0, 1.0);
    std::vector<std::pair<double, double>> points;
    for (std::size_t i = 0; i < count; ++i) {
        points.emplace_back(coordinate(random), coordinate(random));
    }
    const auto distance2 = [&points](std::size_t i, std::size_t j) {
        const double dx = points[i].first - points[j].first;
        const double dy = points[i].second - points[j].second;
        return dx * dx + dy * dy;
    };
    Topology topology{Graph(count), std::vector<bool>(count)};
    double radius = std::sqrt(degree / (M_PI * static_cast<double>(count)));
    std::size_t ends = 0;
    while (static_cast<double>(ends) < degree * static_cast<double>(count)) {
        topology.graph.assign(count, {});
        ends = 0;
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t j = i + 1; j < count; ++j) {
                if (distance2(i, j) <= radius * radius) {
                    connectBoth(topology.graph, i, j);
                    ends += 2;
                }
            }
        }
        radius *= 1.02;
    }
    while (true) {
        const std::vector<int> reach = distancesFrom(topology.graph, 0);
        std::optional<std::pair<std::size_t, std::size_t>> closest;
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t j = 0; j < count; ++j) {
                if (reach[i] >= 0 && reach[j] < 0 &&
                    (!closest || distance2(i, j) < distance2(closest->first, closest->second))) {
                    closest = {i, j};
                }
            }
        }
        if (!closest) {
            return topology;
        }
        connectBoth(topology.graph, closest->first, closest->second);
    }
}

QJsonObject runRelay(const QString& name, const Topology& topology, const ScenarioOptions& options)
{
    const std::size_t count = topology.graph.size();
    QElapsedTimer wall;
    wall.start();
    SimWorld world(options.seed);
    world.network().setDefaultLink(LinkProfile{1, 1, 12'500'000, options.lossPercent});
    for (std::size_t i = 0; i < count; ++i) {
        QStringList neighbours;
        for (const std::size_t j : topology.graph[i]) {
            neighbours << QStringLiteral("%1:%2").arg(addressOf(j)).arg(SimNode::kPort);
        }
        world.addNode(addressOf(i), QStringLiteral("node%1").arg(i), neighbours);
    }
    std::size_t linkCount = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& near = topology.graph[i];
        linkCount += near.size();
        for (std::size_t j = i + 1; j < count; ++j) {
            if (std::find(near.begin(), near.end(), j) == near.end()) {
                world.network().setReachable(addressOf(i), addressOf(j), false);
            }
        }
    }
    if (const QString error = world.startAll(); !error.isEmpty()) {
        return {{QStringLiteral("error"), error}};
    }
    auto& nodes = world.nodes();

    // Churn: every few seconds a node goes away from all its neighbours for a while.
    const auto setPresent = [&world, &topology](std::size_t node, bool present) {
        for (const std::size_t other : topology.graph[node]) {
            world.network().setReachable(addressOf(node), addressOf(other), present);
        }
    };
    std::vector<std::size_t> movers;
    for (std::size_t i = 0; i < count; ++i) {
        if (!topology.steady[i]) {
            movers.push_back(i);
        }
    }
    std::size_t departures = 0;
    if (options.churn && !movers.empty()) {
        const auto away =
            std::max<std::size_t>(1, static_cast<std::size_t>(kChurnShare * static_cast<double>(count)));
        const std::int64_t every =
            std::max<std::int64_t>(1000, kChurnAwayMs / static_cast<std::int64_t>(away));
        for (std::int64_t at = kWarmUpMs; at < kWarmUpMs + kSendingMs; at += every) {
            const std::size_t node =
                movers[std::uniform_int_distribution<std::size_t>(0, movers.size() - 1)(world.random())];
            world.at(at, [&setPresent, node] { setPresent(node, false); });
            world.at(at + kChurnAwayMs, [&setPresent, node] { setPresent(node, true); });
            ++departures;
        }
    }

    // Every node sends to random others, most of them beyond its neighbours,
    // all within the hop limit: no envelope may travel further (a larger
    // graph leaves some pairs out of each other's reach, reported below).
    std::vector<std::vector<int>> distance;
    std::size_t pairsInReach = 0;
    for (std::size_t i = 0; i < count; ++i) {
        distance.push_back(distancesFrom(topology.graph, i));
        pairsInReach +=
            static_cast<std::size_t>(std::count_if(distance.back().begin(), distance.back().end(),
                                                   [](int d) { return d > 0 && d <= proto::kMaxHopLimit; }));
    }
    std::size_t expected = 0;
    std::size_t relayedMessages = 0;
    std::int64_t relayedPathLinks = 0;
    std::int64_t pathLinks = 0;
    std::uniform_int_distribution<std::int64_t> when(kWarmUpMs, kWarmUpMs + kSendingMs);
    std::uniform_int_distribution<std::size_t> anyone(0, count - 1);
    for (std::size_t from = 0; from < count; ++from) {
        for (int k = 0; k < kMessagesPerNode; ++k) {
            std::size_t to = anyone(world.random());
            while (to == from || distance[from][to] > proto::kMaxHopLimit) {
                to = anyone(world.random());
            }
            const int hops = distance[from][to];
            pathLinks += hops;
            if (hops > 1) {
                ++relayedMessages;
                relayedPathLinks += hops;
            }
            ++expected;
            SimNode* sender = nodes[from].get();
            SimNode* recipient = nodes[to].get();
            world.at(when(world.random()), [&world, sender, recipient, k] {
                world.send(*sender, *recipient, QStringLiteral("message %1").arg(k));
            });
        }
    }

    // Peak storage: the most any one relay held, sampled every second.
    std::int64_t peakHeldBytes = 0;
    std::int64_t peakHeldCount = 0;
    const std::int64_t healAtMs = kWarmUpMs + kSendingMs + kChurnAwayMs + kPromptMs;
    for (std::int64_t at = kWarmUpMs; at <= healAtMs; at += 1000) {
        world.at(at, [&] {
            for (auto& node : nodes) {
                const api::RelayStatus status = node->node().relayStatus();
                peakHeldBytes = std::max(peakHeldBytes, status.heldBytes);
                peakHeldCount = std::max(peakHeldCount, status.heldCount);
            }
        });
    }
    // Progress on stderr, so a long run shows where it is.
    for (std::int64_t at = 10000; at <= healAtMs + kMaxAfterHealMs; at += 10000) {
        world.at(at, [&world, &nodes, &wall, at] {
            std::uint64_t transmissions = 0;
            std::int64_t held = 0;
            for (auto& node : nodes) {
                const api::RelayStatus status = node->node().relayStatus();
                transmissions += status.transmissions;
                held += status.heldCount;
            }
            std::fprintf(
                stderr,
                "confab_sim: %llds virtual, %.1fs wall: %zu delivered, %llu relay transmissions, %lld held\n",
                static_cast<long long>(at / 1000), static_cast<double>(wall.elapsed()) / 1000.0,
                world.delivered(), static_cast<unsigned long long>(transmissions),
                static_cast<long long>(held));
        });
    }
    // Bytes on the wire from the first message on (links, pings, receipts and all).
    std::uint64_t bytesAtWarmUp = 0;
    world.at(kWarmUpMs, [&] { bytesAtWarmUp = world.network().stats().bytes; });
    std::size_t deliveredBeforeHeal = 0;
    world.at(healAtMs, [&] {
        deliveredBeforeHeal = world.delivered();
        world.network().setDefaultLink(LinkProfile{1, 1, 12'500'000, 0});
    });
    world.runUntil(
        [&] {
            return world.clock().monotonicMs() > healAtMs && world.sendsRequested() == expected &&
                   world.allDelivered();
        },
        healAtMs + kMaxAfterHealMs);

    std::size_t prompt = 0;
    for (const auto& [id, record] : world.messages()) {
        if (record.sentMs >= 0 && record.deliveredMs >= 0 &&
            record.deliveredMs - record.sentMs <= kPromptMs) {
            ++prompt;
        }
    }
    std::uint64_t transmissions = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t flooded = 0;
    std::uint64_t refused = 0;
    std::uint64_t opened = 0;
    std::uint64_t openedHops = 0;
    std::uint64_t openedHopsMax = 0;
    for (auto& node : nodes) {
        const api::RelayStatus status = node->node().relayStatus();
        transmissions += status.transmissions;
        forwarded += status.forwarded;
        flooded += status.flooded;
        opened += status.delivered;
        openedHops += status.deliveredHops;
        openedHopsMax = std::max(openedHopsMax, status.deliveredHopsMax);
        refused += status.refusedQuota + status.refusedInvalid + status.refusedExpired + status.refusedReplay;
    }
    const std::vector<std::int64_t> latencies = world.latencies();
    const double delivered = static_cast<double>(world.delivered());
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    // A relayed message and its Delivered receipt each take at least the shortest path.
    const double shortestTransmissions = 2.0 * static_cast<double>(relayedPathLinks);
    // Hops travelled by the sealed envelopes that opened (messages and their
    // receipts, over the same pairs), against the shortest paths of the
    // relayed messages: a ratio of the means.
    const double hopsMean = ratio(static_cast<double>(openedHops), static_cast<double>(opened));
    const double shortestMean =
        ratio(static_cast<double>(relayedPathLinks), static_cast<double>(relayedMessages));
    // Flooding: a pass along a route or to the recipient is one transmission,
    // so the rest went to every carrying neighbour (but the one it came from).
    // A unicast pass whose link had just gone counts no transmission, which
    // makes this a lower bound. Reported per flood (one node passing one
    // envelope to its neighbours, where a route would take one transmission)
    // and against the shortest paths of all relayed messages and receipts.
    const std::uint64_t floodTransmissions = transmissions > forwarded ? transmissions - forwarded : 0;
    QJsonObject result{
        {QStringLiteral("scenario"), name},
        {QStringLiteral("nodes"), static_cast<qint64>(count)},
        {QStringLiteral("links"), static_cast<qint64>(linkCount / 2)},
        {QStringLiteral("average_degree"), ratio(static_cast<double>(linkCount), static_cast<double>(count))},
        {QStringLiteral("seed"), static_cast<qint64>(options.seed)},
        {QStringLiteral("loss_percent"), options.lossPercent},
        {QStringLiteral("churn"), options.churn},
        {QStringLiteral("departures"), static_cast<qint64>(departures)},
        {QStringLiteral("pairs_within_hop_limit_fraction"),
         ratio(static_cast<double>(pairsInReach), static_cast<double>(count * (count - 1)))},
        {QStringLiteral("messages"), static_cast<qint64>(expected)},
        {QStringLiteral("messages_relayed"), static_cast<qint64>(relayedMessages)},
        {QStringLiteral("shortest_path_hops_mean"),
         ratio(static_cast<double>(pathLinks), static_cast<double>(expected))},
        {QStringLiteral("delivered"), static_cast<qint64>(world.delivered())},
        {QStringLiteral("acknowledged"), static_cast<qint64>(world.acknowledged())},
        {QStringLiteral("all_delivered"), world.allDelivered()},
        {QStringLiteral("delivered_within_10s_fraction"),
         ratio(static_cast<double>(prompt), static_cast<double>(expected))},
        {QStringLiteral("delivered_before_heal_fraction"),
         ratio(static_cast<double>(deliveredBeforeHeal), static_cast<double>(expected))},
        {QStringLiteral("delivered_fraction"), ratio(delivered, static_cast<double>(expected))},
        {QStringLiteral("latency_ms"),
         QJsonObject{{QStringLiteral("p50"), static_cast<qint64>(percentile(latencies, 50))},
                     {QStringLiteral("p95"), static_cast<qint64>(percentile(latencies, 95))},
                     {QStringLiteral("p99"), static_cast<qint64>(percentile(latencies, 99))},
                     {QStringLiteral("max"), static_cast<qint64>(percentile(latencies, 100))}}},
        {QStringLiteral("relay_transmissions"), static_cast<qint64>(transmissions)},
        {QStringLiteral("relay_forwarded"), static_cast<qint64>(forwarded)},
        {QStringLiteral("relay_flooded"), static_cast<qint64>(flooded)},
        {QStringLiteral("relay_refused"), static_cast<qint64>(refused)},
        {QStringLiteral("transmissions_per_shortest_path"),
         ratio(static_cast<double>(transmissions), shortestTransmissions)},
        {QStringLiteral("relayed_envelopes_opened"), static_cast<qint64>(opened)},
        {QStringLiteral("hops_travelled_mean"), hopsMean},
        {QStringLiteral("hops_travelled_max"), static_cast<qint64>(openedHopsMax)},
        {QStringLiteral("relayed_shortest_path_hops_mean"), shortestMean},
        {QStringLiteral("hops_travelled_per_shortest_path"), ratio(hopsMean, shortestMean)},
        {QStringLiteral("relay_flood_transmissions"), static_cast<qint64>(floodTransmissions)},
        {QStringLiteral("flood_transmission_share"),
         ratio(static_cast<double>(floodTransmissions), static_cast<double>(transmissions))},
        {QStringLiteral("flood_transmissions_per_flood"),
         ratio(static_cast<double>(floodTransmissions), static_cast<double>(flooded))},
        {QStringLiteral("flood_transmissions_per_shortest_path"),
         ratio(static_cast<double>(floodTransmissions), shortestTransmissions)},
        {QStringLiteral("bytes_per_delivered_message"),
         ratio(static_cast<double>(world.network().stats().bytes - bytesAtWarmUp), delivered)},
        {QStringLiteral("peak_relay_storage_bytes"), static_cast<qint64>(peakHeldBytes)},
        {QStringLiteral("peak_relay_storage_messages"), static_cast<qint64>(peakHeldCount)},
    };
    const QJsonObject figures = runFigures(world, static_cast<double>(wall.elapsed()) / 1000.0);
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace

QJsonObject runIslands(const ScenarioOptions& options)
{
    const auto perIsland =
        static_cast<std::size_t>(options.nodes > 0 ? std::max(2, (options.nodes - 2) / 3) : 10);
    return runRelay(QStringLiteral("islands"), islands(perIsland), options);
}

QJsonObject runRandom(const ScenarioOptions& options)
{
    std::mt19937_64 random(options.seed);
    const auto count = static_cast<std::size_t>(options.nodes > 0 ? std::max(3, options.nodes) : 200);
    return runRelay(QStringLiteral("random"), geometric(count, 6.0, random), options);
}

} // namespace confab::sim
