#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace confab::audio {

// When a device's next callbacks may come, for just-in-time decoding. A pure
// class: no threads, no clock reads; its inputs are the callback times and
// block sizes, so tests drive it with scripted callbacks.
//
// "The next callback" is not simply the last one plus one block. Sound
// servers run their graph in quanta of their own size and the device's
// callbacks follow them: PipeWire at a quantum of 256 frames calls back seven
// times 10.67 ms apart and then once 5.33 ms after the last; at larger quanta,
// two or more back to back, then a longer gap. The average is always one
// block per block period, so a callback that comes late is owed back later by
// one that comes early. The grid is therefore the earliest time each callback
// could have come, one block period per callback, pulled back by every
// callback that comes earlier still. A late callback leaves the grid where it
// was, so the audio for the next one is ready as if it could come on time,
// and as much audio stays queued as the device's bursts take. The grid moves
// later again only slowly (a device clock a little slower than ours), and
// faster once no callback has come on it for a few seconds (the bursts
// stopped, or the device is much slower than ours).
//
// A sound server also shifts its rhythm now and then (PipeWire does, at the
// start of a stream and now and then mid-call): a callback comes a quantum
// earlier than any grid point so far. How far the callbacks wander behind the
// grid is the measure of that quantum, so the next callback is expected that
// much earlier again (at most one block): on a regular device that is
// nothing, on PipeWire at 256 frames about 4.6 ms. The wander is the largest
// lateness of the last 1.28 s of callbacks, each forgotten slowly (1 ms per
// second) as it ages: bursts renew it every few callbacks, while a one-off
// late callback (a stalled device thread) stops costing delay after 1.28 s.
class PlayoutGrid {
public:
    // Decode this long before the callback that needs the audio: covers the
    // worker's wake-up and the decode itself.
    static constexpr std::int64_t kDecodeGuardNs = 3'000'000;

    // A callback at `nowNs` that moved `frames` frames. Returns the earliest
    // time the next callback may come.
    [[nodiscard]] std::int64_t onCallback(std::int64_t nowNs, std::size_t frames) noexcept;
    // Forgets the rhythm, as for a new stream.
    void reset() noexcept { *this = PlayoutGrid{}; }

    // How far callbacks wander behind the grid now (before the one-block cap).
    [[nodiscard]] std::int64_t wanderNs() const;

    // When to decode more audio: `nextCallbackNs` is what onCallback() last
    // returned, `queuedFrames` the audio already queued for playback. The
    // queued audio covers whole blocks of `blockFrames`; the first callback it
    // does not cover needs new audio, and may come this long after the next
    // callback's earliest time.
    [[nodiscard]] static std::int64_t decodeDueNs(std::int64_t nextCallbackNs, std::size_t queuedFrames,
                                                  std::size_t blockFrames) noexcept;

private:
    bool m_started = false;    // a callback came since the last reset
    std::int64_t m_gridNs = 0; // the grid point of the last callback
    std::int64_t m_lastOnGridNs = 0;
    // The lateness behind the grid of the last kWanderBuckets buckets of
    // kWanderBucketCallbacks callbacks: in each the largest of the lateness
    // plus the decay times the callback's number, so that it ages without
    // being rewritten. m_bucket is being filled.
    static constexpr std::size_t kWanderBuckets = 8;
    static constexpr std::size_t kWanderBucketCallbacks = 16;
    std::array<std::int64_t, kWanderBuckets> m_lateNs{};
    std::size_t m_bucket = 0;
    std::size_t m_bucketCallbacks = 0;
    std::int64_t m_callbacks = 0;
};

} // namespace confab::audio
