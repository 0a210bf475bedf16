#include "sim_world.h"

#include <QDir>

#include <algorithm>
#include <cmath>

namespace confab::sim {
namespace {

// Profiles in memory when the machine has a RAM-backed /dev/shm: hundreds of
// SQLite databases then cost no disk I/O.
QString profilesRoot()
{
    const QString shm = QStringLiteral("/dev/shm");
    return QDir(shm).exists() ? shm + QStringLiteral("/confab-sim-XXXXXX")
                              : QDir::tempPath() + QStringLiteral("/confab-sim-XXXXXX");
}

} // namespace

SimWorld::SimWorld(std::uint64_t seed) : m_network(m_clock, seed), m_random(seed), m_profiles(profilesRoot())
{
}

SimWorld::~SimWorld()
{
    for (auto& node : m_nodes) {
        node->node().shutdown();
    }
    m_scheduled.clear();
    m_nodes.clear();
}

SimNode& SimWorld::addNode(const QString& address, const QString& name, const QStringList& peers)
{
    const QString dir = m_profiles.filePath(QStringLiteral("node-%1").arg(m_nodes.size()));
    QDir().mkpath(dir);
    m_nodes.push_back(std::make_unique<SimNode>(m_network, address, dir, name, peers));
    track(*m_nodes.back());
    return *m_nodes.back();
}

QString SimWorld::startAll()
{
    for (auto& node : m_nodes) {
        if (QString error = node->start(); !error.isEmpty()) {
            return error;
        }
    }
    return {};
}

void SimWorld::track(SimNode& node)
{
    api::NodeEvents& events = node.node().events();
    QObject::connect(&events, &api::NodeEvents::messageStored, &events,
                     [this](const api::StoredMessage& message) {
                         MessageRecord& record = m_messages[message.id];
                         if (message.outgoing) {
                             record.sentMs = m_clock.monotonicMs();
                         } else if (record.deliveredMs < 0) {
                             record.deliveredMs = m_clock.monotonicMs();
                             ++m_delivered;
                         }
                     });
    QObject::connect(&events, &api::NodeEvents::messageStateChanged, &events,
                     [this](const api::StoredMessage& message) {
                         if (message.outgoing && message.state >= api::MessageState::Delivered) {
                             MessageRecord& record = m_messages[message.id];
                             if (record.acknowledgedMs < 0) {
                                 record.acknowledgedMs = m_clock.monotonicMs();
                                 ++m_acknowledged;
                             }
                         }
                     });
}

void SimWorld::at(std::int64_t ms, std::function<void()> action)
{
    auto timer = m_clock.createTimer(std::move(action));
    timer->start(std::max<std::int64_t>(0, ms - m_clock.monotonicMs()));
    m_scheduled.push_back(std::move(timer));
}

void SimWorld::send(SimNode& from, SimNode& to, const QString& text)
{
    ++m_sendsRequested;
    (void)from.node().sendText(to.node().id(), text);
}

bool SimWorld::runUntil(const std::function<bool()>& done, std::int64_t maxMs)
{
    return test::runUntil(m_clock, done, maxMs);
}

void SimWorld::runFor(std::int64_t ms)
{
    test::runFor(m_clock, ms);
}

bool SimWorld::allDelivered() const
{
    return m_delivered == m_sendsRequested && m_acknowledged == m_sendsRequested;
}

std::size_t SimWorld::connectedLinks() const
{
    std::size_t ends = 0;
    for (const auto& node : m_nodes) {
        ends += node->node().connectedCount();
    }
    return ends / 2;
}

std::vector<std::int64_t> SimWorld::latencies() const
{
    std::vector<std::int64_t> result;
    for (const auto& [id, record] : m_messages) {
        if (record.sentMs >= 0 && record.deliveredMs >= 0) {
            result.push_back(record.deliveredMs - record.sentMs);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::int64_t percentile(const std::vector<std::int64_t>& sorted, double p)
{
    if (sorted.empty()) {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

QJsonObject runFigures(const SimWorld& world, double wallSeconds)
{
    const double virtualSeconds = static_cast<double>(world.clock().monotonicMs()) / 1000.0;
    const auto events = static_cast<double>(world.clock().firedTimers());
    return QJsonObject{
        {QStringLiteral("virtual_seconds"), virtualSeconds},
        {QStringLiteral("wall_seconds"), wallSeconds},
        {QStringLiteral("speedup"), wallSeconds > 0 ? virtualSeconds / wallSeconds : 0.0},
        {QStringLiteral("events"), events},
        {QStringLiteral("events_per_second"), wallSeconds > 0 ? events / wallSeconds : 0.0},
    };
}

} // namespace confab::sim
