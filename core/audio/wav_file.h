#pragma once

#include "audio_format.h"
#include "proto/result.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace confab::audio {

// Largest WAV file readWav loads into memory (about 90 minutes of 48 kHz stereo).
constexpr std::size_t kMaxWavFileBytes = std::size_t{1} << 30;

enum class WavError {
    CannotOpen,          // the file does not exist or cannot be read
    TooLarge,            // larger than kMaxWavFileBytes
    NotWav,              // no RIFF/WAVE header: not a WAV file at all
    Truncated,           // a chunk claims more bytes than the file holds
    MissingFormat,       // no "fmt " chunk before the "data" chunk
    MissingData,         // no "data" chunk
    UnsupportedEncoding, // compressed or floating point samples, not integer PCM
    UnsupportedBitDepth, // integer PCM, but not 16 bits per sample
    InvalidFormat,       // zero channels or sample rate, inconsistent block size
    ResampleFailed,      // speexdsp refused the conversion
};

// A sentence a person can act on, e.g. "not a WAV file (no RIFF/WAVE header)".
[[nodiscard]] std::string_view wavErrorMessage(WavError error);

// 16-bit PCM audio as stored in a WAV file: `samples` holds `channels`
// interleaved samples per frame.
struct WavAudio {
    int sampleRate = 0;
    int channels = 0;
    std::vector<Sample> samples;

    [[nodiscard]] std::size_t frames() const
    {
        return channels > 0 ? samples.size() / static_cast<std::size_t>(channels) : 0;
    }
};

// Parses a whole WAV file held in memory. Accepts 16-bit integer PCM
// (plain or WAVE_FORMAT_EXTENSIBLE) at any channel count and sample rate.
[[nodiscard]] proto::Result<WavAudio, WavError> parseWav(std::span<const std::uint8_t> bytes);

// Reads and parses a WAV file.
[[nodiscard]] proto::Result<WavAudio, WavError> readWav(const std::string& path);

// Converts to Confab's stream format: channels mixed down to mono (their
// average), then resampled to 48 kHz with speexdsp when the rate differs. The
// resampler's filter delay is removed, so sample n of the result is at the
// same time as sample n * rate / 48000 of the input.
[[nodiscard]] proto::Result<std::vector<Sample>, WavError> toMono48k(const WavAudio& audio);

// readWav followed by toMono48k.
[[nodiscard]] proto::Result<std::vector<Sample>, WavError> readWavMono48k(const std::string& path);

// Writes a 48 kHz mono 16-bit WAV file as a stream. The RIFF and data sizes
// in the header are brought up to date on flush(), on close() and on their
// own every `headerUpdateFrames` frames, so a file whose writer was killed is
// still a valid WAV file holding everything up to the last update.
class WavWriter {
public:
    // One second of audio between header updates.
    static constexpr std::size_t kDefaultHeaderUpdateFrames = static_cast<std::size_t>(kSampleRate);

    explicit WavWriter(std::size_t headerUpdateFrames = kDefaultHeaderUpdateFrames);
    ~WavWriter(); // closes
    WavWriter(const WavWriter&) = delete;
    WavWriter& operator=(const WavWriter&) = delete;

    // Creates (or truncates) `path` and writes an empty header. Errors name the path.
    std::optional<std::string> open(const std::string& path);
    [[nodiscard]] bool isOpen() const { return m_file != nullptr; }

    // Appends `count` samples (buffered). Fails when the file is not open, on a
    // write error, or when the file would exceed the 4 GiB a WAV header can describe.
    std::optional<std::string> write(const Sample* samples, std::size_t count);

    // Hands buffered samples to the operating system and updates the header.
    std::optional<std::string> flush();

    // flush() and close the file. Does nothing when not open.
    std::optional<std::string> close();

    // Samples written since open() (buffered ones included).
    [[nodiscard]] std::uint64_t framesWritten() const { return m_frames; }

private:
    std::optional<std::string> updateHeader();
    [[nodiscard]] std::string failure(std::string_view what) const;

    std::size_t m_headerUpdateFrames;
    std::FILE* m_file = nullptr;
    std::string m_path;
    std::uint64_t m_frames = 0;
    std::uint64_t m_framesAtLastUpdate = 0;
};

} // namespace confab::audio
