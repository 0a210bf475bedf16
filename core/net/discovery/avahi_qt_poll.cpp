#include "avahi_qt_poll.h"

#include <QSocketNotifier>
#include <QTimer>

#include <avahi-common/timeval.h>

// Opaque to libavahi; defined here as the adapter's state.
struct AvahiWatch {
    int fd = -1;
    AvahiWatchEvent events = static_cast<AvahiWatchEvent>(0);
    AvahiWatchEvent lastEvent = static_cast<AvahiWatchEvent>(0);
    AvahiWatchCallback callback = nullptr;
    void* userdata = nullptr;
    QSocketNotifier* read = nullptr;
    QSocketNotifier* write = nullptr;
};

struct AvahiTimeout {
    QTimer* timer = nullptr;
    AvahiTimeoutCallback callback = nullptr;
    void* userdata = nullptr;
};

namespace confab::net {
namespace {

void fire(AvahiWatch* watch, AvahiWatchEvent event)
{
    watch->lastEvent = event;
    // The callback may free the watch: nothing touches it afterwards.
    watch->callback(watch, watch->fd, event, watch->userdata);
}

void watchUpdate(AvahiWatch* watch, AvahiWatchEvent events)
{
    watch->events = events;
    watch->read->setEnabled((events & AVAHI_WATCH_IN) != 0);
    watch->write->setEnabled((events & AVAHI_WATCH_OUT) != 0);
}

AvahiWatch* watchNew(const AvahiPoll*, int fd, AvahiWatchEvent events, AvahiWatchCallback callback,
                     void* userdata)
{
    auto* watch = new AvahiWatch;
    watch->fd = fd;
    watch->callback = callback;
    watch->userdata = userdata;
    watch->read = new QSocketNotifier(fd, QSocketNotifier::Read);
    watch->write = new QSocketNotifier(fd, QSocketNotifier::Write);
    QObject::connect(watch->read, &QSocketNotifier::activated, watch->read,
                     [watch] { fire(watch, AVAHI_WATCH_IN); });
    QObject::connect(watch->write, &QSocketNotifier::activated, watch->write,
                     [watch] { fire(watch, AVAHI_WATCH_OUT); });
    watchUpdate(watch, events);
    return watch;
}

AvahiWatchEvent watchGetEvents(AvahiWatch* watch)
{
    return watch->lastEvent;
}

void watchFree(AvahiWatch* watch)
{
    // Possibly called from inside the notifier's own signal: delete later.
    for (QSocketNotifier* notifier : {watch->read, watch->write}) {
        notifier->setEnabled(false);
        notifier->disconnect();
        notifier->deleteLater();
    }
    delete watch;
}

void timeoutUpdate(AvahiTimeout* timeout, const struct timeval* tv)
{
    if (tv == nullptr) {
        timeout->timer->stop();
        return;
    }
    // avahi_age is positive for the past: a deadline in the future is negative.
    const AvahiUsec age = avahi_age(tv);
    const AvahiUsec waitMs = age >= 0 ? 0 : (-age + 999) / 1000;
    timeout->timer->start(static_cast<int>(std::min<AvahiUsec>(waitMs, 24LL * 3600 * 1000)));
}

AvahiTimeout* timeoutNew(const AvahiPoll*, const struct timeval* tv, AvahiTimeoutCallback callback,
                         void* userdata)
{
    auto* timeout = new AvahiTimeout;
    timeout->callback = callback;
    timeout->userdata = userdata;
    timeout->timer = new QTimer;
    timeout->timer->setSingleShot(true);
    QObject::connect(timeout->timer, &QTimer::timeout, timeout->timer,
                     [timeout] { timeout->callback(timeout, timeout->userdata); });
    timeoutUpdate(timeout, tv);
    return timeout;
}

void timeoutFree(AvahiTimeout* timeout)
{
    timeout->timer->stop();
    timeout->timer->disconnect();
    timeout->timer->deleteLater();
    delete timeout;
}

} // namespace

AvahiQtPoll::AvahiQtPoll()
{
    m_poll.userdata = this;
    m_poll.watch_new = watchNew;
    m_poll.watch_update = watchUpdate;
    m_poll.watch_get_events = watchGetEvents;
    m_poll.watch_free = watchFree;
    m_poll.timeout_new = timeoutNew;
    m_poll.timeout_update = timeoutUpdate;
    m_poll.timeout_free = timeoutFree;
}

} // namespace confab::net
