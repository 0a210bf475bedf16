#include "realtime_pacer.h"

#include <cerrno>
#include <ctime>
#include <pthread.h>
#include <sched.h>

namespace confab::audio {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
// Low among real-time priorities: above every normal thread, below the
// sound server and the kernel's threads.
constexpr int kFifoPriority = 10;

timespec toTimespec(std::int64_t ns)
{
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ns / kNsPerSecond);
    ts.tv_nsec = static_cast<long>(ns % kNsPerSecond);
    return ts;
}

void sleepUntil(std::int64_t deadlineNs)
{
    const timespec deadline = toTimespec(deadlineNs);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
    }
}

} // namespace

RealtimePacer::~RealtimePacer()
{
    stop();
}

std::int64_t RealtimePacer::start(std::int64_t periodNs, Tick tick)
{
    stop();
    m_tick = std::move(tick);
    m_stop.store(false);
    m_lateTicks.store(0);
    const std::int64_t origin = monotonicNowNs();
    m_thread = std::thread([this, origin, periodNs] { run(origin, periodNs); });
    return origin;
}

void RealtimePacer::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    m_stop.store(true);
    m_thread.join();
}

void RealtimePacer::run(std::int64_t originNs, std::int64_t periodNs)
{
    sched_param param{};
    param.sched_priority = kFifoPriority;
    // Refused without CAP_SYS_NICE or an RLIMIT_RTPRIO; normal priority still works.
    (void)pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);

    for (std::uint64_t block = 0; !m_stop.load(std::memory_order_relaxed); ++block) {
        const std::int64_t deadline = originNs + static_cast<std::int64_t>(block + 1) * periodNs;
        sleepUntil(deadline);
        if (m_stop.load(std::memory_order_relaxed)) {
            break;
        }
        if (monotonicNowNs() - deadline > periodNs) {
            m_lateTicks.fetch_add(1, std::memory_order_relaxed);
        }
        m_tick(block);
    }
}

} // namespace confab::audio
