#pragma once

#include "base/peer_id.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// A security event about a known peer (typically a different identity key
// presented under its ID) that the user has not acknowledged yet.
struct KeyWarning {
    PeerId peer;
    std::int64_t raisedMs = 0;
    QString detail; // the logged event, for the curious
};

// One warning per peer. Raising it again (a new event) re-arms it even after
// an acknowledgement, so every new event is seen.
class KeyWarningStore {
public:
    explicit KeyWarningStore(Database& db) : m_db(db) {}

    bool raise(const PeerId& peer, const QString& detail, std::int64_t nowMs);
    // False when no warning is pending for the peer.
    bool acknowledge(const PeerId& peer, std::int64_t nowMs);
    std::optional<KeyWarning> pending(const PeerId& peer);
    std::vector<KeyWarning> allPending();

private:
    Database& m_db;
};

} // namespace confab::storage
