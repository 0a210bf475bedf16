// The receiving side of retransmission with scripted arrivals: when frames
// are asked for, how often, and when the tracker stops asking.
#include "calls/nack_tracker.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <vector>

using confab::calls::NackTracker;

namespace {

constexpr std::uint32_t kFrame = 480; // 10 ms
constexpr std::int64_t kMs = 1'000'000;
constexpr std::uint32_t kStart = 0xfffff000; // wraps during the tests

std::uint32_t ts(int frame)
{
    return kStart + static_cast<std::uint32_t>(frame) * kFrame;
}

// Frames 0..count-1 arrive exactly on time, 10 ms apart, from t = 0.
void steady(NackTracker& tracker, int count)
{
    for (int i = 0; i < count; ++i) {
        tracker.onFrame(ts(i), i == 0, false, kMs * 10 * i);
        EXPECT_TRUE(tracker.due(kMs * 10 * i).empty()) << "frame " << i;
    }
}

} // namespace

TEST(NackTracker, FramesThatArriveOnTimeAreNeverAskedFor)
{
    NackTracker tracker(kFrame);
    steady(tracker, 50);
    EXPECT_EQ(tracker.stats().framesRequested, 0U);
}

TEST(NackTracker, AnOverdueFrameIsAskedForOnceTheSlackHasPassed)
{
    NackTracker tracker(kFrame);
    steady(tracker, 20); // frame 19 at 190 ms; frame 20 is due at 200 ms
    const std::int64_t slack = tracker.slackNs();
    ASSERT_TRUE(tracker.nextDueNs().has_value());
    EXPECT_EQ(*tracker.nextDueNs(), 200 * kMs + slack);
    EXPECT_TRUE(tracker.due(200 * kMs + slack - 1).empty());
    EXPECT_EQ(tracker.due(200 * kMs + slack), std::vector<std::uint32_t>{ts(20)});
    EXPECT_EQ(tracker.stats().framesRequested, 1U);
}

TEST(NackTracker, ThreeLostInARowAreEachAskedForWithinAFrame)
{
    NackTracker tracker(kFrame);
    tracker.setRoundTripNs(50 * kMs); // no repeated requests in this test
    steady(tracker, 20);
    const std::int64_t slack = tracker.slackNs();
    // Frames 20 and 21 are asked for as they fall due, without waiting for
    // a later frame to show the gap.
    EXPECT_EQ(tracker.due(200 * kMs + slack), std::vector<std::uint32_t>{ts(20)});
    EXPECT_EQ(tracker.due(210 * kMs + slack), std::vector<std::uint32_t>{ts(21)});
    // Then the tracker stops guessing (the sender may have gone quiet)...
    EXPECT_TRUE(tracker.due(220 * kMs + slack).empty());
    // ...until frame 23 shows that 22 is missing too.
    tracker.onFrame(ts(23), false, false, 230 * kMs);
    EXPECT_EQ(tracker.due(230 * kMs), std::vector<std::uint32_t>{ts(22)});
    EXPECT_EQ(tracker.stats().framesRequested, 3U);
}

TEST(NackTracker, AnUnansweredRequestIsRepeatedAfterTheRoundTripThenGivenUp)
{
    NackTracker tracker(kFrame);
    tracker.setRoundTripNs(1 * kMs);
    tracker.setHorizonNs(40 * kMs);
    steady(tracker, 20);
    const std::int64_t slack = tracker.slackNs();
    tracker.onFrame(ts(21), false, false, 210 * kMs); // 20 is missing
    EXPECT_EQ(tracker.due(210 * kMs), std::vector<std::uint32_t>{ts(20)});
    EXPECT_TRUE(tracker.due(210 * kMs + 1 * kMs + slack - 1).empty());
    EXPECT_EQ(tracker.due(210 * kMs + 1 * kMs + slack), std::vector<std::uint32_t>{ts(20)});
    EXPECT_EQ(tracker.stats().requestsRepeated, 1U);
    // A peer that never answers: no third request, and past the horizon the
    // frame is forgotten.
    for (int i = 22; i < 30; ++i) {
        tracker.onFrame(ts(i), false, false, kMs * 10 * i);
        for (const std::uint32_t asked : tracker.due(kMs * 10 * i)) {
            EXPECT_NE(asked, ts(20));
        }
    }
    EXPECT_EQ(tracker.stats().framesGivenUp, 1U);
    EXPECT_EQ(tracker.stats().framesRequested, 1U);
}

TEST(NackTracker, AnAnswerEndsTheRequestAndATwiceArrivingFrameChangesNothing)
{
    NackTracker tracker(kFrame);
    tracker.setRoundTripNs(1 * kMs);
    steady(tracker, 20);
    tracker.onFrame(ts(21), false, false, 210 * kMs);
    EXPECT_EQ(tracker.due(210 * kMs), std::vector<std::uint32_t>{ts(20)});
    tracker.onFrame(ts(20), false, true, 211 * kMs);
    tracker.onFrame(ts(20), false, true, 212 * kMs);  // answered twice
    tracker.onFrame(ts(20), false, false, 213 * kMs); // and the original came late too
    EXPECT_EQ(tracker.stats().framesAnswered, 1U);
    const auto later = tracker.due(216 * kMs);
    EXPECT_EQ(std::find(later.begin(), later.end(), ts(20)), later.end());
    EXPECT_EQ(tracker.stats().requestsRepeated, 0U);
}

TEST(NackTracker, ALateAnswerTimesNothingAndALateOriginalCancelsTheRequest)
{
    NackTracker tracker(kFrame);
    steady(tracker, 20);
    const std::int64_t slack = tracker.slackNs();
    tracker.onFrame(ts(21), false, false, 210 * kMs);
    // The original of 20 arrives before anyone asked: reordered, not lost.
    tracker.onFrame(ts(20), false, false, 210 * kMs + 100);
    EXPECT_TRUE(tracker.due(210 * kMs + slack).empty());
    // An answer to nothing (a frame that was never asked for) is ignored, and
    // retransmissions never move the arrival grid.
    const std::optional<std::int64_t> due = tracker.nextDueNs();
    tracker.onFrame(ts(25), false, true, 400 * kMs);
    EXPECT_EQ(tracker.stats().framesAnswered, 0U);
    EXPECT_EQ(tracker.nextDueNs(), due);
}

TEST(NackTracker, ASilenceIsNotLossAndTheFramesGuessedBeforeItAreDropped)
{
    NackTracker tracker(kFrame);
    tracker.setHorizonNs(1000 * kMs);
    tracker.setRoundTripNs(1000 * kMs); // no repeated requests in this test
    steady(tracker, 20);
    const std::int64_t slack = tracker.slackNs();
    EXPECT_EQ(tracker.due(200 * kMs + slack).size(), 1U);
    EXPECT_EQ(tracker.due(210 * kMs + slack).size(), 1U);
    // Half a second later the sender talks again, with the marker.
    tracker.onFrame(ts(70), true, false, 700 * kMs);
    EXPECT_TRUE(tracker.due(700 * kMs).empty());
    EXPECT_EQ(tracker.stats().framesRequested, 2U);
    // The same jump without a marker is too long for loss: the frame with
    // the marker was lost, and only it is asked for.
    tracker.onFrame(ts(120), false, false, 1200 * kMs);
    EXPECT_EQ(tracker.due(1200 * kMs), std::vector<std::uint32_t>{ts(119)});
}

TEST(NackTracker, ASmallJumpWithoutMarkerAsksForEveryFrameInIt)
{
    NackTracker tracker(kFrame);
    tracker.setHorizonNs(1000 * kMs);
    steady(tracker, 20);
    tracker.onFrame(ts(20 + NackTracker::kMaxGapFrames), false, false,
                    (20 + NackTracker::kMaxGapFrames) * 10 * kMs);
    const auto asked = tracker.due((20 + NackTracker::kMaxGapFrames) * 10 * kMs);
    ASSERT_EQ(asked.size(), static_cast<std::size_t>(NackTracker::kMaxGapFrames));
    EXPECT_EQ(asked.front(), ts(20));
    EXPECT_EQ(asked.back(), ts(19 + NackTracker::kMaxGapFrames));
}

TEST(NackTracker, JitteryArrivalsWidenTheSlack)
{
    NackTracker steadyTracker(kFrame);
    steady(steadyTracker, 100);
    NackTracker jittery(kFrame);
    for (int i = 0; i < 100; ++i) {
        jittery.onFrame(ts(i), i == 0, false, kMs * 10 * i + (i % 2 == 0 ? 0 : 6 * kMs));
    }
    EXPECT_GT(jittery.slackNs(), steadyTracker.slackNs());
    EXPECT_GE(jittery.slackNs(), 6 * kMs);
}

TEST(NackTracker, NoMoreThanThePendingLimitIsTracked)
{
    NackTracker tracker(kFrame);
    tracker.setHorizonNs(100'000 * kMs);
    steady(tracker, 2);
    // Gaps of kMaxGapFrames, over and over, with no answers.
    int frame = 1;
    for (int round = 0; round < 20; ++round) {
        frame += NackTracker::kMaxGapFrames + 1;
        tracker.onFrame(ts(frame), false, false, kMs * 10 * frame);
        EXPECT_LE(tracker.due(kMs * 10 * frame).size(), NackTracker::kMaxPerRequest);
    }
    const NackTracker::Stats& stats = tracker.stats();
    EXPECT_GT(stats.framesRequested, NackTracker::kMaxPending);
    EXPECT_GE(stats.framesGivenUp, stats.framesRequested - NackTracker::kMaxPending);
}

TEST(NackTracker, AFrameFoundMissingTooLateToBePlayedIsNotAskedFor)
{
    NackTracker tracker(kFrame);
    tracker.setHorizonNs(30 * kMs);
    steady(tracker, 20);
    // Frame 24 shows 20..23 missing at 245 ms; 20 and 21 were due for
    // playback by then (due + 30 ms), 22 and 23 can still make it.
    tracker.onFrame(ts(24), false, false, 245 * kMs);
    EXPECT_EQ(tracker.due(245 * kMs), (std::vector<std::uint32_t>{ts(22), ts(23)}));
    EXPECT_EQ(tracker.stats().framesGivenUp, 2U);
}
