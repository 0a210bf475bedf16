#include "jitter_buffer.h"

#include "audio_format.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace confab::audio {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kNsPerSecond = 1'000'000'000;

// The delay is set so that all but this share of recent frames arrive before
// their pull: the rest stall playout briefly, which grows the delay anyway.
constexpr double kLowQuantile = 0.02;
// Margins of this much recent time decide the delay.
constexpr std::int64_t kMarginWindowNs = 3 * kNsPerSecond;
constexpr std::size_t kMinMarginWindow = 32;
// No delay adjustments until this many margins have been seen.
constexpr std::size_t kMinMarginSamples = 8;
// Kept on top of the margin percentile: the worker's pulls wobble by this much.
constexpr std::int64_t kSafetyNs = 1 * kNsPerMs;
// Shrinking: the delay must exceed the target by a frame plus this slack...
constexpr std::int64_t kHysteresisNs = 2 * kNsPerMs;
// ...for this long before a quiet frame is dropped, this long before any
// frame is, and only this long when the excess is kFastShrinkFrames or more.
constexpr std::int64_t kShrinkWaitNs = 500 * kNsPerMs;
constexpr std::int64_t kShrinkForceNs = 2 * kNsPerSecond;
constexpr std::int64_t kFastShrinkWaitNs = 100 * kNsPerMs;
constexpr std::int64_t kFastShrinkFrames = 4;
// Clock drift: the median margin of each second is a point on the trend;
// a line through the last JitterBuffer::kDriftBlocks of them (at least
// kMinDriftBlocks, spanning kMinDriftSpanNs) gives the rate, believed up to
// kMaxDriftRate (1 %: far beyond real sound cards).
constexpr std::int64_t kDriftBlockNs = kNsPerSecond;
constexpr std::size_t kMinDriftBlockSamples = 5;
constexpr std::size_t kMinDriftBlocks = 3;
constexpr double kMinDriftSpanNs = 2.0 * kNsPerSecond;
constexpr double kMaxDriftRate = 0.01;
// A late frame's demand on the delay holds for this long.
constexpr std::int64_t kPeakHoldNs = 3 * kNsPerSecond;
// After a loss, keep one extra frame of margin (for FEC) for this long.
constexpr std::int64_t kLossMemoryNs = 5 * kNsPerSecond;
// Time constant of the loss percentage.
constexpr std::int64_t kLossAverageNs = 5 * kNsPerSecond;
// A stall plays PLC this long (Opus fades it out naturally), then silence.
constexpr std::int64_t kStallConcealNs = 100 * kNsPerMs;
// Pulls older than this say nothing about when the next one comes.
constexpr std::int64_t kStalePullNs = kNsPerSecond;
// This many frames in a row outside the window, with nothing buffered, mean
// the sender restarted its clock: follow it.
constexpr std::uint64_t kRestartAfterOutside = 50;
// Frames this far behind playout are remembered as played (duplicates).
constexpr std::int64_t kHistoryFrames = 64;
// Frames at most this small, or half the average size, count as quiet.
constexpr std::size_t kQuietBytes = 8;

// Sample counts to nanoseconds without overflowing for any unwrapped timestamp.
std::int64_t samplesToNs(std::int64_t samples)
{
    const std::int64_t seconds = samples / kSampleRate;
    const std::int64_t rest = samples % kSampleRate;
    return seconds * kNsPerSecond + rest * kNsPerSecond / kSampleRate;
}

// 2.5 ms to 120 ms: what Opus can put in one packet.
std::uint32_t frameSamplesOf(const JitterBufferConfig& config)
{
    return std::clamp<std::uint32_t>(config.frameSamples, 120, 5760);
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b)
{
    return (a + b - 1) / b;
}

} // namespace

JitterBuffer::JitterBuffer(const JitterBufferConfig& config)
    : m_frameNs(samplesToNs(frameSamplesOf(config))),
      m_maxDelayNs(std::max<std::int64_t>(std::int64_t{config.maxDelayMs} * kNsPerMs, 2 * m_frameNs)),
      m_minDelayNs(std::max<std::int64_t>(std::int64_t{config.minDelayMs} * kNsPerMs, 0)),
      m_frameSamples(frameSamplesOf(config)), m_slots(static_cast<std::size_t>(m_maxDelayNs / m_frameNs) + 4),
      m_margins(std::max(kMinMarginWindow, static_cast<std::size_t>(kMarginWindowNs / m_frameNs))),
      m_window(m_margins.size()), m_scratch(m_margins.size()),
      m_blockValues(2 * static_cast<std::size_t>(kDriftBlockNs / m_frameNs) + 1)
{
}

void JitterBuffer::reset()
{
    clearSlots();
    m_playout = {};
    m_pulls = {};
    m_stall = {};
    m_marginStats = {};
    m_delay = {};
    m_drift = {};
    m_loss = {};
    m_arrivals = {};
    m_stats = {};
}

void JitterBuffer::clearSlots()
{
    for (Slot& slot : m_slots) {
        slot.used = false;
    }
    m_buffered = 0;
}

JitterBuffer::InsertResult JitterBuffer::insert(std::uint32_t timestamp, bool marker,
                                                std::span<const std::uint8_t> payload, std::int64_t arrivalNs,
                                                FrameOrigin origin)
{
    const bool copy = origin != FrameOrigin::Original;
    if (payload.empty() || payload.size() > kMaxOpusPacketBytes) {
        ++m_stats.framesDiscarded;
        return InsertResult::Discarded;
    }
    const auto frame = static_cast<std::int64_t>(m_frameSamples);
    const auto cap = static_cast<std::int64_t>(m_slots.size());
    const auto offsetOf = [this](std::uint32_t ts) {
        return static_cast<std::int64_t>(
            static_cast<std::int32_t>(ts - static_cast<std::uint32_t>(m_playout.position)));
    };

    if (!m_playout.anchored) {
        anchor(timestamp, std::nullopt, arrivalNs);
    } else {
        const std::int64_t offset = offsetOf(timestamp);
        const bool aligned = offset % frame == 0;
        // First frame after a gap, nothing left to play: start the talk spurt
        // afresh at the target delay. Also a sender that restarted its clock.
        if (marker && m_buffered == 0 && (offset > 0 || !aligned || offset < -kHistoryFrames * frame)) {
            resolveHold(true);
            anchor(timestamp,
                   aligned && offset > 0 ? std::optional(m_playout.position + offset) : std::nullopt,
                   arrivalNs);
        }
    }

    std::int64_t offset = offsetOf(timestamp);
    const bool outside = offset % frame != 0 || offset >= cap * frame || offset < -kHistoryFrames * frame;
    if (outside) {
        ++m_stats.framesDiscarded;
        if (++m_playout.outOfWindow < kRestartAfterOutside || m_buffered != 0) {
            return InsertResult::Discarded;
        }
        // Many frames in a row that fit nowhere and nothing else arriving:
        // the sender's timestamps jumped. Follow them rather than go silent.
        --m_stats.framesDiscarded;
        resolveHold(false);
        anchor(timestamp, std::nullopt, arrivalNs);
        offset = offsetOf(timestamp);
    }
    m_playout.outOfWindow = 0;
    const std::int64_t position = m_playout.position + offset;

    if (offset < 0) {
        const auto back = static_cast<unsigned>(-offset / frame - 1);
        if (((m_playout.history >> back) & 1U) != 0) {
            m_stats.framesDuplicate += origin == FrameOrigin::Redundant ? 0 : 1;
            return InsertResult::Duplicate;
        }
        if (origin == FrameOrigin::Redundant) {
            return InsertResult::Late; // a copy too late to help: what redundancy is like
        }
        ++m_stats.framesLate;
        if (!copy) {
            recordArrival(position, arrivalNs);
        }
        return InsertResult::Late;
    }
    if (find(position) != nullptr) {
        m_stats.framesDuplicate += origin == FrameOrigin::Redundant ? 0 : 1;
        return InsertResult::Duplicate;
    }
    store(position, marker, origin, payload);
    ++m_stats.framesReceived;
    if (!copy) {
        recordArrival(position, arrivalNs);
    }
    return InsertResult::Accepted;
}

PlayoutDecision JitterBuffer::next(std::int64_t nowNs)
{
    m_pulls.lastNs = nowNs;
    m_pulls.seen = true;
    if (!m_playout.anchored) {
        ++m_stats.framesSilence;
        return decide(PlayoutDecision::Action::Silence, 0, nullptr);
    }
    updateTargets(nowNs);

    // Each pull normally moves one frame; a stall or an inserted frame moves
    // none (later frames get one frame more margin), a drop moves two.
    std::int64_t advanced = 0;
    const auto finish = [this, &advanced](PlayoutDecision decision) {
        m_delay.shiftNs += (1 - advanced) * m_frameNs;
        return decision;
    };

    // A stall ends as soon as frames show up. If the missing frame is still
    // missing, frames behind it made it through: it was lost, and the PLC
    // already played during the stall stands in for it (and for as many
    // lost frames after it as the stall lasted).
    if (m_stall.pulls > 0 && m_buffered > 0) {
        // Frames of a new talk spurt ended it: it was the sender's silence,
        // even when they arrived out of order (a first frame, with the
        // marker, that came back by retransmission after the next one).
        const bool silence = dtxGapEnd().has_value();
        if (!silence && find(m_playout.position) == nullptr) {
            const std::optional<std::int64_t> first = firstBufferedAfter(m_playout.position);
            const std::int64_t gap =
                first ? (*first - m_playout.position) / static_cast<std::int64_t>(m_frameSamples) : 0;
            const std::int64_t skip = std::min(static_cast<std::int64_t>(m_stall.pulls), gap);
            for (std::int64_t i = 0; i < skip; ++i) {
                advance(false);
                ++advanced;
            }
            noteLoss(nowNs, static_cast<std::uint64_t>(skip));
        }
        resolveHold(silence);
    }

    const bool controlling = m_stall.pulls == 0 && m_marginStats.valid >= kMinMarginSamples;
    if (const std::optional<std::int64_t> spurt = dtxGapEnd()) {
        // Silence the sender chose (Opus DTX), not loss: the next frame
        // buffered starts a new talk spurt. The gap plays as silence, and
        // skipping some of it sheds any delay beyond the target for free.
        m_delay.excessSinceNs.reset();
        if (controlling) {
            while (m_playout.position + static_cast<std::int64_t>(m_frameSamples) < *spurt &&
                   m_delay.shiftNs - advanced * m_frameNs - m_delay.idealShiftNs >
                       m_frameNs + kHysteresisNs) {
                advance(false);
                ++advanced;
            }
        }
        ++m_stats.framesSilence;
        const PlayoutDecision decision =
            decide(PlayoutDecision::Action::Silence, m_playout.position, nullptr);
        advance(false);
        ++advanced;
        return finish(decision);
    }
    if (controlling) {
        const std::int64_t excess = m_delay.shiftNs - m_delay.idealShiftNs;
        if (excess > m_frameNs + kHysteresisNs) {
            if (!m_delay.excessSinceNs) {
                m_delay.excessSinceNs = nowNs;
            }
            const bool fast = excess > kFastShrinkFrames * m_frameNs;
            const std::int64_t waited = nowNs - *m_delay.excessSinceNs;
            Slot* current = find(m_playout.position);
            const bool nextThere = find(m_playout.position + m_frameSamples) != nullptr;
            const bool mayDrop = fast ? waited >= kFastShrinkWaitNs
                                      : waited >= kShrinkForceNs || (waited >= kShrinkWaitNs &&
                                                                     (current == nullptr || quiet(*current)));
            if (nextThere && mayDrop) {
                if (current != nullptr) {
                    release(*current);
                    ++m_stats.framesDropped;
                    advance(true);
                } else {
                    // The frame due is missing anyway: skipping it costs nothing.
                    noteLoss(nowNs, 1);
                    advance(false);
                }
                ++advanced;
                m_delay.excessSinceNs = nowNs;
            }
        } else {
            m_delay.excessSinceNs.reset();
            if (excess < 0 && find(m_playout.position) != nullptr) {
                // Recent frames arrive (nearly) too late: one PLC frame now
                // gives every later frame a frame's more margin.
                ++m_stats.framesInserted;
                return finish(decide(PlayoutDecision::Action::Conceal, m_playout.position, nullptr));
            }
        }
    }

    if (Slot* slot = find(m_playout.position)) {
        ++m_stats.framesPlayed;
        const bool copy = slot->origin != FrameOrigin::Original;
        if (copy) {
            // Lost on the way and played from a copy: loss all the same, and
            // the margin that let the copy arrive in time stays.
            ++(slot->origin == FrameOrigin::Retransmitted ? m_stats.framesRecoveredRetransmit
                                                          : m_stats.framesRecoveredRedundancy);
            m_loss.seen = true;
            m_loss.lastNs = nowNs;
        }
        noteExpectedFrame(copy);
        const PlayoutDecision decision = decide(PlayoutDecision::Action::Decode, m_playout.position, slot);
        release(*slot); // the bytes stay in place until the next insert()
        advance(true);
        ++advanced;
        return finish(decision);
    }
    if (m_playout.position < m_playout.silenceUntil) {
        ++m_stats.framesSilence;
        const PlayoutDecision decision =
            decide(PlayoutDecision::Action::Silence, m_playout.position, nullptr);
        advance(false);
        ++advanced;
        return finish(decision);
    }
    if (m_buffered > 0) {
        // Frames behind this one arrived, this one did not: lost.
        noteLoss(nowNs, 1);
        PlayoutDecision decision;
        if (const Slot* following = find(m_playout.position + m_frameSamples)) {
            ++m_stats.framesRecoveredFec;
            decision = decide(PlayoutDecision::Action::DecodeFec, m_playout.position, following);
        } else {
            ++m_stats.framesConcealed;
            decision = decide(PlayoutDecision::Action::Conceal, m_playout.position, nullptr);
        }
        advance(false);
        ++advanced;
        return finish(decision);
    }
    // Nothing at all to play: late frame, lost frames or a DTX gap - which
    // one shows when something arrives. Stall: conceal without moving on.
    ++m_stall.pulls;
    if (static_cast<std::int64_t>(m_stall.pulls) * m_frameNs <= kStallConcealNs || m_stall.pulls <= 2) {
        ++m_stall.concealed;
        return finish(decide(PlayoutDecision::Action::Conceal, m_playout.position, nullptr));
    }
    ++m_stall.silent;
    return finish(decide(PlayoutDecision::Action::Silence, m_playout.position, nullptr));
}

void JitterBuffer::playoutSlipped(std::int64_t ns)
{
    if (!m_pulls.seen || ns <= 0) {
        return; // nothing played yet: no timing to correct
    }
    m_pulls.lastNs += ns;
    m_delay.shiftNs += ns;
}

JitterBufferStats JitterBuffer::stats() const
{
    JitterBufferStats stats = m_stats;
    stats.jitterMs = m_arrivals.jitterNs / static_cast<double>(kNsPerMs);
    if (m_marginStats.valid > 0) {
        // A stall's growth is not delay yet: it turns into delay if the frame
        // turns up, and into nothing when the gap was silence.
        const std::int64_t shift = m_delay.shiftNs - static_cast<std::int64_t>(m_stall.pulls) * m_frameNs;
        stats.delayMs = static_cast<double>(std::max<std::int64_t>(shift + m_marginStats.medianNs, 0)) /
                        static_cast<double>(kNsPerMs);
        stats.targetDelayMs =
            static_cast<double>(std::max<std::int64_t>(m_delay.idealShiftNs + m_marginStats.medianNs, 0)) /
            static_cast<double>(kNsPerMs);
    }
    stats.lossPercent = m_loss.weight > 0 ? m_loss.average / m_loss.weight * 100.0 : 0.0;
    stats.clockDriftPpm = m_drift.rate * 1e6;
    stats.bufferedFrames = m_buffered;
    return stats;
}

std::size_t JitterBuffer::slotIndex(std::int64_t position) const
{
    const auto frames =
        static_cast<std::uint64_t>((position - m_playout.origin) / static_cast<std::int64_t>(m_frameSamples));
    return static_cast<std::size_t>(frames % m_slots.size());
}

JitterBuffer::Slot* JitterBuffer::find(std::int64_t position)
{
    return const_cast<Slot*>(std::as_const(*this).find(position));
}

const JitterBuffer::Slot* JitterBuffer::find(std::int64_t position) const
{
    if (position < m_playout.origin) {
        return nullptr;
    }
    const Slot& slot = m_slots[slotIndex(position)];
    return slot.used && slot.position == position ? &slot : nullptr;
}

std::optional<std::int64_t> JitterBuffer::firstBufferedAfter(std::int64_t position) const
{
    for (std::size_t k = 1; k < m_slots.size(); ++k) {
        const std::int64_t candidate = position + static_cast<std::int64_t>(k * m_frameSamples);
        if (find(candidate) != nullptr) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> JitterBuffer::dtxGapEnd() const
{
    if (m_buffered == 0 || m_playout.position < m_playout.silenceUntil ||
        find(m_playout.position) != nullptr) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> following = firstBufferedAfter(m_playout.position);
    if (!following || !find(*following)->marker) {
        return std::nullopt;
    }
    return following;
}

bool JitterBuffer::quiet(const Slot& slot) const
{
    return slot.size <= kQuietBytes || 2.0 * slot.size <= m_arrivals.averageSize;
}

void JitterBuffer::store(std::int64_t position, bool marker, FrameOrigin origin,
                         std::span<const std::uint8_t> payload)
{
    Slot& slot = m_slots[slotIndex(position)];
    if (slot.used) {
        // A frame a whole window older still sitting here cannot be played any more.
        release(slot);
    }
    slot.used = true;
    slot.marker = marker;
    slot.origin = origin;
    slot.position = position;
    slot.size = static_cast<std::uint16_t>(payload.size());
    std::copy(payload.begin(), payload.end(), slot.data.begin());
    ++m_buffered;
    const auto size = static_cast<double>(payload.size());
    m_arrivals.averageSize =
        m_arrivals.averageSize == 0 ? size : m_arrivals.averageSize + (size - m_arrivals.averageSize) / 32.0;
}

void JitterBuffer::release(Slot& slot)
{
    slot.used = false;
    --m_buffered;
}

void JitterBuffer::anchor(std::uint32_t timestamp, std::optional<std::int64_t> sameStreamPosition,
                          std::int64_t arrivalNs)
{
    clearSlots();

    // Without pulls to go by, the first pull comes whenever the device
    // starts: play this frame then.
    const bool pullsRunning = m_pulls.seen && std::abs(arrivalNs - m_pulls.lastNs) < kStalePullNs;
    const std::int64_t baseMargin = pullsRunning ? m_pulls.lastNs + m_frameNs - arrivalNs : 0;
    const std::int64_t position = sameStreamPosition.value_or(static_cast<std::int64_t>(timestamp));
    const bool haveStats = m_marginStats.valid >= kMinMarginSamples;

    // This frame's stored margin. On the same media clock it follows from
    // the old anchor, so margins (and the drift seen in them) stay
    // comparable across a silence; a new clock is taken as typical.
    std::int64_t stored = haveStats ? m_marginStats.medianNs : 0;
    if (sameStreamPosition && m_playout.anchored && pullsRunning) {
        stored = baseMargin + samplesToNs(position - m_playout.position) - m_delay.shiftNs;
    } else {
        m_drift = {};
        m_arrivals.haveTransit = false;
    }
    // The smallest shift on the frame grid that meets the target.
    const std::int64_t ideal = haveStats ? m_delay.idealShiftNs : requiredMarginNs(arrivalNs) - stored;
    std::int64_t frames =
        pullsRunning ? std::max<std::int64_t>(0, ceilDiv(ideal + stored - baseMargin, m_frameNs)) : 0;
    frames = std::min(frames, m_maxDelayNs / m_frameNs);

    const std::int64_t start = position - frames * static_cast<std::int64_t>(m_frameSamples);
    m_playout = Playout{.anchored = true, .position = start, .origin = start, .silenceUntil = position};
    m_stall = {};
    m_delay.shiftNs = baseMargin + frames * m_frameNs - stored;
    m_delay.excessSinceNs.reset();
}

void JitterBuffer::recordArrival(std::int64_t position, std::int64_t arrivalNs)
{
    updateJitter(position, arrivalNs);
    if (!m_pulls.seen || std::abs(arrivalNs - m_pulls.lastNs) >= kStalePullNs) {
        return; // no pulls to measure the margin against
    }
    const std::int64_t margin =
        m_pulls.lastNs + m_frameNs + samplesToNs(position - m_playout.position) - arrivalNs;
    const std::int64_t stored = margin - m_delay.shiftNs;
    m_margins[m_marginStats.next] = Margin{stored, arrivalNs};
    m_marginStats.next = (m_marginStats.next + 1) % m_margins.size();
    m_marginStats.count = std::min(m_marginStats.count + 1, m_margins.size());
    if (margin < 0) {
        // Arrived after its pull: one frame more delay right away, kept for a
        // while (the next spike is likely to come soon). One frame per late
        // frame, so a single straggler does not add its whole lateness.
        const std::int64_t demand =
            std::min(requiredMarginNs(arrivalNs) - stored, m_delay.shiftNs + m_frameNs);
        m_delay.peakShiftNs =
            m_delay.peakUntilNs > arrivalNs ? std::max(m_delay.peakShiftNs, demand) : demand;
        m_delay.peakUntilNs = arrivalNs + kPeakHoldNs;
    }
    addDriftSample(stored, arrivalNs);
}

void JitterBuffer::addDriftSample(std::int64_t stored, std::int64_t arrivalNs)
{
    if (m_drift.collected > 0 && arrivalNs - m_drift.collectStartNs >= kDriftBlockNs) {
        closeDriftBlock();
    }
    if (m_drift.collected == 0) {
        m_drift.collectStartNs = arrivalNs;
        m_drift.collectTimeSum = 0;
    }
    if (m_drift.collected < m_blockValues.size()) {
        m_blockValues[m_drift.collected++] = stored;
        m_drift.collectTimeSum += static_cast<double>(arrivalNs - m_drift.collectStartNs);
    }
}

void JitterBuffer::closeDriftBlock()
{
    const std::size_t count = m_drift.collected;
    m_drift.collected = 0;
    if (count < kMinDriftBlockSamples) {
        return;
    }
    const auto first = m_blockValues.begin();
    const auto middle = first + static_cast<std::ptrdiff_t>(count / 2);
    std::nth_element(first, middle, first + static_cast<std::ptrdiff_t>(count));
    DriftBlock& block = m_drift.blocks[m_drift.blockNext];
    block.timeNs =
        static_cast<double>(m_drift.collectStartNs) + m_drift.collectTimeSum / static_cast<double>(count);
    block.medianNs = static_cast<double>(*middle);
    m_drift.blockNext = (m_drift.blockNext + 1) % m_drift.blocks.size();
    m_drift.blockCount = std::min(m_drift.blockCount + 1, m_drift.blocks.size());

    // Least squares through the block medians (each one already robust to spikes).
    if (m_drift.blockCount < kMinDriftBlocks) {
        return;
    }
    double meanTime = 0;
    double meanValue = 0;
    const double reference = m_drift.blocks[0].timeNs;
    for (std::size_t i = 0; i < m_drift.blockCount; ++i) {
        meanTime += m_drift.blocks[i].timeNs - reference;
        meanValue += m_drift.blocks[i].medianNs;
    }
    const auto n = static_cast<double>(m_drift.blockCount);
    meanTime /= n;
    meanValue /= n;
    double covariance = 0;
    double variance = 0;
    double earliest = 0;
    double latest = 0;
    for (std::size_t i = 0; i < m_drift.blockCount; ++i) {
        const double t = m_drift.blocks[i].timeNs - reference;
        covariance += (t - meanTime) * (m_drift.blocks[i].medianNs - meanValue);
        variance += (t - meanTime) * (t - meanTime);
        earliest = i == 0 ? t : std::min(earliest, t);
        latest = i == 0 ? t : std::max(latest, t);
    }
    if (latest - earliest < kMinDriftSpanNs || variance <= 0) {
        return;
    }
    m_drift.rate = std::clamp(covariance / variance, -kMaxDriftRate, kMaxDriftRate);
}

void JitterBuffer::updateJitter(std::int64_t position, std::int64_t arrivalNs)
{
    // RFC 3550 interarrival jitter: the mean deviation of transit time differences.
    if (!m_arrivals.haveTransit) {
        m_arrivals.transitBase = position;
    }
    const std::int64_t transit = arrivalNs - samplesToNs(position - m_arrivals.transitBase);
    if (m_arrivals.haveTransit) {
        const auto deviation = static_cast<double>(std::abs(transit - m_arrivals.lastTransitNs));
        m_arrivals.jitterNs += (deviation - m_arrivals.jitterNs) / 16.0;
    }
    m_arrivals.haveTransit = true;
    m_arrivals.lastTransitNs = transit;
}

void JitterBuffer::updateTargets(std::int64_t nowNs)
{
    // Only the last few seconds count: a spike before a long silence says
    // little about the next talk spurt. Oldest first.
    std::size_t valid = 0;
    const std::size_t oldest =
        (m_marginStats.next + m_margins.size() - m_marginStats.count) % m_margins.size();
    for (std::size_t i = 0; i < m_marginStats.count; ++i) {
        const Margin& margin = m_margins[(oldest + i) % m_margins.size()];
        if (nowNs - margin.arrivalNs <= kMarginWindowNs) {
            m_window[valid++] = margin;
        }
    }
    m_marginStats.valid = valid;
    if (valid == 0) {
        m_delay.idealShiftNs = m_delay.shiftNs;
        return;
    }

    // Drifting sound-card clocks make margins creep steadily: project every
    // sample to now along that trend, so the window measures jitter around
    // it and not the drift of the last seconds.
    for (std::size_t i = 0; i < valid; ++i) {
        const auto age = static_cast<double>(nowNs - m_window[i].arrivalNs);
        m_scratch[i] = m_window[i].value + static_cast<std::int64_t>(m_drift.rate * age);
    }

    const auto count = static_cast<std::ptrdiff_t>(valid);
    const auto low = static_cast<std::ptrdiff_t>(kLowQuantile * static_cast<double>(count - 1));
    std::nth_element(m_scratch.begin(), m_scratch.begin() + low, m_scratch.begin() + count);
    m_marginStats.lowNs = m_scratch[static_cast<std::size_t>(low)];
    const std::ptrdiff_t middle = count / 2;
    std::nth_element(m_scratch.begin(), m_scratch.begin() + middle, m_scratch.begin() + count);
    m_marginStats.medianNs = m_scratch[static_cast<std::size_t>(middle)];

    std::int64_t ideal = requiredMarginNs(nowNs) - m_marginStats.lowNs;
    if (m_delay.peakUntilNs > nowNs) {
        ideal = std::max(ideal, m_delay.peakShiftNs);
    }
    // Typical delay never past the maximum, whatever the network does.
    m_delay.idealShiftNs = std::min(ideal, m_maxDelayNs - m_marginStats.medianNs);
}

std::int64_t JitterBuffer::requiredMarginNs(std::int64_t nowNs) const
{
    const bool recentLoss = m_loss.seen && nowNs - m_loss.lastNs < kLossMemoryNs;
    return std::max(m_minDelayNs, kSafetyNs) + (recentLoss ? m_frameNs : 0);
}

void JitterBuffer::advance(bool received)
{
    m_playout.history = (m_playout.history << 1U) | (received ? 1U : 0U);
    m_playout.position += m_frameSamples;
}

void JitterBuffer::noteLoss(std::int64_t nowNs, std::uint64_t frames)
{
    if (frames == 0) {
        return;
    }
    m_stats.framesLost += frames;
    m_loss.seen = true;
    m_loss.lastNs = nowNs;
    for (std::uint64_t i = 0; i < frames; ++i) {
        noteExpectedFrame(true);
    }
}

void JitterBuffer::noteExpectedFrame(bool lost)
{
    const double weight = static_cast<double>(m_frameNs) / static_cast<double>(kLossAverageNs);
    m_loss.average += weight * ((lost ? 1.0 : 0.0) - m_loss.average);
    // The same average of a constant 1: dividing by it removes the pull
    // towards the initial zero, so the first seconds read true too.
    m_loss.weight += weight * (1.0 - m_loss.weight);
}

void JitterBuffer::resolveHold(bool asSilence)
{
    if (asSilence) {
        m_stats.framesSilence += m_stall.concealed + m_stall.silent;
    } else {
        m_stats.framesConcealed += m_stall.concealed + m_stall.silent;
    }
    m_stall = {};
}

PlayoutDecision JitterBuffer::decide(PlayoutDecision::Action action, std::int64_t position,
                                     const Slot* payload)
{
    PlayoutDecision decision;
    decision.action = action;
    decision.timestamp = static_cast<std::uint32_t>(position);
    if (payload != nullptr) {
        decision.payload = std::span<const std::uint8_t>(payload->data.data(), payload->size);
    }
    return decision;
}

} // namespace confab::audio
