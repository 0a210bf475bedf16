#include "audio/level_meter.h"

#include <gtest/gtest.h>
#include <vector>

namespace confab::audio {
namespace {

TEST(LevelMeterTest, ReportsThePeakOfTheLastHundredMilliseconds)
{
    LevelMeter meter;
    EXPECT_EQ(meter.level(), 0.0);
    std::vector<Sample> block(kBlockFrames, 0);
    block[100] = 16384;
    block[200] = -8192;
    meter.add(block);
    EXPECT_NEAR(meter.level(), 0.5, 0.001);

    // Quiet blocks: the peak stays for 100 ms, then it is gone.
    const std::vector<Sample> quiet(kBlockFrames, 100);
    for (int i = 0; i < 9; ++i) {
        meter.add(quiet);
        EXPECT_NEAR(meter.level(), 0.5, 0.001) << i;
    }
    meter.add(quiet);
    EXPECT_NEAR(meter.level(), 100.0 / 32767.0, 1e-6);
}

TEST(LevelMeterTest, FullScaleReadsOneAndResetClears)
{
    LevelMeter meter;
    const std::vector<Sample> loud(37, -32768);
    meter.add(loud);
    EXPECT_EQ(meter.level(), 1.0);
    meter.reset();
    EXPECT_EQ(meter.level(), 0.0);
}

TEST(LevelMeterTest, CountsTimeInSamplesWhateverTheBlockSize)
{
    LevelMeter meter;
    std::vector<Sample> spike(1, 32767);
    meter.add(spike);
    // 100 ms later in odd-sized pieces, the spike has left the window.
    const std::vector<Sample> piece(97, 0);
    for (std::size_t fed = 0; fed < framesForMs(100) + 97; fed += piece.size()) {
        meter.add(piece);
    }
    EXPECT_EQ(meter.level(), 0.0);
}

} // namespace
} // namespace confab::audio
