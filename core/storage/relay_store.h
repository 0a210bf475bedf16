#pragma once

#include "proto/bytes.h"
#include "proto/message_id.h"
#include "proto/peer_id.h"

#include <QSqlQuery>

#include <cstdint>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// A sealed envelope this node holds for someone else: only the routing
// header's fields and the encoded envelope (still sealed) are kept.
struct HeldEnvelope {
    proto::MessageId routingId;
    proto::PeerId recipient;
    proto::PeerId origin; // the neighbour that handed it over
    std::int64_t expiresMs = 0;
    std::int64_t storedMs = 0;
    proto::Bytes envelope; // the encoded RelayEnvelope
};

struct SeenEnvelope {
    proto::PeerId recipient;
    std::int64_t firstSeenMs = 0;
    bool delivered = false;
};

// What relaying needs to survive a restart: envelopes held for others, and
// every routing id seen until it expires (duplicates and replays are
// recognised after a restart too). Nothing here is readable text: the
// envelopes stay sealed to their recipients.
class RelayStore {
public:
    explicit RelayStore(Database& db);
    ~RelayStore();

    bool hold(const HeldEnvelope& envelope);
    bool release(const proto::MessageId& routingId);
    [[nodiscard]] std::optional<HeldEnvelope> held(const proto::MessageId& routingId);
    std::vector<HeldEnvelope> heldFor(const proto::PeerId& recipient);
    std::vector<HeldEnvelope> allHeld();

    struct Use {
        std::int64_t count = 0;
        std::int64_t bytes = 0;
    };
    [[nodiscard]] Use useBy(const proto::PeerId& origin);
    [[nodiscard]] Use totalUse();
    std::vector<std::pair<proto::PeerId, Use>> useByOrigin();

    // Records a routing id; false if it was seen before (seen() then says how).
    bool markSeen(const proto::MessageId& routingId, const proto::PeerId& recipient, std::int64_t nowMs,
                  std::int64_t expiresMs);
    [[nodiscard]] std::optional<SeenEnvelope> seen(const proto::MessageId& routingId);
    bool markDelivered(const proto::MessageId& routingId);
    // Forgets what has expired (held envelopes and seen ids); how many envelopes went.
    std::int64_t prune(std::int64_t nowMs);

private:
    Database& m_db;
};

} // namespace confab::storage
