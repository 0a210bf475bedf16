#include "proto/replay_window.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <set>

namespace confab::proto {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

// What the window must answer, written the slow and obvious way.
class ModelWindow {
public:
    explicit ModelWindow(std::uint64_t window) : m_window(window) {}

    [[nodiscard]] ReplayVerdict check(std::uint64_t counter) const
    {
        if (m_seen.empty() || counter > *m_seen.rbegin()) {
            return ReplayVerdict::Fresh;
        }
        if (*m_seen.rbegin() - counter >= m_window) {
            return ReplayVerdict::TooOld;
        }
        return m_seen.contains(counter) ? ReplayVerdict::Duplicate : ReplayVerdict::Fresh;
    }
    void accept(std::uint64_t counter)
    {
        if (check(counter) == ReplayVerdict::Fresh) {
            m_seen.insert(counter);
        }
    }

private:
    std::uint64_t m_window;
    std::set<std::uint64_t> m_seen;
};

TEST(ReplayWindow, EmptyWindowAcceptsAnything)
{
    const ReplayWindow window;
    EXPECT_TRUE(window.empty());
    EXPECT_EQ(window.windowPackets(), kReplayWindowPackets);
    EXPECT_TRUE(window.mayAccept(0));
    EXPECT_TRUE(window.mayAccept(12345));
    EXPECT_TRUE(window.mayAccept(kMax));
}

TEST(ReplayWindow, AcceptsInOrderAndRejectsEveryRepeat)
{
    ReplayWindow window;
    for (std::uint64_t counter = 0; counter < 5000; ++counter) {
        ASSERT_TRUE(window.mayAccept(counter)) << counter;
        window.accept(counter);
        ASSERT_EQ(window.check(counter), ReplayVerdict::Duplicate) << counter;
    }
    EXPECT_EQ(window.highest(), 4999u);
    for (std::uint64_t counter = 5000 - 2048; counter < 5000; ++counter) {
        EXPECT_EQ(window.check(counter), ReplayVerdict::Duplicate) << counter;
    }
    EXPECT_EQ(window.check(5000 - 2049), ReplayVerdict::TooOld);
    EXPECT_EQ(window.check(0), ReplayVerdict::TooOld);
    EXPECT_TRUE(window.mayAccept(5000));
}

TEST(ReplayWindow, AcceptsReorderingInsideTheWindow)
{
    ReplayWindow window;
    window.accept(3000);
    // Everything up to 2047 behind the newest is still welcome, once.
    for (std::uint64_t counter = 2999; counter > 3000 - 2048; --counter) {
        ASSERT_TRUE(window.mayAccept(counter)) << counter;
        window.accept(counter);
    }
    EXPECT_EQ(window.highest(), 3000u);
    for (std::uint64_t counter = 3000 - 2047; counter <= 3000; ++counter) {
        ASSERT_EQ(window.check(counter), ReplayVerdict::Duplicate) << counter;
    }
    EXPECT_EQ(window.check(3000 - 2048), ReplayVerdict::TooOld);
}

TEST(ReplayWindow, WindowEdgeIsExact)
{
    ReplayWindow window;
    window.accept(10000);
    EXPECT_EQ(window.check(10000 - 2047), ReplayVerdict::Fresh);
    EXPECT_EQ(window.check(10000 - 2048), ReplayVerdict::TooOld);
}

TEST(ReplayWindow, KeepsGapsOpen)
{
    ReplayWindow window;
    for (std::uint64_t counter = 0; counter < 10000; counter += 2) {
        window.accept(counter);
    }
    // Even counters were seen, odd ones are missing and still acceptable.
    for (std::uint64_t counter = 9998 - 2047; counter <= 9998; ++counter) {
        const ReplayVerdict expected = counter % 2 == 0 ? ReplayVerdict::Duplicate : ReplayVerdict::Fresh;
        ASSERT_EQ(window.check(counter), expected) << counter;
    }
}

TEST(ReplayWindow, HugeJumpForgetsEverythingBehindIt)
{
    ReplayWindow window;
    for (std::uint64_t counter = 0; counter < 100; ++counter) {
        window.accept(counter);
    }
    window.accept(1'000'000);
    EXPECT_EQ(window.highest(), 1'000'000u);
    EXPECT_EQ(window.check(99), ReplayVerdict::TooOld);
    // The words of the old position were cleared: nothing inside the new
    // window looks seen except the new counter.
    for (std::uint64_t counter = 1'000'000 - 2047; counter < 1'000'000; ++counter) {
        ASSERT_EQ(window.check(counter), ReplayVerdict::Fresh) << counter;
    }
    EXPECT_EQ(window.check(1'000'000), ReplayVerdict::Duplicate);
}

TEST(ReplayWindow, JumpOfLessThanTheRingClearsOnlyNewWords)
{
    ReplayWindow window;
    for (std::uint64_t counter = 0; counter < 2048; ++counter) {
        window.accept(counter);
    }
    window.accept(2048 + 1000);
    for (std::uint64_t counter = 3048 - 2047; counter < 2048; ++counter) {
        ASSERT_EQ(window.check(counter), ReplayVerdict::Duplicate) << counter;
    }
    for (std::uint64_t counter = 2048; counter < 3048; ++counter) {
        ASSERT_EQ(window.check(counter), ReplayVerdict::Fresh) << counter;
    }
}

TEST(ReplayWindow, BitmapWrapsAroundTheRingManyTimes)
{
    // Stepping by 63 visits every word of the 33-word ring in every phase.
    ReplayWindow window;
    ModelWindow model(2048);
    for (std::uint64_t counter = 0; counter < 200'000; counter += 63) {
        window.accept(counter);
        model.accept(counter);
        for (const std::uint64_t probe : {counter - 2100, counter - 2048, counter - 2047, counter - 1000,
                                          counter - 63, counter - 1, counter, counter + 1}) {
            if (probe > counter + 1) {
                continue; // wrapped below zero
            }
            ASSERT_EQ(window.check(probe), model.check(probe)) << counter << " " << probe;
        }
    }
}

TEST(ReplayWindow, TooOldAcceptDoesNotMarkANewerCounter)
{
    ReplayWindow window;
    window.accept(5000);
    // 100 and 4324 share a bit of the ring (word 1 of 33, bit 36).
    ASSERT_EQ(window.check(100), ReplayVerdict::TooOld);
    window.accept(100);
    EXPECT_EQ(window.check(4324), ReplayVerdict::Fresh);
}

TEST(ReplayWindow, WorksAtTheTopOfTheCounterSpace)
{
    ReplayWindow window;
    window.accept(kMax - 1);
    EXPECT_TRUE(window.mayAccept(kMax));
    window.accept(kMax);
    EXPECT_EQ(window.check(kMax), ReplayVerdict::Duplicate);
    EXPECT_EQ(window.check(kMax - 1), ReplayVerdict::Duplicate);
    EXPECT_EQ(window.check(kMax - 2), ReplayVerdict::Fresh);
    EXPECT_EQ(window.check(kMax - 2048), ReplayVerdict::TooOld);
}

TEST(ReplayWindow, SmallWindowsRoundUpToWholeWords)
{
    EXPECT_EQ(ReplayWindow(64).windowPackets(), 64u);
    EXPECT_EQ(ReplayWindow(100).windowPackets(), 128u);
    EXPECT_EQ(ReplayWindow(0).windowPackets(), 64u);

    ReplayWindow window(64);
    window.accept(1000);
    EXPECT_EQ(window.check(1000 - 63), ReplayVerdict::Fresh);
    EXPECT_EQ(window.check(1000 - 64), ReplayVerdict::TooOld);
}

TEST(ReplayWindow, MatchesTheModelOnRandomTraffic)
{
    for (const std::size_t size : {std::size_t{64}, std::size_t{256}, kReplayWindowPackets}) {
        ReplayWindow window(size);
        ModelWindow model(size);
        std::mt19937_64 random(size);
        std::uint64_t sent = 0;
        for (int i = 0; i < 100'000; ++i) {
            // Mostly in order, some late, some duplicates, rare big jumps.
            const auto roll = random() % 100;
            std::uint64_t counter = 0;
            if (roll < 60) {
                counter = sent++;
            } else if (roll < 95) {
                counter = sent - std::min<std::uint64_t>(sent, random() % (size * 2));
            } else if (roll < 99) {
                counter = sent + random() % (size / 2);
            } else {
                sent += random() % (size * 40);
                counter = sent;
            }
            const ReplayVerdict verdict = window.check(counter);
            ASSERT_EQ(verdict, model.check(counter)) << size << " " << i << " " << counter;
            if (verdict == ReplayVerdict::Fresh) {
                window.accept(counter);
                model.accept(counter);
            }
        }
    }
}

} // namespace
} // namespace confab::proto
