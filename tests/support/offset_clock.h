#pragma once

#include "base/clock.h"

namespace confab::test {

// Another machine's clock in a test: the same time line and timers as
// `base`, but its wall clock set differently (clocks on a LAN disagree).
class OffsetClock : public Clock {
public:
    OffsetClock(Clock& base, std::int64_t wallOffsetMs) : m_base(base), m_offsetMs(wallOffsetMs) {}

    [[nodiscard]] std::int64_t wallMs() const override { return m_base.wallMs() + m_offsetMs; }
    [[nodiscard]] std::int64_t monotonicMs() const override { return m_base.monotonicMs(); }
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) override
    {
        return m_base.createTimer(std::move(onTimeout));
    }

private:
    Clock& m_base;
    std::int64_t m_offsetMs;
};

} // namespace confab::test
