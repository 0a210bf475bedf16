// The sending side of retransmission: what is answered, and the limits that
// keep a peer's requests from multiplying what a call sends.
#include "calls/retransmit_buffer.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

using confab::Bytes;
using confab::calls::RetransmitBuffer;

namespace {

Bytes opusOf(std::uint32_t timestamp)
{
    return Bytes{static_cast<std::uint8_t>(timestamp), static_cast<std::uint8_t>(timestamp >> 8U), 0x42};
}

void send(RetransmitBuffer& buffer, std::uint32_t first, int count)
{
    for (int i = 0; i < count; ++i) {
        const std::uint32_t timestamp = first + static_cast<std::uint32_t>(i) * 480;
        buffer.remember(timestamp, i == 0, opusOf(timestamp));
    }
}

} // namespace

TEST(RetransmitBuffer, AnswersWithTheFrameAsItWasSent)
{
    RetransmitBuffer buffer;
    send(buffer, 4800, 10);
    const std::vector<std::uint32_t> asked{4800, 4800 + 3 * 480};
    const auto frames = buffer.answer(asked);
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_EQ(frames[0].timestamp, 4800U);
    EXPECT_TRUE(frames[0].marker);
    EXPECT_EQ(Bytes(frames[0].opus.begin(), frames[0].opus.end()), opusOf(4800));
    EXPECT_EQ(frames[1].timestamp, 4800U + 3 * 480);
    EXPECT_FALSE(frames[1].marker);
    EXPECT_EQ(Bytes(frames[1].opus.begin(), frames[1].opus.end()), opusOf(4800 + 3 * 480));
    EXPECT_EQ(buffer.stats().resent, 2U);
}

TEST(RetransmitBuffer, FramesNeverSentOrTooOldAreNotAnswered)
{
    RetransmitBuffer buffer;
    send(buffer, 0, static_cast<int>(RetransmitBuffer::kFrames) + 10);
    const std::vector<std::uint32_t> asked{0, 480 * 9, 12345};
    EXPECT_TRUE(buffer.answer(asked).empty());
    EXPECT_EQ(buffer.stats().unknown, 3U);
    const std::vector<std::uint32_t> kept{480 * 10};
    EXPECT_EQ(buffer.answer(kept).size(), 1U);
}

TEST(RetransmitBuffer, EachFrameIsSentAgainAtMostTwice)
{
    RetransmitBuffer buffer;
    send(buffer, 0, 20);
    const std::vector<std::uint32_t> asked{480 * 5};
    int answered = 0;
    for (int i = 0; i < 5; ++i) {
        answered += static_cast<int>(buffer.answer(asked).size());
    }
    EXPECT_EQ(answered, RetransmitBuffer::kMaxResends);
    EXPECT_EQ(buffer.stats().refused, 5U - RetransmitBuffer::kMaxResends);
}

TEST(RetransmitBuffer, AFloodOfRequestsNeverMoreThanDoublesWhatIsSent)
{
    RetransmitBuffer buffer;
    std::size_t originals = 0;
    std::size_t resent = 0;
    for (std::uint32_t frame = 0; frame < 1000; ++frame) {
        send(buffer, frame * 480, 1);
        ++originals;
        // A hostile peer asks for every frame still kept, after every frame.
        std::vector<std::uint32_t> everything;
        for (std::uint32_t back = 0; back < RetransmitBuffer::kFrames && back <= frame; ++back) {
            everything.push_back((frame - back) * 480);
        }
        resent += buffer.answer(everything).size();
    }
    EXPECT_LE(resent, originals);
    EXPECT_GT(resent, originals / 2); // the credit is spent, not wasted
}

TEST(RetransmitBuffer, CreditSavedUpInQuietTimesIsCapped)
{
    RetransmitBuffer buffer;
    send(buffer, 0, 50);
    std::vector<std::uint32_t> asked;
    for (std::uint32_t i = 0; i < 50; ++i) {
        asked.push_back(i * 480);
    }
    EXPECT_EQ(buffer.answer(asked).size(), static_cast<std::size_t>(RetransmitBuffer::kMaxCredit));
}
