#include "scenarios.h"
#include "sim_world.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

// Rooms: groups of members on one LAN exchange room messages while the
// network loses packets and members come and go; a member that was away
// catches up from whichever member it meets (docs/PROTOCOL.md, "Rooms").
namespace confab::sim {
namespace {

constexpr int kDefaultNodes = 100;
constexpr std::size_t kRooms = 10;
constexpr std::size_t kMembersPerRoom = 30;
// Links come up before the rooms are made; the figures describe rooms, not start-up.
constexpr std::int64_t kWarmUpMs = 30000;
constexpr std::int64_t kJoinMs = 10000; // the invitations reach the members
constexpr std::int64_t kSendingMs = 60000;
constexpr int kMessagesPerMember = 1;
constexpr std::int64_t kPromptMs = 10000; // "delivered to all members within 10 s"
constexpr std::int64_t kMaxAfterHealMs = 300000;
constexpr double kChurnShare = 0.1;
constexpr std::int64_t kChurnAwayMs = 20000;

QString addressOf(std::size_t index)
{
    return QStringLiteral("10.3.%1.%2").arg(index / 250).arg(index % 250 + 1);
}

struct RoomPlan {
    std::vector<std::size_t> members; // node indices; the first creates the room
    QString id;                       // once created
};

struct Delivery {
    std::int64_t sentMs = -1;
    std::size_t room = 0;
    std::size_t sender = 0;
    std::map<std::size_t, std::int64_t> deliveredMs; // by member node
};

std::vector<std::int64_t> sorted(std::vector<std::int64_t> values)
{
    std::sort(values.begin(), values.end());
    return values;
}

QJsonObject spread(const std::vector<std::int64_t>& values)
{
    const auto ordered = sorted(values);
    return QJsonObject{{QStringLiteral("samples"), static_cast<qint64>(ordered.size())},
                       {QStringLiteral("p50"), static_cast<qint64>(percentile(ordered, 50))},
                       {QStringLiteral("p95"), static_cast<qint64>(percentile(ordered, 95))},
                       {QStringLiteral("max"), static_cast<qint64>(percentile(ordered, 100))}};
}

} // namespace

QJsonObject runRooms(const ScenarioOptions& options)
{
    const auto count =
        static_cast<std::size_t>(options.nodes > 0 ? std::max(options.nodes, 4) : kDefaultNodes);
    const std::size_t perRoom = std::min(kMembersPerRoom, count);
    QElapsedTimer wall;
    wall.start();
    SimWorld world(options.seed);
    world.network().setDefaultLink(LinkProfile{1, 1, 12'500'000, options.lossPercent});
    QStringList endpoints;
    for (std::size_t i = 0; i < count; ++i) {
        endpoints << QStringLiteral("%1:%2").arg(addressOf(i)).arg(SimNode::kPort);
    }
    for (std::size_t i = 0; i < count; ++i) {
        QStringList others = endpoints;
        others.removeAt(static_cast<qsizetype>(i));
        world.addNode(addressOf(i), QStringLiteral("node%1").arg(i), others);
    }
    if (const QString error = world.startAll(); !error.isEmpty()) {
        return {{QStringLiteral("error"), error}};
    }
    auto& nodes = world.nodes();

    std::vector<RoomPlan> rooms(kRooms);
    std::vector<std::size_t> everyone(count);
    std::iota(everyone.begin(), everyone.end(), 0);
    for (RoomPlan& room : rooms) {
        std::shuffle(everyone.begin(), everyone.end(), world.random());
        room.members.assign(everyone.begin(), everyone.begin() + static_cast<std::ptrdiff_t>(perRoom));
    }

    // Every room message as each member stores it.
    std::map<QString, Delivery> deliveries;
    for (std::size_t i = 0; i < count; ++i) {
        api::NodeEvents& events = nodes[i]->node().events();
        QObject::connect(&events, &api::NodeEvents::roomMessageStored, &events,
                         [&world, &deliveries, i](const api::RoomMessageView& message) {
                             if (!message.outgoing) {
                                 deliveries[message.id].deliveredMs.try_emplace(i,
                                                                                world.clock().monotonicMs());
                             }
                         });
    }

    QString failure;
    for (std::size_t r = 0; r < rooms.size(); ++r) {
        world.at(kWarmUpMs, [&, r] {
            RoomPlan& room = rooms[r];
            std::vector<PeerId> members;
            for (std::size_t k = 1; k < room.members.size(); ++k) {
                members.push_back(nodes[room.members[k]]->node().id());
            }
            const auto created =
                nodes[room.members.front()]->node().createRoom(QStringLiteral("room %1").arg(r), members);
            if (!created) {
                failure = created.error();
                return;
            }
            room.id = created.value().id;
        });
    }

    // Churn: every few seconds a node goes away from everyone for a while.
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> away(count);
    const auto setPresent = [&world, count](std::size_t node, bool present) {
        for (std::size_t other = 0; other < count; ++other) {
            if (other != node) {
                world.network().setReachable(addressOf(node), addressOf(other), present);
            }
        }
    };
    const std::int64_t sendFrom = kWarmUpMs + kJoinMs;
    std::size_t departures = 0;
    if (options.churn) {
        const auto atOnce =
            std::max<std::size_t>(1, static_cast<std::size_t>(kChurnShare * static_cast<double>(count)));
        const std::int64_t every =
            std::max<std::int64_t>(1000, kChurnAwayMs / static_cast<std::int64_t>(atOnce));
        std::uniform_int_distribution<std::size_t> anyone(0, count - 1);
        for (std::int64_t at = sendFrom; at < sendFrom + kSendingMs; at += every) {
            const std::size_t node = anyone(world.random());
            const bool overlaps =
                std::any_of(away[node].begin(), away[node].end(),
                            [at](const auto& interval) { return at < interval.second + 1000; });
            if (overlaps) {
                continue;
            }
            away[node].emplace_back(at, at + kChurnAwayMs);
            world.at(at, [&setPresent, node] { setPresent(node, false); });
            world.at(at + kChurnAwayMs, [&setPresent, node] { setPresent(node, true); });
            ++departures;
        }
    }
    const auto awayAt = [&away](std::size_t node, std::int64_t ms) -> std::optional<std::int64_t> {
        for (const auto& [from, to] : away[node]) {
            if (from <= ms && ms < to) {
                return to;
            }
        }
        return std::nullopt;
    };

    // Every member of every room sends; an absent member sends when it is back.
    std::size_t expectedMessages = 0;
    std::size_t expectedDeliveries = 0;
    std::uniform_int_distribution<std::int64_t> when(sendFrom, sendFrom + kSendingMs);
    for (std::size_t r = 0; r < rooms.size(); ++r) {
        for (const std::size_t member : rooms[r].members) {
            for (int k = 0; k < kMessagesPerMember; ++k) {
                std::int64_t at = when(world.random());
                if (const auto back = awayAt(member, at)) {
                    at = *back + 1000;
                }
                ++expectedMessages;
                expectedDeliveries += rooms[r].members.size() - 1;
                world.at(at, [&, r, member, k] {
                    const auto sent = nodes[member]->node().sendRoomText(
                        rooms[r].id, QStringLiteral("message %1 from node %2").arg(k).arg(member));
                    if (!sent) {
                        failure = sent.error();
                        return;
                    }
                    Delivery& delivery = deliveries[sent.value().id];
                    delivery.sentMs = world.clock().monotonicMs();
                    delivery.room = r;
                    delivery.sender = member;
                });
            }
        }
    }

    const auto deliveredCount = [&] {
        std::size_t total = 0;
        for (const auto& [id, delivery] : deliveries) {
            if (delivery.sentMs < 0) {
                continue;
            }
            for (const std::size_t member : rooms[delivery.room].members) {
                total += member != delivery.sender && delivery.deliveredMs.count(member) != 0 ? 1U : 0U;
            }
        }
        return total;
    };
    const std::int64_t healAtMs = sendFrom + kSendingMs + kChurnAwayMs + kPromptMs;
    for (std::int64_t at = 10000; at <= healAtMs + kMaxAfterHealMs; at += 10000) {
        world.at(at, [&, at] {
            std::fprintf(stderr, "confab_sim: %llds virtual, %.1fs wall: %zu of %zu room deliveries\n",
                         static_cast<long long>(at / 1000), static_cast<double>(wall.elapsed()) / 1000.0,
                         deliveredCount(), expectedDeliveries);
        });
    }
    std::uint64_t bytesAtStart = 0;
    world.at(kWarmUpMs, [&] { bytesAtStart = world.network().stats().bytes; });
    std::size_t deliveredBeforeHeal = 0;
    world.at(healAtMs, [&] {
        deliveredBeforeHeal = deliveredCount();
        world.network().setDefaultLink(LinkProfile{1, 1, 12'500'000, 0});
    });
    world.runUntil(
        [&] {
            return !failure.isEmpty() ||
                   (world.clock().monotonicMs() > healAtMs && deliveredCount() == expectedDeliveries);
        },
        healAtMs + kMaxAfterHealMs);
    if (!failure.isEmpty()) {
        return {{QStringLiteral("error"), failure}};
    }

    // Within 10 s: of the deliveries to members present when the message was sent.
    std::size_t prompt = 0;
    std::size_t present = 0;
    std::size_t messagesToAllPromptly = 0;
    std::vector<std::int64_t> latencies;
    std::vector<std::int64_t> catchUps;
    for (const auto& [id, delivery] : deliveries) {
        if (delivery.sentMs < 0) {
            continue;
        }
        bool allPrompt = true;
        for (const std::size_t member : rooms[delivery.room].members) {
            if (member == delivery.sender) {
                continue;
            }
            const auto got = delivery.deliveredMs.find(member);
            const auto back = awayAt(member, delivery.sentMs);
            if (back) {
                if (got != delivery.deliveredMs.end()) {
                    catchUps.push_back(std::max<std::int64_t>(0, got->second - *back));
                }
                continue;
            }
            ++present;
            if (got != delivery.deliveredMs.end()) {
                latencies.push_back(got->second - delivery.sentMs);
                if (got->second - delivery.sentMs <= kPromptMs) {
                    ++prompt;
                    continue;
                }
            }
            allPrompt = false;
        }
        messagesToAllPromptly += allPrompt ? 1U : 0U;
    }
    const std::size_t delivered = deliveredCount();
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    const auto latency = sorted(latencies);
    QJsonObject result{
        {QStringLiteral("scenario"), QStringLiteral("rooms")},
        {QStringLiteral("nodes"), static_cast<qint64>(count)},
        {QStringLiteral("rooms"), static_cast<qint64>(rooms.size())},
        {QStringLiteral("members_per_room"), static_cast<qint64>(perRoom)},
        {QStringLiteral("seed"), static_cast<qint64>(options.seed)},
        {QStringLiteral("loss_percent"), options.lossPercent},
        {QStringLiteral("churn"), options.churn},
        {QStringLiteral("departures"), static_cast<qint64>(departures)},
        {QStringLiteral("messages"), static_cast<qint64>(expectedMessages)},
        {QStringLiteral("deliveries"), static_cast<qint64>(expectedDeliveries)},
        {QStringLiteral("delivered"), static_cast<qint64>(delivered)},
        {QStringLiteral("all_delivered"), delivered == expectedDeliveries},
        {QStringLiteral("delivered_fraction"),
         ratio(static_cast<double>(delivered), static_cast<double>(expectedDeliveries))},
        {QStringLiteral("delivered_before_heal_fraction"),
         ratio(static_cast<double>(deliveredBeforeHeal), static_cast<double>(expectedDeliveries))},
        {QStringLiteral("delivered_within_10s_fraction"),
         ratio(static_cast<double>(prompt), static_cast<double>(present))},
        {QStringLiteral("messages_to_all_present_within_10s_fraction"),
         ratio(static_cast<double>(messagesToAllPromptly), static_cast<double>(expectedMessages))},
        {QStringLiteral("latency_ms"),
         QJsonObject{{QStringLiteral("p50"), static_cast<qint64>(percentile(latency, 50))},
                     {QStringLiteral("p95"), static_cast<qint64>(percentile(latency, 95))},
                     {QStringLiteral("p99"), static_cast<qint64>(percentile(latency, 99))},
                     {QStringLiteral("max"), static_cast<qint64>(percentile(latency, 100))}}},
        {QStringLiteral("catch_up_after_return_ms"), spread(catchUps)},
        {QStringLiteral("bytes_per_delivered_message"),
         ratio(static_cast<double>(world.network().stats().bytes - bytesAtStart),
               static_cast<double>(delivered))},
    };
    const QJsonObject figures = runFigures(world, static_cast<double>(wall.elapsed()) / 1000.0);
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace confab::sim
