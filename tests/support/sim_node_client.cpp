#include "sim_node_client.h"

#include "api/node_config.h"
#include "api/node_environment.h"

namespace confab::test {

SimNodeClient::SimNodeClient(const api::NodeConfig& config, const api::NodeEnvironment& environment,
                             QObject* parent)
    : api::NodeClient(parent), m_node(std::make_unique<api::Node>(config, environment))
{
    api::registerNodeTypes();
    // Queued, as they are from NodeHost's network thread: a receiver never
    // runs inside the node's own call stack.
    const api::NodeEvents* source = &m_node->events();
    const auto relay = [this, source](auto signal) {
        connect(source, signal, &m_events, signal, Qt::QueuedConnection);
    };
    relay(&api::NodeEvents::messageStored);
    relay(&api::NodeEvents::messageStateChanged);
    relay(&api::NodeEvents::conversationRead);
    relay(&api::NodeEvents::eventLogged);
    relay(&api::NodeEvents::peersChanged);
    relay(&api::NodeEvents::callChanged);
    relay(&api::NodeEvents::microphoneLevel);
    relay(&api::NodeEvents::microphoneTestFinished);
    relay(&api::NodeEvents::roomMessageStored);
    relay(&api::NodeEvents::roomsChanged);
    connect(this, &SimNodeClient::taskPosted, this, &SimNodeClient::runNextTask, Qt::QueuedConnection);
}

SimNodeClient::~SimNodeClient()
{
    m_node->shutdown();
    // Tasks still queued for this client are dropped with it; a reply that a
    // pending command would post later cannot come, because the node (and
    // with it every unfinished future) goes first.
    m_node.reset();
}

void SimNodeClient::announceCall(const api::CallView& call)
{
    QMetaObject::invokeMethod(
        this, [this, call] { emit m_events.callChanged(call); }, Qt::QueuedConnection);
}

void SimNodeClient::post(std::function<void(api::Node&)> task)
{
    m_tasks.push_back(std::move(task));
    emit taskPosted();
}

void SimNodeClient::runNextTask()
{
    if (m_tasks.empty()) {
        return;
    }
    // Taken out first: the task may post more.
    const std::function<void(api::Node&)> task = std::move(m_tasks.front());
    m_tasks.pop_front();
    task(*m_node);
}

} // namespace confab::test
