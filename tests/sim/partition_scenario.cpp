#include "scenarios.h"
#include "sim_world.h"

#include <QElapsedTimer>

#include <algorithm>

namespace confab::sim {
namespace {

constexpr int kDefaultNodes = 20;
constexpr std::int64_t kSplitAtMs = 10000;
constexpr int kMessagesPerNode = 5;
constexpr std::int64_t kMaxAfterHealMs = 120000;

QString addressOf(int index)
{
    return QStringLiteral("10.1.%1.%2").arg(index / 250).arg(index % 250 + 1);
}

} // namespace

QJsonObject runPartition(const ScenarioOptions& options)
{
    const int count = std::max(2, options.nodes > 0 ? options.nodes : kDefaultNodes);
    const std::int64_t healAtMs = kSplitAtMs + std::int64_t{options.partitionSeconds} * 1000;
    QElapsedTimer wall;
    wall.start();
    SimWorld world(options.seed);
    world.network().setDefaultLink(LinkProfile{1, 1, 12'500'000, options.lossPercent});
    QStringList endpoints;
    for (int i = 0; i < count; ++i) {
        endpoints << QStringLiteral("%1:%2").arg(addressOf(i)).arg(SimNode::kPort);
    }
    std::vector<QString> sideA;
    std::vector<QString> sideB;
    for (int i = 0; i < count; ++i) {
        QStringList others = endpoints;
        others.removeAt(i);
        world.addNode(addressOf(i), QStringLiteral("node%1").arg(i), others);
        (i < count / 2 ? sideA : sideB).push_back(addressOf(i));
    }
    if (const QString error = world.startAll(); !error.isEmpty()) {
        return {{QStringLiteral("error"), error}};
    }
    auto& nodes = world.nodes();
    const auto half = static_cast<std::size_t>(count / 2);
    world.at(kSplitAtMs, [&] { world.network().partition({sideA, sideB}); });

    // While split, every node sends to random nodes of the other side (queued
    // or sent into a link that is about to die) and of its own side.
    std::size_t across = 0;
    std::size_t within = 0;
    std::uniform_int_distribution<std::int64_t> when(kSplitAtMs + 500, healAtMs - 500);
    for (std::size_t from = 0; from < nodes.size(); ++from) {
        const bool inA = from < half;
        for (int k = 0; k < kMessagesPerNode; ++k) {
            const bool crossing = k % 2 == 0;
            const std::size_t lo = (inA == crossing) ? half : 0;
            const std::size_t hi = (inA == crossing) ? nodes.size() - 1 : half - 1;
            std::size_t to = std::uniform_int_distribution<std::size_t>(lo, hi)(world.random());
            if (to == from) {
                to = to == lo ? hi : lo;
            }
            if (to == from) {
                continue; // a side of one node has nobody to talk to
            }
            (crossing ? across : within) += 1;
            SimNode* sender = nodes[from].get();
            SimNode* recipient = nodes[to].get();
            world.at(when(world.random()), [&world, sender, recipient, k] {
                world.send(*sender, *recipient, QStringLiteral("message %1").arg(k));
            });
        }
    }
    std::size_t deliveredAtHeal = 0;
    std::size_t linksDuringSplit = 0;
    world.at(healAtMs - 1, [&] {
        deliveredAtHeal = world.delivered();
        linksDuringSplit = world.connectedLinks();
    });
    world.at(healAtMs, [&] { world.network().heal(); });
    const std::size_t expected = across + within;
    world.runUntil(
        [&] {
            return world.clock().monotonicMs() > healAtMs && world.sendsRequested() == expected &&
                   world.allDelivered();
        },
        healAtMs + kMaxAfterHealMs);

    std::int64_t lastDeliveryMs = 0;
    for (const auto& [id, record] : world.messages()) {
        lastDeliveryMs = std::max(lastDeliveryMs, record.deliveredMs);
    }
    QJsonObject result{
        {QStringLiteral("scenario"), QStringLiteral("partition")},
        {QStringLiteral("nodes"), count},
        {QStringLiteral("seed"), static_cast<qint64>(options.seed)},
        {QStringLiteral("partition_seconds"), options.partitionSeconds},
        {QStringLiteral("messages"), static_cast<qint64>(expected)},
        {QStringLiteral("messages_across"), static_cast<qint64>(across)},
        {QStringLiteral("messages_within"), static_cast<qint64>(within)},
        {QStringLiteral("delivered_before_heal"), static_cast<qint64>(deliveredAtHeal)},
        {QStringLiteral("links_during_split"), static_cast<qint64>(linksDuringSplit)},
        {QStringLiteral("delivered"), static_cast<qint64>(world.delivered())},
        {QStringLiteral("acknowledged"), static_cast<qint64>(world.acknowledged())},
        {QStringLiteral("all_delivered"), world.allDelivered()},
        {QStringLiteral("all_delivered_ms_after_heal"), static_cast<qint64>(lastDeliveryMs - healAtMs)},
        {QStringLiteral("links"), static_cast<qint64>(world.connectedLinks())},
    };
    const QJsonObject figures = runFigures(world, static_cast<double>(wall.elapsed()) / 1000.0);
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace confab::sim
