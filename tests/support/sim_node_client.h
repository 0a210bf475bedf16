#pragma once

#include "api/node_client.h"

#include <deque>
#include <functional>
#include <memory>

namespace confab::test {

// A NodeClient whose node lives on the test's own thread, on whatever clock
// and network the test passes (a virtual clock and a simulated host), so a
// GUI test scripts peers and time exactly: no sockets, no real time spent
// waiting. As with NodeHost, a command runs after the current event and the
// node's events reach receivers queued, so the GUI sees things in the same
// order as with a node on another thread.
class SimNodeClient : public api::NodeClient {
    Q_OBJECT
public:
    SimNodeClient(const api::NodeConfig& config, const api::NodeEnvironment& environment,
                  QObject* parent = nullptr);
    // Says goodbye to every peer; the goodbyes leave as the test runs its clock.
    ~SimNodeClient() override;
    SimNodeClient(const SimNodeClient&) = delete;
    SimNodeClient& operator=(const SimNodeClient&) = delete;

    [[nodiscard]] api::NodeEvents& events() override { return m_events; }
    // The node itself, for scripting a peer directly (same thread).
    [[nodiscard]] api::Node& node() { return *m_node; }
    // Reports a call as if the node had (queued, as its own events are): the
    // simulated LAN carries no calls (they need real UDP and sound cards), so
    // a test of how the window shows calls scripts them, link by link.
    void announceCall(const api::CallView& call);

signals:
    // One more task is queued; each emission, delivered queued, runs one.
    void taskPosted();

protected:
    void post(std::function<void(api::Node&)> task) override;

private:
    void runNextTask();

    api::NodeEvents m_events; // the node's own events, relayed through the event queue
    std::unique_ptr<api::Node> m_node;
    std::deque<std::function<void(api::Node&)>> m_tasks; // in the order posted
};

} // namespace confab::test
