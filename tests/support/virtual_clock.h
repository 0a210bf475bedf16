#pragma once

#include "base/clock.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

namespace confab::test {

// Time that moves only when a test or the simulator says so. Timers fire in
// deadline order (ties in the order they were armed), each at its exact
// virtual time, so a run is the same every time and idle time costs nothing.
// Timers must not outlive the clock.
class VirtualClock : public Clock {
public:
    static constexpr std::int64_t kDefaultWallStartMs = 1'700'000'000'000;

    explicit VirtualClock(std::int64_t wallStartMs = kDefaultWallStartMs) : m_wallStartMs(wallStartMs) {}

    [[nodiscard]] std::int64_t wallMs() const override { return m_wallStartMs + m_nowMs; }
    [[nodiscard]] std::int64_t monotonicMs() const override { return m_nowMs; }
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) override;

    // The earliest armed deadline, if any timer is armed.
    [[nodiscard]] std::optional<std::int64_t> nextDeadline() const;
    // Moves to the earliest deadline at or before `limitMs` and fires that
    // timer; false (and time unchanged) when there is none.
    bool fireNext(std::int64_t limitMs);
    // Moves time forward without firing anything (time never goes back).
    void advanceTo(std::int64_t ms);
    [[nodiscard]] std::size_t armedTimers() const { return m_queue.size(); }
    [[nodiscard]] std::uint64_t firedTimers() const { return m_fired; }

private:
    friend class VirtualTimer;
    using Key = std::pair<std::int64_t, std::uint64_t>; // deadline, arming order

    Key arm(class VirtualTimer* timer, std::int64_t delayMs);
    void disarm(const Key& key) { m_queue.erase(key); }

    std::int64_t m_wallStartMs;
    std::int64_t m_nowMs = 0;
    std::uint64_t m_armed = 0;
    std::uint64_t m_fired = 0;
    std::map<Key, class VirtualTimer*> m_queue;
};

// Runs a single-threaded simulation on `clock`: Qt's posted events (queued
// calls, deferred deletes) first, then the next timer, until `done()` holds
// or `maxMs` of virtual time have passed. Returns the final `done()`.
bool runUntil(VirtualClock& clock, const std::function<bool()>& done, std::int64_t maxMs);
// Runs for exactly `ms` of virtual time.
void runFor(VirtualClock& clock, std::int64_t ms);

} // namespace confab::test
