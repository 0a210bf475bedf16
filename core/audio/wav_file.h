#pragma once

#include "audio_format.h"
#include "base/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// libsndfile's handle (SNDFILE), so this header does not need sndfile.h.
struct sf_private_tag;

namespace confab::audio {

// Largest WAV file readWav loads into memory (about 90 minutes of 48 kHz stereo).
constexpr std::size_t kMaxWavFileBytes = std::size_t{1} << 30;
// Most samples a WAV file may decode to (or be resampled to): as many as a
// 16-bit file of kMaxWavFileBytes holds, whatever its header claims.
constexpr std::size_t kMaxWavSamples = kMaxWavFileBytes / 2;

enum class WavError {
    CannotOpen,          // the file does not exist or cannot be read
    TooLarge,            // over kMaxWavFileBytes, or decodes to over kMaxWavSamples
    NotWav,              // not a WAV file at all: no RIFF/WAVE header, or another format
    Malformed,           // a WAV file whose chunks are missing or invalid
    UnsupportedEncoding, // a WAV file in an encoding that cannot be decoded
    ResampleFailed,      // speexdsp refused the conversion
};

// A sentence a person can act on, e.g. "not a WAV file (no RIFF/WAVE header)".
[[nodiscard]] std::string_view wavErrorMessage(WavError error);

// Audio from a WAV file as 16-bit samples: `samples` holds `channels`
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

// Decodes a whole WAV file held in memory, through libsndfile: WAV (plain,
// WAVE_FORMAT_EXTENSIBLE or RF64) in any encoding libsndfile decodes (integer
// PCM of 8 to 32 bits, floating point, u-law, A-law, ADPCM, GSM), at any
// channel count and sample rate, converted to 16 bits (floating-point
// samples beyond full scale are clipped). A data chunk that claims more
// than the file holds is read up to the end of the file; a partial last
// frame is dropped. The header's lengths are never trusted for memory:
// more than kMaxWavSamples is TooLarge.
[[nodiscard]] Result<WavAudio, WavError> parseWav(std::span<const std::uint8_t> bytes);

// Reads and decodes a WAV file.
[[nodiscard]] Result<WavAudio, WavError> readWav(const std::string& path);

// Converts to Confab's stream format: channels mixed down to mono (their
// average), then resampled to 48 kHz with speexdsp when the rate differs. The
// resampler's filter delay is removed, so sample n of the result is at the
// same time as sample n * rate / 48000 of the input.
[[nodiscard]] Result<std::vector<Sample>, WavError> toMono48k(const WavAudio& audio);

// readWav followed by toMono48k.
[[nodiscard]] Result<std::vector<Sample>, WavError> readWavMono48k(const std::string& path);

// Writes a 48 kHz mono 16-bit WAV file as a stream, through libsndfile. Each
// write() goes to the operating system at once; the RIFF and data sizes in
// the header are brought up to date on flush(), on close() and on their own
// every `headerUpdateFrames` frames, so a file whose writer was killed is
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

    // Appends `count` samples. Fails when the file is not open, on a write
    // error, or when the file would exceed the 4 GiB a WAV header can describe.
    std::optional<std::string> write(const Sample* samples, std::size_t count);

    // Updates the header to count every sample written.
    std::optional<std::string> flush();

    // flush() and close the file. Does nothing when not open.
    std::optional<std::string> close();

    // Samples written since open().
    [[nodiscard]] std::uint64_t framesWritten() const { return m_frames; }

private:
    std::optional<std::string> updateHeader();
    [[nodiscard]] std::string failure(std::string_view what) const;

    std::size_t m_headerUpdateFrames;
    sf_private_tag* m_file = nullptr; // libsndfile's SNDFILE
    std::string m_path;
    std::uint64_t m_frames = 0;
    std::uint64_t m_framesAtLastUpdate = 0;
};

} // namespace confab::audio
