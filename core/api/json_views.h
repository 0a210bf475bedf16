#pragma once

#include "node.h"

#include <QJsonObject>

// The JSON shapes of the control API (docs/CONTROL.md).
namespace confab::api {

QJsonObject toJson(const StoredMessage& message);
QJsonObject toJson(const PeerView& peer);
QJsonObject toJson(const EventRecord& event);
QJsonObject toJson(const IdentityBackup& backup);
QJsonObject toJson(const IdentityRestore& restore);

} // namespace confab::api
