#include "audio/jitter_buffer.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <gtest/gtest.h>
#include <optional>
#include <random>
#include <vector>

namespace confab::audio {
namespace {

using Action = PlayoutDecision::Action;

constexpr std::int64_t kMs = 1'000'000;

// One packet on the simulated network. Its payload carries `id` (the
// sender's frame number) so the test can tell what was played.
struct Packet {
    std::int64_t arrivalNs = 0;
    std::uint32_t timestamp = 0;
    bool marker = false;
    std::uint32_t id = 0;
    std::size_t size = 60;
    FrameOrigin origin = FrameOrigin::Original;
};

std::vector<std::uint8_t> payloadFor(const Packet& packet)
{
    std::vector<std::uint8_t> bytes(std::max<std::size_t>(packet.size, 4), 0xA5);
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[i] = static_cast<std::uint8_t>(packet.id >> (8 * i));
    }
    return bytes;
}

std::uint32_t idOf(std::span<const std::uint8_t> payload)
{
    std::uint32_t id = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        id |= static_cast<std::uint32_t>(payload[i]) << (8 * i);
    }
    return id;
}

// A sender: frame k carries timestamp first + k * frameSamples, leaves at
// k * period * rate, and reaches the receiver after baseDelay + extraDelay(k),
// unless lost(k).
struct Stream {
    std::uint32_t frameSamples = 960;
    std::uint32_t firstTimestamp = 123456;
    std::size_t frames = 500;
    double senderClock = 1.0; // > 1: the sender's frames come further apart (its clock is slow)
    std::int64_t baseDelayNs = 5 * kMs;
    std::function<std::int64_t(std::size_t)> extraDelay = [](std::size_t) { return std::int64_t{0}; };
    std::function<bool(std::size_t)> lost = [](std::size_t) { return false; };
    std::function<bool(std::size_t)> marker = [](std::size_t k) { return k == 0; };
    std::function<std::size_t(std::size_t)> size = [](std::size_t) { return std::size_t{60}; };

    [[nodiscard]] std::int64_t periodNs() const
    {
        return static_cast<std::int64_t>(frameSamples) * 1'000'000'000 / 48000;
    }

    [[nodiscard]] std::vector<Packet> packets() const
    {
        std::vector<Packet> out;
        for (std::size_t k = 0; k < frames; ++k) {
            if (lost(k)) {
                continue;
            }
            Packet p;
            const auto sent = static_cast<std::int64_t>(static_cast<double>(k) *
                                                        static_cast<double>(periodNs()) * senderClock);
            p.arrivalNs = sent + baseDelayNs + extraDelay(k);
            p.timestamp = firstTimestamp + static_cast<std::uint32_t>(k) * frameSamples;
            p.marker = marker(k);
            p.id = static_cast<std::uint32_t>(k);
            p.size = size(k);
            out.push_back(p);
        }
        return out;
    }
};

struct Pull {
    Action action = Action::Silence;
    std::uint32_t timestamp = 0;
    std::optional<std::uint32_t> id; // frame whose bytes the decision names
    std::int64_t atNs = 0;
};

// Feeds packets in arrival order and pulls once per `pullPeriodNs` from
// `firstPullNs` (the receiver's sound card clock), as the voice worker does.
class Receiver {
public:
    explicit Receiver(std::uint32_t frameSamples, int maxDelayMs = 1000)
        : m_buffer(JitterBufferConfig{frameSamples, maxDelayMs, 0})
    {
    }

    std::vector<Pull> run(std::vector<Packet> packets, std::int64_t firstPullNs, std::int64_t pullPeriodNs,
                          std::size_t pulls,
                          const std::function<void(const Pull&, const JitterBuffer&)>& observe = {})
    {
        const auto at = [firstPullNs, pullPeriodNs](std::size_t j) {
            return firstPullNs + static_cast<std::int64_t>(j) * pullPeriodNs;
        };
        return runAt(std::move(packets), at, pulls, observe);
    }

    // The same with pull j at pullAt(j) (non-decreasing): a worker whose
    // decisions come late or in bursts.
    // `beforePull` runs just before pull j, after the packets that arrived by then.
    std::vector<Pull> runAt(std::vector<Packet> packets,
                            const std::function<std::int64_t(std::size_t)>& pullAt, std::size_t pulls,
                            const std::function<void(const Pull&, const JitterBuffer&)>& observe = {},
                            const std::function<void(std::size_t, JitterBuffer&)>& beforePull = {})
    {
        std::stable_sort(packets.begin(), packets.end(),
                         [](const Packet& a, const Packet& b) { return a.arrivalNs < b.arrivalNs; });
        std::vector<Pull> out;
        std::size_t next = 0;
        for (std::size_t j = 0; j < pulls; ++j) {
            const std::int64_t now = pullAt(j);
            for (; next < packets.size() && packets[next].arrivalNs <= now; ++next) {
                const Packet& p = packets[next];
                const std::vector<std::uint8_t> bytes = payloadFor(p);
                results.push_back(m_buffer.insert(p.timestamp, p.marker, bytes, p.arrivalNs, p.origin));
                maxBuffered = std::max(maxBuffered, m_buffer.bufferedFrames());
            }
            if (beforePull) {
                beforePull(j, m_buffer);
            }
            const PlayoutDecision decision = m_buffer.next(now);
            Pull pull;
            pull.action = decision.action;
            pull.timestamp = decision.timestamp;
            pull.atNs = now;
            if (!decision.payload.empty()) {
                pull.id = idOf(decision.payload);
            }
            out.push_back(pull);
            if (observe) {
                observe(pull, m_buffer);
            }
        }
        return out;
    }

    JitterBuffer& buffer() { return m_buffer; }

    std::vector<JitterBuffer::InsertResult> results;
    std::size_t maxBuffered = 0;

private:
    JitterBuffer m_buffer;
};

std::vector<std::uint32_t> decodedIds(const std::vector<Pull>& pulls)
{
    std::vector<std::uint32_t> ids;
    for (const Pull& p : pulls) {
        if (p.action == Action::Decode) {
            ids.push_back(*p.id);
        }
    }
    return ids;
}

bool strictlyIncreasing(const std::vector<std::uint32_t>& ids)
{
    return std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<>()) == ids.end();
}

TEST(JitterBufferTest, SteadyStreamPlaysEveryFrameInOrderWithinAFrameOfDelay)
{
    Stream stream;
    stream.frames = 500;
    Receiver receiver(stream.frameSamples);
    // Pulls at an arbitrary phase against the sender's frames.
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 520);

    const auto ids = decodedIds(pulls);
    ASSERT_EQ(ids.size(), 500U);
    EXPECT_TRUE(strictlyIncreasing(ids));
    EXPECT_EQ(ids.front(), 0U);
    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesReceived, 500U);
    EXPECT_EQ(stats.framesPlayed, 500U);
    EXPECT_EQ(stats.framesConcealed, 0U);
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_EQ(stats.framesInserted, 0U);
    EXPECT_EQ(stats.framesDropped, 0U);
    // No jitter: a frame waits less than one frame period for its pull.
    EXPECT_LE(stats.delayMs, 20.0);
    EXPECT_LT(stats.jitterMs, 0.01);
    EXPECT_EQ(stats.lossPercent, 0.0);
}

TEST(JitterBufferTest, DecisionTimestampsFollowTheMediaClock)
{
    Stream stream;
    stream.frames = 50;
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 50);
    for (const Pull& p : pulls) {
        if (p.action == Action::Decode) {
            EXPECT_EQ(p.timestamp, stream.firstTimestamp + *p.id * stream.frameSamples);
        }
    }
}

TEST(JitterBufferTest, JitterRaisesTheDelaySoFewFramesMissTheirTurn)
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::int64_t> jitter(0, 30 * kMs);
    Stream stream;
    stream.frames = 3000; // one minute
    std::vector<std::int64_t> delays(stream.frames);
    for (auto& d : delays) {
        d = jitter(rng);
    }
    stream.extraDelay = [&delays](std::size_t k) { return delays[k]; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 3 * kMs, stream.periodNs(), 3040);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
    // Frames that missed their turn (late or concealed) stay rare...
    EXPECT_LT(static_cast<double>(stats.framesLate + stats.framesLost), 0.03 * 3000);
    EXPECT_GE(stats.framesPlayed, 2900U);
    // ...because the delay covers the jitter (30 ms spread), but not much more.
    EXPECT_GE(stats.targetDelayMs, 10.0);
    EXPECT_LE(stats.targetDelayMs, 80.0);
    EXPECT_NEAR(stats.delayMs, stats.targetDelayMs, 45.0);
    // RFC 3550 jitter of a uniform 0..30 ms delay is about 10 ms.
    EXPECT_GT(stats.jitterMs, 5.0);
    EXPECT_LT(stats.jitterMs, 15.0);
}

TEST(JitterBufferTest, RandomLossIsRebuiltFromTheNextFramesFec)
{
    std::mt19937 rng(11);
    std::bernoulli_distribution loss(0.10);
    Stream stream;
    stream.frames = 3000;
    std::vector<bool> lost(stream.frames);
    for (std::size_t k = 1; k < lost.size(); ++k) {
        lost[k] = loss(rng);
    }
    stream.lost = [&lost](std::size_t k) { return lost[k]; };
    std::uniform_int_distribution<std::int64_t> jitter(0, 2 * kMs);
    std::vector<std::int64_t> delays(stream.frames);
    for (auto& d : delays) {
        d = jitter(rng);
    }
    stream.extraDelay = [&delays](std::size_t k) { return delays[k]; };
    const auto sentLost = static_cast<std::size_t>(std::count(lost.begin(), lost.end(), true));

    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 9 * kMs, stream.periodNs(), 3040);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesPlayed, stream.frames - sentLost);
    EXPECT_EQ(stats.framesLate, 0U);
    // The last frame's successor never comes: at most one more loss than sent.
    EXPECT_GE(stats.framesLost, sentLost);
    EXPECT_LE(stats.framesLost, sentLost + 1);
    // With one frame of margin kept after the first loss, nearly every lost
    // frame is rebuilt from its successor's FEC rather than concealed.
    EXPECT_GE(static_cast<double>(stats.framesRecoveredFec), 0.85 * static_cast<double>(sentLost));
    EXPECT_LE(static_cast<double>(stats.framesConcealed), 0.15 * static_cast<double>(sentLost));
    // Every FEC decision names the frame right after the lost one.
    for (const Pull& p : pulls) {
        if (p.action == Action::DecodeFec) {
            ASSERT_TRUE(p.id.has_value());
            EXPECT_EQ(stream.firstTimestamp + (*p.id - 1) * stream.frameSamples, p.timestamp);
            EXPECT_TRUE(lost[*p.id - 1]);
        }
    }
    EXPECT_GT(stats.lossPercent, 5.0);
    EXPECT_LT(stats.lossPercent, 20.0);
    // The FEC margin costs one frame, not more.
    EXPECT_LE(stats.delayMs, 50.0);
}

// 10 % of 10 ms frames lost; each is asked for and comes back `answerDelayNs`
// after it was due, unless the answer is lost too (10 %).
std::vector<Packet> lossyStreamWithAnswers(Stream& stream, std::vector<bool>& lost,
                                           std::int64_t answerDelayNs)
{
    std::mt19937 rng(17);
    std::bernoulli_distribution loss(0.10);
    stream.frameSamples = 480;
    stream.frames = 3000;
    lost.assign(stream.frames, false);
    for (std::size_t k = 1; k < lost.size(); ++k) {
        lost[k] = loss(rng);
    }
    stream.lost = [&lost](std::size_t k) { return lost[k]; };
    std::vector<Packet> packets = stream.packets();
    for (std::size_t k = 1; k < stream.frames; ++k) {
        if (lost[k] && !loss(rng)) {
            Packet answer;
            answer.timestamp = stream.firstTimestamp + static_cast<std::uint32_t>(k) * stream.frameSamples;
            answer.arrivalNs =
                static_cast<std::int64_t>(k) * stream.periodNs() + stream.baseDelayNs + answerDelayNs;
            answer.id = static_cast<std::uint32_t>(k);
            answer.origin = FrameOrigin::Retransmitted;
            packets.push_back(answer);
        }
    }
    return packets;
}

TEST(JitterBufferTest, RetransmittedFramesArePlayedWithoutGrowingTheDelay)
{
    Stream stream;
    std::vector<bool> lost;
    const std::vector<Packet> withAnswers = lossyStreamWithAnswers(stream, lost, 4 * kMs);
    const auto sentLost = static_cast<std::size_t>(std::count(lost.begin(), lost.end(), true));
    Receiver fecOnly(stream.frameSamples);
    fecOnly.run(stream.packets(), 4 * kMs, stream.periodNs(), 3040);
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(withAnswers, 4 * kMs, stream.periodNs(), 3040);

    const JitterBufferStats stats = receiver.buffer().stats();
    const JitterBufferStats baseline = fecOnly.buffer().stats();
    // Most lost frames are played from their retransmission; concealment
    // falls well below what FEC alone leaves.
    EXPECT_GE(static_cast<double>(stats.framesRecoveredRetransmit), 0.8 * static_cast<double>(sentLost));
    EXPECT_LT(stats.framesConcealed * 3, baseline.framesConcealed);
    EXPECT_EQ(stats.framesPlayed, stream.frames - sentLost + stats.framesRecoveredRetransmit);
    // Answers arrive 4 ms after their frame was due, but are not timed: the
    // delay stays within a frame of FEC alone, and the loss figure still
    // tells the sender how lossy the network is.
    EXPECT_LE(stats.delayMs, baseline.delayMs + 10.0);
    EXPECT_GT(stats.lossPercent, 5.0);
    // Every frame played from an answer is the frame asked for.
    for (const Pull& p : pulls) {
        if (p.action == Action::Decode) {
            EXPECT_EQ(stream.firstTimestamp + *p.id * stream.frameSamples, p.timestamp);
        }
    }
}

TEST(JitterBufferTest, ARetransmissionTooLateIsCountedAndNeitherPlayedNorTimed)
{
    Stream stream;
    std::vector<bool> lost;
    // Answers 200 ms late: every one misses its turn.
    const std::vector<Packet> withAnswers = lossyStreamWithAnswers(stream, lost, 200 * kMs);
    Receiver fecOnly(stream.frameSamples);
    fecOnly.run(stream.packets(), 4 * kMs, stream.periodNs(), 3040);
    Receiver receiver(stream.frameSamples);
    receiver.run(withAnswers, 4 * kMs, stream.periodNs(), 3040);

    const JitterBufferStats stats = receiver.buffer().stats();
    const JitterBufferStats baseline = fecOnly.buffer().stats();
    EXPECT_EQ(stats.framesRecoveredRetransmit, 0U);
    EXPECT_GT(stats.framesLate, 100U);
    EXPECT_EQ(stats.framesPlayed, baseline.framesPlayed);
    EXPECT_EQ(stats.framesConcealed, baseline.framesConcealed);
    EXPECT_DOUBLE_EQ(stats.delayMs, baseline.delayMs);
}

TEST(JitterBufferTest, RedundantCopiesRecoverLossAndTheirDuplicatesGoUncounted)
{
    std::mt19937 rng(23);
    std::bernoulli_distribution loss(0.10);
    Stream stream;
    stream.frames = 2000;
    std::vector<bool> lost(stream.frames);
    for (std::size_t k = 1; k < lost.size(); ++k) {
        lost[k] = loss(rng);
    }
    stream.lost = [&lost](std::size_t k) { return lost[k]; };
    // Every datagram that arrives carries the frame before it as well.
    std::vector<Packet> packets;
    for (const Packet& p : stream.packets()) {
        if (p.id > 0) {
            Packet copy = p;
            copy.id = p.id - 1;
            copy.timestamp = p.timestamp - stream.frameSamples;
            copy.marker = false;
            copy.origin = FrameOrigin::Redundant;
            packets.push_back(copy);
        }
        packets.push_back(p);
    }
    std::size_t recoverable = 0; // lost, but the next one arrived
    for (std::size_t k = 1; k + 1 < lost.size(); ++k) {
        recoverable += lost[k] && !lost[k + 1] ? 1U : 0U;
    }
    Receiver receiver(stream.frameSamples);
    receiver.run(packets, 9 * kMs, stream.periodNs(), 2040);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesDuplicate, 0U) << "the copies of frames that arrived are expected";
    EXPECT_EQ(stats.framesLate, 0U);
    // The copy comes with the next frame, which FEC would use: what it
    // recovers, it recovers at full quality, once the loss margin is there.
    EXPECT_GE(static_cast<double>(stats.framesRecoveredRedundancy), 0.9 * static_cast<double>(recoverable));
    EXPECT_LE(stats.framesRecoveredRedundancy, recoverable);
    EXPECT_GT(stats.lossPercent, 5.0);
}

TEST(JitterBufferTest, FecIsChosenWhenTheNextFrameIsPresent)
{
    // Frames arrive two periods ahead of their pull; frame 10 never comes.
    Stream stream;
    stream.frames = 20;
    stream.lost = [](std::size_t k) { return k == 10; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 45 * kMs, stream.periodNs(), 24);

    auto fec =
        std::find_if(pulls.begin(), pulls.end(), [](const Pull& p) { return p.action == Action::DecodeFec; });
    ASSERT_NE(fec, pulls.end());
    EXPECT_EQ(fec->timestamp, stream.firstTimestamp + 10 * stream.frameSamples);
    ASSERT_TRUE(fec->id.has_value());
    EXPECT_EQ(*fec->id, 11U);
    const auto after = std::next(fec);
    ASSERT_NE(after, pulls.end());
    EXPECT_EQ(after->action, Action::Decode);
    EXPECT_EQ(after->id, 11U);
    EXPECT_EQ(receiver.buffer().stats().framesRecoveredFec, 1U);
    EXPECT_EQ(receiver.buffer().stats().framesConcealed, 0U);
}

TEST(JitterBufferTest, ConcealsWhenNeitherTheFrameNorItsSuccessorIsThere)
{
    // Frames 10 and 11 lost; frame 12 is there: 10 concealed, 11 rebuilt from 12.
    Stream stream;
    stream.frames = 20;
    stream.lost = [](std::size_t k) { return k == 10 || k == 11; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 65 * kMs, stream.periodNs(), 24);

    const auto at10 = std::find_if(pulls.begin(), pulls.end(), [&](const Pull& p) {
        return p.timestamp == stream.firstTimestamp + 10 * stream.frameSamples && p.action != Action::Silence;
    });
    ASSERT_NE(at10, pulls.end());
    EXPECT_EQ(at10->action, Action::Conceal);
    EXPECT_EQ(std::next(at10)->action, Action::DecodeFec);
    EXPECT_EQ(std::next(at10)->id, 12U);
    EXPECT_EQ(std::next(at10, 2)->action, Action::Decode);
    EXPECT_EQ(std::next(at10, 2)->id, 12U);
}

TEST(JitterBufferTest, BurstLossConcealsTheGapAndResumes)
{
    Stream stream;
    stream.frames = 1000;
    // Five frames lost every two seconds.
    stream.lost = [](std::size_t k) { return k > 0 && k % 100 >= 50 && k % 100 < 55; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 1040);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesPlayed, 950U);
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_EQ(stats.framesLost, 50U);
    EXPECT_EQ(stats.framesConcealed + stats.framesRecoveredFec, 50U);
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
    // The buffer did not build up delay from the bursts.
    EXPECT_LE(stats.delayMs, 45.0);
}

TEST(JitterBufferTest, ReorderedFramesArePutBackInOrder)
{
    Stream stream;
    stream.frames = 1000;
    // Every tenth frame overtakes the one before it.
    stream.extraDelay = [](std::size_t k) { return k % 10 == 4 ? 25 * kMs : std::int64_t{0}; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 1040);

    const auto ids = decodedIds(pulls);
    EXPECT_TRUE(strictlyIncreasing(ids));
    const JitterBufferStats stats = receiver.buffer().stats();
    // The first overtakings teach the buffer; after that nothing is missed.
    EXPECT_LE(stats.framesLate + stats.framesLost, 3U);
    EXPECT_GE(ids.size(), 997U);
}

TEST(JitterBufferTest, DuplicatesAreCountedAndDropped)
{
    Stream stream;
    stream.frames = 300;
    auto packets = stream.packets();
    std::vector<Packet> withCopies = packets;
    std::size_t copies = 0;
    for (const Packet& p : packets) {
        if (p.id % 3 == 0) {
            Packet copy = p;
            copy.arrivalNs += (p.id % 2 == 0) ? 1 * kMs : 60 * kMs; // before and after playout
            withCopies.push_back(copy);
            ++copies;
        }
    }
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(withCopies, 7 * kMs, stream.periodNs(), 320);

    const auto ids = decodedIds(pulls);
    EXPECT_EQ(ids.size(), 300U);
    EXPECT_TRUE(strictlyIncreasing(ids));
    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesDuplicate, copies);
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_EQ(stats.framesReceived, 300U);
}

TEST(JitterBufferTest, LateFrameIsCountedDroppedAndGrowsTheDelay)
{
    Stream stream;
    stream.frames = 400;
    stream.extraDelay = [](std::size_t k) { return k == 200 ? 300 * kMs : std::int64_t{0}; };
    Receiver receiver(stream.frameSamples);
    double delayBefore = -1;
    double delayAfter = -1;
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 420,
                                    [&](const Pull& p, const JitterBuffer& buffer) {
                                        if (p.atNs / kMs == 7 + 20 * 190) {
                                            delayBefore = buffer.stats().delayMs;
                                        }
                                        if (p.atNs / kMs == 7 + 20 * 220) {
                                            delayAfter = buffer.stats().delayMs;
                                        }
                                    });

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesLate, 1U);
    EXPECT_EQ(stats.framesLost, 1U);
    const auto ids = decodedIds(pulls);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), 200U), 0);
    EXPECT_TRUE(strictlyIncreasing(ids));
    EXPECT_EQ(std::count(receiver.results.begin(), receiver.results.end(), JitterBuffer::InsertResult::Late),
              1);
    // Right after the late frame the buffer keeps more delay.
    EXPECT_GT(delayAfter, delayBefore);
}

TEST(JitterBufferTest, DelaySpikeStretchesPlayoutWithoutLosingFramesThenShrinksBack)
{
    Stream stream;
    stream.frames = 1500;
    // Frames 300..309 are held up and arrive together, 200 ms late for frame 300.
    const std::int64_t period = stream.periodNs();
    stream.extraDelay = [period](std::size_t k) {
        return k >= 300 && k < 310 ? (310 - static_cast<std::int64_t>(k)) * period : std::int64_t{0};
    };
    Receiver receiver(stream.frameSamples);
    double peakDelay = 0;
    double finalDelay = 0;
    const auto pulls =
        receiver.run(stream.packets(), 7 * kMs, period, 1540, [&](const Pull&, const JitterBuffer& buffer) {
            peakDelay = std::max(peakDelay, buffer.stats().delayMs);
            finalDelay = buffer.stats().delayMs;
        });

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_EQ(stats.framesPlayed + stats.framesDropped, 1500U);
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
    // The stall played concealment for the spike's length...
    EXPECT_GE(stats.framesConcealed, 9U);
    EXPECT_GE(peakDelay, 150.0);
    // ...and the extra delay was shed again, a frame at a time.
    EXPECT_GE(stats.framesDropped, 7U);
    EXPECT_LE(finalDelay, 25.0);
}

struct DriftCase {
    double senderClock;
    const char* name;
};

class JitterBufferDriftTest : public ::testing::TestWithParam<DriftCase> {};

TEST_P(JitterBufferDriftTest, BufferStaysBoundedAndNearTarget)
{
    std::mt19937 rng(3);
    std::uniform_int_distribution<std::int64_t> jitter(0, 3 * kMs);
    Stream stream;
    stream.frames = 15000; // five minutes of 20 ms frames
    stream.senderClock = GetParam().senderClock;
    std::vector<std::int64_t> delays(stream.frames);
    for (auto& d : delays) {
        d = jitter(rng);
    }
    stream.extraDelay = [&delays](std::size_t k) { return delays[k]; };
    // Some frames are quiet: shrinking prefers them.
    stream.size = [](std::size_t k) { return k % 50 < 10 ? std::size_t{8} : std::size_t{80}; };

    Receiver receiver(stream.frameSamples);
    const std::int64_t period = stream.periodNs();
    double worstDeviation = 0;
    std::size_t worstBuffered = 0;
    const std::size_t pulls =
        static_cast<std::size_t>(static_cast<double>(stream.frames) * stream.senderClock) - 20;
    receiver.run(stream.packets(), 11 * kMs, period, pulls, [&](const Pull& p, const JitterBuffer& buffer) {
        if (p.atNs < 10'000 * kMs) {
            return; // settling
        }
        const JitterBufferStats s = buffer.stats();
        worstDeviation = std::max(worstDeviation, std::abs(s.delayMs - s.targetDelayMs));
        worstBuffered = std::max(worstBuffered, s.bufferedFrames);
    });

    const JitterBufferStats stats = receiver.buffer().stats();
    // 0.5 % of 15000 frames: about 75 frames to drop or to add.
    const double expected = 0.005 * static_cast<double>(stream.frames);
    if (stream.senderClock < 1.0) {
        EXPECT_NEAR(static_cast<double>(stats.framesDropped), expected, expected * 0.3);
        EXPECT_LE(stats.framesInserted, 5U);
    } else {
        EXPECT_NEAR(static_cast<double>(stats.framesInserted), expected, expected * 0.3);
        EXPECT_LE(stats.framesDropped, 5U);
    }
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_LE(stats.framesLost, 2U);
    EXPECT_LE(stats.framesConcealed, 5U);
    // Bounded and close to target all along: within two frames.
    EXPECT_LE(worstDeviation, 40.0);
    EXPECT_LE(worstBuffered, 4U);
    EXPECT_LE(receiver.maxBuffered, 4U);
}

INSTANTIATE_TEST_SUITE_P(SenderClock, JitterBufferDriftTest,
                         ::testing::Values(DriftCase{1.0 / 1.005, "fast"}, DriftCase{1.005, "slow"}),
                         [](const ::testing::TestParamInfo<DriftCase>& param) {
                             return std::string(param.param.name);
                         });

TEST(JitterBufferTest, DtxGapPlaysSilenceWithoutCountingLoss)
{
    Stream stream;
    stream.frames = 400;
    // The sender goes quiet for frames 100..179 (DTX: nothing sent), then
    // resumes with the marker bit; timestamps kept running meanwhile.
    stream.lost = [](std::size_t k) { return k >= 100 && k < 180; };
    stream.marker = [](std::size_t k) { return k == 0 || k == 180; };
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 420);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesPlayed, 320U);
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.framesConcealed, 0U);
    EXPECT_EQ(stats.lossPercent, 0.0);
    EXPECT_GE(stats.framesSilence, 75U);
    const auto ids = decodedIds(pulls);
    EXPECT_TRUE(strictlyIncreasing(ids));
    // The new talk spurt starts at the target delay, not behind.
    EXPECT_LE(stats.delayMs, 25.0);
    // The first frames of the gap continue the sound with PLC (Opus's
    // comfort noise), then silence.
    const auto firstGap = std::find_if(pulls.begin(), pulls.end(), [&](const Pull& p) {
        return p.timestamp == stream.firstTimestamp + 100 * stream.frameSamples;
    });
    ASSERT_NE(firstGap, pulls.end());
    EXPECT_EQ(firstGap->action, Action::Conceal);
    EXPECT_EQ(std::next(firstGap, 20)->action, Action::Silence);
}

TEST(JitterBufferTest, ATalkSpurtsLostFirstFrameThatComesBackLeavesTheSilenceSilent)
{
    Stream stream;
    stream.frames = 400;
    // As above with a shorter silence (frames 100..129), and the first frame
    // after it (the one with the marker)
    // is lost and comes back by retransmission 1 ms after the next one
    // shows it missing (before the next pull; one that comes later finds
    // the silence already taken for loss).
    stream.lost = [](std::size_t k) { return k >= 100 && k <= 130; };
    stream.marker = [](std::size_t k) { return k == 0 || k == 130; };
    std::vector<Packet> packets = stream.packets();
    Packet answer;
    answer.timestamp = stream.firstTimestamp + 130 * stream.frameSamples;
    answer.marker = true;
    answer.id = 130;
    answer.arrivalNs = 131 * stream.periodNs() + stream.baseDelayNs + 1 * kMs;
    answer.origin = FrameOrigin::Retransmitted;
    packets.push_back(answer);
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(packets, 7 * kMs, stream.periodNs(), 420);

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesPlayed, 370U);
    EXPECT_EQ(stats.framesRecoveredRetransmit, 1U);
    EXPECT_EQ(stats.framesLost, 0U) << "the silence was not loss";
    EXPECT_EQ(stats.framesConcealed, 0U);
    EXPECT_GE(stats.framesSilence, 25U);
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
}

TEST(JitterBufferTest, DtxGapShedsDelayBuiltUpBefore)
{
    Stream stream;
    stream.frames = 600;
    // A spike before the gap stretched playout; the talk spurt after the gap
    // starts at the (low) target again.
    const std::int64_t period = stream.periodNs();
    stream.extraDelay = [period](std::size_t k) {
        return k >= 90 && k < 100 ? (100 - static_cast<std::int64_t>(k)) * period : std::int64_t{0};
    };
    stream.lost = [](std::size_t k) { return k >= 100 && k < 400; };
    stream.marker = [](std::size_t k) { return k == 0 || k == 400; };
    Receiver receiver(stream.frameSamples);
    receiver.run(stream.packets(), 7 * kMs, period, 620);
    EXPECT_EQ(receiver.buffer().stats().framesLost, 0U);
    EXPECT_LE(receiver.buffer().stats().delayMs, 25.0);
}

// A silent sender in Opus DTX: 10 ms frames, a comfort-noise update every
// 20 frames, each the first frame of a new talk spurt (marker), between
// `from` and `to`; every frame outside that range.
Stream dtxStream(std::size_t frames, std::size_t from, std::size_t to)
{
    Stream stream;
    stream.frameSamples = 480;
    stream.frames = frames;
    const auto inDtx = [from, to](std::size_t k) { return k >= from && k < to; };
    stream.lost = [inDtx, from](std::size_t k) { return inDtx(k) && (k - from) % 20 != 0; };
    stream.marker = [inDtx, from, to](std::size_t k) {
        return k == 0 || (inDtx(k) && (k - from) % 20 == 0) || k == to;
    };
    stream.size = [inDtx](std::size_t k) { return inDtx(k) ? std::size_t{17} : std::size_t{60}; };
    return stream;
}

TEST(JitterBufferTest, ComfortNoiseUpdatesArrivingWhileFramesWaitLeaveTheGapsSilent)
{
    // A delay spike just before the sender falls silent: frames 170..199
    // arrive together, 300 ms late for frame 170, so playout stretches to
    // over 300 ms - longer than the 200 ms between comfort-noise updates.
    // Each update then arrives while the one before still waits, and the
    // gap between them is silence the sender chose, not loss.
    Stream stream = dtxStream(1200, 200, 800);
    const std::int64_t period = stream.periodNs();
    stream.extraDelay = [period](std::size_t k) {
        return k >= 170 && k < 200 ? (200 - static_cast<std::int64_t>(k)) * period : std::int64_t{0};
    };
    Receiver receiver(stream.frameSamples);
    double peakDelay = 0;
    double delayBeforeSpeech = 0;
    JitterBufferStats atDtx;
    const std::int64_t dtxStartNs = 300 * period; // after the stretched frames played
    const std::int64_t speechNs = 800 * period;
    const auto pulls =
        receiver.run(stream.packets(), 3 * kMs, period, 1240, [&](const Pull& p, const JitterBuffer& buffer) {
            peakDelay = std::max(peakDelay, buffer.stats().delayMs);
            if (p.atNs < dtxStartNs) {
                atDtx = buffer.stats();
            }
            if (p.atNs < speechNs) {
                delayBeforeSpeech = buffer.stats().delayMs;
            }
        });

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_GE(peakDelay, 250.0);
    // Nothing after the spike counts as lost or concealed: the gaps play
    // as silence (Opus's comfort noise).
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.framesRecoveredFec, 0U);
    EXPECT_EQ(stats.framesConcealed, atDtx.framesConcealed);
    EXPECT_GE(stats.framesSilence, atDtx.framesSilence + 400);
    EXPECT_EQ(stats.lossPercent, 0.0);
    // Every frame sent is played, in order.
    const auto ids = decodedIds(pulls);
    EXPECT_TRUE(strictlyIncreasing(ids));
    EXPECT_EQ(stats.framesPlayed + stats.framesDropped, stream.packets().size());
    // Silence costs nothing to skip: the stretch is gone before speech resumes.
    EXPECT_LE(delayBeforeSpeech, 25.0);
    EXPECT_LE(stats.delayMs, 25.0);
}

// Decisions as a worker serving a bursty device might make them: in pairs,
// back to back, every two frame periods; or each one late by up to 6 ms.
struct PullPattern {
    const char* name;
    std::function<std::int64_t(std::size_t, std::int64_t)> at; // (pull, period) -> time
};

class JitterBufferPullTimingTest : public ::testing::TestWithParam<PullPattern> {};

TEST_P(JitterBufferPullTimingTest, IrregularDecisionsDuringDtxNeitherLoseFramesNorRatchetTheDelay)
{
    // Ten seconds: speech, comfort noise, speech, comfort noise.
    Stream stream = dtxStream(1000, 100, 1000);
    stream.lost = [](std::size_t k) {
        return (k >= 100 && k < 500 && (k - 100) % 20 != 0) || (k >= 600 && (k - 600) % 20 != 0);
    };
    stream.marker = [](std::size_t k) {
        return k == 0 || (k >= 100 && k < 500 && (k - 100) % 20 == 0) || k == 500 ||
               (k >= 600 && (k - 600) % 20 == 0);
    };
    const std::int64_t period = stream.periodNs();
    Receiver receiver(stream.frameSamples);
    double peakDelay = 0;
    const auto pattern = GetParam().at;
    const auto pulls = receiver.runAt(
        stream.packets(), [&](std::size_t j) { return 3 * kMs + pattern(j, period); }, 1020,
        [&](const Pull& p, const JitterBuffer& buffer) {
            if (p.atNs > 1000 * kMs) {
                peakDelay = std::max(peakDelay, buffer.stats().delayMs);
            }
        });

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.framesLate, 0U);
    EXPECT_EQ(stats.lossPercent, 0.0);
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
    EXPECT_EQ(stats.framesPlayed + stats.framesDropped, stream.packets().size());
    // The irregularity costs at most a frame or two of delay, and it does not grow.
    EXPECT_LE(peakDelay, 35.0);
    EXPECT_LE(stats.delayMs, 35.0);
}

INSTANTIATE_TEST_SUITE_P(
    Patterns, JitterBufferPullTimingTest,
    ::testing::Values(PullPattern{"InPairs",
                                  [](std::size_t j, std::int64_t period) {
                                      return static_cast<std::int64_t>(j / 2) * 2 * period +
                                             static_cast<std::int64_t>(j % 2) * 50'000;
                                  }},
                      PullPattern{"Late",
                                  [](std::size_t j, std::int64_t period) {
                                      // A fixed pseudo-random lateness, 0..6 ms.
                                      const auto late =
                                          static_cast<std::int64_t>((j * 7919U) % 13U) * kMs / 2;
                                      return static_cast<std::int64_t>(j) * period + late;
                                  }}),
    [](const ::testing::TestParamInfo<PullPattern>& param) { return std::string(param.param.name); });

TEST(JitterBufferTest, PlayoutSlipsOfTheDeviceAreShedNotMistakenForClockDrift)
{
    // The device ran dry once every eight blocks (the worker decoded too
    // late for a burst of callbacks) and played silence: each time the
    // decision for that block came one period late and every later frame
    // plays a period later. Told so, the buffer sheds each slip in the next
    // silence instead of taking the receiver's lagging decisions for a
    // sender's clock 12.5 % fast and growing the delay to match.
    Stream stream = dtxStream(1000, 100, 1000);
    const std::int64_t period = stream.periodNs();
    Receiver receiver(stream.frameSamples);
    double peakDelay = 0; // when comfort-noise updates play, after the first second of silence
    const auto slot = [](std::size_t j) { return j + j / 7; }; // every eighth period has no pull
    const auto pulls = receiver.runAt(
        stream.packets(),
        [&](std::size_t j) { return 3 * kMs + static_cast<std::int64_t>(slot(j)) * period; }, 870,
        [&](const Pull& p, const JitterBuffer& buffer) {
            if (p.atNs > 2000 * kMs && p.action == Action::Decode) {
                peakDelay = std::max(peakDelay, buffer.stats().delayMs);
            }
        },
        [&](std::size_t j, JitterBuffer& buffer) {
            if (j > 0 && slot(j) != slot(j - 1) + 1) {
                buffer.playoutSlipped(period);
            }
        });

    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesLost, 0U);
    EXPECT_EQ(stats.lossPercent, 0.0);
    EXPECT_TRUE(strictlyIncreasing(decodedIds(pulls)));
    EXPECT_GT(peakDelay, 0.0);
    EXPECT_LE(peakDelay, 25.0);
    EXPECT_LE(stats.targetDelayMs, 25.0);
    EXPECT_LT(std::abs(stats.clockDriftPpm), 2000.0);
}

TEST(JitterBufferTest, TimestampsWrapAround)
{
    Stream stream;
    stream.frames = 300;
    stream.firstTimestamp = 0xFFFFFFFFU - 100 * 960 + 1;
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 7 * kMs, stream.periodNs(), 320);

    const auto ids = decodedIds(pulls);
    ASSERT_EQ(ids.size(), 300U);
    EXPECT_TRUE(strictlyIncreasing(ids));
    for (const Pull& p : pulls) {
        if (p.action == Action::Decode) {
            EXPECT_EQ(p.timestamp, static_cast<std::uint32_t>(stream.firstTimestamp + *p.id * 960));
        }
    }
    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_EQ(stats.framesDiscarded, 0U);
    EXPECT_EQ(stats.framesLost, 0U);
}

TEST(JitterBufferTest, TenMillisecondFrames)
{
    Stream stream;
    stream.frameSamples = 480;
    stream.frames = 1000;
    Receiver receiver(stream.frameSamples);
    const auto pulls = receiver.run(stream.packets(), 3 * kMs, stream.periodNs(), 1020);
    EXPECT_EQ(decodedIds(pulls).size(), 1000U);
    EXPECT_LE(receiver.buffer().stats().delayMs, 10.0);
}

TEST(JitterBufferTest, HostileTimestampsCannotGrowMemory)
{
    std::mt19937 rng(5);
    std::uniform_int_distribution<std::uint32_t> anyTimestamp;
    Stream stream;
    stream.frames = 1000;
    auto packets = stream.packets();
    std::vector<Packet> all = packets;
    for (const Packet& p : packets) {
        for (int i = 0; i < 10; ++i) {
            Packet junk;
            junk.arrivalNs = p.arrivalNs + i;
            junk.timestamp = anyTimestamp(rng);
            junk.id = 0xFFFFFFFF;
            all.push_back(junk);
        }
        // Far future and far past, on the frame grid.
        Packet future = p;
        future.timestamp = p.timestamp + 960 * 100000;
        future.id = 0xFFFFFFFE;
        all.push_back(future);
        Packet past = p;
        past.timestamp = p.timestamp - 960 * 100000;
        past.id = 0xFFFFFFFD;
        all.push_back(past);
    }
    Receiver receiver(stream.frameSamples);
    const std::size_t capacity = receiver.buffer().capacity();
    const auto pulls = receiver.run(all, 7 * kMs, stream.periodNs(), 1020);

    EXPECT_EQ(receiver.buffer().capacity(), capacity);
    EXPECT_LE(receiver.maxBuffered, capacity);
    EXPECT_LE(capacity, 60U); // one second of 20 ms frames, plus a few
    const JitterBufferStats stats = receiver.buffer().stats();
    EXPECT_GE(stats.framesDiscarded, 11000U);
    // The real stream still plays.
    std::size_t genuine = 0;
    for (std::uint32_t id : decodedIds(pulls)) {
        genuine += id < 1000 ? 1 : 0;
    }
    EXPECT_GE(genuine, 990U);
}

TEST(JitterBufferTest, HostileMarkerFramesStayBounded)
{
    std::mt19937 rng(9);
    std::uniform_int_distribution<std::uint32_t> anyTimestamp;
    JitterBuffer buffer(JitterBufferConfig{960, 1000, 0});
    const std::vector<std::uint8_t> bytes(100, 1);
    std::size_t maxBuffered = 0;
    std::int64_t now = 0;
    for (int i = 0; i < 20000; ++i) {
        buffer.insert(anyTimestamp(rng), i % 2 == 0, bytes, now);
        maxBuffered = std::max(maxBuffered, buffer.bufferedFrames());
        if (i % 10 == 0) {
            now += 20 * kMs;
            buffer.next(now);
        }
    }
    EXPECT_LE(maxBuffered, buffer.capacity());
}

TEST(JitterBufferTest, RejectsEmptyAndOversizedPayloads)
{
    JitterBuffer buffer(JitterBufferConfig{});
    EXPECT_EQ(buffer.insert(0, true, {}, 0), JitterBuffer::InsertResult::Discarded);
    const std::vector<std::uint8_t> huge(kMaxOpusPacketBytes + 1, 0);
    EXPECT_EQ(buffer.insert(0, true, huge, 0), JitterBuffer::InsertResult::Discarded);
    EXPECT_EQ(buffer.bufferedFrames(), 0U);
    EXPECT_EQ(buffer.next(0).action, Action::Silence);
}

TEST(JitterBufferTest, SenderRestartWithNewTimestampsIsFollowed)
{
    // The sender's timestamps jump (a restarted sender, no marker): after a
    // run of frames that fit nowhere, the buffer follows the new clock.
    Stream first;
    first.frames = 100;
    Stream second = first;
    second.firstTimestamp = 0x70000000;
    second.marker = [](std::size_t) { return false; };
    auto packets = first.packets();
    for (Packet p : second.packets()) {
        p.arrivalNs += 100 * first.periodNs();
        p.id += 1000;
        packets.push_back(p);
    }
    Receiver receiver(first.frameSamples);
    const auto pulls = receiver.run(packets, 7 * kMs, first.periodNs(), 220);
    const auto ids = decodedIds(pulls);
    EXPECT_GE(std::count_if(ids.begin(), ids.end(), [](std::uint32_t id) { return id >= 1000; }), 40);
}

} // namespace
} // namespace confab::audio
