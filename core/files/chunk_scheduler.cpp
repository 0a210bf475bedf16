#include "chunk_scheduler.h"

#include <algorithm>
#include <utility>

namespace confab::files {
namespace {

// A chunk's state is the slot of the source it is asked from, or one of these.
constexpr std::uint8_t kFree = 0xfe; // needed, asked from nobody
constexpr std::uint8_t kNotNeeded = 0xff;
static_assert(ChunkScheduler::kMaxSources <= kFree);

// share * total / shares without the product overflowing 64 bits.
std::uint64_t startOf(std::uint64_t total, std::uint32_t share, std::uint32_t shares)
{
    return total / shares * share + total % shares * share / shares;
}

} // namespace

ChunkScheduler::ChunkScheduler(const proto::Manifest& manifest,
                               const std::function<bool(std::uint32_t, std::uint32_t)>& needed,
                               std::uint32_t share, std::uint32_t shares, std::uint32_t window)
    : m_window(std::max(window, 1U))
{
    const auto entryCount = static_cast<std::uint32_t>(manifest.entries.size());
    m_entryStart.reserve(std::size_t{entryCount} + 1);
    std::uint64_t total = 0;
    for (std::uint32_t entry = 0; entry < entryCount; ++entry) {
        m_entryStart.push_back(total);
        total += manifest.chunkCount(entry);
    }
    m_entryStart.push_back(total);

    m_state.assign(total, kNotNeeded);
    m_holders.assign(total, 0);
    std::uint64_t index = 0;
    for (std::uint32_t entry = 0; entry < entryCount; ++entry) {
        const std::uint32_t count = manifest.chunkCount(entry);
        for (std::uint32_t chunk = 0; chunk < count; ++chunk, ++index) {
            if (needed(entry, chunk)) {
                m_state[index] = kFree;
                ++m_neededCount;
            }
        }
    }

    if (shares == 0 || share >= shares) {
        share = 0;
        shares = 1;
    }
    m_senderStart = startOf(total, share, shares);
    Source sender;
    sender.connected = true;
    m_sources.push_back(std::move(sender));
}

bool ChunkScheduler::addPeer(SourceId peer)
{
    if (peer == kSender) {
        return false;
    }
    std::optional<std::size_t> slot;
    for (std::size_t i = 1; i < m_sources.size(); ++i) {
        if (m_sources[i].id == peer) {
            slot = i;
            break;
        }
        // A slot left by a peer that went is taken again, so that peers
        // coming and going do not use up the slots.
        if (!m_sources[i].connected && !slot) {
            slot = i;
        }
    }
    if (!slot) {
        if (m_sources.size() >= kMaxSources) {
            return false;
        }
        slot = m_sources.size();
        m_sources.emplace_back();
    }
    Source& source = m_sources[*slot];
    if (source.connected && source.id == peer) {
        return true;
    }
    source = Source();
    source.holds.assign(m_state.size(), false);
    source.id = peer;
    source.connected = true;
    return true;
}

void ChunkScheduler::removeSource(SourceId source)
{
    const auto slot = slotOf(source);
    if (!slot) {
        return;
    }
    const auto mine = static_cast<std::uint8_t>(*slot);
    for (std::uint64_t index = 0; index < m_state.size(); ++index) {
        if (m_state[index] == mine) {
            release(index);
        }
    }
    Source& gone = m_sources[*slot];
    gone.outstanding = 0;
    gone.connected = false;
    if (*slot == 0) {
        return;
    }
    for (std::uint64_t index = 0; index < gone.holds.size(); ++index) {
        if (gone.holds[index]) {
            --m_holders[index];
        }
    }
    gone.holds = {};
    gone.announced = {};
    // The sender's cursor stepped over the chunks this peer held; it walks
    // the drop once more to find those nobody else holds.
    m_senderStep = 0;
}

void ChunkScheduler::addSender()
{
    m_sources[0].connected = true;
}

bool ChunkScheduler::peerHas(SourceId peer, const proto::ChunkRange& range)
{
    const auto slot = slotOf(peer);
    if (!slot || *slot == 0 || range.entry + std::size_t{1} >= m_entryStart.size()) {
        return false;
    }
    if (std::uint64_t{range.firstChunk} + range.chunkCount >
        m_entryStart[range.entry + 1] - m_entryStart[range.entry]) {
        return false;
    }
    const std::uint64_t first = m_entryStart[range.entry] + range.firstChunk;
    const std::uint64_t end = first + range.chunkCount;
    Source& source = m_sources[*slot];
    // Only chunks new to this peer and missing here are queued, so a peer
    // that repeats itself does not make its cursor walk a range twice. A
    // chunk asked elsewhere now comes back through m_again if it has to.
    for (std::uint64_t index = first; index < end; ++index) {
        if (source.holds[index]) {
            continue;
        }
        source.holds[index] = true;
        ++m_holders[index];
        if (m_state[index] != kFree) {
            continue;
        }
        if (!source.announced.empty() &&
            source.announced.back().first + source.announced.back().count == index) {
            ++source.announced.back().count;
        } else {
            source.announced.push_back({index, 1});
        }
    }
    return true;
}

void ChunkScheduler::arrived(std::uint32_t entry, std::uint32_t chunk)
{
    const auto index = indexOf(entry, chunk);
    if (!index || m_state[*index] == kNotNeeded) {
        return;
    }
    if (m_state[*index] != kFree) {
        --m_sources[m_state[*index]].outstanding;
    }
    m_state[*index] = kNotNeeded;
    --m_neededCount;
}

void ChunkScheduler::damaged(std::uint32_t entry, std::uint32_t chunk)
{
    const auto index = indexOf(entry, chunk);
    if (!index) {
        return;
    }
    const std::uint8_t state = m_state[*index];
    if (state == kFree) {
        return;
    }
    if (state == kNotNeeded) {
        ++m_neededCount;
    } else {
        --m_sources[state].outstanding;
        if (state != 0) {
            forget(state, *index);
        }
    }
    release(*index);
}

std::size_t ChunkScheduler::totalOutstanding() const
{
    std::size_t total = 0;
    for (const Source& source : m_sources) {
        total += source.outstanding;
    }
    return total;
}

std::vector<proto::ChunkRange> ChunkScheduler::take(SourceId source)
{
    std::vector<proto::ChunkRange> ranges;
    const auto slot = slotOf(source);
    if (!slot) {
        return ranges;
    }
    Source& taker = m_sources[*slot];
    const auto hasRoom = [&] { return taker.outstanding < m_window && totalOutstanding() < m_totalWindow; };

    // Chunks missing again first: they are few, and were due long ago. Those
    // asked or arrived since are dropped from the list on the way.
    std::size_t kept = 0;
    for (const std::uint64_t index : m_again) {
        if (m_state[index] != kFree) {
            continue;
        }
        if (hasRoom() && eligible(*slot, index)) {
            ask(*slot, index, ranges);
        } else {
            m_again[kept++] = index;
        }
    }
    m_again.resize(kept);

    if (*slot == 0) {
        const std::uint64_t total = m_state.size();
        while (hasRoom() && m_senderStep < total) {
            std::uint64_t index = m_senderStart + m_senderStep;
            if (index >= total) {
                index -= total;
            }
            if (eligible(0, index)) {
                ask(0, index, ranges);
            }
            ++m_senderStep;
        }
        return ranges;
    }
    while (hasRoom() && !taker.announced.empty()) {
        Run& run = taker.announced.front();
        if (eligible(*slot, run.first)) {
            ask(*slot, run.first, ranges);
        }
        ++run.first;
        if (--run.count == 0) {
            taker.announced.pop_front();
        }
    }
    return ranges;
}

std::size_t ChunkScheduler::outstanding(SourceId source) const
{
    const auto slot = slotOf(source);
    return slot ? m_sources[*slot].outstanding : 0;
}

bool ChunkScheduler::asked(std::uint32_t entry, std::uint32_t chunk) const
{
    return askedFrom(entry, chunk).has_value();
}

std::optional<ChunkScheduler::SourceId> ChunkScheduler::askedFrom(std::uint32_t entry,
                                                                  std::uint32_t chunk) const
{
    const auto index = indexOf(entry, chunk);
    if (!index || m_state[*index] == kFree || m_state[*index] == kNotNeeded) {
        return std::nullopt;
    }
    return m_sources[m_state[*index]].id;
}

std::optional<std::uint64_t> ChunkScheduler::indexOf(std::uint32_t entry, std::uint32_t chunk) const
{
    if (entry + std::size_t{1} >= m_entryStart.size()) {
        return std::nullopt;
    }
    const std::uint64_t index = m_entryStart[entry] + chunk;
    if (index >= m_entryStart[entry + 1]) {
        return std::nullopt;
    }
    return index;
}

proto::ChunkRange ChunkScheduler::locate(std::uint64_t index) const
{
    // The last entry starting at or before `index`: empty entries share their
    // start with the next one, so this is the entry that holds the chunk.
    const auto after = std::upper_bound(m_entryStart.begin(), m_entryStart.end(), index);
    const auto entry = static_cast<std::size_t>(after - m_entryStart.begin()) - 1;
    return {static_cast<std::uint32_t>(entry), static_cast<std::uint32_t>(index - m_entryStart[entry]), 1};
}

std::optional<std::size_t> ChunkScheduler::slotOf(SourceId source) const
{
    for (std::size_t slot = 0; slot < m_sources.size(); ++slot) {
        if (m_sources[slot].id == source && m_sources[slot].connected) {
            return slot;
        }
    }
    return std::nullopt;
}

bool ChunkScheduler::eligible(std::size_t slot, std::uint64_t index) const
{
    if (m_state[index] != kFree) {
        return false;
    }
    return slot == 0 ? m_holders[index] == 0 : m_sources[slot].holds[index];
}

void ChunkScheduler::ask(std::size_t slot, std::uint64_t index, std::vector<proto::ChunkRange>& ranges)
{
    m_state[index] = static_cast<std::uint8_t>(slot);
    ++m_sources[slot].outstanding;
    const proto::ChunkRange chunk = locate(index);
    if (!ranges.empty()) {
        proto::ChunkRange& last = ranges.back();
        if (last.entry == chunk.entry &&
            std::uint64_t{last.firstChunk} + last.chunkCount == chunk.firstChunk) {
            ++last.chunkCount;
            return;
        }
    }
    ranges.push_back(chunk);
}

void ChunkScheduler::release(std::uint64_t index)
{
    m_state[index] = kFree;
    m_again.push_back(index);
}

void ChunkScheduler::forget(std::size_t slot, std::uint64_t index)
{
    Source& source = m_sources[slot];
    if (source.holds[index]) {
        source.holds[index] = false;
        --m_holders[index];
    }
}

} // namespace confab::files
