#include "audio/wav_file.h"
#include "wav_test_util.h"

#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <gtest/gtest.h>
#include <numbers>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

namespace confab::audio {
namespace {

using test::Bytes;
using test::makeWav;
using test::TempDir;
using test::WavSpec;

std::vector<Sample> ramp(std::size_t n, int step = 37)
{
    std::vector<Sample> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = static_cast<Sample>(static_cast<int>(i) * step % 65536 - 32768);
    }
    return v;
}

std::vector<Sample> sine(double hz, int rate, std::size_t n, double amplitude = 10000)
{
    std::vector<Sample> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = static_cast<Sample>(
            std::lround(amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
    }
    return v;
}

WavError parseError(const Bytes& bytes)
{
    auto result = parseWav(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? WavError::ResampleFailed : result.error();
}

TEST(WavFile, WriterOutputReadsBackSampleForSample)
{
    TempDir dir;
    const auto samples = ramp(12345);
    WavWriter writer;
    ASSERT_EQ(writer.open(dir.file("a.wav")), std::nullopt);
    ASSERT_EQ(writer.write(samples.data(), 1000), std::nullopt);
    ASSERT_EQ(writer.write(samples.data() + 1000, samples.size() - 1000), std::nullopt);
    EXPECT_EQ(writer.framesWritten(), samples.size());
    ASSERT_EQ(writer.close(), std::nullopt);

    EXPECT_EQ(std::filesystem::file_size(dir.file("a.wav")), 44 + 2 * samples.size());
    auto audio = readWav(dir.file("a.wav"));
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().sampleRate, 48000);
    EXPECT_EQ(audio.value().channels, 1);
    EXPECT_EQ(audio.value().samples, samples);
    auto mono = readWavMono48k(dir.file("a.wav"));
    ASSERT_TRUE(mono.ok());
    EXPECT_EQ(mono.value(), samples);
}

TEST(WavFile, ParsesAHandMadeFileWithExtraChunks)
{
    // An odd-sized chunk before "fmt " and one between "fmt " and "data":
    // both skipped, including the pad byte.
    Bytes list;
    test::appendTag(list, "LIST");
    test::appendLe32(list, 3);
    list.insert(list.end(), {'a', 'b', 'c', 0});
    Bytes fact;
    test::appendTag(fact, "fact");
    test::appendLe32(fact, 4);
    test::appendLe32(fact, 3);
    const std::vector<Sample> samples{1, -1, 32767, -32768, 0, 5};
    const auto bytes = test::riff({list, test::fmtChunk(WavSpec{22050, 2}), fact, test::dataChunk(samples)});
    auto audio = parseWav(bytes);
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().sampleRate, 22050);
    EXPECT_EQ(audio.value().channels, 2);
    EXPECT_EQ(audio.value().frames(), 3u);
    EXPECT_EQ(audio.value().samples, samples);
}

TEST(WavFile, AcceptsExtensiblePcm)
{
    Bytes fmt;
    test::appendTag(fmt, "fmt ");
    test::appendLe32(fmt, 40);
    test::appendLe16(fmt, 0xFFFE);
    test::appendLe16(fmt, 3);         // channels
    test::appendLe32(fmt, 48000);     // rate
    test::appendLe32(fmt, 48000 * 6); // bytes/s
    test::appendLe16(fmt, 6);         // block align
    test::appendLe16(fmt, 16);        // bits
    test::appendLe16(fmt, 22);        // cbSize
    test::appendLe16(fmt, 16);        // valid bits
    test::appendLe32(fmt, 0x7);       // channel mask
    // Sub-format KSDATAFORMAT_SUBTYPE_PCM: the format tag 1, then the rest of its GUID.
    test::appendLe16(fmt, 1);
    fmt.insert(fmt.end(),
               {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71});
    const std::vector<Sample> samples{300, 600, 900, -300, -600, -900};
    auto audio = parseWav(test::riff({fmt, test::dataChunk(samples)}));
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().channels, 3);
    auto mono = toMono48k(audio.value());
    ASSERT_TRUE(mono.ok());
    EXPECT_EQ(mono.value(), (std::vector<Sample>{600, -600}));
}

TEST(WavFile, StereoIsMixedDownToTheAverage)
{
    const std::vector<Sample> stereo{1000, 3000, -32768, -32768, 32767, 32767, 101, -100, -7, 0};
    auto audio = parseWav(makeWav(WavSpec{48000, 2}, stereo));
    ASSERT_TRUE(audio.ok());
    auto mono = toMono48k(audio.value());
    ASSERT_TRUE(mono.ok());
    EXPECT_EQ(mono.value(), (std::vector<Sample>{2000, -32768, 32767, 0, -3}));
}

TEST(WavFile, StereoAt44100IsConvertedTo48kMonoInTime)
{
    // One second of a 1 kHz tone at 44.1 kHz, in phase on both channels,
    // must become one second of the same tone at 48 kHz, aligned in time:
    // compare with the tone computed directly at 48 kHz.
    const auto tone = sine(1000, 44100, 44100);
    std::vector<Sample> stereo;
    for (const Sample s : tone) {
        stereo.push_back(s);
        stereo.push_back(s);
    }
    TempDir dir;
    test::writeFile(dir.file("in.wav"), makeWav(WavSpec{44100, 2}, stereo));
    auto mono = readWavMono48k(dir.file("in.wav"));
    ASSERT_TRUE(mono.ok()) << wavErrorMessage(mono.error());
    ASSERT_EQ(mono.value().size(), 48000u);
    const auto ideal = sine(1000, 48000, 48000);
    double signal = 0;
    double noise = 0;
    // The edges see the filter run into silence; judge the middle.
    for (std::size_t i = 1000; i < 47000; ++i) {
        signal += static_cast<double>(ideal[i]) * ideal[i];
        const double e = static_cast<double>(mono.value()[i]) - ideal[i];
        noise += e * e;
    }
    const double snrDb = 10 * std::log10(signal / std::max(noise, 1.0));
    EXPECT_GT(snrDb, 40.0) << "a delay of even one sample would give about 17 dB";
}

TEST(WavFile, DownsamplesToo)
{
    const auto tone = sine(440, 96000, 9600);
    auto mono = toMono48k(WavAudio{96000, 1, tone});
    ASSERT_TRUE(mono.ok());
    ASSERT_EQ(mono.value().size(), 4800u);
    const auto ideal = sine(440, 48000, 4800);
    double worst = 0;
    for (std::size_t i = 200; i < 4600; ++i) {
        worst = std::max(worst, std::abs(static_cast<double>(mono.value()[i]) - ideal[i]));
    }
    EXPECT_LT(worst, 100.0); // 1 % of the amplitude
}

TEST(WavFile, MissingFileCannotBeOpened)
{
    TempDir dir;
    auto result = readWav(dir.file("nothing-here.wav"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), WavError::CannotOpen);
}

TEST(WavFile, GarbageIsNotAWavFile)
{
    EXPECT_EQ(parseError({}), WavError::NotWav);
    EXPECT_EQ(parseError(Bytes(100, 0x41)), WavError::NotWav);
    Bytes riffNotWave = makeWav(WavSpec{}, ramp(10));
    riffNotWave[8] = 'A'; // "AAVE"
    EXPECT_EQ(parseError(riffNotWave), WavError::NotWav);
    TempDir dir;
    test::writeFile(dir.file("text.wav"), Bytes{'h', 'e', 'l', 'l', 'o', '\n'});
    auto result = readWavMono48k(dir.file("text.wav"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), WavError::NotWav);
}

TEST(WavFile, ACutFileGivesTheFramesItHolds)
{
    // A data chunk that claims more than the file holds: what is there
    // plays (as libsndfile reads it), up to the last whole frame.
    const Bytes whole = makeWav(WavSpec{}, ramp(1000));
    for (const std::size_t keep : {whole.size() - 1, whole.size() - 500}) {
        const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(keep));
        auto audio = parseWav(cut);
        ASSERT_TRUE(audio.ok()) << "kept " << keep << " bytes: " << wavErrorMessage(audio.error());
        const std::size_t frames = (keep - 44) / 2;
        EXPECT_EQ(audio.value().samples, ramp(frames)) << "kept " << keep << " bytes";
    }
}

TEST(WavFile, MissingOrInvalidChunksAreMalformed)
{
    const Bytes whole = makeWav(WavSpec{}, ramp(1000));
    // Cut inside the data chunk header, inside the fmt chunk.
    for (const std::size_t keep : {std::size_t{40}, std::size_t{20}}) {
        const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(keep));
        EXPECT_EQ(parseError(cut), WavError::Malformed) << "kept " << keep << " bytes";
    }
    // Only the RIFF header and fmt, or not even fmt: no audio at all.
    EXPECT_EQ(parseError(test::riff({test::fmtChunk(WavSpec{})})), WavError::Malformed);
    EXPECT_EQ(parseError(test::riff({})), WavError::Malformed);
    // Audio data before the format chunk cannot be interpreted.
    EXPECT_EQ(parseError(test::riff({test::dataChunk(ramp(8)), test::fmtChunk(WavSpec{})})),
              WavError::Malformed);
    // No channels, no sample rate.
    EXPECT_EQ(parseError(makeWav(WavSpec{48000, 0, 1, 16}, ramp(8))), WavError::Malformed);
    EXPECT_EQ(parseError(makeWav(WavSpec{0, 1, 1, 16}, ramp(8))), WavError::Malformed);
    // Encodings nothing decodes: an unknown format tag, ADPCM without its parameters.
    EXPECT_EQ(parseError(makeWav(WavSpec{48000, 1, 0x1234, 16}, ramp(8))), WavError::Malformed);
    EXPECT_EQ(parseError(makeWav(WavSpec{48000, 1, 2, 16}, ramp(8))), WavError::Malformed);
}

TEST(WavFile, OtherSampleFormatsAreReadAs16Bit)
{
    // 32-bit float: full scale is 1.0, and beyond it saturates.
    Bytes floats;
    for (const float f : {0.5F, -0.25F, 1.0F, -1.0F, 3.0F, -3.0F}) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &f, sizeof bits);
        test::appendLe32(floats, bits);
    }
    auto audio = parseWav(test::riff({test::fmtChunk(WavSpec{48000, 1, 3, 32}), test::rawDataChunk(floats)}));
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().samples, (std::vector<Sample>{16384, -8192, 32767, -32768, 32767, -32768}));

    // 24-bit PCM: rounded to 16 bits, saturating at the top.
    const Bytes pcm24{0x00, 0x34, 0x12, 0x80, 0xFF, 0x80, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F};
    audio = parseWav(test::riff({test::fmtChunk(WavSpec{48000, 1, 1, 24}), test::rawDataChunk(pcm24)}));
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().samples, (std::vector<Sample>{0x1234, -32512, -32768, 32767}));

    // 8-bit PCM is unsigned, centred on 128.
    const Bytes pcm8{128, 192, 0, 255};
    audio = parseWav(test::riff({test::fmtChunk(WavSpec{8000, 1, 1, 8}), test::rawDataChunk(pcm8)}));
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().sampleRate, 8000);
    EXPECT_EQ(audio.value().samples, (std::vector<Sample>{0, 16384, -32768, 32512}));
}

TEST(WavFile, OtherAudioFormatsAreNotWav)
{
    // A Sun/NeXT .au file (".snd", 16-bit PCM): libsndfile reads it, but it is no WAV file.
    Bytes au;
    for (const std::uint32_t word : {0x2E736E64U, 24U, 4U, 3U, 48000U, 1U}) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            au.push_back(static_cast<std::uint8_t>((word >> static_cast<unsigned>(shift)) & 0xFFU));
        }
    }
    au.insert(au.end(), {0x12, 0x34, 0x56, 0x78});
    EXPECT_EQ(parseError(au), WavError::NotWav);
}

TEST(WavFile, HostileHeadersCannotGrowMemory)
{
    // A data chunk claiming 2 GiB in a file of a few bytes.
    Bytes huge = makeWav(WavSpec{}, ramp(10));
    huge[40] = 0xF0;
    huge[41] = 0xFF;
    huge[42] = 0xFF;
    huge[43] = 0x7F;
    auto audio = parseWav(huge);
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().samples, ramp(10));

    // A sample rate of 1 Hz: converting to 48 kHz would take 48,000 samples
    // for each one. Refused rather than allocated.
    const auto slow = toMono48k(WavAudio{1, 1, ramp(20'000)});
    ASSERT_FALSE(slow.ok());
    EXPECT_EQ(slow.error(), WavError::TooLarge);
}

TEST(WavFile, EveryErrorHasItsOwnMessage)
{
    std::set<std::string_view> messages;
    for (const auto e : {WavError::CannotOpen, WavError::TooLarge, WavError::NotWav, WavError::Malformed,
                         WavError::UnsupportedEncoding, WavError::ResampleFailed}) {
        EXPECT_FALSE(wavErrorMessage(e).empty());
        messages.insert(wavErrorMessage(e));
    }
    EXPECT_EQ(messages.size(), 6u);
}

TEST(WavFile, UnknownDataSizeMeansUpToTheEnd)
{
    Bytes bytes = makeWav(WavSpec{}, ramp(100));
    for (std::size_t i = 40; i < 44; ++i) {
        bytes[i] = 0xFF;
    }
    bytes.push_back(0x12); // half a sample: dropped
    auto audio = parseWav(bytes);
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().samples, ramp(100));
}

TEST(WavFile, HeaderIsValidAfterThePeriodicUpdateWithoutClose)
{
    // A child writes 2.5 s of audio in 10 ms blocks and is killed without
    // closing: its stdio buffer is lost, but the file must be valid and hold
    // the audio up to the last once-a-second header update.
    TempDir dir;
    const std::string path = dir.file("killed.wav");
    const auto samples = ramp(120'000, 11);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        WavWriter writer;
        if (writer.open(path)) {
            _exit(3);
        }
        for (std::size_t i = 0; i < samples.size(); i += kBlockFrames) {
            if (writer.write(samples.data() + i, kBlockFrames)) {
                _exit(4);
            }
        }
        raise(SIGKILL);
        _exit(5);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;

    auto audio = readWav(path);
    ASSERT_TRUE(audio.ok()) << wavErrorMessage(audio.error());
    EXPECT_EQ(audio.value().sampleRate, 48000);
    // Updated at 1 s and 2 s of audio.
    ASSERT_EQ(audio.value().samples.size(), 96'000u);
    EXPECT_TRUE(std::equal(audio.value().samples.begin(), audio.value().samples.end(), samples.begin()));
}

TEST(WavFile, FlushMakesEverythingWrittenReadable)
{
    TempDir dir;
    WavWriter writer;
    ASSERT_EQ(writer.open(dir.file("f.wav")), std::nullopt);
    const auto samples = ramp(700);
    ASSERT_EQ(writer.write(samples.data(), samples.size()), std::nullopt);
    auto before = readWav(dir.file("f.wav"));
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(before.value().samples.empty()); // nothing counted yet
    ASSERT_EQ(writer.flush(), std::nullopt);
    auto after = readWav(dir.file("f.wav"));
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().samples, samples);
    // Writing goes on after a flush.
    ASSERT_EQ(writer.write(samples.data(), 100), std::nullopt);
    ASSERT_EQ(writer.close(), std::nullopt);
    auto closed = readWav(dir.file("f.wav"));
    ASSERT_TRUE(closed.ok());
    EXPECT_EQ(closed.value().samples.size(), 800u);
}

TEST(WavFile, WriterErrorsNameTheFile)
{
    TempDir dir;
    WavWriter writer;
    const std::string path = dir.file("no-such-folder/out.wav");
    auto error = writer.open(path);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find(path), std::string::npos) << *error;
    EXPECT_FALSE(writer.isOpen());
    const Sample s = 0;
    EXPECT_TRUE(writer.write(&s, 1).has_value());
}

} // namespace
} // namespace confab::audio
