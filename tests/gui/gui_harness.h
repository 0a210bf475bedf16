#pragma once

#include "api/node_host.h"
#include "crypto/identity.h"
#include "storage/database.h"
#include "storage/peer_store.h"
#include "storage/profile.h"
#include "support/local_node_config.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

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

// Controls a keyboard user can tab to that a screen reader could not name:
// their class names (empty when every one has an accessible name).
inline QStringList unnamedControls(const QWidget* root)
{
    QStringList unnamed;
    for (const QWidget* widget : root->findChildren<QWidget*>()) {
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isVisibleTo(root) &&
            widget->accessibleName().isEmpty()) {
            unnamed << QString::fromLatin1(widget->metaObject()->className());
        }
    }
    return unnamed;
}

// The identity a profile folder holds (created on first use); the profile is closed again.
inline proto::PeerId identityOf(const QString& profileDir)
{
    auto profile = storage::Profile::open(profileDir);
    return profile ? profile.value()->identity().peerId() : proto::PeerId{};
}

// Leaves a profile that knows `peer` as `name` with a key pinned for it that
// the real peer does not have: when the peer connects, the node's own
// authentication refuses it and reports a security event, as it would for an
// impostor after the first contact.
inline bool pinForeignKey(const QString& profileDir, const proto::PeerId& peer, const QString& name)
{
    auto profile = storage::Profile::open(profileDir);
    if (!profile) {
        return false;
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return false;
    }
    storage::PeerStore peers(*db.value());
    return peers.recordSeen(peer, name, QString(), 1) &&
           peers.pinKey(peer, crypto::IdentityKeyPair::generate().publicKey(), 1);
}

} // namespace confab::ui::test
