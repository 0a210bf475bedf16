#pragma once

#include "api/node.h"
#include "api/node_config.h"
#include "api/node_environment.h"

#include <QStringList>

namespace confab::test {

// A node on 127.0.0.1 that links only to the addresses a test gives it: no
// mDNS between the nodes of one process or of parallel test runs.
inline api::NodeConfig localNodeConfig(const QString& profileDir, const QString& name, QStringList peers = {},
                                       quint16 port = 0)
{
    api::NodeConfig config;
    config.profileDir = profileDir;
    config.displayName = name;
    config.listen = net::HostPort{QStringLiteral("127.0.0.1"), port};
    config.listenChosenByUser = true;
    config.peers = std::move(peers);
    config.discovery = net::DiscoveryMode::Off;
    config.backupCost = crypto::PassphraseCost::minimum(); // seconds per test otherwise
    return config;
}

} // namespace confab::test
