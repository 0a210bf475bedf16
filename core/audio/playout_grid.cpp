#include "playout_grid.h"

#include "audio_format.h"

#include <algorithm>

namespace confab::audio {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
// Callbacks later than the grid move it later by at most this much each
// (1 ms per second at 10 ms blocks: a device clock 0.1 % slower than ours)...
constexpr std::int64_t kCreepNs = 10'000;
// ...until none has come on the grid for this long; from then on it follows
// them by this share of their lateness per callback.
constexpr std::int64_t kHoldNs = 4 * kNsPerSecond;
constexpr std::int64_t kFollowShare = 32;
// A callback's lateness counts towards the wander less this much for every
// callback since (1 ms per second at 10 ms blocks).
constexpr std::int64_t kWanderDecayNs = 10'000;

std::int64_t periodNs(std::size_t frames)
{
    return static_cast<std::int64_t>(frames) * kNsPerSecond / kSampleRate;
}

} // namespace

std::int64_t PlayoutGrid::onCallback(std::int64_t nowNs, std::size_t frames) noexcept
{
    const std::int64_t period = periodNs(frames);
    if (!m_started) {
        m_started = true;
        m_gridNs = nowNs;
        m_lastOnGridNs = nowNs;
        return m_gridNs + period;
    }
    const std::int64_t expected = m_gridNs + period;
    const std::int64_t late = nowNs - expected;
    if (late <= kCreepNs) {
        // On the grid, or earlier: the grid moves to this callback.
        m_gridNs = nowNs;
        m_lastOnGridNs = nowNs;
    } else if (nowNs - m_lastOnGridNs < kHoldNs) {
        m_gridNs = expected + kCreepNs;
    } else {
        m_gridNs = expected + std::max(kCreepNs, late / kFollowShare);
    }
    if (m_bucketCallbacks == kWanderBucketCallbacks) {
        m_bucket = (m_bucket + 1) % kWanderBuckets;
        m_lateNs[m_bucket] = 0;
        m_bucketCallbacks = 0;
    }
    ++m_callbacks;
    m_lateNs[m_bucket] = std::max(m_lateNs[m_bucket], nowNs - m_gridNs + kWanderDecayNs * m_callbacks);
    ++m_bucketCallbacks;
    return m_gridNs + period - std::clamp<std::int64_t>(wanderNs(), 0, period);
}

std::int64_t PlayoutGrid::wanderNs() const
{
    const std::int64_t aged =
        *std::max_element(m_lateNs.begin(), m_lateNs.end()) - kWanderDecayNs * m_callbacks;
    return std::max<std::int64_t>(aged, 0);
}

std::int64_t PlayoutGrid::decodeDueNs(std::int64_t nextCallbackNs, std::size_t queuedFrames,
                                      std::size_t blockFrames) noexcept
{
    const auto covered = static_cast<std::int64_t>(queuedFrames / blockFrames);
    return nextCallbackNs + covered * periodNs(blockFrames) - kDecodeGuardNs;
}

} // namespace confab::audio
