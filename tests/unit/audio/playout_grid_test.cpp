#include "audio/audio_format.h"
#include "audio/playout_grid.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <gtest/gtest.h>
#include <vector>

namespace confab::audio {
namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1000 * kMs;
constexpr std::int64_t kBlockNs = 10 * kMs;
constexpr std::int64_t kGuardNs = PlayoutGrid::kDecodeGuardNs;
// Scripted streams start here: any time is as good as another.
constexpr std::int64_t kStartNs = 5 * kSecond;

// When a device calls back, one time per block of kBlockFrames.
using Callbacks = std::vector<std::int64_t>;

// A device with a clock of its own: every `periodNs`.
Callbacks regular(std::size_t blocks, std::int64_t periodNs = kBlockNs)
{
    Callbacks times(blocks);
    for (std::size_t k = 0; k < blocks; ++k) {
        times[k] = kStartNs + static_cast<std::int64_t>(k + 1) * periodNs;
    }
    return times;
}

// A sound server running its graph in quanta of `quantum` frames: the
// callback for block k runs at the end of the quantum in which the block is
// complete. PipeWire at 256 frames: seven callbacks 10.67 ms apart, then one
// 5.33 ms after the last. From block `shiftAt` on, the server has one
// quantum more buffered: every callback comes a quantum earlier than the
// rhythm so far.
Callbacks quanta(std::size_t blocks, std::uint64_t quantum, std::size_t shiftAt = SIZE_MAX)
{
    Callbacks times(blocks);
    for (std::size_t k = 0; k < blocks; ++k) {
        const std::uint64_t shift = k >= shiftAt ? quantum : 0;
        const std::uint64_t frames = (k + 1) * kBlockFrames - shift;
        const std::uint64_t count = (frames + quantum - 1) / quantum;
        times[k] = kStartNs + static_cast<std::int64_t>(count * quantum * 1'000'000'000 / kSampleRate);
    }
    return times;
}

// Block `at` comes `lateNs` late; the blocks due meanwhile come right after
// it, back to back, as a device catches up after its thread stalled.
Callbacks stalledOnce(Callbacks times, std::size_t at, std::int64_t lateNs)
{
    const std::int64_t resumed = times[at] + lateNs;
    for (std::size_t k = at; k < times.size() && times[k] < resumed; ++k) {
        times[k] = resumed;
    }
    return times;
}

struct Playout {
    std::vector<std::size_t> underruns; // the callbacks that found no audio queued
    // For each decoded frame: how long it waited between its decode and the
    // callback that began playing it. The first callback is left out: it
    // plays the block of silence queued before the device starts.
    std::vector<std::int64_t> waitsNs;
    std::vector<std::int64_t> waitTimesNs; // when each of those callbacks came

    [[nodiscard]] std::int64_t longestWaitAfter(std::int64_t timeNs) const
    {
        std::int64_t longest = 0;
        for (std::size_t i = 0; i < waitsNs.size(); ++i) {
            if (waitTimesNs[i] >= timeNs) {
                longest = std::max(longest, waitsNs[i]);
            }
        }
        return longest;
    }
    [[nodiscard]] std::int64_t shortestWait() const
    {
        return *std::min_element(waitsNs.begin(), waitsNs.end());
    }
};

// The voice engine's playout, step by step: the device callback takes one
// block from the playback queue and tells the grid; the worker decodes one
// frame of `frameFrames` whenever PlayoutGrid::decodeDueNs says so, waking
// `wakeLateNs` after the moment it asked for (a busy machine's scheduler),
// or when a callback wakes it. Decoding takes no time; a decode at the very
// moment of a callback counts as too late for it.
Playout play(const Callbacks& callbacks, std::size_t frameFrames = kBlockFrames, std::int64_t wakeLateNs = 0)
{
    struct Frame {
        std::int64_t decodedNs = 0;
        std::size_t left = 0; // frames not played yet
        bool started = false;
    };
    std::deque<Frame> queue;
    std::size_t queued = kBlockFrames;
    queue.push_back(Frame{0, kBlockFrames, true}); // the silence queued at start
    PlayoutGrid grid;
    std::int64_t nextCallbackNs = 0;
    std::int64_t lastCallbackNs = 0;
    Playout result;
    for (std::size_t k = 0; k < callbacks.size(); ++k) {
        const std::int64_t now = callbacks[k];
        if (nextCallbackNs != 0) {
            // The worker, between the last callback and this one.
            std::int64_t awakeNs = lastCallbackNs + wakeLateNs; // woken by the last callback
            for (;;) {
                const std::int64_t due = PlayoutGrid::decodeDueNs(nextCallbackNs, queued, kBlockFrames);
                const std::int64_t decodeNs = due <= awakeNs ? awakeNs : due + wakeLateNs;
                if (decodeNs >= now) {
                    break;
                }
                awakeNs = decodeNs;
                queue.push_back(Frame{decodeNs, frameFrames, false});
                queued += frameFrames;
            }
        }
        // The callback.
        if (queued < kBlockFrames) {
            result.underruns.push_back(k);
            queue.clear();
            queued = 0;
        } else {
            std::size_t take = kBlockFrames;
            while (take > 0) {
                Frame& frame = queue.front();
                if (!frame.started) {
                    frame.started = true;
                    result.waitsNs.push_back(now - frame.decodedNs);
                    result.waitTimesNs.push_back(now);
                }
                const std::size_t used = std::min(take, frame.left);
                frame.left -= used;
                take -= used;
                queued -= used;
                if (frame.left == 0) {
                    queue.pop_front();
                }
            }
        }
        nextCallbackNs = grid.onCallback(now, kBlockFrames);
        lastCallbackNs = now;
    }
    return result;
}

class PlayoutGridTest : public ::testing::TestWithParam<std::size_t> {
protected:
    [[nodiscard]] static std::size_t frameFrames() { return GetParam(); }
};

TEST_P(PlayoutGridTest, ARegularDeviceFindsEveryBlockDecodedJustInTime)
{
    const Playout playout = play(regular(1000), frameFrames());
    EXPECT_EQ(playout.underruns.size(), 0U);
    // Each frame is decoded the guard before the callback that starts it,
    // no earlier: the queue adds no delay beyond that.
    EXPECT_EQ(playout.shortestWait(), kGuardNs);
    EXPECT_EQ(playout.longestWaitAfter(0), kGuardNs);
}

TEST_P(PlayoutGridTest, QuantumBurstsFindAudioQueued)
{
    // PipeWire at 256 frames, and larger quanta that call back two or
    // more times back to back.
    for (const std::uint64_t quantum : {256U, 512U, 1024U, 2048U}) {
        const Callbacks times = quanta(1000, quantum);
        const Playout playout = play(times, frameFrames());
        // Only the first burst can find nothing: one block of silence is
        // queued before the device starts, and nothing says how many
        // callbacks come back to back until they do.
        for (const std::size_t k : playout.underruns) {
            EXPECT_EQ(times[k], times[0]) << "quantum " << quantum << ", callback " << k;
        }
        EXPECT_GE(playout.shortestWait(), kGuardNs) << "quantum " << quantum;
        // Only as much is queued as the bursts take: beyond the guard, at
        // most one quantum and one block ahead of the callback.
        const auto quantumNs = static_cast<std::int64_t>(quantum * 1'000'000'000 / kSampleRate);
        EXPECT_LE(playout.longestWaitAfter(kStartNs + kSecond), kGuardNs + quantumNs + kBlockNs)
            << "quantum " << quantum;
    }
}

// PipeWire at 256 frames now and then moves its rhythm a quantum earlier
// (seen at the start of streams and mid-call): the callback after the shift
// comes 5.3 ms before any grid point so far. It must still find its audio
// queued, with the guard left for the worker's wake-up.
TEST_P(PlayoutGridTest, CallbacksAQuantumEarlierThanEverBeforeFindAudioQueued)
{
    const Callbacks shifted = quanta(1000, 256, 150);
    ASSERT_LT(shifted[151], quanta(1000, 256)[151] - 5 * kMs) << "the script shifts the rhythm";

    const Playout punctual = play(shifted, frameFrames());
    EXPECT_EQ(punctual.underruns.size(), 0U);
    // The earliest any frame was decoded ahead of its callback: the guard,
    // less a fraction of a millisecond at the shift.
    EXPECT_GE(punctual.shortestWait(), kGuardNs - kMs / 2);

    // A worker that always wakes 2 ms late still makes it.
    EXPECT_EQ(play(shifted, frameFrames(), 2 * kMs).underruns.size(), 0U);
}

// A device whose thread stalled once for 35 ms catches up with back-to-back
// callbacks. Those find nothing queued (the audio cannot be decoded
// between callbacks that come at the same moment); from the next one on,
// audio is queued again, and the extra delay the stall caused is gone
// within two seconds.
TEST_P(PlayoutGridTest, ALateCallbackCostsDelayForAMomentOnly)
{
    const Callbacks times = stalledOnce(regular(1000), 300, 35 * kMs);
    const Playout playout = play(times, frameFrames());
    ASSERT_EQ(times[302], times[300]) << "the script catches up back to back";
    ASSERT_LT(times[303], times[302] + kBlockNs);
    for (const std::size_t k : playout.underruns) {
        EXPECT_TRUE(k == 301 || k == 302) << "callback " << k << " found nothing queued";
    }
    EXPECT_EQ(playout.longestWaitAfter(times[300] + 2 * kSecond), kGuardNs);
}

// Sound-card clocks differ from ours; ±0.5 % is far beyond real ones.
TEST_P(PlayoutGridTest, ADriftingDeviceClockFindsAudioQueuedWithoutGrowingDelay)
{
    for (const std::int64_t periodNs : {kBlockNs * 995 / 1000, kBlockNs * 1005 / 1000}) {
        const Playout playout = play(regular(6000, periodNs), frameFrames());
        EXPECT_EQ(playout.underruns.size(), 0U) << "period " << periodNs;
        EXPECT_GE(playout.shortestWait(), kGuardNs - kMs / 10) << "period " << periodNs;
        // Once the grid follows the device's clock, a frame waits at most
        // a few milliseconds more than the guard.
        EXPECT_LE(playout.longestWaitAfter(kStartNs + 30 * kSecond), kGuardNs + 4 * kMs)
            << "period " << periodNs;
    }
}

INSTANTIATE_TEST_SUITE_P(FrameLength, PlayoutGridTest, ::testing::Values(kBlockFrames, 2 * kBlockFrames),
                         [](const ::testing::TestParamInfo<std::size_t>& param) {
                             return std::to_string(param.param * 1000 / kSampleRate) + "msFrames";
                         });

TEST(PlayoutGridRhythmTest, TheNextCallbackIsExpectedOneBlockAfterTheLastOnARegularDevice)
{
    PlayoutGrid grid;
    for (std::int64_t k = 1; k <= 100; ++k) {
        EXPECT_EQ(grid.onCallback(kStartNs + k * kBlockNs, kBlockFrames), kStartNs + (k + 1) * kBlockNs);
    }
    EXPECT_EQ(grid.wanderNs(), 0);
}

TEST(PlayoutGridRhythmTest, BurstsAreMeasuredAsWander)
{
    PlayoutGrid grid;
    for (const std::int64_t now : quanta(200, 256)) {
        (void)grid.onCallback(now, kBlockFrames);
    }
    // The seventh callback of each cycle comes 4.67 ms after its grid point.
    EXPECT_GT(grid.wanderNs(), 4 * kMs);
    EXPECT_LT(grid.wanderNs(), 5 * kMs);
}

TEST(PlayoutGridRhythmTest, ResetForgetsTheRhythm)
{
    PlayoutGrid grid;
    for (const std::int64_t now : quanta(200, 256)) {
        (void)grid.onCallback(now, kBlockFrames);
    }
    grid.reset();
    EXPECT_EQ(grid.wanderNs(), 0);
    EXPECT_EQ(grid.onCallback(kStartNs, kBlockFrames), kStartNs + kBlockNs);
}

TEST(PlayoutGridRhythmTest, DecodeIsDueAGuardBeforeTheFirstCallbackTheQueueDoesNotCover)
{
    const std::int64_t next = kStartNs;
    EXPECT_EQ(PlayoutGrid::decodeDueNs(next, 0, kBlockFrames), next - kGuardNs);
    EXPECT_EQ(PlayoutGrid::decodeDueNs(next, kBlockFrames - 1, kBlockFrames), next - kGuardNs);
    EXPECT_EQ(PlayoutGrid::decodeDueNs(next, kBlockFrames, kBlockFrames), next + kBlockNs - kGuardNs);
    EXPECT_EQ(PlayoutGrid::decodeDueNs(next, 3 * kBlockFrames, kBlockFrames), next + 3 * kBlockNs - kGuardNs);
}

} // namespace
} // namespace confab::audio
