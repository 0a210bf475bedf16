#include "scenarios.h"
#include "sim_world.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace confab::sim {
namespace {

constexpr int kDefaultNodes = 100;
// People start their nodes within this window, as an office does in the morning.
constexpr std::int64_t kStartWindowMs = 10000;
// Then they chat: every node sends to every other once, at a random moment
// of this window after the last start.
constexpr std::int64_t kSendWindowMs = 600000;
constexpr std::int64_t kMaxRunMs = kStartWindowMs + kSendWindowMs + 60000;

QString addressOf(int index)
{
    return QStringLiteral("10.0.%1.%2").arg(index / 250).arg(index % 250 + 1);
}

} // namespace

QJsonObject runMesh(const ScenarioOptions& options)
{
    const int count = options.nodes > 0 ? options.nodes : kDefaultNodes;
    QElapsedTimer wall;
    wall.start();
    SimWorld world(options.seed);
    world.network().setDefaultLink(
        LinkProfile{1, 1, 12'500'000, options.lossPercent}); // a switched 100 Mbit/s LAN
    QStringList endpoints;
    for (int i = 0; i < count; ++i) {
        endpoints << QStringLiteral("%1:%2").arg(addressOf(i)).arg(SimNode::kPort);
    }
    for (int i = 0; i < count; ++i) {
        QStringList others = endpoints;
        others.removeAt(i);
        world.addNode(addressOf(i), QStringLiteral("node%1").arg(i), others);
    }
    auto& nodes = world.nodes();
    QString startError;
    std::uniform_int_distribution<std::int64_t> startAt(0, kStartWindowMs);
    for (auto& node : nodes) {
        world.at(startAt(world.random()), [&startError, node = node.get()] {
            if (QString error = node->start(); !error.isEmpty() && startError.isEmpty()) {
                startError = error;
            }
        });
    }
    std::uniform_int_distribution<std::int64_t> when(kStartWindowMs, kStartWindowMs + kSendWindowMs);
    for (int from = 0; from < count; ++from) {
        for (int to = 0; to < count; ++to) {
            if (from != to) {
                SimNode* sender = nodes[static_cast<std::size_t>(from)].get();
                SimNode* recipient = nodes[static_cast<std::size_t>(to)].get();
                world.at(when(world.random()), [&world, sender, recipient, from, to] {
                    world.send(*sender, *recipient, QStringLiteral("hello %1 from %2").arg(to).arg(from));
                });
            }
        }
    }
    const std::size_t expected = static_cast<std::size_t>(count) * static_cast<std::size_t>(count - 1);
    world.runUntil(
        [&] { return !startError.isEmpty() || (world.sendsRequested() == expected && world.allDelivered()); },
        kMaxRunMs);
    if (!startError.isEmpty()) {
        return {{QStringLiteral("error"), startError}};
    }

    const std::vector<std::int64_t> latencies = world.latencies();
    QJsonObject result{
        {QStringLiteral("scenario"), QStringLiteral("mesh")},
        {QStringLiteral("nodes"), count},
        {QStringLiteral("seed"), static_cast<qint64>(options.seed)},
        {QStringLiteral("loss_percent"), options.lossPercent},
        {QStringLiteral("links"), static_cast<qint64>(world.connectedLinks())},
        {QStringLiteral("connections_opened"), static_cast<qint64>(world.network().stats().connections)},
        {QStringLiteral("messages"), static_cast<qint64>(expected)},
        {QStringLiteral("delivered"), static_cast<qint64>(world.delivered())},
        {QStringLiteral("acknowledged"), static_cast<qint64>(world.acknowledged())},
        {QStringLiteral("all_delivered"), world.allDelivered()},
        {QStringLiteral("latency_ms"),
         QJsonObject{{QStringLiteral("p50"), static_cast<qint64>(percentile(latencies, 50))},
                     {QStringLiteral("p95"), static_cast<qint64>(percentile(latencies, 95))},
                     {QStringLiteral("p99"), static_cast<qint64>(percentile(latencies, 99))},
                     {QStringLiteral("max"), static_cast<qint64>(percentile(latencies, 100))}}},
    };
    const QJsonObject figures = runFigures(world, static_cast<double>(wall.elapsed()) / 1000.0);
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace confab::sim
