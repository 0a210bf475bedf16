#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace confab {

// A timer whose callback runs on the thread that created it. Destroying it
// cancels it, so an owner that holds its timers by value or unique_ptr never
// hears from them after it is gone; that may happen inside its own callback.
class Timer {
public:
    Timer() = default;
    virtual ~Timer() = default;
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;
    // Fires once after `delayMs` (0: after the current event); restarts an active timer.
    virtual void start(std::int64_t delayMs) = 0;
    // Fires every `intervalMs` until stopped.
    virtual void startRepeating(std::int64_t intervalMs) = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual bool isActive() const = 0;
};

// Time as the core sees it. Every timeout in the core (link liveness, dialer
// backoff, resends, call timers, discovery queries) runs on one of these, so
// a test or the network simulator can run whole nodes on a virtual clock that
// moves only when it says so.
class Clock {
public:
    Clock() = default;
    virtual ~Clock() = default;
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;
    // Milliseconds since the Unix epoch: message timestamps and "last seen".
    [[nodiscard]] virtual std::int64_t wallMs() const = 0;
    // Milliseconds since an arbitrary start that never goes back: timeouts.
    [[nodiscard]] virtual std::int64_t monotonicMs() const = 0;
    [[nodiscard]] virtual std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) = 0;
};

// Time elapsed on a Clock's monotonic time, like QElapsedTimer for Qt's.
class Stopwatch {
public:
    explicit Stopwatch(const Clock& clock) : m_clock(&clock), m_startMs(clock.monotonicMs()) {}

    void restart() { m_startMs = m_clock->monotonicMs(); }
    [[nodiscard]] std::int64_t elapsedMs() const { return m_clock->monotonicMs() - m_startMs; }

private:
    const Clock* m_clock;
    std::int64_t m_startMs;
};

} // namespace confab
