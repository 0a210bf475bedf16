#include "wake_signal.h"

#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace confab::audio {
namespace {

static_assert(std::atomic<std::uint32_t>::is_always_lock_free && sizeof(std::atomic<std::uint32_t>) == 4,
              "the futex works on the atomic's own 32 bits");

std::uint32_t* futexWord(std::atomic<std::uint32_t>& atomic)
{
    return reinterpret_cast<std::uint32_t*>(&atomic);
}

} // namespace

void WakeSignal::notify() noexcept
{
    // Sequentially consistent on both sides: either the worker sees the new
    // count before sleeping, or this sees it sleeping and wakes it.
    m_count.fetch_add(1, std::memory_order_seq_cst);
    if (m_sleeping.load(std::memory_order_seq_cst) != 0) {
        syscall(SYS_futex, futexWord(m_count), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
    }
}

void WakeSignal::waitUntil(std::uint32_t seen, std::int64_t deadlineNs) noexcept
{
    m_sleeping.store(1, std::memory_order_seq_cst);
    if (m_count.load(std::memory_order_seq_cst) == seen) {
        timespec deadline{};
        deadline.tv_sec = static_cast<time_t>(deadlineNs / 1'000'000'000);
        deadline.tv_nsec = static_cast<long>(deadlineNs % 1'000'000'000);
        // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline; it
        // returns at once if the count moved in the meantime.
        syscall(SYS_futex, futexWord(m_count), FUTEX_WAIT_BITSET_PRIVATE, seen, &deadline, nullptr,
                FUTEX_BITSET_MATCH_ANY);
    }
    m_sleeping.store(0, std::memory_order_seq_cst);
}

} // namespace confab::audio
