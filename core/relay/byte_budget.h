#pragma once

#include <algorithm>
#include <cstdint>

namespace confab::relay {

// A token bucket in bytes: at most `bytesPerSecond` on average, with bursts
// of a quarter second's worth (at least 64 KiB, so a record of a transfer
// connection never waits for a budget that can never hold it). Time comes
// from the caller, so it runs on any clock.
class ByteBudget {
public:
    // Starts full.
    ByteBudget(std::uint64_t bytesPerSecond, std::int64_t nowMs)
        : m_rate(static_cast<double>(bytesPerSecond)), m_burst(burstOf(m_rate)), m_tokens(m_burst),
          m_lastMs(nowMs)
    {
    }

    // Up to `wanted` bytes that may go now, taken from the budget.
    std::uint64_t take(std::uint64_t wanted, std::int64_t nowMs)
    {
        refill(nowMs);
        const auto granted = std::min(wanted, static_cast<std::uint64_t>(m_tokens));
        m_tokens -= static_cast<double>(granted);
        return granted;
    }

    // How long until `bytes` (at most one burst) may go; at least 1 ms.
    [[nodiscard]] std::int64_t msUntil(std::uint64_t bytes, std::int64_t nowMs)
    {
        refill(nowMs);
        const double missing = std::min(static_cast<double>(bytes), m_burst) - m_tokens;
        if (missing <= 0 || m_rate <= 0) {
            return 1;
        }
        return static_cast<std::int64_t>(missing * 1000 / m_rate) + 1;
    }

private:
    static constexpr double kMinBurst = 64.0 * 1024;

    static double burstOf(double rate) { return std::max(rate / 4, kMinBurst); }

    void refill(std::int64_t nowMs)
    {
        if (nowMs > m_lastMs) {
            m_tokens = std::min(m_burst, m_tokens + static_cast<double>(nowMs - m_lastMs) * m_rate / 1000);
        }
        m_lastMs = std::max(m_lastMs, nowMs);
    }

    const double m_rate;
    const double m_burst;
    double m_tokens;
    std::int64_t m_lastMs;
};

} // namespace confab::relay
