#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace confab::test {

// Runs the event loop until `done()` holds or `timeoutMs` passes, and returns
// the final value of `done()`. Waits on events rather than sleeping, so a
// test takes as long as the behaviour it checks and no longer.
template <typename Predicate>
bool waitUntil(Predicate&& done, int timeoutMs = 5000)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Wakes the blocking wait below at the deadline even if nothing else happens.
    QTimer wake;
    wake.setSingleShot(true);
    wake.start(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            return done();
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
