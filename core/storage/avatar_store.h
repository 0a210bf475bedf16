#pragma once

#include "base/peer_id.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <optional>

namespace confab::storage {

class Database;

// The pictures users chose: our own and the ones peers sent, one per peer
// ID, as the bytes that went over the wire (checked before they get here).
class AvatarStore {
public:
    explicit AvatarStore(Database& db) : m_db(db) {}

    // Stores `image` as the peer's picture; an empty one removes it.
    bool set(const PeerId& peer, const QByteArray& image, std::int64_t nowMs);
    // Every stored picture; std::nullopt when the database could not be read.
    std::optional<std::map<PeerId, QByteArray>> all();

private:
    Database& m_db;
};

} // namespace confab::storage
