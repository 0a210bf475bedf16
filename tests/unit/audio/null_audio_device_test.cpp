#include "audio/monotonic_clock.h"
#include "audio/null_audio_device.h"
#include "audio/realtime_pacer.h"

#include <array>
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>

namespace confab::audio {
namespace {

class RecordingCallback final : public AudioCallback {
public:
    static constexpr std::size_t kTimed = 32;

    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        const std::uint64_t call = m_calls.load(std::memory_order_relaxed);
        if (call < kTimed) {
            m_timesNs[call] = monotonicNowNs();
        }
        for (std::size_t i = 0; i < frames; ++i) {
            m_nonSilent = m_nonSilent || input[i] != 0;
            output[i] = 12345; // must be accepted and discarded
        }
        m_calls.store(call + 1, std::memory_order_release);
    }

    [[nodiscard]] std::uint64_t calls() const { return m_calls.load(std::memory_order_acquire); }
    [[nodiscard]] std::int64_t timeOfCall(std::size_t k) const { return m_timesNs[k]; }
    [[nodiscard]] bool nonSilent() const { return m_nonSilent; }

private:
    std::atomic<std::uint64_t> m_calls{0};
    std::array<std::int64_t, kTimed> m_timesNs{};
    bool m_nonSilent = false;
};

void waitForCalls(const RecordingCallback& callback, std::uint64_t calls)
{
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (callback.calls() < calls && std::chrono::steady_clock::now() < limit) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(callback.calls(), calls) << "the device stopped calling back";
}

TEST(NullAudioDevice, DeliversSilenceOnAbsoluteDeadlines)
{
    NullAudioDevice device;
    RecordingCallback callback;
    EXPECT_EQ(device.streamOriginNs(), std::nullopt);
    ASSERT_EQ(device.start(callback), std::nullopt);
    waitForCalls(callback, RecordingCallback::kTimed);
    device.stop();
    EXPECT_FALSE(callback.nonSilent());
    EXPECT_FALSE(device.failed());
    const auto origin = device.streamOriginNs();
    ASSERT_TRUE(origin.has_value());
    for (std::size_t k = 0; k < RecordingCallback::kTimed; ++k) {
        EXPECT_GE(callback.timeOfCall(k), *origin + static_cast<std::int64_t>(k + 1) * kBlockPeriodNs)
            << "block " << k << " came before its deadline";
    }
}

TEST(NullAudioDevice, NoCallbackAfterStopAndRestartable)
{
    NullAudioDevice device;
    RecordingCallback first;
    ASSERT_EQ(device.start(first), std::nullopt);
    EXPECT_TRUE(device.start(first).has_value()) << "a second start while running must be refused";
    waitForCalls(first, 5);
    device.stop();
    const std::uint64_t afterStop = first.calls();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(first.calls(), afterStop);

    RecordingCallback second;
    ASSERT_EQ(device.start(second), std::nullopt);
    waitForCalls(second, 5);
    device.stop();
    EXPECT_EQ(first.calls(), afterStop);
}

} // namespace
} // namespace confab::audio
