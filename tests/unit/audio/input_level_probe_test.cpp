#include "audio/input_level_probe.h"

#include <gtest/gtest.h>
#include <memory>
#include <vector>

namespace confab::audio {
namespace {

// Delivers blocks when the test says so, on the test's thread.
class ManualDevice final : public AudioDevice {
public:
    struct State {
        AudioCallback* callback = nullptr;
        int starts = 0;
        int stops = 0;
        bool failed = false;
        std::optional<std::string> refuse;
    };

    explicit ManualDevice(State& state) : m_state(state) {}
    std::optional<std::string> start(AudioCallback& callback) override
    {
        if (m_state.refuse) {
            return m_state.refuse;
        }
        ++m_state.starts;
        m_state.callback = &callback;
        return std::nullopt;
    }
    void stop() override
    {
        ++m_state.stops;
        m_state.callback = nullptr;
    }
    [[nodiscard]] bool failed() const override { return m_state.failed; }
    [[nodiscard]] std::string description() const override { return "manual"; }

private:
    State& m_state;
};

std::vector<Sample> deliver(ManualDevice::State& state, Sample value)
{
    std::vector<Sample> in(kBlockFrames, 0);
    in[17] = value;
    std::vector<Sample> out(kBlockFrames, 555);
    state.callback->process(in.data(), out.data(), out.size());
    return out;
}

TEST(InputLevelProbeTest, ReportsPeaksSinceTheLastLookAndTheLoudestOverall)
{
    ManualDevice::State state;
    InputLevelProbe probe(std::make_unique<ManualDevice>(state));
    ASSERT_FALSE(probe.start());
    EXPECT_EQ(probe.blocks(), 0U);
    ASSERT_NE(state.callback, nullptr);

    const std::vector<Sample> out = deliver(state, 16384);
    EXPECT_EQ(std::count(out.begin(), out.end(), Sample{0}), static_cast<long>(kBlockFrames))
        << "plays silence";
    deliver(state, -8192);
    EXPECT_NEAR(probe.takePeak(), 0.5, 0.001);
    EXPECT_EQ(probe.takePeak(), 0.0) << "taken";
    deliver(state, 3277);
    EXPECT_NEAR(probe.takePeak(), 0.1, 0.001);
    EXPECT_NEAR(probe.maxPeak(), 0.5, 0.001);
    EXPECT_EQ(probe.blocks(), 3U);
    deliver(state, -32768);
    EXPECT_EQ(probe.maxPeak(), 1.0);

    probe.stop();
    EXPECT_EQ(state.stops, 1);
    EXPECT_EQ(state.callback, nullptr);
}

TEST(InputLevelProbeTest, ADeviceThatCannotOpenSaysWhy)
{
    ManualDevice::State state;
    state.refuse = "no such device 'x'";
    InputLevelProbe probe(std::make_unique<ManualDevice>(state));
    EXPECT_EQ(probe.start(), std::optional<std::string>("no such device 'x'"));
    EXPECT_FALSE(probe.failed());
    probe.stop();
    EXPECT_EQ(state.stops, 0) << "nothing was started, nothing to stop";
}

TEST(InputLevelProbeTest, FailureOfTheRunningStreamShowsAndTheDestructorReleases)
{
    ManualDevice::State state;
    {
        InputLevelProbe probe(std::make_unique<ManualDevice>(state));
        ASSERT_FALSE(probe.start());
        EXPECT_FALSE(probe.failed());
        state.failed = true;
        EXPECT_TRUE(probe.failed());
    }
    EXPECT_EQ(state.stops, 1);
}

} // namespace
} // namespace confab::audio
