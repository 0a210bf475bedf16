#include "audio/file_audio_device.h"
#include "manual_pacer.h"
#include "wav_test_util.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <numbers>

namespace confab::audio {
namespace {

using test::ManualClock;
using test::ManualPacer;
using test::TempDir;

// Copies input to output and remembers whether any input was not silence.
class LoopbackCallback final : public AudioCallback {
public:
    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        m_badFrameCount = m_badFrameCount || frames != kBlockFrames;
        for (std::size_t i = 0; i < frames; ++i) {
            output[i] = input[i];
            m_heardSomething = m_heardSomething || input[i] != 0;
        }
        ++m_calls;
    }

    [[nodiscard]] std::uint64_t calls() const { return m_calls; }
    [[nodiscard]] bool heardSomething() const { return m_heardSomething; }
    [[nodiscard]] bool badFrameCount() const { return m_badFrameCount; }

private:
    std::uint64_t m_calls = 0;
    bool m_heardSomething = false;
    bool m_badFrameCount = false;
};

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
    ManualClock clock;
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"), std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    EXPECT_EQ(device.streamOriginNs(), std::nullopt);

    ASSERT_EQ(device.start(callback), std::nullopt);
    EXPECT_EQ(clock.periodNs, kBlockPeriodNs);
    EXPECT_FALSE(device.failed());
    clock.advance(40);
    device.stop();
    EXPECT_FALSE(clock.running);
    EXPECT_EQ(callback.calls(), 40U);
    EXPECT_EQ(device.blocksProcessed(), 40U);
    EXPECT_FALSE(callback.badFrameCount());
    EXPECT_TRUE(callback.heardSomething());
    EXPECT_EQ(device.inputFrames(), in.size());
    EXPECT_EQ(device.streamOriginNs(), std::optional<std::int64_t>(clock.originNs));

    EXPECT_EQ(device.outputStreamOffsetFrames(), std::optional<std::int64_t>(0));
    const auto out = readOutput(dir.file("out.wav"));
    ASSERT_EQ(out.size(), 40 * kBlockFrames) << "every callback's output is recorded, nothing else";
    expectLoopedInput(out, 0, out.size(), in);
}

TEST(FileAudioDevice, EachStartPlaysInputAgainAndAppendsToOutput)
{
    TempDir dir;
    const auto in = tone();
    writeInput(dir.file("in.wav"), in);
    ManualClock clock;
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"), std::make_unique<ManualPacer>(clock));

    LoopbackCallback first;
    ASSERT_EQ(device.start(first), std::nullopt);
    EXPECT_TRUE(device.start(first).has_value()) << "a second start while running must be refused";
    clock.advance(35);
    device.stop();
    const std::int64_t firstOrigin = *device.streamOriginNs();
    const std::uint64_t firstFrames = 35 * kBlockFrames;
    // Readable between the calls.
    EXPECT_EQ(readOutput(dir.file("out.wav")).size(), firstFrames);

    LoopbackCallback second;
    ASSERT_EQ(device.start(second), std::nullopt);
    clock.advance(45);
    device.stop();
    const std::uint64_t secondFrames = 45 * kBlockFrames;
    EXPECT_EQ(first.calls(), 35U);
    EXPECT_EQ(second.calls(), 45U);

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
    ManualClock clock;
    FileAudioDevice device(dir.file("in.wav"), dir.file("out.wav"), std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    clock.advance(20);
    device.stop();
    EXPECT_EQ(device.inputFrames(), 48000u);
    const auto out = readOutput(dir.file("out.wav"));
    ASSERT_EQ(out.size(), 20 * kBlockFrames);
    // Past the resampler's settling at the very start: the constant level.
    for (std::size_t m = 2000; m < 20 * kBlockFrames; ++m) {
        ASSERT_NEAR(out[m], 2000, 2) << "sample " << m;
    }
}

TEST(FileAudioDevice, WithoutInputTheMicrophoneIsSilent)
{
    TempDir dir;
    ManualClock clock;
    FileAudioDevice device("", dir.file("out.wav"), std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    clock.advance(10);
    device.stop();
    EXPECT_FALSE(callback.heardSomething());
    EXPECT_EQ(readOutput(dir.file("out.wav")).size(), 10 * kBlockFrames);
}

TEST(FileAudioDevice, WithoutOutputNothingIsRecorded)
{
    TempDir dir;
    writeInput(dir.file("in.wav"), tone());
    ManualClock clock;
    FileAudioDevice device(dir.file("in.wav"), "", std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    clock.advance(10);
    device.stop();
    EXPECT_TRUE(callback.heardSomething());
    EXPECT_FALSE(device.failed());
    EXPECT_EQ(device.outputStreamOffsetFrames(), std::nullopt);
    // in.wav is the only file in the folder.
    const auto entries = std::distance(std::filesystem::directory_iterator(dir.file("")),
                                       std::filesystem::directory_iterator());
    EXPECT_EQ(entries, 1);
}

TEST(FileAudioDevice, LateBlocksAreThePacersLateTicks)
{
    TempDir dir;
    ManualClock clock;
    FileAudioDevice device("", "", std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    ASSERT_EQ(device.start(callback), std::nullopt);
    clock.lateTicks = 3;
    EXPECT_EQ(device.lateBlocks(), 3U);
    device.stop();
}

TEST(FileAudioDevice, MissingOrInvalidInputIsAnError)
{
    TempDir dir;
    LoopbackCallback callback;
    ManualClock clock;
    {
        FileAudioDevice device(dir.file("missing.wav"), dir.file("out.wav"),
                               std::make_unique<ManualPacer>(clock));
        const auto error = device.start(callback);
        ASSERT_TRUE(error.has_value());
        EXPECT_NE(error->find(dir.file("missing.wav")), std::string::npos) << *error;
        EXPECT_NE(error->find("cannot open"), std::string::npos) << *error;
    }
    test::writeFile(dir.file("text.wav"), test::Bytes{'n', 'o', 'p', 'e'});
    {
        FileAudioDevice device(dir.file("text.wav"), dir.file("out.wav"),
                               std::make_unique<ManualPacer>(clock));
        const auto error = device.start(callback);
        ASSERT_TRUE(error.has_value());
        EXPECT_NE(error->find("not a WAV file"), std::string::npos) << *error;
    }
    EXPECT_EQ(callback.calls(), 0u);
    EXPECT_EQ(clock.starts, 0) << "nothing ticks when the files cannot be used";
}

TEST(FileAudioDevice, UncreatableOutputIsAnError)
{
    TempDir dir;
    ManualClock clock;
    FileAudioDevice device("", dir.file("missing-folder/out.wav"), std::make_unique<ManualPacer>(clock));
    LoopbackCallback callback;
    const auto error = device.start(callback);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(clock.starts, 0);
    EXPECT_NE(error->find("missing-folder/out.wav"), std::string::npos) << *error;
}

} // namespace
} // namespace confab::audio
