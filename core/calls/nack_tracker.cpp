#include "nack_tracker.h"

#include <algorithm>
#include <cstdlib>

namespace confab::calls {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
// Media time of 48 kHz samples in ns is samples * 62500 / 3.
constexpr std::int64_t kNsPerSampleNumerator = 62'500;
constexpr std::int64_t kNsPerSampleDenominator = 3;
// The slack before a frame counts as overdue: a few times the arrival
// jitter, and never less than this.
constexpr std::int64_t kMinSlackNs = 2 * kNsPerMs;
constexpr double kSlackJitters = 3.0;
// A transit that jumps by more than this is a new timeline (a sender that
// restarted, a stalled network): start measuring afresh.
constexpr std::int64_t kTransitResetNs = 200 * kNsPerMs;
// Without a measured playout delay, answers are awaited this many frames.
constexpr std::int64_t kDefaultHorizonFrames = 4;

std::int64_t mediaNs(std::int64_t samples)
{
    return samples * kNsPerSampleNumerator / kNsPerSampleDenominator;
}

} // namespace

NackTracker::NackTracker(std::uint32_t frameSamples)
    : m_frameSamples(frameSamples), m_frameNs(mediaNs(frameSamples)),
      m_horizonNs(kDefaultHorizonFrames * m_frameNs)
{
    m_pending.reserve(kMaxPending);
}

void NackTracker::onFrame(std::uint32_t timestamp, bool marker, bool copy, std::int64_t nowNs)
{
    if (!m_started) {
        if (copy) {
            return; // nothing was asked for yet
        }
        m_started = true;
        m_newest = timestamp;
        m_aheadAsked = 0;
        updateJitter(m_newest, nowNs);
        return;
    }
    const std::int64_t position = unwrap(timestamp);
    if (copy) {
        if (isPending(position)) {
            ++m_stats.framesAnswered;
            forget(position);
        }
        return; // copies come late by design: they say nothing about timing
    }
    forget(position); // it came after all (reordered, or late)
    updateJitter(position, nowNs);
    if (position <= m_newest) {
        return;
    }
    const std::int64_t gapFrames = (position - m_newest) / m_frameSamples - 1;
    const bool aligned = (position - m_newest) % m_frameSamples == 0;
    if (marker || gapFrames > kMaxGapFrames || !aligned) {
        // The sender went quiet (or its clock jumped): nothing in between was sent.
        std::erase_if(m_pending,
                      [&](const Pending& p) { return p.position > m_newest && p.position < position; });
        if (!marker && aligned) {
            // A talk spurt without its first frame: the one with the marker
            // was lost. Without it the receiver cannot tell the silence
            // from loss, so it is worth asking for.
            addPending(position - m_frameSamples);
        }
    } else {
        for (std::int64_t k = m_aheadAsked + 1; k <= gapFrames; ++k) {
            addPending(m_newest + k * m_frameSamples);
        }
    }
    m_newest = position;
    m_aheadAsked = 0;
}

std::vector<std::uint32_t> NackTracker::due(std::int64_t nowNs)
{
    std::vector<std::uint32_t> ask;
    if (!m_started) {
        return ask;
    }
    const std::int64_t slack = slackNs();
    while (m_aheadAsked < kMaxAheadFrames) {
        const std::int64_t position = m_newest + (m_aheadAsked + 1) * m_frameSamples;
        if (nowNs < dueOf(position) + slack) {
            break;
        }
        addPending(position);
        ++m_aheadAsked;
    }
    std::erase_if(m_pending, [&](const Pending& p) {
        const bool expired = nowNs > p.dueNs + m_horizonNs;
        m_stats.framesGivenUp += expired ? 1 : 0;
        return expired;
    });
    for (Pending& pending : m_pending) {
        if (ask.size() == kMaxPerRequest) {
            break;
        }
        const bool first = pending.requests == 0 && nowNs >= pending.dueNs + slack;
        const bool repeat = pending.requests > 0 && pending.requests < kMaxRequests &&
                            nowNs >= pending.askedNs + m_roundTripNs + slack;
        if (!first && !repeat) {
            continue;
        }
        ++(first ? m_stats.framesRequested : m_stats.requestsRepeated);
        ++pending.requests;
        pending.askedNs = nowNs;
        ask.push_back(static_cast<std::uint32_t>(pending.position));
    }
    return ask;
}

std::optional<std::int64_t> NackTracker::nextDueNs() const
{
    if (!m_started) {
        return std::nullopt;
    }
    const std::int64_t slack = slackNs();
    std::optional<std::int64_t> next;
    const auto consider = [&next](std::int64_t at) { next = next ? std::min(*next, at) : at; };
    if (m_aheadAsked < kMaxAheadFrames) {
        consider(dueOf(m_newest + (m_aheadAsked + 1) * m_frameSamples) + slack);
    }
    for (const Pending& pending : m_pending) {
        if (pending.requests == 0) {
            consider(pending.dueNs + slack);
        } else if (pending.requests < kMaxRequests) {
            consider(pending.askedNs + m_roundTripNs + slack);
        }
    }
    return next;
}

std::int64_t NackTracker::slackNs() const
{
    return std::max(kMinSlackNs, static_cast<std::int64_t>(kSlackJitters * m_jitterNs));
}

std::int64_t NackTracker::unwrap(std::uint32_t timestamp) const
{
    const auto delta = static_cast<std::int32_t>(timestamp - static_cast<std::uint32_t>(m_newest));
    return m_newest + delta;
}

std::int64_t NackTracker::dueOf(std::int64_t position) const
{
    return mediaNs(position) + m_transitNs.value_or(0);
}

bool NackTracker::isPending(std::int64_t position) const
{
    return std::any_of(m_pending.begin(), m_pending.end(),
                       [position](const Pending& p) { return p.position == position; });
}

void NackTracker::addPending(std::int64_t position)
{
    if (isPending(position)) {
        return;
    }
    if (m_pending.size() == kMaxPending) {
        m_pending.erase(m_pending.begin()); // the oldest has the least time left anyway
        ++m_stats.framesGivenUp;
    }
    m_pending.push_back(Pending{position, dueOf(position), 0, 0});
}

void NackTracker::forget(std::int64_t position)
{
    std::erase_if(m_pending, [position](const Pending& p) { return p.position == position; });
}

void NackTracker::updateJitter(std::int64_t position, std::int64_t nowNs)
{
    const std::int64_t transit = nowNs - mediaNs(position);
    if (!m_transitNs || std::llabs(transit - *m_transitNs) > kTransitResetNs) {
        m_transitNs = transit;
        m_jitterNs = 0;
        return;
    }
    // RFC 3550's estimator, around a transit that follows the arrivals slowly
    // (the two sound cards' clocks drift apart).
    const std::int64_t deviation = transit - *m_transitNs;
    m_jitterNs += (static_cast<double>(std::llabs(deviation)) - m_jitterNs) / 16.0;
    *m_transitNs += deviation / 16;
}

} // namespace confab::calls
