#pragma once

// A Pacer the test ticks by hand, on the test's own thread: devices built on
// it run block by block with no clock and no sleeping.

#include "audio/pacer.h"

#include <cstdint>
#include <utility>

namespace confab::audio::test {

// What the test holds: the device owns the pacer, the pacer works on this.
struct ManualClock {
    Pacer::Tick tick;
    bool running = false;
    int starts = 0;
    std::uint64_t nextBlock = 0;
    std::int64_t originNs = 0;   // of the current (or last) stream
    std::uint64_t lateTicks = 0; // what lateTicks() reports
    std::int64_t periodNs = 0;   // as the device asked for

    // Runs the stream's next `blocks` ticks.
    void advance(std::uint64_t blocks)
    {
        for (std::uint64_t i = 0; i < blocks && running; ++i) {
            tick(nextBlock++);
        }
    }
};

class ManualPacer final : public Pacer {
public:
    // Each stream starts a second after the last one's origin.
    static constexpr std::int64_t kStreamSpacingNs = 1'000'000'000;

    explicit ManualPacer(ManualClock& clock) : m_clock(clock) {}

    std::int64_t start(std::int64_t periodNs, Tick tick) override
    {
        m_clock.tick = std::move(tick);
        m_clock.running = true;
        m_clock.nextBlock = 0;
        m_clock.periodNs = periodNs;
        ++m_clock.starts;
        m_clock.originNs += kStreamSpacingNs;
        return m_clock.originNs;
    }
    void stop() override
    {
        m_clock.running = false;
        m_clock.tick = nullptr;
    }
    [[nodiscard]] std::uint64_t lateTicks() const override { return m_clock.lateTicks; }

private:
    ManualClock& m_clock;
};

} // namespace confab::audio::test
