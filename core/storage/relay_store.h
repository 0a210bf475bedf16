#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"

#include <QSqlQuery>

#include <cstdint>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// A sealed envelope this node holds for someone else: only the routing
// header's fields and the encoded envelope (still sealed) are kept.
struct HeldEnvelope {
    MessageId routingId;
    PeerId recipient;
    PeerId origin; // the neighbour that handed it over
    std::int64_t expiresMs = 0;
    std::int64_t storedMs = 0;
    Bytes envelope; // the encoded RelayEnvelope
};

struct SeenEnvelope {
    PeerId recipient;
    std::int64_t firstSeenMs = 0;
    bool delivered = false;
};

// What relaying needs to survive a restart: envelopes held for others, and
// every routing id seen until it expires (duplicates and replays are
// recognised after a restart too). Nothing here is readable text: the
// envelopes stay sealed to their recipients.
class RelayStore {
public:
    // The most routing ids the seen-set keeps. Entries come only with stored
    // or opened envelopes, but custody frees a neighbour's quota at once, so
    // without a bound a neighbour could grow the set for as long as the
    // envelopes live; past it, the ids that expire soonest are forgotten.
    static constexpr std::int64_t kMaxSeen = 100000;

    explicit RelayStore(Database& db, std::int64_t maxSeen = kMaxSeen);
    ~RelayStore() = default;

    bool hold(const HeldEnvelope& envelope);
    bool release(const MessageId& routingId);
    [[nodiscard]] std::optional<HeldEnvelope> held(const MessageId& routingId);
    std::vector<HeldEnvelope> heldFor(const PeerId& recipient);
    // Drops every envelope held for `peer` or handed over by it (the user
    // blocked it); how many went.
    std::int64_t releaseInvolving(const PeerId& peer);
    std::vector<HeldEnvelope> allHeld();

    struct Use {
        std::int64_t count = 0;
        std::int64_t bytes = 0;
    };
    [[nodiscard]] Use useBy(const PeerId& origin);
    [[nodiscard]] Use totalUse();
    std::vector<std::pair<PeerId, Use>> useByOrigin();

    // Records a routing id; false if it was seen before (seen() then says how).
    // Beyond maxSeen ids, those that expire soonest are forgotten.
    bool markSeen(const MessageId& routingId, const PeerId& recipient, std::int64_t nowMs,
                  std::int64_t expiresMs);
    [[nodiscard]] std::optional<SeenEnvelope> seen(const MessageId& routingId);
    bool markDelivered(const MessageId& routingId);
    // Forgets what has expired (held envelopes and seen ids); how many envelopes went.
    std::int64_t prune(std::int64_t nowMs);

private:
    // Forgets the `count` seen routing ids that expire soonest.
    void forgetSoonestSeen(std::int64_t count);

    Database& m_db;
    std::int64_t m_maxSeen;
    // How many ids the seen-set holds: counted when first needed, then kept
    // up to date here, so a bound check costs no scan.
    std::optional<std::int64_t> m_seenCount;
};

} // namespace confab::storage
