#include "signal_watcher.h"

#include <csignal>
#include <sys/signalfd.h>
#include <unistd.h>

namespace confab::app {

namespace {

sigset_t terminationSignals()
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    return mask;
}

} // namespace

void SignalWatcher::blockTerminationSignals()
{
    const sigset_t mask = terminationSignals();
    pthread_sigmask(SIG_BLOCK, &mask, nullptr);
}

SignalWatcher::SignalWatcher(QObject* parent) : QObject(parent)
{
    const sigset_t mask = terminationSignals();
    m_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (m_fd < 0) {
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
        signalfd_siginfo info{};
        while (read(m_fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
            emit terminationRequested(static_cast<int>(info.ssi_signo));
        }
    });
}

SignalWatcher::~SignalWatcher()
{
    m_notifier.reset();
    if (m_fd >= 0) {
        close(m_fd);
    }
}

} // namespace confab::app
