#include "audio/null_audio_device.h"
#include "manual_pacer.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::audio {
namespace {

using test::ManualClock;
using test::ManualPacer;

class RecordingCallback final : public AudioCallback {
public:
    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        for (std::size_t i = 0; i < frames; ++i) {
            m_nonSilent = m_nonSilent || input[i] != 0;
            output[i] = 12345; // must be accepted and discarded
        }
        m_badFrameCount = m_badFrameCount || frames != kBlockFrames;
        ++m_calls;
    }

    [[nodiscard]] std::uint64_t calls() const { return m_calls; }
    [[nodiscard]] bool nonSilent() const { return m_nonSilent; }
    [[nodiscard]] bool badFrameCount() const { return m_badFrameCount; }

private:
    std::uint64_t m_calls = 0;
    bool m_nonSilent = false;
    bool m_badFrameCount = false;
};

TEST(NullAudioDevice, DeliversSilenceOncePerBlock)
{
    ManualClock clock;
    NullAudioDevice device(std::make_unique<ManualPacer>(clock));
    RecordingCallback callback;
    EXPECT_EQ(device.streamOriginNs(), std::nullopt);
    ASSERT_EQ(device.start(callback), std::nullopt);
    EXPECT_EQ(clock.periodNs, kBlockPeriodNs);
    clock.advance(32);
    device.stop();
    EXPECT_EQ(callback.calls(), 32U);
    EXPECT_FALSE(callback.nonSilent());
    EXPECT_FALSE(callback.badFrameCount());
    EXPECT_FALSE(device.failed());
    EXPECT_EQ(device.streamOriginNs(), std::optional<std::int64_t>(clock.originNs));
}

TEST(NullAudioDevice, NoCallbackAfterStopAndRestartable)
{
    ManualClock clock;
    NullAudioDevice device(std::make_unique<ManualPacer>(clock));
    RecordingCallback first;
    ASSERT_EQ(device.start(first), std::nullopt);
    EXPECT_TRUE(device.start(first).has_value()) << "a second start while running must be refused";
    clock.advance(5);
    device.stop();
    EXPECT_FALSE(clock.running);
    const std::int64_t firstOrigin = *device.streamOriginNs();

    RecordingCallback second;
    ASSERT_EQ(device.start(second), std::nullopt);
    clock.advance(5);
    device.stop();
    EXPECT_EQ(first.calls(), 5U);
    EXPECT_EQ(second.calls(), 5U);
    EXPECT_GT(*device.streamOriginNs(), firstOrigin);
}

} // namespace
} // namespace confab::audio
