#include "catch_up.h"

#include <algorithm>

namespace confab::rooms {

namespace {

ChainId chainOf(const proto::RoomChainHolding& holding)
{
    return ChainId{holding.sender, holding.epoch, holding.keyId};
}

// Whether a holding says index `index` is held.
bool holds(const proto::RoomChainHolding& holding, std::uint32_t index)
{
    return index < holding.contiguous ||
           std::binary_search(holding.extras.begin(), holding.extras.end(), index);
}

const std::vector<std::uint32_t>& heldOf(const HeldIndices& held, const ChainId& chain)
{
    static const std::vector<std::uint32_t> kNone;
    const auto it = held.find(chain);
    return it == held.end() ? kNone : it->second;
}

} // namespace

std::vector<proto::RoomChainHolding> holdingsOf(const std::vector<ReadableChain>& readable,
                                                const HeldIndices& held)
{
    std::vector<proto::RoomChainHolding> holdings;
    for (const auto& chain : readable) {
        if (holdings.size() == proto::kMaxRoomSummaryChains) {
            break;
        }
        const auto& indices = heldOf(held, chain.chain);
        proto::RoomChainHolding holding;
        holding.sender = chain.chain.sender;
        holding.epoch = chain.chain.epoch;
        holding.keyId = chain.chain.keyId;
        holding.contiguous = chain.firstIndex;
        auto it = std::lower_bound(indices.begin(), indices.end(), chain.firstIndex);
        while (it != indices.end() && *it == holding.contiguous) {
            ++holding.contiguous;
            ++it;
        }
        for (; it != indices.end() && holding.extras.size() < proto::kMaxRoomSummaryExtras; ++it) {
            holding.extras.push_back(*it);
        }
        holdings.push_back(std::move(holding));
    }
    return holdings;
}

HeldIndices missingFrom(const std::vector<proto::RoomChainHolding>& theirs, const HeldIndices& held,
                        std::size_t limit)
{
    HeldIndices missing;
    std::size_t count = 0;
    for (const auto& holding : theirs) {
        const auto& indices = heldOf(held, chainOf(holding));
        // A full list of extras ends where the summary ran out of room, not
        // where the holding ends: what lies above its last one is not known
        // to be lacking. Sent anyway, it would come back as lacking in every
        // summary while a gap below it stays open (a message nobody holds).
        const bool cutShort = holding.extras.size() >= proto::kMaxRoomSummaryExtras;
        for (auto it = std::lower_bound(indices.begin(), indices.end(), holding.contiguous);
             it != indices.end() && count < limit && !(cutShort && *it > holding.extras.back()); ++it) {
            if (!holds(holding, *it)) {
                missing[chainOf(holding)].push_back(*it);
                ++count;
            }
        }
    }
    return missing;
}

bool holdsMoreThan(const std::vector<proto::RoomChainHolding>& theirs,
                   const std::vector<ReadableChain>& readable, const HeldIndices& held)
{
    for (const auto& holding : theirs) {
        const ChainId chain = chainOf(holding);
        const auto mine = std::find_if(readable.begin(), readable.end(),
                                       [&](const ReadableChain& r) { return r.chain == chain; });
        if (mine == readable.end()) {
            continue; // a chain this node cannot read: nothing to ask for
        }
        // Indices are unique and ascending: count what is held in
        // [firstIndex, contiguous) rather than walk a range a hostile
        // summary could make 2^32 long.
        const auto& indices = heldOf(held, chain);
        if (holding.contiguous > mine->firstIndex) {
            const auto from = std::lower_bound(indices.begin(), indices.end(), mine->firstIndex);
            const auto to = std::lower_bound(from, indices.end(), holding.contiguous);
            if (static_cast<std::uint64_t>(to - from) < holding.contiguous - mine->firstIndex) {
                return true;
            }
        }
        for (const std::uint32_t extra : holding.extras) {
            if (extra >= mine->firstIndex && !std::binary_search(indices.begin(), indices.end(), extra)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace confab::rooms
