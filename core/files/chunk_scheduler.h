#pragma once

#include "proto/file_drop.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace confab::files {

// Which missing chunks of a drop to ask from which source, when the drop can
// come from its sender and from other receivers of it ("peers", which pass on
// chunks they hold verified and announce them in Have records).
//
// Chunks are numbered across the entries in order and their state is kept in
// flat vectors, so a drop of millions of chunks costs a few bytes a chunk.
// Every source walks the drop with a cursor that only moves forward; chunks
// that become missing again (damaged, or owed by a source that left) wait in
// a short list that every take() looks at first. A take() therefore costs
// the chunks it hands out plus the ones its cursor steps over, once each.
class ChunkScheduler {
public:
    using SourceId = std::uint32_t;
    // Holds every chunk; there from construction until removeSource(kSender).
    static constexpr SourceId kSender = 0;
    // Sources connected at once, the sender included (a chunk's state is a byte).
    static constexpr std::size_t kMaxSources = 254;

    // `needed(entry, chunk)`: whether the chunk is still missing here (chunks
    // of files already in place, and verified chunks, are not).
    // This receiver is `share` of `shares` (0 <= share < shares): it starts
    // asking the sender at chunk share * N / shares of the drop's N chunks and
    // wraps around, so the sender uploads different chunks to each receiver
    // and the receivers pass them on to each other. A share outside that
    // counts as share 0 of 1.
    // `window`: chunks asked from one source that have not arrived yet, at
    // most (0 counts as 1, or nothing would ever be asked).
    ChunkScheduler(const proto::Manifest& manifest,
                   const std::function<bool(std::uint32_t entry, std::uint32_t chunk)>& needed,
                   std::uint32_t share, std::uint32_t shares, std::uint32_t window);

    // A receiver to fetch from; it holds nothing until peerHas(). False for
    // kSender, or when kMaxSources are connected already. Adding a connected
    // peer again changes nothing.
    bool addPeer(SourceId peer);
    // Its connection is gone: what was asked from it and has not arrived is
    // missing again, and a peer's holdings are forgotten. For kSender, only
    // peers are asked until addSender(). Connections go rarely, so this walks
    // the whole drop, and after a peer the sender's cursor walks it again.
    void removeSource(SourceId source);
    // The sender's connection is (back) up.
    void addSender();
    // From a connected peer's Have. False, and nothing recorded, when the
    // range lies past the drop's end or `peer` is not a connected peer.
    bool peerHas(SourceId peer, const proto::ChunkRange& range);

    // The chunk arrived and was verified: no longer needed, and the source it
    // was asked from has a window slot free again.
    void arrived(std::uint32_t entry, std::uint32_t chunk);
    // The chunk arrived but failed its hash: needed again, and the slot is
    // free. Peers only pass on chunks they verified, so a peer that sent it is
    // no longer taken to hold it: it goes to another source next.
    void damaged(std::uint32_t entry, std::uint32_t chunk);

    // The chunks to ask `source` for now, as ranges of consecutive chunks of
    // one entry, so that at most `window` are outstanding from it. A peer is
    // given needed chunks it holds that nobody was asked for. The sender is
    // given needed chunks that nobody was asked for and no connected peer
    // holds (that peer will be asked), in this receiver's rotated order. A
    // chunk is asked from one source at a time. Nothing for a source that is
    // not connected.
    std::vector<proto::ChunkRange> take(SourceId source);

    // Chunks asked from all sources together that have not arrived yet, at
    // most (unlimited unless set): what is in flight is what a receiver
    // holds in memory while it arrives.
    void setTotalWindow(std::size_t chunks) { m_totalWindow = std::max<std::size_t>(chunks, 1); }

    // Chunks asked from `source` that have not arrived yet.
    [[nodiscard]] std::size_t outstanding(SourceId source) const;
    [[nodiscard]] std::size_t totalOutstanding() const;
    // Whether the chunk is asked from some source and has not arrived yet.
    [[nodiscard]] bool asked(std::uint32_t entry, std::uint32_t chunk) const;
    // The source the chunk is asked from: a Chunk record from any other source
    // was not asked for.
    [[nodiscard]] std::optional<SourceId> askedFrom(std::uint32_t entry, std::uint32_t chunk) const;
    // Missing chunks, asked or not: 0 when the drop is complete.
    [[nodiscard]] std::uint64_t neededCount() const { return m_neededCount; }

private:
    // Chunks a peer announced that its cursor has not reached yet, numbered
    // across the drop.
    struct Run {
        std::uint64_t first = 0;
        std::uint64_t count = 0;
    };
    struct Source {
        std::deque<Run> announced; // peers only, in the order announced
        std::vector<bool> holds;   // peers only: by chunk number, while connected
        SourceId id = kSender;
        std::uint32_t outstanding = 0;
        bool connected = false;
    };

    [[nodiscard]] std::optional<std::uint64_t> indexOf(std::uint32_t entry, std::uint32_t chunk) const;
    [[nodiscard]] proto::ChunkRange locate(std::uint64_t index) const;
    [[nodiscard]] std::optional<std::size_t> slotOf(SourceId source) const;
    // Whether the chunk may be asked from the source in `slot` now.
    [[nodiscard]] bool eligible(std::size_t slot, std::uint64_t index) const;
    void ask(std::size_t slot, std::uint64_t index, std::vector<proto::ChunkRange>& ranges);
    // The chunk is no longer asked from anyone; it waits for the next take().
    void release(std::uint64_t index);
    void forget(std::size_t slot, std::uint64_t index);

    std::vector<std::uint64_t> m_entryStart; // first chunk number of each entry, then the total
    std::vector<std::uint8_t> m_state;       // per chunk: kNotNeeded, kFree or the slot asked
    std::vector<std::uint8_t> m_holders;     // per chunk: connected peers that hold it
    std::vector<Source> m_sources;           // by slot; slot 0 is the sender
    std::vector<std::uint64_t> m_again;      // chunks missing again, oldest first
    std::uint64_t m_neededCount = 0;
    std::uint64_t m_senderStart = 0;
    std::uint64_t m_senderStep = 0; // chunks the sender's cursor has passed since m_senderStart
    std::size_t m_totalWindow = std::numeric_limits<std::size_t>::max();
    std::uint32_t m_window = 1;
};

} // namespace confab::files
