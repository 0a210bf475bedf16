#pragma once

#include "audio_format.h"
#include "monotonic_clock.h"
#include "pacer.h"

#include <atomic>
#include <cstdint>
#include <thread>

namespace confab::audio {

// Length of one kBlockFrames block: 10 ms.
constexpr std::int64_t kBlockPeriodNs = static_cast<std::int64_t>(kBlockFrames) * 1'000'000'000 / kSampleRate;

// A Pacer in real time, on a thread of its own: tick k (k = 0, 1, ...) is due
// at origin + (k + 1) * period, the moment block k has been fully
// "captured". Deadlines are absolute
// (clock_nanosleep with TIMER_ABSTIME on CLOCK_MONOTONIC), so a slow tick
// never shifts the ones after it; a tick that is late runs at once, and the
// ticks after it catch up back to back rather than being skipped, so block k
// always stands for the same span of time. The thread asks for SCHED_FIFO
// and keeps its normal priority when the system refuses.
class RealtimePacer final : public Pacer {
public:
    RealtimePacer() = default;
    ~RealtimePacer() override; // stops
    RealtimePacer(const RealtimePacer&) = delete;
    RealtimePacer& operator=(const RealtimePacer&) = delete;

    std::int64_t start(std::int64_t periodNs, Tick tick) override;
    // Returns once no tick runs any more (within one period). Idempotent.
    void stop() override;
    [[nodiscard]] bool running() const { return m_thread.joinable(); }

    [[nodiscard]] std::uint64_t lateTicks() const override
    {
        return m_lateTicks.load(std::memory_order_relaxed);
    }

private:
    void run(std::int64_t originNs, std::int64_t periodNs);

    Tick m_tick;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_lateTicks{0};
};

} // namespace confab::audio
