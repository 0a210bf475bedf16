#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace confab::test {

// Runs the event loop until `done()` holds or `timeoutMs` passes, and returns
// the final value of `done()`. Waits on events rather than sleeping, so a
// test takes as long as the behaviour it checks and no longer; a predicate
// that asks another thread (no event arrives here) is looked at again at
// least every kRecheckMs.
inline constexpr int kRecheckMs = 10;
// The limit only catches a hang: far longer than anything takes even on a
// loaded machine, so a busy machine makes a test slower, never red.
inline constexpr int kPatienceMs = 60000;

template <typename Predicate> bool waitUntil(Predicate&& done, int timeoutMs = kPatienceMs)
{
    const QDeadlineTimer deadline(timeoutMs, Qt::PreciseTimer);
    // Wakes the blocking wait below at the deadline even if nothing else
    // happens. Re-armed if it fires early, so the wait can never block on an
    // empty event queue past the deadline.
    QTimer wake;
    wake.setSingleShot(true);
    wake.setTimerType(Qt::PreciseTimer);
    while (!done()) {
        if (deadline.hasExpired()) {
            return done();
        }
        if (!wake.isActive()) {
            wake.start(std::clamp<int>(static_cast<int>(deadline.remainingTime()), 1, kRecheckMs));
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        // deleteLater() outside a running loop would otherwise wait until the end.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

// Runs the event loop for `ms` whatever happens: for checking that something
// does NOT happen (a link that must stay up, a retry that must not come yet).
inline void spinFor(int ms)
{
    waitUntil([] { return false; }, ms);
}

} // namespace confab::test
