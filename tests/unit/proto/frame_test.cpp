#include "proto/frame.h"
#include "proto/limits.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace confab::proto {
namespace {

using Status = FrameDecoder::Status;
using test::hex;

// Feeds `stream` in the given chunk sizes, draining frames after each feed.
// Returns the frames and the status that ended the last drain.
struct DecodeOutcome {
    std::vector<Bytes> frames;
    Status last = Status::NeedMore;
};

DecodeOutcome decodeInChunks(ByteView stream, const std::vector<std::size_t>& chunkSizes,
                             std::size_t maxFrameSize = kMaxFrameSize)
{
    FrameDecoder decoder(maxFrameSize);
    DecodeOutcome outcome;
    std::size_t pos = 0;
    std::size_t chunk = 0;
    while (pos < stream.size()) {
        const std::size_t size = std::min(chunkSizes[chunk++ % chunkSizes.size()], stream.size() - pos);
        decoder.feed(stream.subspan(pos, size));
        pos += size;
        Bytes frame;
        while ((outcome.last = decoder.next(frame)) == Status::Frame) {
            outcome.frames.push_back(frame);
        }
        if (outcome.last != Status::NeedMore) {
            break;
        }
    }
    return outcome;
}

std::vector<Bytes> samplePayloads()
{
    std::vector<Bytes> payloads;
    for (const std::size_t size : {1U, 2U, 3U, 4U, 5U, 17U, 255U, 256U, 1000U, 65535U, 7U, 1U}) {
        payloads.push_back(test::sequence(static_cast<std::uint8_t>(size), size));
    }
    return payloads;
}

Bytes concatFrames(const std::vector<Bytes>& payloads)
{
    Bytes stream;
    for (const Bytes& payload : payloads) {
        const Bytes frame = encodeFrame(payload);
        stream.insert(stream.end(), frame.begin(), frame.end());
    }
    return stream;
}

TEST(EncodeFrame, GoldenBytes)
{
    EXPECT_EQ(encodeFrame(hex("616263")), hex("00000003 616263"));
    EXPECT_EQ(encodeFrame({}), hex("00000000"));
    const Bytes big(0x012345, 0xee);
    const Bytes frame = encodeFrame(big);
    ASSERT_EQ(frame.size(), 4U + 0x012345U);
    EXPECT_EQ(Bytes(frame.begin(), frame.begin() + 4), hex("00012345"));
    EXPECT_EQ(Bytes(frame.begin() + 4, frame.end()), big);
}

TEST(FrameDecoder, DecodesOneHandWrittenFrame)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed(hex("00000003 616263"));
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("616263"));
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    EXPECT_EQ(decoder.buffered(), 0U);
}

TEST(FrameDecoder, DecodesSeveralFramesFromOneFeed)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed(hex("00000001 aa 00000002 bbcc 00000001 dd 000000"));
    Bytes frame;
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("aa"));
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("bbcc"));
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("dd"));
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    EXPECT_EQ(decoder.buffered(), 3U);
    decoder.feed(hex("02 eeff"));
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("eeff"));
    EXPECT_EQ(decoder.buffered(), 0U);
}

TEST(FrameDecoder, NeedsMoreForPartialHeaderAndPayload)
{
    FrameDecoder decoder(kMaxFrameSize);
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    decoder.feed(hex("000000"));
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    EXPECT_EQ(decoder.buffered(), 3U);
    decoder.feed(hex("04 0102"));
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    EXPECT_EQ(decoder.buffered(), 6U);
    decoder.feed(hex("03"));
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    decoder.feed(hex("04"));
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, hex("01020304"));
}

TEST(FrameDecoder, FeedingEmptyDataIsHarmless)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed({});
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::NeedMore);
    EXPECT_EQ(decoder.buffered(), 0U);
}

TEST(FrameDecoder, ByteByByte)
{
    const auto payloads = samplePayloads();
    const Bytes stream = concatFrames(payloads);
    const auto outcome = decodeInChunks(stream, {1});
    EXPECT_EQ(outcome.last, Status::NeedMore);
    EXPECT_EQ(outcome.frames, payloads);
}

TEST(FrameDecoder, RandomSplits)
{
    const auto payloads = samplePayloads();
    const Bytes stream = concatFrames(payloads);
    std::mt19937 rng(1234);
    for (int round = 0; round < 200; ++round) {
        std::uniform_int_distribution<std::size_t> sizeOf(1, round % 2 == 0 ? 16 : 70000);
        std::vector<std::size_t> chunks(64);
        for (auto& chunk : chunks) {
            chunk = sizeOf(rng);
        }
        const auto outcome = decodeInChunks(stream, chunks);
        ASSERT_EQ(outcome.last, Status::NeedMore) << "round " << round;
        ASSERT_EQ(outcome.frames, payloads) << "round " << round;
    }
}

TEST(FrameDecoder, CarriesPartialFramesAcrossManyFeeds)
{
    FrameDecoder decoder(kMaxFrameSize);
    const Bytes frameBytes = encodeFrame(hex("0102030405"));
    Bytes frame;
    for (int i = 0; i < 100000; ++i) {
        // Split each frame across two feeds so partial data is carried over.
        decoder.feed(ByteView(frameBytes).first(3));
        ASSERT_EQ(decoder.next(frame), Status::NeedMore);
        decoder.feed(ByteView(frameBytes).subspan(3));
        ASSERT_EQ(decoder.next(frame), Status::Frame);
        ASSERT_EQ(decoder.buffered(), 0U);
    }
    EXPECT_EQ(frame, hex("0102030405"));
}

TEST(FrameDecoder, AcceptsExactlyMaxSize)
{
    const Bytes payload(kMaxFrameSize, 0x5a);
    const auto outcome = decodeInChunks(encodeFrame(payload), {4096});
    ASSERT_EQ(outcome.frames.size(), 1U);
    EXPECT_EQ(outcome.frames[0], payload);
}

TEST(FrameDecoder, RejectsOversizeFromHeaderAlone)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed(hex("00010000")); // 65536: one more than the limit, no payload yet
    Bytes frame = hex("77");
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
    EXPECT_EQ(frame, hex("77"));
}

TEST(FrameDecoder, RejectsHugeDeclaredLength)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed(hex("ffffffff 00"));
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
}

TEST(FrameDecoder, TooLargeIsSticky)
{
    FrameDecoder decoder(16);
    decoder.feed(hex("00000001 aa 00000011"));
    Bytes frame;
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
    const std::size_t before = decoder.buffered();
    decoder.feed(hex("00000001 bb"));
    EXPECT_EQ(decoder.buffered(), before) << "nothing is buffered once the link is dead";
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
    EXPECT_EQ(frame, hex("aa"));
}

TEST(FrameDecoder, EmptyFrameIsFatalAndSticky)
{
    FrameDecoder decoder(kMaxFrameSize);
    decoder.feed(hex("00000000"));
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::Empty);
    decoder.feed(hex("00000001 aa"));
    EXPECT_EQ(decoder.next(frame), Status::Empty);
    EXPECT_TRUE(frame.empty());
}

TEST(FrameDecoder, EmptyFrameAfterValidFramesInOneFeed)
{
    const Bytes stream = hex("00000001 aa 00000000 00000001 bb");
    const auto outcome = decodeInChunks(stream, {1});
    EXPECT_EQ(outcome.last, Status::Empty);
    ASSERT_EQ(outcome.frames.size(), 1U);
    EXPECT_EQ(outcome.frames[0], hex("aa"));
}

TEST(FrameDecoder, LimitCanBeRaisedAfterHandshake)
{
    FrameDecoder decoder(kMaxHandshakeFrameSize);
    const Bytes small(kMaxHandshakeFrameSize, 1);
    const Bytes large(kMaxHandshakeFrameSize + 1, 2);
    decoder.feed(encodeFrame(small));
    Bytes frame;
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    decoder.setMaxFrameSize(kMaxFrameSize);
    decoder.feed(encodeFrame(large));
    ASSERT_EQ(decoder.next(frame), Status::Frame);
    EXPECT_EQ(frame, large);
}

TEST(FrameDecoder, LimitAppliesToHandshakeFrames)
{
    FrameDecoder decoder(kMaxHandshakeFrameSize);
    decoder.feed(encodeFrame(Bytes(kMaxHandshakeFrameSize + 1, 3)));
    Bytes frame;
    EXPECT_EQ(decoder.next(frame), Status::TooLarge);
}

} // namespace
} // namespace confab::proto
