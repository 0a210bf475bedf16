#include "audio/ring_tone.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>
#include <numbers>
#include <span>
#include <vector>

namespace confab::audio {
namespace {

int peakOf(std::span<const Sample> samples)
{
    int peak = 0;
    for (const Sample s : samples) {
        peak = std::max(peak, std::abs(static_cast<int>(s)));
    }
    return peak;
}

double rmsOf(std::span<const Sample> samples)
{
    double energy = 0;
    for (const Sample s : samples) {
        energy += static_cast<double>(s) * s;
    }
    return samples.empty() ? 0.0 : std::sqrt(energy / static_cast<double>(samples.size()));
}

// Power of one frequency (Goertzel), normalised by the length.
double powerAt(std::span<const Sample> samples, double hz)
{
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * hz / kSampleRate);
    double s1 = 0;
    double s2 = 0;
    for (const Sample s : samples) {
        const double s0 = static_cast<double>(s) + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double n = static_cast<double>(samples.size());
    return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (n * n);
}

TEST(RingToneTest, TwoSecondsOfToneThenFourOfSilence)
{
    const RingCadence cadence;
    const std::vector<Sample> period = makeRingPeriod(cadence);
    ASSERT_EQ(period.size(), framesForMs(6000));
    const std::span<const Sample> all(period);
    // Every 10 ms block of the burst (past the fades) sounds, every block after it is silent.
    for (std::size_t at = framesForMs(cadence.attackMs); at + kBlockFrames <= framesForMs(1960);
         at += kBlockFrames) {
        EXPECT_GT(rmsOf(all.subspan(at, kBlockFrames)), 1000.0) << "block at frame " << at;
    }
    EXPECT_EQ(peakOf(all.subspan(framesForMs(2000))), 0);
}

TEST(RingToneTest, LevelIsModerateAndNeverClips)
{
    const std::vector<Sample> period = makeRingPeriod();
    const int peak = peakOf(period);
    EXPECT_LE(peak, static_cast<int>(0.35 * 32767) + 1);
    EXPECT_GE(peak, static_cast<int>(0.33 * 32767)) << "the two tones line up within the burst";

    RingCadence loud;
    loud.peak = 4.0; // asks for far more than full scale
    const std::vector<Sample> clamped = makeRingPeriod(loud);
    EXPECT_LT(peakOf(clamped), 32767) << "no sample at full scale: nothing clips";
    EXPECT_GT(peakOf(clamped), 30000);
}

TEST(RingToneTest, BurstFadesInAndOutSoftly)
{
    const RingCadence cadence;
    const std::vector<Sample> period = makeRingPeriod(cadence);
    const std::span<const Sample> all(period);
    const double full = rmsOf(all.subspan(framesForMs(500), framesForMs(100)));
    EXPECT_EQ(period.front(), 0);
    EXPECT_LT(peakOf(all.subspan(0, framesForMs(2))), 0.02 * 32767) << "no click at the start";
    EXPECT_LT(rmsOf(all.subspan(0, framesForMs(10))), 0.2 * full);
    EXPECT_LT(std::abs(static_cast<int>(period[cadence.onFrames() - 1])), 10) << "ends at silence";
    EXPECT_LT(peakOf(all.subspan(cadence.onFrames() - framesForMs(2), framesForMs(2))), 0.02 * 32767);
}

TEST(RingToneTest, HoldsTheTwoTonesAndNothingElse)
{
    const std::vector<Sample> period = makeRingPeriod();
    const std::span<const Sample> burst =
        std::span<const Sample>(period).subspan(framesForMs(100), framesForMs(1800));
    const double low = powerAt(burst, 440);
    const double high = powerAt(burst, 480);
    EXPECT_GT(low, 0.0);
    EXPECT_NEAR(low / high, 1.0, 0.1) << "equal parts";
    for (const double other : {220.0, 460.0, 880.0, 1000.0, 3000.0}) {
        EXPECT_LT(powerAt(burst, other), low / 1000) << other << " Hz";
    }
}

TEST(RingToneTest, PlaysThePeriodEndlesslyInAnyBlockSize)
{
    RingCadence cadence;
    cadence.onMs = 30;
    cadence.offMs = 20;
    const std::vector<Sample> period = makeRingPeriod(cadence);
    RingTone tone(cadence);
    std::vector<Sample> played;
    std::vector<Sample> block;
    for (const std::size_t size : {1U, 479U, 480U, 2399U, 7U, 4800U}) {
        block.assign(size, 1234);
        tone.fill(block);
        played.insert(played.end(), block.begin(), block.end());
    }
    for (std::size_t i = 0; i < played.size(); ++i) {
        ASSERT_EQ(played[i], period[i % period.size()]) << "frame " << i;
    }
    tone.rewind();
    EXPECT_EQ(tone.position(), 0U);
    block.assign(10, 0);
    tone.fill(block);
    EXPECT_TRUE(std::equal(block.begin(), block.end(), period.begin()));
}

TEST(RingToneTest, AnEmptyCadenceIsSilence)
{
    RingCadence none;
    none.onMs = 0;
    none.offMs = 0;
    RingTone tone(none);
    std::vector<Sample> block(480, 99);
    tone.fill(block);
    EXPECT_EQ(peakOf(block), 0);
}

} // namespace
} // namespace confab::audio
