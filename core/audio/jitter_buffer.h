#pragma once

#include "voice_frame.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace confab::audio {

struct JitterBufferConfig {
    std::uint32_t frameSamples = 960; // 48 kHz samples per frame (480 = 10 ms, 960 = 20 ms)
    int maxDelayMs = 1000;            // the playout delay never grows past this; sets the capacity
    int minDelayMs = 0;               // floor of the safety margin the buffer keeps
};

// What the voice worker does for the next frame of playback.
struct PlayoutDecision {
    enum class Action {
        Decode,    // decode `payload`, the frame due now
        DecodeFec, // the frame due now is lost: rebuild it from the FEC in `payload` (the next frame)
        Conceal,   // nothing to decode: Opus packet loss concealment
        Silence,   // nothing is being sent (DTX gap, before the first frame): comfort noise or silence
    };
    Action action = Action::Silence;
    std::uint32_t timestamp = 0;           // media time (48 kHz) of the audio to produce
    std::span<const std::uint8_t> payload; // valid until the next insert() or next()
};

struct JitterBufferStats {
    std::uint64_t framesReceived = 0;            // accepted into the buffer
    std::uint64_t framesPlayed = 0;              // Decode decisions
    std::uint64_t framesConcealed = 0;           // lost or late frames made up by PLC
    std::uint64_t framesRecoveredFec = 0;        // lost frames rebuilt from the next frame's FEC
    std::uint64_t framesRecoveredRetransmit = 0; // lost frames played from a retransmission
    std::uint64_t framesRecoveredRedundancy = 0; // lost frames played from a redundant copy
    std::uint64_t framesLost = 0;                // never arrived in time (FEC, PLC or skipped)
    std::uint64_t framesLate = 0;                // arrived after their playout: dropped
    std::uint64_t framesDuplicate = 0;
    std::uint64_t framesDiscarded = 0; // timestamp outside the window, malformed: dropped
    std::uint64_t framesDropped = 0;   // played-out frames skipped to shrink the delay
    std::uint64_t framesInserted = 0;  // PLC frames added to grow the delay
    std::uint64_t framesSilence = 0;   // Silence decisions (DTX gaps, before the first frame)
    double jitterMs = 0;               // RFC 3550 interarrival jitter
    double delayMs = 0;                // typical time a frame waits in the buffer now
    double targetDelayMs = 0;          // what the measured jitter (and loss) call for
    double lossPercent = 0;            // frames lost over the last few seconds
    double clockDriftPpm = 0;          // sender's clock against ours, as margins show it
    std::size_t bufferedFrames = 0;
};

// Reorders incoming Opus frames by timestamp and decides, once per frame
// period, what to play. A pure class: no threads, no clock reads (times are
// passed in), no allocation after construction, so tests drive it with
// scripted arrivals.
//
// Timing model. next() is called once per frame period, at the moment the
// frame must be produced (the device's clock paces it). Each arriving
// frame's margin is measured: how long before its pull it arrived, given the
// pulls so far. The margins of the last few seconds set the delay: it grows
// as soon as frames arrive late (a missing frame with nothing behind it
// stalls playout - PLC without advancing - so a delay spike stretches the
// buffer instead of losing the frames), and shrinks one frame at a time once
// even the earliest-percentile margin exceeds a frame, preferring quiet
// (small) frames. Sound-card clock drift shows up as margins creeping up or
// down, and is absorbed the same way: a dropped frame or an inserted PLC frame.
// When loss is seen, one more frame of margin is kept so that the packet
// after a lost one is there in time to rebuild it from its FEC. A frame with
// the marker bit after a gap (DTX) re-anchors playout at the target delay;
// the gap plays as silence and does not count as loss. When frames from
// before the gap are still waiting as it arrives (a comfort-noise update
// while the delay is longer than the time between updates), the gap still
// plays as silence, and any delay beyond the target is shed by skipping
// part of it. A device that played silence for want of audio reports it
// (playoutSlipped): the slip is delay to shed, not the sender's clock.
//
// A copy of a frame (retransmitted because the receiver asked for it, or
// redundant, carried in a later frame's datagram) is played like any other,
// but it is not timed: it comes late by design, and the delay must not grow
// for it. Playing one counts as loss for the loss figure and keeps the loss
// margin, so that later copies are in time too. A redundant copy of a frame
// already there, or already played, is expected and not counted as a
// duplicate or late.
//
// Memory is bounded: frames more than `capacity()` frames ahead of playout
// are discarded, whatever their timestamps say.
class JitterBuffer {
public:
    enum class InsertResult { Accepted, Duplicate, Late, Discarded };

    explicit JitterBuffer(const JitterBufferConfig& config);

    // `timestamp` is the frame's first sample in 48 kHz units (wraps at 2^32);
    // `arrivalNs` when it arrived, on the clock next() is given.
    InsertResult insert(std::uint32_t timestamp, bool marker, std::span<const std::uint8_t> payload,
                        std::int64_t arrivalNs, FrameOrigin origin = FrameOrigin::Original);
    // The decision for the next frame period, called when its audio is due.
    PlayoutDecision next(std::int64_t nowNs);
    // The device played `ns` of something else (an underrun filled with
    // silence) since the last decision: the next decision comes that much
    // later, and every frame plays that much later. Counted as delay, so it
    // is shed like any other excess rather than read as the sender's clock
    // running fast.
    void playoutSlipped(std::int64_t ns);

    [[nodiscard]] JitterBufferStats stats() const;
    [[nodiscard]] std::uint32_t frameSamples() const { return m_frameSamples; }
    [[nodiscard]] std::size_t capacity() const { return m_slots.size(); }
    [[nodiscard]] std::size_t bufferedFrames() const { return m_buffered; }
    // Forgets every frame and all timing, as for a new stream.
    void reset();

private:
    struct Slot {
        bool used = false;
        bool marker = false;
        FrameOrigin origin = FrameOrigin::Original;
        std::int64_t position = 0; // unwrapped timestamp
        std::uint16_t size = 0;
        std::array<std::uint8_t, kMaxOpusPacketBytes> data{};
    };

    [[nodiscard]] std::size_t slotIndex(std::int64_t position) const;
    [[nodiscard]] Slot* find(std::int64_t position);
    [[nodiscard]] const Slot* find(std::int64_t position) const;
    [[nodiscard]] std::optional<std::int64_t> firstBufferedAfter(std::int64_t position) const;
    [[nodiscard]] bool quiet(const Slot& slot) const;
    [[nodiscard]] std::optional<std::int64_t> dtxGapEnd() const;
    void store(std::int64_t position, bool marker, FrameOrigin origin, std::span<const std::uint8_t> payload);
    void release(Slot& slot);
    void anchor(std::uint32_t timestamp, std::optional<std::int64_t> sameStreamPosition,
                std::int64_t arrivalNs);
    void recordArrival(std::int64_t position, std::int64_t arrivalNs);
    void updateJitter(std::int64_t position, std::int64_t arrivalNs);
    void updateTargets(std::int64_t nowNs);
    void addDriftSample(std::int64_t stored, std::int64_t arrivalNs);
    void closeDriftBlock();
    void advance(bool received);
    void noteLoss(std::int64_t nowNs, std::uint64_t frames);
    void noteExpectedFrame(bool lost);
    void resolveHold(bool asSilence);
    void clearSlots();
    [[nodiscard]] std::int64_t requiredMarginNs(std::int64_t nowNs) const;
    static PlayoutDecision decide(PlayoutDecision::Action action, std::int64_t position, const Slot* payload);

    const std::int64_t m_frameNs;
    const std::int64_t m_maxDelayNs;
    const std::int64_t m_minDelayNs;
    const std::uint32_t m_frameSamples;

    // The state is in parts, each with its starting values as default
    // member initialisers: reset() and the start of a talk spurt assign
    // fresh ones instead of clearing fields one by one.

    std::vector<Slot> m_slots;
    std::size_t m_buffered = 0;

    // Playout position.
    struct Playout {
        bool anchored = false;
        std::int64_t position = 0;     // unwrapped timestamp of the next frame to play
        std::int64_t origin = 0;       // positions are origin + k * frameSamples
        std::int64_t silenceUntil = 0; // positions before this are pre-roll: silence
        std::uint64_t history = 0;     // bit i: frame (i + 1) frames back was received
        std::uint64_t outOfWindow = 0; // consecutive frames outside the window
    };
    Playout m_playout;

    // The decisions so far (pulls).
    struct Pulls {
        bool seen = false;
        std::int64_t lastNs = 0;
    };
    Pulls m_pulls;

    // Pulls stalled on the current position, and what they played.
    struct Stall {
        std::uint64_t pulls = 0;
        std::uint64_t concealed = 0;
        std::uint64_t silent = 0;
    };
    Stall m_stall;

    // Margins: arrival-to-pull time of recent frames, stored minus the shift
    // in force when they arrived, so one frame of stretch or skip moves them
    // all without rewriting the window. The storage is allocated once; the
    // counters and what they give are the part that resets.
    struct Margin {
        std::int64_t value = 0;
        std::int64_t arrivalNs = 0;
    };
    std::vector<Margin> m_margins;
    std::vector<Margin> m_window; // the valid ones, oldest first
    std::vector<std::int64_t> m_scratch;
    struct MarginStats {
        std::size_t count = 0;
        std::size_t next = 0;
        std::size_t valid = 0;     // within the time window at the last pull
        std::int64_t medianNs = 0; // median of the stored margins
        std::int64_t lowNs = 0;    // their low percentile
    };
    MarginStats m_marginStats;

    // The playout delay: how far pulls are shifted from the margins' origin,
    // what they call for, and how long an excess has lasted.
    struct Delay {
        std::int64_t shiftNs = 0;
        std::int64_t idealShiftNs = 0; // shift the recent margins call for
        std::int64_t peakShiftNs = 0;  // a late frame's demand, held for a while
        std::int64_t peakUntilNs = 0;
        std::optional<std::int64_t> excessSinceNs;
    };
    Delay m_delay;

    // Clock drift between the two sound cards, from one median margin per
    // second. The margins of the second being collected are in m_blockValues
    // (allocated once).
    struct DriftBlock {
        double timeNs = 0;
        double medianNs = 0;
    };
    static constexpr std::size_t kDriftBlocks = 10;
    std::vector<std::int64_t> m_blockValues;
    struct DriftEstimate {
        std::size_t collected = 0; // margins in m_blockValues
        std::int64_t collectStartNs = 0;
        double collectTimeSum = 0;
        std::array<DriftBlock, kDriftBlocks> blocks{};
        std::size_t blockCount = 0;
        std::size_t blockNext = 0;
        double rate = 0; // margin change per unit of time (sender's clock against ours)
    };
    DriftEstimate m_drift;

    // Loss over the last few seconds.
    struct LossStats {
        bool seen = false;
        std::int64_t lastNs = 0;
        double average = 0;
        double weight = 0;
    };
    LossStats m_loss;

    // What arrives: transit times (for the interarrival jitter) and sizes.
    struct Arrivals {
        bool haveTransit = false;
        std::int64_t transitBase = 0;
        std::int64_t lastTransitNs = 0;
        double jitterNs = 0;
        double averageSize = 0;
    };
    Arrivals m_arrivals;

    JitterBufferStats m_stats;
};

} // namespace confab::audio
