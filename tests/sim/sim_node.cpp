#include "sim_node.h"

namespace confab::sim {

SimNode::SimNode(SimNetwork& network, const QString& address, const QString& profileDir, const QString& name,
                 const QStringList& peers)
    : m_host(network.addHost(address))
{
    api::NodeConfig config;
    config.profileDir = profileDir;
    config.displayName = name;
    config.listen = net::HostPort{address, kPort};
    config.listenChosenByUser = true;
    config.peers = peers;
    config.discovery = net::DiscoveryMode::Off;
    config.controlSocket = api::NodeConfig::ControlSocket::Off;
    m_node = std::make_unique<api::Node>(config, api::NodeEnvironment{network.clock(), m_host, false});
}

QString SimNode::start()
{
    auto started = m_node->start();
    return started ? QString() : started.error();
}

} // namespace confab::sim
