#include "audio/file_audio_device.h"
#include "audio/monotonic_clock.h"
#include "audio/realtime_pacer.h"
#include "wav_test_util.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <numbers>
#include <thread>

namespace confab::audio {
namespace {

using test::TempDir;

// Copies input to output, remembers when each of the first calls ran and
// whether any input was not silence. Lock-free, as the contract requires.
class LoopbackCallback final : public AudioCallback {
public:
    static constexpr std::size_t kTimed = 64;

    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        const std::uint64_t call = m_calls.load(std::memory_order_relaxed);
        if (call < kTimed) {
            m_timesNs[call] = monotonicNowNs();
        }
        m_badFrameCount = m_badFrameCount || frames != kBlockFrames;
        for (std::size_t i = 0; i < frames; ++i) {
            output[i] = input[i];
            m_heardSomething = m_heardSomething || input[i] != 0;
        }
        m_calls.store(call + 1, std::memory_order_release);
    }

    [[nodiscard]] std::uint64_t calls() const { return m_calls.load(std::memory_order_acquire); }
    // Valid for calls already counted by calls().
    [[nodiscard]] std::int64_t timeOfCall(std::size_t k) const { return m_timesNs[k]; }
    [[nodiscard]] bool heardSomething() const { return m_heardSomething; }
    [[nodiscard]] bool badFrameCount() const { return m_badFrameCount; }

private:
    std::atomic<std::uint64_t> m_calls{0};
    std::array<std::int64_t, kTimed> m_timesNs{};
    bool m_heardSomething = false;
    bool m_badFrameCount = false;
};

// Waits (up to a generous limit, so a busy machine never fails it) until
// `callback` ran at least `calls` times.
void waitForCalls(const LoopbackCallback& callback, std::uint64_t calls)
{
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (callback.calls() < calls && std::chrono::steady_clock::now() < limit) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(callback.calls(), calls) << "the device stopped calling back";
}

// 0.3 s of a 440 Hz tone, deliberately not a whole number of blocks.
std::vector<Sample> tone()
{
    std::vector<Sample> v(14'567);
    for (std::size_t i = 0; i < v.size(); ++i) {
        v[i] = static_cast<Sample>(
            std::lround(8000 * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(i) / kSampleRate)));
    }
    return v;
}

void writeInput(const std::string& path, const std::vector<Sample>& samples)
{
    test::writeFile(path, test::makeWav(test::WavSpec{}, samples));
}

std::vector<Sample> readOutput(const std::string& path)
{
    auto audio = readWav(path);
    EXPECT_TRUE(audio.ok()) << (audio.ok() ? "" : wavErrorMessage(audio.error()));
    if (!audio.ok()) {
        return {};
    }
    EXPECT_EQ(audio.value().sampleRate, kSampleRate);
    EXPECT_EQ(audio.value().channels, 1);
    return audio.value().samples;
}

// OUT part of one stream, recorded through a loopback callback: the timing
// model makes it IN sample for sample, then silence.
void expectLoopedInput(const std::vector<Sample>& out, std::size_t begin, std::size_t frames,
                       const std::vector<Sample>& in)
{
    ASSERT_LE(begin + frames, out.size());
    ASSERT_GT(frames, in.size()) << "the stream must outlast IN to check the silence after it";
    std::size_t wrong = 0;
    for (std::size_t m = 0; m < frames; ++m) {
        const Sample expected = m < in.size() ? in[m] : Sample{0};
        if (out[begin + m] != expected) {
            ++wrong;
        }
    }
    EXPECT_EQ(wrong, 0u) << "samples of this stream that differ from IN";
}

TEST(FileAudioDevice, RecordsWhatTheCallbackPlaysAlignedWithTheInput)
{
    TempDir dir;
    const auto in = tone();
    writeInput(dir.file("in.wav"), in);
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"));
    LoopbackCallback callback;
    EXPECT_EQ(device.streamOriginNs(), std::nullopt);

    const std::int64_t before = monotonicNowNs();
    ASSERT_EQ(device.start(callback), std::nullopt);
    EXPECT_FALSE(device.failed());
    waitForCalls(callback, 40);
    device.stop();
    const std::uint64_t blocks = callback.calls();
    EXPECT_EQ(device.blocksProcessed(), blocks);
    EXPECT_FALSE(callback.badFrameCount());
    EXPECT_TRUE(callback.heardSomething());
    EXPECT_EQ(device.inputFrames(), in.size());

    // The origin is taken at start(), and block k is handed over only once
    // its 10 ms have passed: never before origin + (k + 1) * 10 ms.
    const auto origin = device.streamOriginNs();
    ASSERT_TRUE(origin.has_value());
    EXPECT_GE(*origin, before);
    for (std::size_t k = 0; k < LoopbackCallback::kTimed && k < blocks; ++k) {
        EXPECT_GE(callback.timeOfCall(k), *origin + static_cast<std::int64_t>(k + 1) * kBlockPeriodNs)
            << "block " << k << " was processed before it was captured";
    }

    EXPECT_EQ(device.outputStreamOffsetFrames(), std::optional<std::int64_t>(0));
    const auto out = readOutput(dir.file("out.wav"));
    ASSERT_EQ(out.size(), blocks * kBlockFrames) << "every callback's output is recorded, nothing else";
    expectLoopedInput(out, 0, out.size(), in);
}

TEST(FileAudioDevice, EachStartPlaysInputAgainAndAppendsToOutput)
{
    TempDir dir;
    const auto in = tone();
    writeInput(dir.file("in.wav"), in);
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"));

    LoopbackCallback first;
    ASSERT_EQ(device.start(first), std::nullopt);
    waitForCalls(first, 35);
    device.stop();
    const std::int64_t firstOrigin = *device.streamOriginNs();
    const std::uint64_t firstFrames = first.calls() * kBlockFrames;
    // Readable between the calls.
    EXPECT_EQ(readOutput(dir.file("out.wav")).size(), firstFrames);

    LoopbackCallback second;
    ASSERT_EQ(device.start(second), std::nullopt);
    waitForCalls(second, 45);
    device.stop();
    const std::uint64_t secondFrames = second.calls() * kBlockFrames;

    EXPECT_GT(*device.streamOriginNs(), firstOrigin);
    ASSERT_EQ(device.outputStreamOffsetFrames(),
              std::optional<std::int64_t>(static_cast<std::int64_t>(firstFrames)));
    const auto out = readOutput(dir.file("out.wav"));
    ASSERT_EQ(out.size(), firstFrames + secondFrames);
    expectLoopedInput(out, 0, firstFrames, in);
    expectLoopedInput(out, firstFrames, secondFrames, in);
}

TEST(FileAudioDevice, InputIsConvertedTo48kMono)
{
    TempDir dir;
    std::vector<Sample> stereo(std::size_t{2} * 22050, 0);
    for (std::size_t i = 0; i < stereo.size(); i += 2) {
        stereo[i] = 4000; // left only: mixed down to half
    }
    test::writeFile(dir.file("in.wav"), test::makeWav(test::WavSpec{22050, 2}, stereo));
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    waitForCalls(callback, 20);
    device.stop();
    EXPECT_EQ(device.inputFrames(), 48000u);
    const auto out = readOutput(dir.file("out.wav"));
    ASSERT_GE(out.size(), 20 * kBlockFrames);
    // Past the resampler's settling at the very start: the constant level.
    for (std::size_t m = 2000; m < 20 * kBlockFrames; ++m) {
        ASSERT_NEAR(out[m], 2000, 2) << "sample " << m;
    }
}

TEST(FileAudioDevice, WithoutInputTheMicrophoneIsSilent)
{
    TempDir dir;
    FileAudioDevice device("", dir.file("out.wav"));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    waitForCalls(callback, 10);
    device.stop();
    EXPECT_FALSE(callback.heardSomething());
    EXPECT_EQ(readOutput(dir.file("out.wav")).size(), callback.calls() * kBlockFrames);
}

TEST(FileAudioDevice, WithoutOutputNothingIsRecorded)
{
    TempDir dir;
    writeInput(dir.file("in.wav"), tone());
    FileAudioDevice device(dir.file("in.wav"), "");
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    waitForCalls(callback, 10);
    device.stop();
    EXPECT_TRUE(callback.heardSomething());
    EXPECT_FALSE(device.failed());
    EXPECT_EQ(device.outputStreamOffsetFrames(), std::nullopt);
    // in.wav is the only file in the folder.
    const auto entries = std::distance(std::filesystem::directory_iterator(dir.file("")),
                                       std::filesystem::directory_iterator());
    EXPECT_EQ(entries, 1);
}

TEST(FileAudioDevice, MissingOrInvalidInputIsAnError)
{
    TempDir dir;
    LoopbackCallback callback;
    {
        FileAudioDevice device(dir.file("missing.wav"), dir.file("out.wav"));
        const auto error = device.start(callback);
        ASSERT_TRUE(error.has_value());
        EXPECT_NE(error->find(dir.file("missing.wav")), std::string::npos) << *error;
        EXPECT_NE(error->find("cannot open"), std::string::npos) << *error;
    }
    test::writeFile(dir.file("text.wav"), test::Bytes{'n', 'o', 'p', 'e'});
    {
        FileAudioDevice device(dir.file("text.wav"), dir.file("out.wav"));
        const auto error = device.start(callback);
        ASSERT_TRUE(error.has_value());
        EXPECT_NE(error->find("not a WAV file"), std::string::npos) << *error;
    }
    EXPECT_EQ(callback.calls(), 0u);
}

TEST(FileAudioDevice, UncreatableOutputIsAnError)
{
    TempDir dir;
    FileAudioDevice device("", dir.file("missing-folder/out.wav"));
    LoopbackCallback callback;
    const auto error = device.start(callback);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("missing-folder/out.wav"), std::string::npos) << *error;
}

} // namespace
} // namespace confab::audio
