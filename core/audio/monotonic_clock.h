#pragma once

#include <cstdint>
#include <ctime>

namespace confab::audio {

// CLOCK_MONOTONIC now, in nanoseconds: the clock every audio timestamp uses
// (stream origins, arrival times), so they compare across processes. A vDSO
// call without a system call: safe in a real-time callback.
[[nodiscard]] inline std::int64_t monotonicNowNs() noexcept
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace confab::audio
