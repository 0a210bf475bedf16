#pragma once

#include "records.h"

#include <vector>

namespace confab::storage {

class Database;

// Security-relevant and link events, kept so that `confabctl events` and the
// GUI can show what happened while nobody was watching.
class EventLog {
public:
    static constexpr int kKeep = 1000; // older events are pruned

    explicit EventLog(Database& db) : m_db(db) {}

    // Returns the stored event (with its sequence number).
    EventRecord append(const QString& kind, const std::optional<PeerId>& peer, const QString& detail,
                       std::int64_t nowMs);
    std::vector<EventRecord> recent(int limit);

private:
    Database& m_db;
};

} // namespace confab::storage
