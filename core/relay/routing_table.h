#pragma once

#include "base/peer_id.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace confab::relay {

// How to reach a peer that is not a neighbour: hand it to `via`, `hops`
// links away in total.
struct Route {
    PeerId via;
    std::uint8_t hops = 0;
    std::int64_t expiresMs = 0; // wall clock: when the subject's statement expires
};

// Where a peer was last reachable, once no route is left: the neighbour
// that last offered one, or nobody (`via` empty) when it was our neighbour.
struct LastKnown {
    std::optional<PeerId> via;
    std::int64_t sinceMs = 0; // wall clock: when the last route went
};

// Who is reachable through which neighbour, learned from neighbours'
// reachability statements and from the paths receipts took. Keeps every
// neighbour's offer, so losing one neighbour falls back to the next best,
// and remembers where a peer was last reachable after its routes are gone
// (an envelope for someone away waits near where they left).
// Plain logic: no clock of its own, no I/O.
class RoutingTable {
public:
    // Where a peer that has no route now was last reached; forgotten after a day.
    static constexpr std::int64_t kLastKnownMs = 24LL * 60 * 60 * 1000;

    // `via` says it reaches `subject` in `hops` (0: `via` is the subject).
    // True when the best route to `subject` changed.
    bool offer(const PeerId& subject, const PeerId& via, std::uint8_t hops, std::int64_t expiresMs,
               std::int64_t nowMs);
    // A receipt from `subject` came back through `via` after `hops` relays:
    // an offer like the above, except that it never lengthens the route
    // `via` offers already (a receipt may have taken a detour while the
    // network changed; the shorter way through `via` still stands).
    bool learn(const PeerId& subject, const PeerId& via, std::uint8_t hops, std::int64_t expiresMs,
               std::int64_t nowMs);
    // `via` no longer reaches `subject`. True when the best route changed.
    bool withdraw(const PeerId& subject, const PeerId& via, std::int64_t nowMs);
    // The link to `via` is gone: the subjects whose best route changed.
    std::vector<PeerId> dropNeighbour(const PeerId& via, std::int64_t nowMs);
    // A route that swallowed what it was given: not used for `subject` until `untilMs`.
    void avoid(const PeerId& subject, const PeerId& via, std::int64_t untilMs);
    // Offers that expired: the subjects whose best route changed.
    std::vector<PeerId> expire(std::int64_t nowMs);

    // `subject` was our neighbour until now.
    void neighbourLeft(const PeerId& subject, std::int64_t nowMs);

    [[nodiscard]] std::optional<Route> best(const PeerId& subject, std::int64_t nowMs) const;
    [[nodiscard]] std::optional<LastKnown> lastKnown(const PeerId& subject) const;
    [[nodiscard]] std::vector<PeerId> subjects() const;

private:
    // The best route went away: remember it as the last known, when none is left.
    void noteLoss(const PeerId& subject, const std::optional<Route>& before, std::int64_t nowMs);

    std::map<PeerId, std::map<PeerId, Route>> m_offers;          // subject -> via -> route
    std::map<std::pair<PeerId, PeerId>, std::int64_t> m_avoided; // (subject, via) -> until
    std::map<PeerId, LastKnown> m_lastKnown;
};

} // namespace confab::relay
