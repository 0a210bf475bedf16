#include "qt_clock.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace confab::net {
namespace {

class QtTimer : public Timer {
public:
    explicit QtTimer(std::function<void()> onTimeout)
    {
        // Precise: coarse timers may fire up to 5 % early, and a script that
        // waits 150 ms must not be answered after 143.
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, std::move(onTimeout));
    }

    void start(std::int64_t delayMs) override { run(delayMs, true); }
    void startRepeating(std::int64_t intervalMs) override { run(intervalMs, false); }
    void stop() override { m_timer.stop(); }
    [[nodiscard]] bool isActive() const override { return m_timer.isActive(); }

private:
    void run(std::int64_t ms, bool once)
    {
        m_timer.setSingleShot(once);
        // QTimer takes an int; a day is far beyond any timeout of ours.
        m_timer.start(static_cast<int>(std::clamp<std::int64_t>(ms, 0, std::numeric_limits<int>::max())));
    }

    QTimer m_timer;
};

} // namespace

QtClock::QtClock()
{
    m_monotonic.start();
}

std::int64_t QtClock::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::int64_t QtClock::monotonicMs() const
{
    return m_monotonic.elapsed();
}

std::unique_ptr<Timer> QtClock::createTimer(std::function<void()> onTimeout)
{
    return std::make_unique<QtTimer>(std::move(onTimeout));
}

} // namespace confab::net
