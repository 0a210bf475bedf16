#include "audio/opus_decoder.h"
#include "audio/opus_encoder.h"
#include "audio/voice_frame.h"

#include <array>
#include <chrono>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <vector>

namespace confab::audio {
namespace {

using Packet = std::vector<std::uint8_t>;

std::vector<Sample> tone(double hz, std::size_t samples, double amplitude = 0.25, std::size_t from = 0)
{
    std::vector<Sample> out(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(from + i) / kSampleRate;
        out[i] = static_cast<Sample>(amplitude * 32767.0 * std::sin(2.0 * std::numbers::pi * hz * t));
    }
    return out;
}

OpusEncoder makeEncoder(int frameMs, int lossPercent = 0)
{
    OpusEncoderConfig config;
    config.frameMs = frameMs;
    config.packetLossPercent = lossPercent;
    config.adaptiveComplexity = false; // deterministic output
    auto encoder = OpusEncoder::create(config);
    EXPECT_TRUE(encoder.ok());
    return std::move(encoder).value();
}

OpusDecoder makeDecoder()
{
    auto decoder = OpusDecoder::create();
    EXPECT_TRUE(decoder.ok());
    return std::move(decoder).value();
}

std::vector<Packet> encodeAll(OpusEncoder& encoder, const std::vector<Sample>& pcm)
{
    std::vector<Packet> packets;
    const std::size_t frame = encoder.frameSamples();
    for (std::size_t at = 0; at + frame <= pcm.size(); at += frame) {
        std::array<std::uint8_t, kMaxOpusPacketBytes> buffer{};
        auto encoded = encoder.encode(std::span<const Sample>(pcm.data() + at, frame), buffer);
        EXPECT_TRUE(encoded.ok());
        packets.emplace_back(buffer.begin(),
                             buffer.begin() + static_cast<std::ptrdiff_t>(encoded.value().size));
    }
    return packets;
}

double rms(std::span<const Sample> samples)
{
    double sum = 0;
    for (const Sample s : samples) {
        sum += static_cast<double>(s) * s;
    }
    return samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));
}

// Share of the power at `hz` (Goertzel).
double toneShare(std::span<const Sample> samples, double hz)
{
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * hz / kSampleRate);
    double s1 = 0;
    double s2 = 0;
    double total = 0;
    for (const Sample sample : samples) {
        const double s0 = sample + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
        total += static_cast<double>(sample) * sample;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return total > 0 ? 2.0 * power / static_cast<double>(samples.size()) / total : 0.0;
}

// Frequency from upward zero crossings.
double zeroCrossingHz(std::span<const Sample> samples)
{
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t crossings = 0;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        if (samples[i - 1] < 0 && samples[i] >= 0) {
            if (crossings == 0) {
                first = i;
            }
            last = i;
            ++crossings;
        }
    }
    return crossings < 2
               ? 0.0
               : static_cast<double>(crossings - 1) * kSampleRate / static_cast<double>(last - first);
}

class OpusRoundTripTest : public ::testing::TestWithParam<int> {};

TEST_P(OpusRoundTripTest, ToneKeepsItsFrequencyAndEnergy)
{
    OpusEncoder encoder = makeEncoder(GetParam());
    OpusDecoder decoder = makeDecoder();
    const std::vector<Sample> input = tone(440.0, kSampleRate);
    std::vector<Sample> output;
    std::vector<Sample> frame(encoder.frameSamples());
    for (const Packet& packet : encodeAll(encoder, input)) {
        auto decoded = decoder.decode(packet, frame);
        ASSERT_TRUE(decoded.ok());
        ASSERT_EQ(decoded.value(), encoder.frameSamples());
        output.insert(output.end(), frame.begin(), frame.end());
    }
    ASSERT_EQ(output.size(), input.size());
    // Past the codec's start-up, the tone is there at its frequency and level.
    const std::span<const Sample> settled(output.data() + kSampleRate / 5, output.size() - kSampleRate / 5);
    EXPECT_NEAR(zeroCrossingHz(settled), 440.0, 2.0);
    EXPECT_GT(toneShare(settled, 440.0), 0.95);
    const double levelDb = 20.0 * std::log10(rms(settled) / rms(input));
    EXPECT_NEAR(levelDb, 0.0, 1.0);
}

TEST_P(OpusRoundTripTest, ConcealmentFillsTheAskedLength)
{
    OpusEncoder encoder = makeEncoder(GetParam());
    OpusDecoder decoder = makeDecoder();
    const std::vector<Sample> input = tone(300.0, kSampleRate / 5);
    std::vector<Sample> frame(encoder.frameSamples());
    for (const Packet& packet : encodeAll(encoder, input)) {
        ASSERT_TRUE(decoder.decode(packet, frame).ok());
    }
    for (const std::size_t length :
         {encoder.frameSamples(), std::size_t{480}, std::size_t{960}, std::size_t{120}}) {
        std::vector<Sample> concealed(length, 12345);
        auto result = decoder.conceal(concealed);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.value(), length);
    }
    // Right after audio, concealment continues it rather than going silent.
    OpusDecoder fresh = makeDecoder();
    for (const Packet& packet : encodeAll(encoder, input)) {
        ASSERT_TRUE(fresh.decode(packet, frame).ok());
    }
    std::vector<Sample> concealed(encoder.frameSamples());
    ASSERT_TRUE(fresh.conceal(concealed).ok());
    EXPECT_GT(rms(concealed), 500.0);

    std::vector<Sample> odd(100);
    EXPECT_FALSE(decoder.conceal(odd).ok());
    EXPECT_EQ(decoder.conceal(odd).error(), OpusError::BadFrameLength);
}

INSTANTIATE_TEST_SUITE_P(FrameLength, OpusRoundTripTest, ::testing::Values(10, 20),
                         [](const ::testing::TestParamInfo<int>& param) {
                             return std::to_string(param.param) + "ms";
                         });

// A tone that jumps from 440 to 880 Hz exactly at the frame that is lost:
// concealment can only continue 440 Hz, FEC from the next packet knows 880.
struct LostJump {
    double fec440 = 0;
    double fec880 = 0;
    double plc880 = 0;
    double fecRms = 0;
};

LostJump loseTheJumpFrame(int lossPercent)
{
    OpusEncoder encoder = makeEncoder(20, lossPercent);
    const std::size_t frame = encoder.frameSamples();
    const std::size_t lost = 25;
    std::vector<Sample> input = tone(440.0, lost * frame);
    const std::vector<Sample> after = tone(880.0, 25 * frame, 0.25, lost * frame);
    input.insert(input.end(), after.begin(), after.end());
    const std::vector<Packet> packets = encodeAll(encoder, input);

    LostJump result;
    for (const bool fec : {true, false}) {
        OpusDecoder decoder = makeDecoder();
        std::vector<Sample> out(frame);
        for (std::size_t k = 0; k < lost; ++k) {
            EXPECT_TRUE(decoder.decode(packets[k], out).ok());
        }
        auto rebuilt = fec ? decoder.decodeFec(packets[lost + 1], out) : decoder.conceal(out);
        EXPECT_TRUE(rebuilt.ok());
        EXPECT_EQ(rebuilt.value(), frame);
        // The decoder's output lags its input by the encoder's lookahead.
        const auto delay = static_cast<std::size_t>(encoder.lookaheadSamples());
        const std::span<const Sample> part(out.data() + delay, frame - delay);
        if (fec) {
            result.fec440 = toneShare(part, 440.0);
            result.fec880 = toneShare(part, 880.0);
            result.fecRms = rms(part);
        } else {
            result.plc880 = toneShare(part, 880.0);
        }
    }
    return result;
}

TEST(OpusFecTest, LostFrameIsRebuiltFromTheNextPacket)
{
    const LostJump jump = loseTheJumpFrame(20);
    EXPECT_GT(jump.fec880, 0.3);
    EXPECT_GT(jump.fec880, jump.fec440);
    EXPECT_LT(jump.plc880, 0.05);
    EXPECT_GT(jump.fecRms, 2000.0); // audio, not silence (the tone's RMS is about 5800)
}

TEST(OpusFecTest, WithoutExpectedLossThereIsNoRedundancyToRebuildFrom)
{
    // Opus adds FEC only when told to expect loss: then "FEC" decoding
    // falls back to concealment.
    const LostJump jump = loseTheJumpFrame(0);
    EXPECT_LT(jump.fec880, 0.05);
}

TEST(OpusDtxTest, SilenceBecomesTinyPacketsThatNeedNotBeSent)
{
    OpusEncoder encoder = makeEncoder(20);
    const std::size_t frame = encoder.frameSamples();
    std::vector<Sample> input = tone(500.0, kSampleRate / 2);
    input.resize(input.size() + std::size_t{3} * kSampleRate, 0); // then three seconds of silence
    std::size_t silent = 0;
    std::size_t sent = 0;
    std::size_t silentBytes = 0;
    std::size_t voicedWhileSilent = 0;
    const std::size_t silenceStarts = kSampleRate / 2 / frame;
    for (std::size_t k = 0; k * frame + frame <= input.size(); ++k) {
        std::array<std::uint8_t, kMaxOpusPacketBytes> buffer{};
        auto encoded = encoder.encode(std::span<const Sample>(input.data() + k * frame, frame), buffer);
        ASSERT_TRUE(encoded.ok());
        if (k < silenceStarts) {
            EXPECT_FALSE(encoded.value().silent);
            EXPECT_GT(encoded.value().size, 10U);
            continue;
        }
        if (k < silenceStarts + 25) {
            continue; // Opus waits a little before it calls it silence
        }
        if (encoded.value().silent) {
            ++silent;
            silentBytes += encoded.value().size;
        } else {
            ++voicedWhileSilent;
        }
        ++sent;
    }
    // Nearly every frame of the silence is a 1-2 byte DTX packet; the few
    // others are Opus's comfort noise updates (about one per 400 ms).
    EXPECT_GE(static_cast<double>(silent), 0.9 * static_cast<double>(sent));
    EXPECT_LE(silentBytes, 2 * silent);
    EXPECT_GE(voicedWhileSilent, 3U);
    EXPECT_LE(voicedWhileSilent, 10U);
}

TEST(OpusEncoderTest, ComplexityFollowsTheCpu)
{
    OpusEncoder encoder = makeEncoder(20);
    EXPECT_EQ(encoder.complexity(), 9);
    using std::chrono::microseconds;
    // Encoding takes 40 % of each 20 ms frame: complexity goes down to the floor.
    for (int i = 0; i < 1000; ++i) {
        encoder.recordEncodeTime(microseconds(8000));
    }
    EXPECT_EQ(encoder.complexity(), 3);
    EXPECT_NEAR(encoder.averageEncodeMicros(), 8000.0, 1.0);
    // Cheap again: it climbs back, but slowly (one step per five seconds).
    for (int i = 0; i < 50 * 5; ++i) {
        encoder.recordEncodeTime(microseconds(300));
    }
    EXPECT_EQ(encoder.complexity(), 4);
    for (int i = 0; i < 50 * 60; ++i) {
        encoder.recordEncodeTime(microseconds(300));
    }
    EXPECT_EQ(encoder.complexity(), 9);
    // In between (10 % of the frame): no change.
    encoder.setComplexity(6);
    for (int i = 0; i < 50 * 30; ++i) {
        encoder.recordEncodeTime(microseconds(2000));
    }
    EXPECT_EQ(encoder.complexity(), 6);
}

TEST(OpusEncoderTest, SettingsAreClampedAndReported)
{
    OpusEncoder encoder = makeEncoder(10);
    EXPECT_EQ(encoder.frameMs(), 10);
    EXPECT_EQ(encoder.frameSamples(), 480U);
    EXPECT_GT(encoder.lookaheadSamples(), 0);
    encoder.setBitrate(24000);
    EXPECT_EQ(encoder.bitrate(), 24000);
    encoder.setBitrate(1);
    EXPECT_EQ(encoder.bitrate(), 6000);
    encoder.setPacketLossPercent(250);
    EXPECT_EQ(encoder.packetLossPercent(), 100);
    encoder.setPacketLossPercent(-3);
    EXPECT_EQ(encoder.packetLossPercent(), 0);
}

TEST(OpusEncoderTest, RejectsWrongLengths)
{
    OpusEncoderConfig config;
    config.frameMs = 15;
    EXPECT_EQ(OpusEncoder::create(config).error(), OpusError::BadFrameLength);

    OpusEncoder encoder = makeEncoder(20);
    std::vector<Sample> shortFrame(480);
    std::array<std::uint8_t, kMaxOpusPacketBytes> buffer{};
    EXPECT_EQ(encoder.encode(shortFrame, buffer).error(), OpusError::BadFrameLength);
    std::vector<Sample> frame(960);
    EXPECT_EQ(encoder.encode(frame, std::span<std::uint8_t>()).error(), OpusError::BufferTooSmall);
}

TEST(OpusDecoderTest, PacketLengthIsReadWithoutDecoding)
{
    OpusEncoder encoder20 = makeEncoder(20);
    OpusEncoder encoder10 = makeEncoder(10);
    const auto packets20 = encodeAll(encoder20, tone(440.0, 960));
    const auto packets10 = encodeAll(encoder10, tone(440.0, 480));
    EXPECT_EQ(OpusDecoder::packetSamples(packets20.front()).value(), 960U);
    EXPECT_EQ(OpusDecoder::packetSamples(packets10.front()).value(), 480U);
    EXPECT_FALSE(OpusDecoder::packetSamples({}).ok());
}

TEST(OpusDecoderTest, RejectsBadInput)
{
    OpusDecoder decoder = makeDecoder();
    std::vector<Sample> out(960);
    EXPECT_EQ(decoder.decode({}, out).error(), OpusError::CorruptPacket);
    // A 20 ms packet does not fit a 10 ms buffer.
    OpusEncoder encoder = makeEncoder(20);
    const auto packets = encodeAll(encoder, tone(440.0, 960));
    std::vector<Sample> small(480);
    EXPECT_EQ(decoder.decode(packets.front(), small).error(), OpusError::CorruptPacket);
    // Code 3 with a zero frame count: invalid.
    const Packet invalid{0x03, 0x00};
    EXPECT_EQ(decoder.decode(invalid, out).error(), OpusError::CorruptPacket);
    std::vector<Sample> odd(100);
    EXPECT_EQ(decoder.decodeFec(packets.front(), odd).error(), OpusError::BadFrameLength);
}

} // namespace
} // namespace confab::audio
