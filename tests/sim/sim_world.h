#pragma once

#include "base/message_id.h"
#include "sim_network.h"
#include "sim_node.h"
#include "support/virtual_clock.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <vector>

namespace confab::sim {

// A whole simulated world: the virtual clock, the network, the nodes on it
// and a record of every chat message sent between them.
class SimWorld {
public:
    struct MessageRecord {
        std::int64_t sentMs = -1;         // stored by the sender
        std::int64_t deliveredMs = -1;    // stored by the recipient
        std::int64_t acknowledgedMs = -1; // the sender saw its Delivered receipt
    };

    explicit SimWorld(std::uint64_t seed);
    ~SimWorld();
    SimWorld(const SimWorld&) = delete;
    SimWorld& operator=(const SimWorld&) = delete;

    // A node on host `address` that dials `peers` (host:port) at start.
    SimNode& addNode(const QString& address, const QString& name, const QStringList& peers);
    // Starts every node added so far; the first error, if any.
    [[nodiscard]] QString startAll();
    // Runs `action` at virtual time `ms`.
    void at(std::int64_t ms, std::function<void()> action);
    // Sends a chat message now and keeps track of it.
    void send(SimNode& from, SimNode& to, const QString& text);

    bool runUntil(const std::function<bool()>& done, std::int64_t maxMs);
    void runFor(std::int64_t ms);

    [[nodiscard]] test::VirtualClock& clock() { return m_clock; }
    [[nodiscard]] const test::VirtualClock& clock() const { return m_clock; }
    [[nodiscard]] SimNetwork& network() { return m_network; }
    [[nodiscard]] std::mt19937_64& random() { return m_random; }
    [[nodiscard]] std::vector<std::unique_ptr<SimNode>>& nodes() { return m_nodes; }
    [[nodiscard]] const std::map<MessageId, MessageRecord>& messages() const { return m_messages; }
    [[nodiscard]] std::size_t sendsRequested() const { return m_sendsRequested; }
    [[nodiscard]] std::size_t delivered() const { return m_delivered; }
    [[nodiscard]] std::size_t acknowledged() const { return m_acknowledged; }
    [[nodiscard]] bool allDelivered() const;
    [[nodiscard]] std::size_t connectedLinks() const;
    // Delivery latencies (stored by the recipient minus stored by the sender), sorted.
    [[nodiscard]] std::vector<std::int64_t> latencies() const;

private:
    void track(SimNode& node);

    test::VirtualClock m_clock;
    SimNetwork m_network;
    std::mt19937_64 m_random;
    QTemporaryDir m_profiles;
    std::vector<std::unique_ptr<SimNode>> m_nodes;
    std::vector<std::unique_ptr<Timer>> m_scheduled;
    std::map<MessageId, MessageRecord> m_messages;
    std::size_t m_sendsRequested = 0;
    std::size_t m_delivered = 0;
    std::size_t m_acknowledged = 0;
};

// Percentile `p` (0..100) of sorted values; 0 when there are none.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, double p);
// The timing part every scenario's JSON shares.
QJsonObject runFigures(const SimWorld& world, double wallSeconds);

} // namespace confab::sim
