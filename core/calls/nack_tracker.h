#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace confab::calls {

// The receiving side of audio retransmission (docs/PROTOCOL.md, "Lost audio
// asked for again"): notices audio frames that are overdue and says which
// ones to ask the sender for, while an answer can still be played.
//
// On a LAN the round trip is far shorter than a frame, so a frame that is
// asked for as soon as it is overdue comes back before the jitter buffer
// needs it. A frame is overdue when it has not arrived a little (the slack)
// after the frame before it was due - not only when a later frame shows the
// gap - so two or three lost in a row are each asked for within one frame.
// Frames are told apart by timestamp (48 kHz samples, wrapping), one frame
// length apart.
//
// A pure class: times are passed in, nothing is sent. Memory is bounded: at
// most kMaxPending frames are tracked.
class NackTracker {
public:
    static constexpr std::size_t kMaxPending = 32;
    // At most this many timestamps in one request (the datagram's limit).
    static constexpr std::size_t kMaxPerRequest = 16;
    // Each missing frame is asked for at most this often.
    static constexpr int kMaxRequests = 2;
    // After the newest frame, at most this many overdue frames are asked
    // for before another one arrives: the sender may simply have gone
    // quiet (Opus DTX sends nothing in silence).
    static constexpr int kMaxAheadFrames = 2;
    // A jump of more than this many frames is a silence or a restart of the
    // sender's clock, not loss.
    static constexpr std::int64_t kMaxGapFrames = 8;

    explicit NackTracker(std::uint32_t frameSamples);

    // An audio frame arrived: an original, or a copy (an answer to a
    // request, or an earlier frame carried in a later one's datagram).
    void onFrame(std::uint32_t timestamp, bool marker, bool copy, std::int64_t nowNs);
    // Timestamps to ask for now: newly overdue frames and requests whose
    // answer is overdue too. Empty when there is nothing to ask.
    [[nodiscard]] std::vector<std::uint32_t> due(std::int64_t nowNs);
    // When due() next has something to say, if ever without another arrival.
    [[nodiscard]] std::optional<std::int64_t> nextDueNs() const;

    // The measured round trip; answers are awaited this long plus the slack.
    void setRoundTripNs(std::int64_t ns) { m_roundTripNs = ns; }
    // How long a frame may arrive after it was due and still be played.
    void setHorizonNs(std::int64_t ns) { m_horizonNs = ns; }

    struct Stats {
        std::uint64_t framesRequested = 0; // first requests
        std::uint64_t requestsRepeated = 0;
        std::uint64_t framesAnswered = 0; // copies of frames asked for that arrived
        std::uint64_t framesGivenUp = 0;  // past the horizon, never came
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }
    [[nodiscard]] std::int64_t slackNs() const;

private:
    struct Pending {
        std::int64_t position = 0; // unwrapped timestamp
        std::int64_t dueNs = 0;    // when the frame should have arrived
        std::int64_t askedNs = 0;  // when it was last asked for
        int requests = 0;
    };

    [[nodiscard]] std::int64_t unwrap(std::uint32_t timestamp) const;
    [[nodiscard]] std::int64_t dueOf(std::int64_t position) const;
    [[nodiscard]] bool isPending(std::int64_t position) const;
    void addPending(std::int64_t position);
    void forget(std::int64_t position);
    void updateJitter(std::int64_t position, std::int64_t nowNs);

    const std::int64_t m_frameSamples;
    const std::int64_t m_frameNs;
    std::int64_t m_roundTripNs = 0;
    std::int64_t m_horizonNs;

    bool m_started = false;
    std::int64_t m_newest = 0;     // unwrapped timestamp of the newest frame
    std::int64_t m_aheadAsked = 0; // frames after the newest already asked for
    // Arrival grid: arrival time minus media time, smoothed (the transit).
    std::optional<std::int64_t> m_transitNs;
    double m_jitterNs = 0;

    std::vector<Pending> m_pending;
    Stats m_stats;
};

} // namespace confab::calls
