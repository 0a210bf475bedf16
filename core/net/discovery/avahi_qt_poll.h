#pragma once

#include <avahi-common/watch.h>

namespace confab::net {

// Runs libavahi-client on the Qt event loop of the calling thread: watches
// become QSocketNotifiers and timeouts QTimers, so no extra thread is needed.
// Must outlive every Avahi object created with it.
class AvahiQtPoll {
public:
    AvahiQtPoll();
    AvahiQtPoll(const AvahiQtPoll&) = delete;
    AvahiQtPoll& operator=(const AvahiQtPoll&) = delete;

    [[nodiscard]] const AvahiPoll* poll() const { return &m_poll; }

private:
    AvahiPoll m_poll{};
};

} // namespace confab::net
