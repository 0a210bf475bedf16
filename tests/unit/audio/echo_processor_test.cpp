#include "audio/echo_processor.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>
#include <vector>

namespace confab::audio {
namespace {

constexpr std::size_t kSecond = kSampleRate;

// Something an echo canceller treats like speech: a glottal pulse train
// with a wandering pitch through three moving formants, in syllables of
// about 250 ms with pauses between them.
std::vector<Sample> speechLike(std::size_t samples, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    const std::array<double, 3> formants{700.0, 1200.0, 2600.0};
    const std::array<double, 3> bandwidths{130.0, 70.0, 160.0};
    std::array<std::array<double, 2>, 3> state{};
    std::vector<double> x(samples);
    double phase = 0;
    for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / kSampleRate;
        const double pitch = 130.0 + 30.0 * std::sin(2.0 * std::numbers::pi * 0.7 * t + seed);
        phase += pitch / kSampleRate;
        double excitation = 0.05 * noise(rng);
        if (phase >= 1.0) {
            phase -= 1.0;
            excitation += 3.0;
        }
        double y = 0;
        for (std::size_t k = 0; k < formants.size(); ++k) {
            const double f =
                formants[k] *
                (1.0 + 0.15 * std::sin(2.0 * std::numbers::pi * (0.3 + 0.2 * static_cast<double>(k)) * t));
            const double r = std::exp(-std::numbers::pi * bandwidths[k] / kSampleRate);
            const double out = excitation +
                               2.0 * r * std::cos(2.0 * std::numbers::pi * f / kSampleRate) * state[k][0] -
                               r * r * state[k][1];
            state[k][1] = state[k][0];
            state[k][0] = out;
            y += out * (k == 0 ? 1.0 : 0.5);
        }
        x[i] = y * std::max(0.0, std::sin(2.0 * std::numbers::pi * 2.0 * t + seed));
    }
    const double peak = std::max(1e-9, std::abs(*std::max_element(x.begin(), x.end(), [](double a, double b) {
                                     return std::abs(a) < std::abs(b);
                                 })));
    std::vector<Sample> out(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        out[i] = static_cast<Sample>(x[i] / peak * 12000.0);
    }
    return out;
}

// The microphone hears the loudspeaker: `far` delayed, attenuated, plus a
// weaker reflection 3 ms later.
std::vector<Sample> echoOf(const std::vector<Sample>& far, int delayMs, double gain)
{
    const std::size_t delay = framesForMs(delayMs);
    const std::size_t reflection = framesForMs(3);
    std::vector<Sample> near(far.size(), 0);
    for (std::size_t i = delay; i < far.size(); ++i) {
        double v = gain * far[i - delay];
        if (i >= delay + reflection) {
            v += 0.2 * gain * far[i - delay - reflection];
        }
        near[i] = static_cast<Sample>(v);
    }
    return near;
}

// Runs the processor over whole blocks, far end first as the voice worker does.
std::vector<Sample> run(EchoProcessor& processor, const std::vector<Sample>& far,
                        const std::vector<Sample>& near, int reportedDelayMs)
{
    std::vector<Sample> out = near;
    for (std::size_t at = 0; at + kBlockFrames <= out.size(); at += kBlockFrames) {
        processor.analyzeFarEnd(std::span<const Sample>(far.data() + at, kBlockFrames));
        processor.processNearEnd(std::span<Sample>(out.data() + at, kBlockFrames), reportedDelayMs);
    }
    return out;
}

double energyDb(const std::vector<Sample>& samples, std::size_t from, std::size_t to)
{
    double sum = 1.0;
    for (std::size_t i = from; i < to; ++i) {
        sum += static_cast<double>(samples[i]) * samples[i];
    }
    return 10.0 * std::log10(sum / static_cast<double>(to - from));
}

EchoProcessor::Options echoOnly()
{
    return EchoProcessor::Options{true, false, false, true};
}

TEST(EchoProcessorTest, PureEchoIsRemovedOnceConverged)
{
    const std::vector<Sample> far = speechLike(4 * kSecond, 1);
    const std::vector<Sample> near = echoOf(far, 40, 0.5);
    EchoProcessor processor(echoOnly());
    ASSERT_TRUE(processor.active()) << processor.error();
    const std::vector<Sample> out = run(processor, far, near, 40);

    // After two seconds to converge, the echo is at least 20 dB down (about
    // 30 dB measured with webrtc-audio-processing 0.3).
    const double reduction =
        energyDb(near, 2 * kSecond, 4 * kSecond) - energyDb(out, 2 * kSecond, 4 * kSecond);
    EXPECT_GE(reduction, 20.0);
    EXPECT_GT(processor.echoReturnLossEnhancementDb(), 10);
    EXPECT_TRUE(processor.error().empty());
}

TEST(EchoProcessorTest, EchoIsFoundEvenWhenTheReportedDelayIsWrong)
{
    // Sound servers misreport latency; the canceller searches for the echo.
    const std::vector<Sample> far = speechLike(5 * kSecond, 2);
    const std::vector<Sample> near = echoOf(far, 120, 0.7);
    EchoProcessor processor(echoOnly());
    const std::vector<Sample> out = run(processor, far, near, 20);
    const double reduction =
        energyDb(near, 3 * kSecond, 5 * kSecond) - energyDb(out, 3 * kSecond, 5 * kSecond);
    EXPECT_GE(reduction, 10.0);
}

TEST(EchoProcessorTest, FullProcessingAlsoRemovesEcho)
{
    const std::vector<Sample> far = speechLike(4 * kSecond, 3);
    const std::vector<Sample> near = echoOf(far, 30, 0.5);
    EchoProcessor processor(EchoProcessor::Options{});
    ASSERT_TRUE(processor.active());
    const std::vector<Sample> out = run(processor, far, near, 30);
    const double reduction =
        energyDb(near, 2 * kSecond, 4 * kSecond) - energyDb(out, 2 * kSecond, 4 * kSecond);
    EXPECT_GE(reduction, 20.0);
}

TEST(EchoProcessorTest, NearEndSpeechPassesWhenNothingIsPlayed)
{
    const std::vector<Sample> silence(4 * kSecond, 0);
    const std::vector<Sample> talk = speechLike(4 * kSecond, 7);
    EchoProcessor canceller(echoOnly());
    const std::vector<Sample> out = run(canceller, silence, talk, 40);
    const double change = energyDb(out, kSecond, 4 * kSecond) - energyDb(talk, kSecond, 4 * kSecond);
    EXPECT_NEAR(change, 0.0, 1.0);

    // Noise suppression takes a little of the synthetic voice's breathiness, no more.
    EchoProcessor suppressor(EchoProcessor::Options{true, true, false, true});
    const std::vector<Sample> suppressed = run(suppressor, silence, talk, 40);
    const double suppressedChange =
        energyDb(suppressed, kSecond, 4 * kSecond) - energyDb(talk, kSecond, 4 * kSecond);
    EXPECT_GT(suppressedChange, -6.0);
    EXPECT_LT(suppressedChange, 1.0);
}

TEST(EchoProcessorTest, GainControlDoesNotAttenuateSpeech)
{
    const std::vector<Sample> silence(4 * kSecond, 0);
    const std::vector<Sample> talk = speechLike(4 * kSecond, 8);
    EchoProcessor processor(EchoProcessor::Options{});
    const std::vector<Sample> out = run(processor, silence, talk, 40);
    const double change = energyDb(out, kSecond, 4 * kSecond) - energyDb(talk, kSecond, 4 * kSecond);
    EXPECT_GT(change, -3.0);
    EXPECT_LT(change, 12.0);
}

TEST(EchoProcessorTest, EverythingOffPassesAudioThroughUntouched)
{
    EchoProcessor processor(EchoProcessor::Options{false, false, false, false});
    EXPECT_FALSE(processor.active());
    EXPECT_TRUE(processor.error().empty());
    const std::vector<Sample> far = speechLike(kSecond, 4);
    const std::vector<Sample> near = speechLike(kSecond, 5);
    EXPECT_EQ(run(processor, far, near, 0), near);
    EXPECT_EQ(processor.echoReturnLossEnhancementDb(), 0);
}

TEST(EchoProcessorTest, BlocksOfOtherLengthsAreLeftAlone)
{
    EchoProcessor processor(EchoProcessor::Options{});
    std::vector<Sample> odd(100, 1000);
    processor.analyzeFarEnd(odd);
    processor.processNearEnd(odd, 10);
    EXPECT_EQ(odd, std::vector<Sample>(100, 1000));
}

} // namespace
} // namespace confab::audio
