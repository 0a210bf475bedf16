#pragma once

#include "proto/room_sync.h"
#include "storage/room_store.h"

#include <cstdint>
#include <map>
#include <vector>

// Catch-up arithmetic (docs/PROTOCOL.md, "Rooms", "Catch-up"): what a member
// says it holds, and what another member lacks of it. Pure.
namespace confab::rooms {

using ChainId = storage::RoomStore::ChainId;
using HeldIndices = std::map<ChainId, std::vector<std::uint32_t>>; // ascending per chain

// A chain this node has a key for, from the index it may read on.
struct ReadableChain {
    ChainId chain;
    std::uint32_t firstIndex = 0;
};

// One holding per readable chain: every index from `firstIndex` on that is
// held counts, and nothing below it is wanted (it could not be read).
std::vector<proto::RoomChainHolding> holdingsOf(const std::vector<ReadableChain>& readable,
                                                const HeldIndices& held);

// What a member with `theirs` lacks of `held`, only in chains it can read (the
// ones it lists), at most `limit` indices in all, lowest first per chain; in
// a chain whose extras fill the summary, only up to its last extra.
HeldIndices missingFrom(const std::vector<proto::RoomChainHolding>& theirs, const HeldIndices& held,
                        std::size_t limit);

// Whether `theirs` lists an index this node lacks in a chain it can read
// too: then this node's own summary goes back, so the other sends it.
bool holdsMoreThan(const std::vector<proto::RoomChainHolding>& theirs,
                   const std::vector<ReadableChain>& readable, const HeldIndices& held);

} // namespace confab::rooms
