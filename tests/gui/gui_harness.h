#pragma once

#include "api/node_host.h"
#include "support/local_node_config.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace confab::ui::test {

// A NodeHost on 127.0.0.1 with a temporary profile and discovery off, started
// and waited for.
struct HostedNode {
    std::unique_ptr<api::NodeHost> host;
    api::NodeStatus status;

    static api::NodeConfig config(const QString& dir, const QString& name, QStringList peers = {})
    {
        return confab::test::localNodeConfig(dir, name, std::move(peers));
    }

    bool start(const api::NodeConfig& nodeConfig)
    {
        host = std::make_unique<api::NodeHost>(nodeConfig);
        std::optional<api::NodeStatus> started;
        QObject::connect(host.get(), &api::NodeHost::started, host.get(),
                         [&started](const api::NodeStatus& s, const QStringList&) { started = s; });
        host->start();
        if (!QTest::qWaitFor([&] { return started.has_value(); }, 10000)) {
            return false;
        }
        status = *started;
        return true;
    }

    [[nodiscard]] proto::PeerId id() const { return *proto::PeerId::fromText(status.id.toStdString()); }
};

} // namespace confab::ui::test
