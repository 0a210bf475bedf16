#pragma once

#include <atomic>
#include <cstdint>

namespace confab::audio {

// Wakes the voice worker from the audio callback: a counter the callback
// bumps, and a wait on it with a deadline. C++20's std::atomic::wait has no
// timeout, and libstdc++'s notify_one() only issues the kernel wake for
// threads that went through wait(), so a timed futex wait could miss it;
// hence both halves here, on the same futex.
class WakeSignal {
public:
    // Real-time safe: one atomic increment, and a futex wake only when the
    // worker is actually asleep. Never blocks.
    void notify() noexcept;
    [[nodiscard]] std::uint32_t count() const noexcept { return m_count.load(std::memory_order_acquire); }
    // Sleeps while count() == seen, until CLOCK_MONOTONIC reaches
    // deadlineNs. May return early (a signal); callers re-check.
    void waitUntil(std::uint32_t seen, std::int64_t deadlineNs) noexcept;

private:
    std::atomic<std::uint32_t> m_count{0};
    std::atomic<std::uint32_t> m_sleeping{0};
};

} // namespace confab::audio
