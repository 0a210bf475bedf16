#include "audio/spsc_ring.h"
#include "audio/voice_frame.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <gtest/gtest.h>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

namespace confab::audio {
namespace {

TEST(SpscRing, StartsEmptyWithTheRequestedCapacity)
{
    SpscRing<int> ring(7);
    EXPECT_EQ(ring.capacity(), 7u);
    EXPECT_EQ(ring.readAvailable(), 0u);
    EXPECT_EQ(ring.writeAvailable(), 7u);
    int value = 42;
    EXPECT_FALSE(ring.pop(value));
    EXPECT_EQ(value, 42); // untouched
    std::array<int, 4> out{};
    EXPECT_EQ(ring.read(out.data(), out.size()), 0u);
}

TEST(SpscRing, PushFailsWhenFullAndPopsInOrder)
{
    SpscRing<int> ring(3);
    EXPECT_TRUE(ring.push(1));
    EXPECT_TRUE(ring.push(2));
    EXPECT_TRUE(ring.push(3));
    EXPECT_FALSE(ring.push(4));
    EXPECT_EQ(ring.readAvailable(), 3u);
    EXPECT_EQ(ring.writeAvailable(), 0u);
    int value = 0;
    ASSERT_TRUE(ring.pop(value));
    EXPECT_EQ(value, 1);
    EXPECT_TRUE(ring.push(5)); // the freed slot is usable again
    std::array<int, 3> out{};
    EXPECT_EQ(ring.read(out.data(), out.size()), 3u);
    EXPECT_EQ(out, (std::array<int, 3>{2, 3, 5}));
    EXPECT_FALSE(ring.pop(value));
}

TEST(SpscRing, BlockWriteStoresOnlyWhatFits)
{
    SpscRing<std::int16_t> ring(5);
    const std::array<std::int16_t, 8> in{1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(ring.write(in.data(), in.size()), 5u);
    EXPECT_EQ(ring.write(in.data(), in.size()), 0u);
    std::array<std::int16_t, 8> out{};
    EXPECT_EQ(ring.read(out.data(), 2), 2u);
    EXPECT_EQ(ring.write(in.data() + 5, 3), 2u);
    EXPECT_EQ(ring.read(out.data(), out.size()), 5u);
    EXPECT_EQ((std::vector<std::int16_t>(out.begin(), out.begin() + 5)),
              (std::vector<std::int16_t>{3, 4, 5, 6, 7}));
}

TEST(SpscRing, BlocksWrapAroundTheEndOfTheBuffer)
{
    // Block sizes that do not divide the capacity move the split point
    // through every position of the buffer.
    SpscRing<std::int32_t> ring(10);
    std::int32_t next = 0;
    std::int32_t expected = 0;
    for (int round = 0; round < 100; ++round) {
        std::array<std::int32_t, 7> in{};
        std::iota(in.begin(), in.end(), next);
        ASSERT_EQ(ring.write(in.data(), in.size()), in.size());
        next += static_cast<std::int32_t>(in.size());
        std::array<std::int32_t, 7> out{};
        ASSERT_EQ(ring.read(out.data(), out.size()), out.size());
        for (const auto v : out) {
            ASSERT_EQ(v, expected++);
        }
        EXPECT_EQ(ring.readAvailable(), 0u);
        EXPECT_EQ(ring.writeAvailable(), 10u);
    }
}

TEST(SpscRing, DiscardDropsTheOldest)
{
    SpscRing<int> ring(4);
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(ring.push(i));
    }
    EXPECT_EQ(ring.discard(3), 3u);
    EXPECT_EQ(ring.discard(5), 1u);
    EXPECT_EQ(ring.readAvailable(), 0u);
    ASSERT_TRUE(ring.push(9));
    int value = 0;
    ASSERT_TRUE(ring.pop(value));
    EXPECT_EQ(value, 9);
}

TEST(SpscRing, CarriesWholeVoiceFrames)
{
    SpscRing<VoiceFrame> ring(2);
    VoiceFrame in;
    in.timestamp = 960;
    in.marker = true;
    in.arrivalNs = 123456789;
    in.size = 3;
    in.data[0] = 0xAA;
    in.data[2] = 0xCC;
    in.data[kMaxOpusPacketBytes - 1] = 0x55;
    ASSERT_TRUE(ring.push(in));
    VoiceFrame out;
    ASSERT_TRUE(ring.pop(out));
    EXPECT_EQ(out.timestamp, 960u);
    EXPECT_TRUE(out.marker);
    EXPECT_EQ(out.arrivalNs, 123456789);
    EXPECT_EQ(out.size, 3u);
    EXPECT_EQ(out.data, in.data);
}

TEST(SpscRing, KeepsIndicesOnSeparateCacheLines)
{
    // Whole cache lines, so no neighbouring object shares the consumer's line.
    EXPECT_EQ(sizeof(SpscRing<int>) % kCacheLineBytes, 0u);
    EXPECT_GE(alignof(SpscRing<int>), kCacheLineBytes);
}

// How far one side of a race got: a counter it bumps after every call that
// moved something. The other side, finding the ring full or empty, sleeps
// on it (a futex) instead of spinning, so the race proceeds as fast as the
// scheduler hands the CPU over, even on a machine busy with other work.
class Progress {
public:
    [[nodiscard]] std::uint32_t seen() const { return m_count.load(std::memory_order_acquire); }
    void bump()
    {
        m_count.fetch_add(1, std::memory_order_release);
        m_count.notify_one();
    }
    // Returns once the count is no longer `seen`: the other side moved.
    void waitPast(std::uint32_t seen) const { m_count.wait(seen, std::memory_order_acquire); }

private:
    std::atomic<std::uint32_t> m_count{0};
};

TEST(SpscRing, TwoThreadsSeeEveryValueInOrder)
{
    // A producer and a consumer race with random block sizes on a small
    // ring, so it is full and empty often; every value must arrive once, in order.
    constexpr std::uint32_t kValues = 200'000;
    SpscRing<std::uint32_t> ring(61);
    Progress produced;
    Progress consumed;
    std::thread producer([&ring, &produced, &consumed] {
        std::minstd_rand random(1);
        std::array<std::uint32_t, 37> block{};
        std::uint32_t next = 0;
        while (next < kValues) {
            const auto want = std::min<std::size_t>(1 + random() % block.size(), kValues - next);
            std::iota(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(want), next);
            // Read before trying: a read after it moves the count, so the wait cannot miss it.
            const std::uint32_t seen = consumed.seen();
            const std::size_t done = ring.write(block.data(), want);
            if (done == 0) {
                consumed.waitPast(seen);
                continue;
            }
            next += static_cast<std::uint32_t>(done);
            produced.bump();
        }
    });
    std::minstd_rand random(2);
    std::array<std::uint32_t, 41> block{};
    std::uint32_t expected = 0;
    std::uint64_t mismatches = 0;
    while (expected < kValues) {
        const std::uint32_t seen = produced.seen();
        const std::size_t got = ring.read(block.data(), 1 + random() % block.size());
        if (got == 0) {
            produced.waitPast(seen);
            continue;
        }
        for (std::size_t i = 0; i < got; ++i) {
            if (block[i] != expected++) {
                ++mismatches;
            }
        }
        consumed.bump();
    }
    producer.join();
    EXPECT_EQ(mismatches, 0u);
    EXPECT_EQ(ring.readAvailable(), 0u);
}

TEST(SpscRing, TwoThreadsNeverSeeATornObject)
{
    // Objects larger than a word must arrive whole: every field carries the
    // sequence number, and a partly copied object would mix two of them.
    struct Record {
        std::array<std::uint64_t, 16> words{};
    };
    constexpr std::uint64_t kRecords = 10'000;
    SpscRing<Record> ring(8);
    Progress produced;
    Progress consumed;
    std::thread producer([&ring, &produced, &consumed] {
        Record r;
        for (std::uint64_t seq = 0; seq < kRecords;) {
            r.words.fill(seq);
            const std::uint32_t seen = consumed.seen();
            if (ring.push(r)) {
                ++seq;
                produced.bump();
            } else {
                consumed.waitPast(seen);
            }
        }
    });
    std::uint64_t expected = 0;
    std::uint64_t bad = 0;
    Record r;
    while (expected < kRecords) {
        const std::uint32_t seen = produced.seen();
        if (!ring.pop(r)) {
            produced.waitPast(seen);
            continue;
        }
        consumed.bump();
        for (const auto w : r.words) {
            if (w != expected) {
                ++bad;
            }
        }
        ++expected;
    }
    producer.join();
    EXPECT_EQ(bad, 0u);
}

} // namespace
} // namespace confab::audio
