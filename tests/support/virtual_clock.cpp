#include "virtual_clock.h"

#include <QCoreApplication>

#include <algorithm>

namespace confab::test {

class VirtualTimer final : public Timer {
public:
    VirtualTimer(VirtualClock& clock, std::function<void()> onTimeout)
        : m_clock(clock), m_onTimeout(std::move(onTimeout))
    {
    }
    ~VirtualTimer() override { stop(); }
    VirtualTimer(const VirtualTimer&) = delete;
    VirtualTimer& operator=(const VirtualTimer&) = delete;

    void start(std::int64_t delayMs) override { arm(delayMs, 0); }
    void startRepeating(std::int64_t intervalMs) override
    {
        arm(intervalMs, std::max<std::int64_t>(1, intervalMs));
    }
    void stop() override
    {
        if (m_key) {
            m_clock.disarm(*m_key);
            m_key.reset();
        }
    }
    [[nodiscard]] bool isActive() const override { return m_key.has_value(); }

    // Called by the clock when the deadline has come.
    void fire()
    {
        m_key.reset();
        if (m_intervalMs > 0) {
            m_key = m_clock.arm(this, m_intervalMs); // before the callback, which may stop it
        }
        // A copy: the callback may destroy this timer (and its std::function).
        const std::function<void()> onTimeout = m_onTimeout;
        onTimeout();
    }

private:
    void arm(std::int64_t delayMs, std::int64_t intervalMs)
    {
        stop();
        m_intervalMs = intervalMs;
        m_key = m_clock.arm(this, std::max<std::int64_t>(0, delayMs));
    }

    VirtualClock& m_clock;
    std::function<void()> m_onTimeout;
    std::int64_t m_intervalMs = 0;
    std::optional<VirtualClock::Key> m_key;
};

std::unique_ptr<Timer> VirtualClock::createTimer(std::function<void()> onTimeout)
{
    return std::make_unique<VirtualTimer>(*this, std::move(onTimeout));
}

VirtualClock::Key VirtualClock::arm(VirtualTimer* timer, std::int64_t delayMs)
{
    const Key key{m_nowMs + delayMs, m_armed++};
    m_queue.emplace(key, timer);
    return key;
}

std::optional<std::int64_t> VirtualClock::nextDeadline() const
{
    if (m_queue.empty()) {
        return std::nullopt;
    }
    return m_queue.begin()->first.first;
}

bool VirtualClock::fireNext(std::int64_t limitMs)
{
    if (m_queue.empty() || m_queue.begin()->first.first > limitMs) {
        return false;
    }
    const auto head = m_queue.begin();
    VirtualTimer* timer = head->second;
    m_nowMs = std::max(m_nowMs, head->first.first);
    m_queue.erase(head);
    ++m_fired;
    timer->fire();
    return true;
}

void VirtualClock::advanceTo(std::int64_t ms)
{
    m_nowMs = std::max(m_nowMs, ms);
}

namespace {

// Counts the events the application delivers while it is installed.
class DeliveryCounter : public QObject {
public:
    DeliveryCounter() { QCoreApplication::instance()->installEventFilter(this); }
    [[nodiscard]] std::uint64_t count() const { return m_count; }

protected:
    bool eventFilter(QObject* /*watched*/, QEvent* /*event*/) override
    {
        ++m_count;
        return false;
    }

private:
    std::uint64_t m_count = 0;
};

void drainPostedEvents()
{
    // sendPostedEvents() leaves what is posted while it runs for its next
    // call, so a queued call that queues another (or a deleteLater() from a
    // queued call) would otherwise wait until after the next timer, when
    // virtual time has moved on. Drain until a pass delivers nothing.
    DeliveryCounter delivered;
    std::uint64_t before = 0;
    do {
        before = delivered.count();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    } while (delivered.count() != before);
}

} // namespace

bool runUntil(VirtualClock& clock, const std::function<bool()>& done, std::int64_t maxMs)
{
    const std::int64_t limit = clock.monotonicMs() + maxMs;
    for (;;) {
        drainPostedEvents();
        if (done()) {
            return true;
        }
        if (!clock.fireNext(limit)) {
            clock.advanceTo(limit);
            drainPostedEvents();
            return done();
        }
    }
}

void runFor(VirtualClock& clock, std::int64_t ms)
{
    runUntil(
        clock, [] { return false; }, ms);
}

} // namespace confab::test
