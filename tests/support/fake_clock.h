#pragma once

#include "session/clock.h"

#include <cstdint>

namespace confab::test {

// Wall-clock time that moves only when the test says so.
class FakeClock : public session::Clock {
public:
    explicit FakeClock(std::int64_t startMs = 1'700'000'000'000) : m_nowMs(startMs) {}

    [[nodiscard]] std::int64_t nowMs() const override { return m_nowMs; }
    void set(std::int64_t ms) { m_nowMs = ms; }
    void advance(std::int64_t ms) { m_nowMs += ms; }

private:
    std::int64_t m_nowMs;
};

} // namespace confab::test
