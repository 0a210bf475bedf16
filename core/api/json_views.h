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
// A picture as the control API names it: the SHA-256 of its bytes in hex,
// or null for none (scripts compare it; the picture itself is not shown).
QJsonValue avatarDigest(const QByteArray& image);

} // namespace confab::api
