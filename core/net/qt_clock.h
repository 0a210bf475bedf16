#pragma once

#include "base/clock.h"

#include <QElapsedTimer>

namespace confab::net {

// The production clock: the system's wall clock, a monotonic clock, and
// timers on the Qt event loop of the thread that creates them.
class QtClock : public Clock {
public:
    QtClock();

    [[nodiscard]] std::int64_t wallMs() const override;
    [[nodiscard]] std::int64_t monotonicMs() const override;
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> onTimeout) override;

private:
    QElapsedTimer m_monotonic;
};

} // namespace confab::net
