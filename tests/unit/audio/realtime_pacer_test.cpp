#include "audio/monotonic_clock.h"
#include "audio/realtime_pacer.h"

#include <array>
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>

// Real time: the pacer's thread sleeps until each block's deadline. These
// tests check what it promises whatever the machine's load (never early,
// every block once and in order, stop means stop), never how punctual it was.

namespace confab::audio {
namespace {

using namespace std::chrono_literals;

// Remembers each tick's block index and start time.
class TickLog {
public:
    static constexpr std::size_t kLogged = 64;

    void tick(std::uint64_t block)
    {
        const std::uint64_t n = m_ticks.load(std::memory_order_relaxed);
        if (n < kLogged) {
            m_blocks[n] = block;
            m_timesNs[n] = monotonicNowNs();
        }
        if (block == m_stallAt) {
            std::this_thread::sleep_for(35ms); // a tick that overruns its block
        }
        m_ticks.store(n + 1, std::memory_order_release);
    }

    void stallAt(std::uint64_t block) { m_stallAt = block; }
    [[nodiscard]] std::uint64_t ticks() const { return m_ticks.load(std::memory_order_acquire); }
    // Valid for ticks already counted by ticks().
    [[nodiscard]] std::uint64_t block(std::size_t n) const { return m_blocks[n]; }
    [[nodiscard]] std::int64_t timeNs(std::size_t n) const { return m_timesNs[n]; }

    // Waits (up to a limit far beyond what a busy machine needs) for `count` ticks.
    [[nodiscard]] bool waitFor(std::uint64_t count) const
    {
        const auto limit = std::chrono::steady_clock::now() + 60s;
        while (ticks() < count && std::chrono::steady_clock::now() < limit) {
            std::this_thread::sleep_for(5ms);
        }
        return ticks() >= count;
    }

private:
    std::atomic<std::uint64_t> m_ticks{0};
    std::array<std::uint64_t, kLogged> m_blocks{};
    std::array<std::int64_t, kLogged> m_timesNs{};
    std::uint64_t m_stallAt = UINT64_MAX;
};

TEST(RealtimePacer, TicksEveryBlockInOrderNeverBeforeItsDeadline)
{
    RealtimePacer pacer;
    TickLog log;
    const std::int64_t before = monotonicNowNs();
    const std::int64_t origin = pacer.start(kBlockPeriodNs, [&log](std::uint64_t block) { log.tick(block); });
    EXPECT_TRUE(pacer.running());
    EXPECT_GE(origin, before);
    ASSERT_TRUE(log.waitFor(TickLog::kLogged));
    pacer.stop();
    EXPECT_FALSE(pacer.running());
    for (std::size_t n = 0; n < TickLog::kLogged; ++n) {
        EXPECT_EQ(log.block(n), n);
        // Block k is handed over only once its period has passed.
        EXPECT_GE(log.timeNs(n), origin + static_cast<std::int64_t>(n + 1) * kBlockPeriodNs) << "block " << n;
    }
}

TEST(RealtimePacer, ALateTickIsCaughtUpNotSkipped)
{
    RealtimePacer pacer;
    TickLog log;
    log.stallAt(3);
    (void)pacer.start(kBlockPeriodNs, [&log](std::uint64_t block) { log.tick(block); });
    ASSERT_TRUE(log.waitFor(20));
    pacer.stop();
    for (std::size_t n = 0; n < 20; ++n) {
        EXPECT_EQ(log.block(n), n) << "every block once, in order";
    }
    // Block 4 started at least 25 ms after its deadline.
    EXPECT_GE(pacer.lateTicks(), 1U);
}

TEST(RealtimePacer, NoTickAfterStopAndRestartable)
{
    RealtimePacer pacer;
    TickLog first;
    (void)pacer.start(kBlockPeriodNs, [&first](std::uint64_t block) { first.tick(block); });
    ASSERT_TRUE(first.waitFor(5));
    pacer.stop();
    pacer.stop(); // idempotent
    const std::uint64_t afterStop = first.ticks();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(first.ticks(), afterStop);

    TickLog second;
    (void)pacer.start(kBlockPeriodNs, [&second](std::uint64_t block) { second.tick(block); });
    ASSERT_TRUE(second.waitFor(5));
    pacer.stop();
    EXPECT_EQ(second.block(0), 0U) << "a new stream counts from block 0";
    EXPECT_EQ(first.ticks(), afterStop);
}

} // namespace
} // namespace confab::audio
