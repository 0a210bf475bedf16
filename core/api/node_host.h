#pragma once

#include "node_client.h"

#include <QThread>

#include <memory>

namespace confab::api {

struct NodeConfig;
class SystemEnvironment;

// Runs a Node on a network thread of its own, in the real world (system
// clock, TCP), for the desktop app. Commands go through call(); no database
// or socket call ever runs on the caller's thread.
class NodeHost : public NodeClient {
    Q_OBJECT
public:
    explicit NodeHost(const NodeConfig& config, QObject* parent = nullptr);
    // Says goodbye to every peer, then stops the network thread.
    ~NodeHost() override;

    [[nodiscard]] NodeEvents& events() override;

protected:
    void post(std::function<void(Node&)> task) override;

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread: tasks run through it
    std::unique_ptr<SystemEnvironment> m_environment;
    std::unique_ptr<Node> m_node; // created and destroyed on m_thread
};

} // namespace confab::api
