#include "files/chunk_scheduler.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

namespace confab::files {
namespace {

using proto::ChunkRange;
using Ranges = std::vector<ChunkRange>;

constexpr std::uint32_t kChunk = proto::kMinChunkSize;
constexpr auto kSender = ChunkScheduler::kSender;

proto::ManifestEntry folder(std::string path)
{
    proto::ManifestEntry entry;
    entry.kind = proto::ManifestEntryKind::Folder;
    entry.path = std::move(path);
    return entry;
}

// Only the size matters here: the chunk count follows from it.
proto::ManifestEntry file(std::string path, std::uint64_t chunks, std::uint64_t lastChunk = kChunk)
{
    const std::uint64_t size = chunks == 0 ? 0 : (chunks - 1) * kChunk + lastChunk;
    proto::ManifestEntry entry;
    entry.path = std::move(path);
    entry.size = size;
    return entry;
}

proto::Manifest manifestOf(std::vector<proto::ManifestEntry> entries)
{
    proto::Manifest manifest;
    manifest.chunkSize = kChunk;
    manifest.entries = std::move(entries);
    return manifest;
}

bool everything(std::uint32_t /*entry*/, std::uint32_t /*chunk*/)
{
    return true;
}

void arriveAll(ChunkScheduler& scheduler, const Ranges& ranges)
{
    for (const ChunkRange& range : ranges) {
        for (std::uint32_t chunk = range.firstChunk; chunk < range.firstChunk + range.chunkCount; ++chunk) {
            scheduler.arrived(range.entry, chunk);
        }
    }
}

TEST(ChunkSchedulerTest, OneReceiverAsksTheSenderInOrderAWindowAtATime)
{
    // 0 folder, 1 three chunks, 2 empty, 3 two chunks, 4 folder, 5 one short chunk
    const auto manifest = manifestOf({folder("d"), file("d/a", 3), file("d/empty", 0), file("d/b", 2),
                                      folder("d/sub"), file("d/sub/c", 1, 10)});
    ChunkScheduler scheduler(manifest, everything, 0, 1, 4);
    EXPECT_EQ(scheduler.neededCount(), 6U);

    const Ranges first = scheduler.take(kSender);
    EXPECT_EQ(first, (Ranges{{1, 0, 3}, {3, 0, 1}}));
    EXPECT_EQ(scheduler.outstanding(kSender), 4U);
    EXPECT_TRUE(scheduler.take(kSender).empty()); // the window is full
    EXPECT_EQ(scheduler.askedFrom(3, 0), kSender);
    EXPECT_FALSE(scheduler.asked(3, 1));

    scheduler.arrived(1, 0);
    scheduler.arrived(1, 1);
    EXPECT_EQ(scheduler.outstanding(kSender), 2U);
    EXPECT_EQ(scheduler.neededCount(), 4U);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{3, 1, 1}, {5, 0, 1}}));

    arriveAll(scheduler, {{1, 2, 1}, {3, 0, 2}, {5, 0, 1}});
    EXPECT_EQ(scheduler.neededCount(), 0U);
    EXPECT_EQ(scheduler.outstanding(kSender), 0U);
    EXPECT_TRUE(scheduler.take(kSender).empty());
}

TEST(ChunkSchedulerTest, AShareStartsPartWayThroughTheDropAndWraps)
{
    // Ten chunks: share 2 of 4 starts at chunk 5, which is entry 1's second.
    const auto manifest = manifestOf({file("a", 4), file("b", 6)});
    ChunkScheduler scheduler(manifest, everything, 2, 4, 10);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{1, 1, 5}, {0, 0, 4}, {1, 0, 1}}));

    // Every share starts somewhere else; the first starts at the beginning.
    ChunkScheduler first(manifest, everything, 0, 4, 1);
    EXPECT_EQ(first.take(kSender), (Ranges{{0, 0, 1}}));
    ChunkScheduler last(manifest, everything, 3, 4, 1);
    EXPECT_EQ(last.take(kSender), (Ranges{{1, 3, 1}})); // chunk 7 = 3 * 10 / 4
}

TEST(ChunkSchedulerTest, APeersChunksAreAskedFromThePeerAndTheRestFromTheSender)
{
    const auto manifest = manifestOf({file("a", 8)});
    constexpr ChunkScheduler::SourceId kPeer = 7;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 3);
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 2, 4}));

    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 2}, {0, 6, 1}}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 2, 3}}));
    EXPECT_EQ(scheduler.askedFrom(0, 2), kPeer);
    // Each source's window counts its own chunks only.
    EXPECT_EQ(scheduler.outstanding(kPeer), 3U);
    EXPECT_EQ(scheduler.outstanding(kSender), 3U);
    EXPECT_TRUE(scheduler.take(kPeer).empty());

    scheduler.arrived(0, 2);
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 5, 1}}));
    scheduler.arrived(0, 0);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 7, 1}}));

    // What the sender was asked for already stays with the sender.
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 6, 2}));
    scheduler.arrived(0, 3);
    EXPECT_TRUE(scheduler.take(kPeer).empty());
    EXPECT_EQ(scheduler.askedFrom(0, 6), kSender);
}

TEST(ChunkSchedulerTest, TheTotalWindowBoundsWhatAllSourcesOweTogether)
{
    const auto manifest = manifestOf({file("a", 10)});
    constexpr ChunkScheduler::SourceId kPeer = 7;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 3);
    scheduler.setTotalWindow(4);
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 5, 5}));

    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 3}}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 5, 1}})); // 3 + 1: the total is full
    EXPECT_EQ(scheduler.totalOutstanding(), 4U);
    EXPECT_TRUE(scheduler.take(kPeer).empty());

    // An arrival anywhere frees a place for any source.
    scheduler.arrived(0, 0);
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 6, 1}}));
    EXPECT_TRUE(scheduler.take(kSender).empty());
}

TEST(ChunkSchedulerTest, AGonePeersChunksGoBackToThePool)
{
    const auto manifest = manifestOf({file("a", 8)});
    constexpr ChunkScheduler::SourceId kPeer = 3;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 4);
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 0, 6}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 0, 4}}));
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 6, 2}}));
    arriveAll(scheduler, {{0, 6, 2}});

    scheduler.removeSource(kPeer);
    EXPECT_EQ(scheduler.outstanding(kPeer), 0U);
    EXPECT_FALSE(scheduler.asked(0, 0));
    EXPECT_TRUE(scheduler.take(kPeer).empty());
    EXPECT_FALSE(scheduler.peerHas(kPeer, {0, 0, 1}));
    // Those it owed, and those it held and was never asked for.
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 4}}));
    scheduler.arrived(0, 0);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 4, 1}}));

    // Back again, it holds nothing until it says so.
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    EXPECT_TRUE(scheduler.take(kPeer).empty());
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 5, 1}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 5, 1}}));
}

TEST(ChunkSchedulerTest, DamagedChunksAreAskedAgainAndArrivalsFreeTheWindow)
{
    const auto manifest = manifestOf({file("a", 4)});
    ChunkScheduler scheduler(manifest, everything, 0, 1, 2);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 2}}));
    EXPECT_TRUE(scheduler.take(kSender).empty());

    scheduler.arrived(0, 0);
    EXPECT_EQ(scheduler.outstanding(kSender), 1U);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 2, 1}}));

    scheduler.damaged(0, 1);
    EXPECT_EQ(scheduler.outstanding(kSender), 1U);
    EXPECT_FALSE(scheduler.asked(0, 1));
    EXPECT_EQ(scheduler.neededCount(), 3U);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 1, 1}}));

    // A chunk that arrived and turns out bad later is needed again too.
    scheduler.damaged(0, 0);
    EXPECT_EQ(scheduler.neededCount(), 4U);
    arriveAll(scheduler, {{0, 1, 2}});
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 1}, {0, 3, 1}}));
}

TEST(ChunkSchedulerTest, ARangeNeverSpansTwoEntries)
{
    const auto manifest = manifestOf({file("a", 3), file("b", 3)});
    ChunkScheduler scheduler(manifest, everything, 0, 1, 5);
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 3}, {1, 0, 2}}));
    scheduler.damaged(0, 1);
    scheduler.arrived(1, 0);
    // Chunk 1 of a is asked again ahead of chunk 2 of b: numbers that follow
    // on, of different entries.
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 1, 1}, {1, 2, 1}}));
}

TEST(ChunkSchedulerTest, AChunkAPeerSentDamagedComesFromTheSender)
{
    const auto manifest = manifestOf({file("a", 4)});
    constexpr ChunkScheduler::SourceId kPeer = 1;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 4);
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 0, 4}));
    EXPECT_TRUE(scheduler.take(kSender).empty()); // the peer holds them all
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 0, 4}}));

    scheduler.damaged(0, 2);
    EXPECT_EQ(scheduler.outstanding(kPeer), 3U);
    EXPECT_TRUE(scheduler.take(kPeer).empty());
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 2, 1}}));
}

TEST(ChunkSchedulerTest, ChunksNotNeededAreNeverAsked)
{
    // Entry 1 is in place already; of entry 2 the even chunks are verified.
    const auto manifest = manifestOf({folder("d"), file("d/done", 3), file("d/half", 6)});
    const auto needed = [](std::uint32_t entry, std::uint32_t chunk) { return entry == 2 && chunk % 2 == 1; };
    ChunkScheduler scheduler(manifest, needed, 0, 1, 10);
    EXPECT_EQ(scheduler.neededCount(), 3U);
    constexpr ChunkScheduler::SourceId kPeer = 9;
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {1, 0, 3}));
    ASSERT_TRUE(scheduler.peerHas(kPeer, {2, 0, 2}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{2, 1, 1}}));
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{2, 3, 1}, {2, 5, 1}}));
    EXPECT_FALSE(scheduler.asked(1, 0));
    EXPECT_FALSE(scheduler.asked(2, 0));

    // An arrival of a chunk that was not needed changes nothing.
    scheduler.arrived(1, 0);
    EXPECT_EQ(scheduler.neededCount(), 3U);
}

TEST(ChunkSchedulerTest, HavePastTheDropsEndIsRefused)
{
    const auto manifest = manifestOf({folder("d"), file("d/a", 3)});
    constexpr ChunkScheduler::SourceId kPeer = 2;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 4);
    ASSERT_TRUE(scheduler.addPeer(kPeer));

    EXPECT_FALSE(scheduler.peerHas(kPeer, {1, 2, 2}));
    EXPECT_FALSE(scheduler.peerHas(kPeer, {1, 3, 1}));
    EXPECT_FALSE(scheduler.peerHas(kPeer, {1, 0xffffffffU, 2}));
    EXPECT_FALSE(scheduler.peerHas(kPeer, {0, 0, 1})); // a folder has no chunks
    EXPECT_FALSE(scheduler.peerHas(kPeer, {2, 0, 1}));
    EXPECT_FALSE(scheduler.peerHas(kPeer + 1, {1, 0, 1})); // not a peer
    EXPECT_FALSE(scheduler.peerHas(kSender, {1, 0, 1}));
    EXPECT_TRUE(scheduler.take(kPeer).empty()); // nothing of those was recorded

    EXPECT_TRUE(scheduler.peerHas(kPeer, {1, 1, 2}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{1, 1, 2}}));
}

TEST(ChunkSchedulerTest, WithoutTheSenderOnlyPeersAreAsked)
{
    const auto manifest = manifestOf({file("a", 6)});
    constexpr ChunkScheduler::SourceId kPeer = 5;
    ChunkScheduler scheduler(manifest, everything, 0, 1, 2);
    ASSERT_TRUE(scheduler.addPeer(kPeer));
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 2}}));

    scheduler.removeSource(kSender);
    EXPECT_EQ(scheduler.outstanding(kSender), 0U);
    EXPECT_FALSE(scheduler.asked(0, 0));
    EXPECT_TRUE(scheduler.take(kSender).empty());
    ASSERT_TRUE(scheduler.peerHas(kPeer, {0, 1, 1}));
    EXPECT_EQ(scheduler.take(kPeer), (Ranges{{0, 1, 1}}));
    EXPECT_TRUE(scheduler.take(kSender).empty());

    scheduler.addSender();
    EXPECT_EQ(scheduler.take(kSender), (Ranges{{0, 0, 1}, {0, 2, 1}}));
    EXPECT_FALSE(scheduler.addPeer(kSender));
}

TEST(ChunkSchedulerTest, ALargeDropCompletesWithEveryChunkAskedOnce)
{
    constexpr std::uint32_t kChunks = 2'000'000;
    constexpr ChunkScheduler::SourceId kEarly = 1;
    constexpr ChunkScheduler::SourceId kLate = 2;
    const auto manifest = manifestOf({file("big", kChunks)});
    ASSERT_EQ(manifest.chunkCount(0), kChunks);
    ChunkScheduler scheduler(manifest, everything, 1, 3, 64);
    ASSERT_TRUE(scheduler.addPeer(kEarly));
    ASSERT_TRUE(scheduler.addPeer(kLate));
    // The early peer holds the first quarter from the start; the late one
    // announces the second quarter bit by bit as the drop goes on.
    ASSERT_TRUE(scheduler.peerHas(kEarly, {0, 0, kChunks / 4}));
    std::uint32_t announced = kChunks / 4;

    std::vector<std::uint8_t> times(kChunks, 0);
    std::uint64_t rounds = 0;
    while (scheduler.neededCount() > 0) {
        ASSERT_LT(rounds++, std::uint64_t{kChunks}) << "no progress";
        if (announced < kChunks / 2) {
            ASSERT_TRUE(scheduler.peerHas(kLate, {0, announced, 1000}));
            announced += 1000;
        }
        for (const auto source : {kSender, kEarly, kLate}) {
            const Ranges ranges = scheduler.take(source);
            for (const ChunkRange& range : ranges) {
                ASSERT_EQ(range.entry, 0U);
                for (std::uint32_t chunk = range.firstChunk; chunk < range.firstChunk + range.chunkCount;
                     ++chunk) {
                    ASSERT_EQ(scheduler.askedFrom(0, chunk), source);
                    ++times[chunk];
                }
            }
            arriveAll(scheduler, ranges);
        }
    }
    EXPECT_EQ(std::count(times.begin(), times.end(), std::uint8_t{1}), kChunks);
    EXPECT_EQ(times[0], 1U);
}

} // namespace
} // namespace confab::files
