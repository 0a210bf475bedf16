#pragma once

#include "api/node.h"
#include "api/node_config.h"
#include "api/node_environment.h"
#include "sim_network.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace confab::sim {

// One complete node on a simulated host: real profile, SQLite store, Noise
// links and services; only its clock and its network are simulated.
class SimNode {
public:
    static constexpr quint16 kPort = 42042;

    // `profileDir` must exist and be empty; `peers` are host:port addresses to dial.
    SimNode(SimNetwork& network, const QString& address, const QString& profileDir, const QString& name,
            const QStringList& peers);

    // Opens the profile and starts listening and dialing; the error, if any.
    [[nodiscard]] QString start();
    [[nodiscard]] api::Node& node() { return *m_node; }
    [[nodiscard]] const QString& address() const { return m_host.address(); }
    [[nodiscard]] QString endpoint() const { return QStringLiteral("%1:%2").arg(address()).arg(kPort); }

private:
    SimHost& m_host;
    std::unique_ptr<api::Node> m_node;
};

} // namespace confab::sim
