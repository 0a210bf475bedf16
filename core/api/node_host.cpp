#include "node_host.h"

#include "node_config.h"
#include "system_environment.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace confab::api {
namespace {
// How long the goodbyes of a closing window get to leave.
constexpr int kGoodbyeGraceMs = 100;
} // namespace

NodeHost::NodeHost(const NodeConfig& config, QObject* parent)
    : NodeClient(parent), m_environment(std::make_unique<SystemEnvironment>())
{
    registerNodeTypes();
    m_thread.setObjectName(QStringLiteral("confab-network"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The node's timers and sockets belong to the network thread: build it there.
    QMetaObject::invokeMethod(
        m_context, [this, &config] { m_node = std::make_unique<Node>(config, m_environment->environment()); },
        Qt::BlockingQueuedConnection);
}

NodeHost::~NodeHost()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_node->shutdown();
            const QDeadlineTimer grace(kGoodbyeGraceMs);
            while (!grace.hasExpired()) {
                QCoreApplication::processEvents(QEventLoop::AllEvents,
                                                static_cast<int>(grace.remainingTime()));
            }
            m_node.reset();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

NodeEvents& NodeHost::events()
{
    return m_node->events();
}

void NodeHost::post(std::function<void(Node&)> task)
{
    QMetaObject::invokeMethod(
        m_context, [this, task = std::move(task)] { task(*m_node); }, Qt::QueuedConnection);
}

} // namespace confab::api
