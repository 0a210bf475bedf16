#include "support/audio_analysis.h"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

namespace confab::test {
namespace {

constexpr std::size_t kSecond = kAnalysisSampleRate;

std::vector<float> plus(std::vector<float> a, const std::vector<float>& b)
{
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        a[i] += b[i];
    }
    return a;
}

std::vector<float> scaled(std::vector<float> a, float gain)
{
    for (float& sample : a) {
        sample *= gain;
    }
    return a;
}

std::vector<std::int16_t> toInt16(const std::vector<float>& samples)
{
    std::vector<std::int16_t> out(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        out[i] = static_cast<std::int16_t>(std::lround(std::clamp(samples[i], -1.0f, 0.99997f) * 32768.0f));
    }
    return out;
}

TEST(AudioAnalysis, FindsAKnownDelayExactly)
{
    const std::vector<float> speech = makeSpeechLike(2 * kSecond, 1);
    for (const std::size_t delay : {std::size_t{0}, std::size_t{1}, std::size_t{1234}, std::size_t{4800}}) {
        const LagEstimate estimate = estimateLag(speech, delayed(speech, delay), 9600);
        EXPECT_EQ(estimate.lagSamples, static_cast<long>(delay));
        EXPECT_NEAR(estimate.correlation, 1.0, 1e-6) << delay;
    }
}

TEST(AudioAnalysis, FindsANegativeLag)
{
    // The degraded signal starts 777 samples into the reference: it is early.
    const std::vector<float> speech = makeSpeechLike(2 * kSecond, 2);
    const std::vector<float> early(speech.begin() + 777, speech.end());
    const LagEstimate estimate = estimateLag(speech, early, 4800);
    EXPECT_EQ(estimate.lagSamples, -777);
    EXPECT_NEAR(estimate.correlation, 1.0, 1e-6);
}

TEST(AudioAnalysis, FindsTheDelayThroughNoiseAndGain)
{
    const std::vector<float> speech = makeSpeechLike(3 * kSecond, 3);
    const std::vector<float> degraded =
        plus(scaled(delayed(speech, 2345), 0.5f), makeWhiteNoise(3 * kSecond + 2345, 0.02f, 4));
    const LagEstimate estimate = estimateLag(speech, degraded, 4800);
    EXPECT_EQ(estimate.lagSamples, 2345);
    EXPECT_GT(estimate.correlation, 0.8);
    EXPECT_LT(estimate.correlation, 0.999);
    // The 16-bit entry point agrees.
    EXPECT_EQ(estimateLag(toInt16(speech), toInt16(degraded), 4800).lagSamples, 2345);
}

TEST(AudioAnalysis, UnrelatedSignalsCorrelateWeakly)
{
    const LagEstimate estimate =
        estimateLag(makeSpeechLike(kSecond, 5), makeWhiteNoise(kSecond, 0.3f, 6), 4800);
    EXPECT_LT(std::abs(estimate.correlation), 0.2);
}

TEST(AudioAnalysis, IdenticalSignalsHaveNoSpectralDistance)
{
    const std::vector<float> speech = makeSpeechLike(2 * kSecond, 7);
    const SpectralDistance lsd = logSpectralDistance(speech, speech, 0);
    EXPECT_GT(lsd.frames, 50u);
    EXPECT_NEAR(lsd.meanDb, 0.0, 1e-6);
    EXPECT_NEAR(lsd.p95Db, 0.0, 1e-6);
    EXPECT_NEAR(envelopeCorrelation(speech, speech, 0), 1.0, 1e-9);
}

TEST(AudioAnalysis, ALaggedCopyMatchesOnlyAtItsLag)
{
    const std::vector<float> speech = makeSpeechLike(2 * kSecond, 8);
    const std::vector<float> late = delayed(speech, 3000);
    EXPECT_NEAR(logSpectralDistance(speech, late, 3000).meanDb, 0.0, 1e-6);
    EXPECT_NEAR(envelopeCorrelation(speech, late, 3000), 1.0, 1e-9);
    EXPECT_GT(logSpectralDistance(speech, late, 0).meanDb, 5.0);
    EXPECT_LT(envelopeCorrelation(speech, late, 0), 0.9);
}

TEST(AudioAnalysis, NoiseAgainstSpeechIsFarApart)
{
    const std::vector<float> speech = makeSpeechLike(3 * kSecond, 9);
    const std::vector<float> noise = makeWhiteNoise(3 * kSecond, 0.2f, 10);
    const SpectralDistance lsd = logSpectralDistance(speech, noise, 0);
    EXPECT_GT(lsd.meanDb, 10.0);
    EXPECT_GE(lsd.p95Db, lsd.meanDb);
    EXPECT_LT(std::abs(envelopeCorrelation(speech, noise, 0)), 0.3);
}

TEST(AudioAnalysis, AGainChangeIsItsSizeInDecibels)
{
    // White noise has no near-silent bins, so every bin differs by 20 log10(2).
    const std::vector<float> noise = makeWhiteNoise(kSecond, 0.4f, 11);
    const SpectralDistance lsd = logSpectralDistance(noise, scaled(noise, 0.5f), 0);
    EXPECT_NEAR(lsd.meanDb, 20 * std::log10(2.0), 0.01);
    // A level change leaves the envelope's shape alone (but for the pauses,
    // where both sit at the energy floor).
    const std::vector<float> speech = makeSpeechLike(kSecond, 12);
    EXPECT_GT(envelopeCorrelation(speech, scaled(speech, 0.5f), 0), 0.999);
}

TEST(AudioAnalysis, CountsOnlyActiveReferenceFrames)
{
    // One second of tone, one of near-silence (-60 dB): only the tone's
    // frames are within 35 dB of the loudest.
    std::vector<float> signal = makeTone(440, kSecond, 0.5f);
    const std::vector<float> quiet = makeTone(440, kSecond, 0.0005f);
    signal.insert(signal.end(), quiet.begin(), quiet.end());
    const SpectralDistance lsd = logSpectralDistance(signal, signal, 0);
    const std::size_t toneFrames = (kSecond - kAnalysisFrameSamples) / kAnalysisHopSamples + 1;
    EXPECT_GE(lsd.frames, toneFrames);
    EXPECT_LE(lsd.frames, toneFrames + 2); // frames straddling the edge
    // Frames whose degraded counterpart lies outside the signal are skipped.
    EXPECT_EQ(logSpectralDistance(signal, std::vector<float>(500, 0.0f), 0).frames, 0u);
}

TEST(AudioAnalysis, FindsClicksWhereTheyAre)
{
    const std::vector<float> clicks = makeClickTrain(kSecond, 4800, 1000);
    std::vector<std::size_t> expected;
    for (std::size_t i = 1000; i < kSecond; i += 4800) {
        expected.push_back(i);
    }
    EXPECT_EQ(detectClicks(clicks, 0.5), expected);
    // Through quiet noise and delayed.
    const std::vector<float> noisy = plus(delayed(clicks, 240), makeWhiteNoise(kSecond + 240, 0.01f, 13));
    std::vector<std::size_t> shifted;
    shifted.reserve(expected.size());
    for (const std::size_t onset : expected) {
        shifted.push_back(onset + 240);
    }
    EXPECT_EQ(detectClicks(noisy, 0.5), shifted);
    EXPECT_EQ(detectClicks(toInt16(noisy), 0.5), shifted);
}

TEST(AudioAnalysis, CountsARingingClickOnce)
{
    // Each click rings for 5 ms, as it would after a codec.
    std::vector<float> ringing(kSecond, 0.0f);
    for (std::size_t click = 2000; click < kSecond; click += 9600) {
        for (std::size_t i = 0; i < 240 && click + i < kSecond; ++i) {
            ringing[click + i] = static_cast<float>(0.8 * std::exp(-static_cast<double>(i) / 60.0) *
                                                    std::cos(0.5 * static_cast<double>(i)));
        }
    }
    const std::vector<std::size_t> onsets = detectClicks(ringing, 0.3);
    ASSERT_EQ(onsets.size(), 5u);
    for (std::size_t i = 0; i < onsets.size(); ++i) {
        EXPECT_EQ(onsets[i], 2000 + i * 9600);
    }
    EXPECT_TRUE(detectClicks(std::vector<float>(1000, 0.0f), 0.5).empty());
}

TEST(AudioAnalysis, GeneratorsAndLevels)
{
    EXPECT_NEAR(rms(makeTone(1000, kSecond, 0.5f)), 0.5 / std::sqrt(2.0), 1e-4);
    EXPECT_NEAR(rms(makeWhiteNoise(kSecond, 0.3f, 14)), 0.3 / std::sqrt(3.0), 1e-3);
    EXPECT_EQ(makeSpeechLike(kSecond, 15), makeSpeechLike(kSecond, 15));
    EXPECT_NE(makeSpeechLike(kSecond, 15), makeSpeechLike(kSecond, 16));
    const std::vector<float> speech = makeSpeechLike(kSecond, 15);
    EXPECT_GT(rms(speech), 0.03);
    const std::int16_t raw[] = {-32768, 0, 16384};
    const std::vector<float> converted = toFloat(raw);
    EXPECT_EQ(converted, (std::vector<float>{-1.0f, 0.0f, 0.5f}));
}

} // namespace
} // namespace confab::test
