#include "wav_file.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <speex/speex_resampler.h>

namespace confab::audio {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;
constexpr std::size_t kRiffHeaderBytes = 12;
constexpr std::size_t kChunkHeaderBytes = 8;
// A streaming writer that does not know the length yet may leave this in the
// data chunk's size: take everything up to the end of the file.
constexpr std::uint32_t kUnknownDataSize = 0xFFFFFFFF;

// Offsets in the 44-byte header WavWriter writes.
constexpr std::size_t kHeaderBytes = 44;
constexpr long kRiffSizeOffset = 4;
constexpr long kDataSizeOffset = 40;
constexpr std::uint64_t kMaxDataBytes = std::numeric_limits<std::uint32_t>::max() - (kHeaderBytes - 8);

std::uint16_t le16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

std::uint32_t le32(const std::uint8_t* p)
{
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

void putLe16(std::uint8_t* p, std::uint16_t v)
{
    p[0] = static_cast<std::uint8_t>(v & 0xFF);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}

void putLe32(std::uint8_t* p, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        p[i] = static_cast<std::uint8_t>((v >> (8 * i)) & 0xFF);
    }
}

bool tagIs(const std::uint8_t* p, const char (&tag)[5])
{
    return std::memcmp(p, tag, 4) == 0;
}

struct Format {
    int channels = 0;
    int sampleRate = 0;
};

proto::Result<Format, WavError> parseFormat(std::span<const std::uint8_t> chunk)
{
    if (chunk.size() < 16) {
        return WavError::InvalidFormat;
    }
    std::uint16_t tag = le16(chunk.data());
    const std::uint16_t channels = le16(chunk.data() + 2);
    const std::uint32_t rate = le32(chunk.data() + 4);
    const std::uint16_t blockAlign = le16(chunk.data() + 12);
    const std::uint16_t bits = le16(chunk.data() + 14);
    if (tag == kFormatExtensible) {
        // cbSize, valid bits, channel mask, then the sub-format GUID whose
        // first two bytes are the real format tag.
        if (chunk.size() < 40) {
            return WavError::InvalidFormat;
        }
        tag = le16(chunk.data() + 24);
    }
    if (tag != kFormatPcm) {
        return WavError::UnsupportedEncoding;
    }
    if (bits != 16) {
        return WavError::UnsupportedBitDepth;
    }
    if (channels == 0 || rate == 0 || rate > static_cast<std::uint32_t>(std::numeric_limits<int>::max()) ||
        blockAlign != channels * 2) {
        return WavError::InvalidFormat;
    }
    return Format{channels, static_cast<int>(rate)};
}

struct ResamplerDeleter {
    void operator()(SpeexResamplerState* state) const { speex_resampler_destroy(state); }
};

proto::Result<std::vector<Sample>, WavError> resampleTo48k(const std::vector<Sample>& in, int rate)
{
    int err = RESAMPLER_ERR_SUCCESS;
    // Offline conversion of a test or benchmark file: best quality, speed is no concern.
    std::unique_ptr<SpeexResamplerState, ResamplerDeleter> state(
        speex_resampler_init(1, static_cast<spx_uint32_t>(rate), static_cast<spx_uint32_t>(kSampleRate),
                             SPEEX_RESAMPLER_QUALITY_MAX, &err));
    if (!state || err != RESAMPLER_ERR_SUCCESS) {
        return WavError::ResampleFailed;
    }
    // Drop the filter's delay at the start, and push zeros at the end to get
    // the tail out, so the output lines up with the input sample for sample.
    speex_resampler_skip_zeros(state.get());
    const auto wanted = static_cast<std::size_t>(
        (static_cast<std::uint64_t>(in.size()) * static_cast<std::uint64_t>(kSampleRate) +
         static_cast<std::uint64_t>(rate) / 2) /
        static_cast<std::uint64_t>(rate));
    std::vector<Sample> out(wanted);
    const std::vector<Sample> zeros(4096, 0);
    std::size_t consumed = 0;
    std::size_t produced = 0;
    int idleRounds = 0;
    while (produced < wanted) {
        const bool tail = consumed >= in.size();
        const Sample* src = tail ? zeros.data() : in.data() + consumed;
        const std::size_t available = tail ? zeros.size() : in.size() - consumed;
        auto inLen = static_cast<spx_uint32_t>(std::min<std::size_t>(available, 1u << 20));
        auto outLen = static_cast<spx_uint32_t>(std::min<std::size_t>(wanted - produced, 1u << 20));
        if (speex_resampler_process_int(state.get(), 0, src, &inLen, out.data() + produced, &outLen) !=
            RESAMPLER_ERR_SUCCESS) {
            return WavError::ResampleFailed;
        }
        if (!tail) {
            consumed += inLen;
        }
        produced += outLen;
        // The tail needs only the filter length in zeros; guard against a
        // resampler that stops producing.
        idleRounds = outLen == 0 ? idleRounds + 1 : 0;
        if (idleRounds > 16) {
            return WavError::ResampleFailed;
        }
    }
    return out;
}

} // namespace

std::string_view wavErrorMessage(WavError error)
{
    switch (error) {
    case WavError::CannotOpen:
        return "cannot open the file (missing, or not readable)";
    case WavError::TooLarge:
        return "the file is too large (over 1 GiB)";
    case WavError::NotWav:
        return "not a WAV file (no RIFF/WAVE header)";
    case WavError::Truncated:
        return "the WAV file is truncated (a chunk runs past the end of the file)";
    case WavError::MissingFormat:
        return "the WAV file has no format chunk before its audio data";
    case WavError::MissingData:
        return "the WAV file has no audio data chunk";
    case WavError::UnsupportedEncoding:
        return "the WAV file is not integer PCM (compressed or floating point): convert it to 16-bit PCM";
    case WavError::UnsupportedBitDepth:
        return "the WAV file is not 16-bit: convert it to 16-bit PCM";
    case WavError::InvalidFormat:
        return "the WAV file's format chunk is invalid (channels, sample rate or block size)";
    case WavError::ResampleFailed:
        return "the audio could not be resampled to 48 kHz";
    }
    return "unknown WAV error";
}

proto::Result<WavAudio, WavError> parseWav(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < kRiffHeaderBytes || !tagIs(bytes.data(), "RIFF") || !tagIs(bytes.data() + 8, "WAVE")) {
        return WavError::NotWav;
    }
    // Walk the chunks; the RIFF size is ignored because streaming writers
    // often leave it wrong, and every chunk is bounds-checked on its own.
    std::optional<Format> format;
    std::size_t pos = kRiffHeaderBytes;
    while (pos + kChunkHeaderBytes <= bytes.size()) {
        const std::uint8_t* header = bytes.data() + pos;
        const std::uint32_t declared = le32(header + 4);
        const std::size_t body = pos + kChunkHeaderBytes;
        const std::size_t left = bytes.size() - body;
        if (tagIs(header, "data")) {
            if (!format) {
                return WavError::MissingFormat;
            }
            std::size_t size = declared;
            if (declared == kUnknownDataSize) {
                size = left;
            } else if (size > left) {
                return WavError::Truncated;
            }
            const auto frameBytes = static_cast<std::size_t>(format->channels) * 2;
            if (declared == kUnknownDataSize) {
                size -= size % frameBytes;
            } else if (size % frameBytes != 0) {
                return WavError::Truncated;
            }
            WavAudio audio;
            audio.sampleRate = format->sampleRate;
            audio.channels = format->channels;
            audio.samples.resize(size / 2);
            for (std::size_t i = 0; i < audio.samples.size(); ++i) {
                audio.samples[i] = static_cast<Sample>(le16(bytes.data() + body + 2 * i));
            }
            return audio;
        }
        if (declared > left) {
            return WavError::Truncated;
        }
        if (tagIs(header, "fmt ")) {
            auto parsed = parseFormat(bytes.subspan(body, declared));
            if (!parsed) {
                return parsed.error();
            }
            format = parsed.value();
        }
        // Chunks are padded to an even length.
        pos = body + declared + (declared & 1u);
    }
    if (pos < bytes.size()) {
        return WavError::Truncated; // a partial chunk header at the end
    }
    return format ? WavError::MissingData : WavError::MissingFormat;
}

proto::Result<WavAudio, WavError> readWav(const std::string& path)
{
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) {
        return WavError::CannotOpen;
    }
    const std::streamoff size = file.tellg();
    if (size < 0) {
        return WavError::CannotOpen;
    }
    if (static_cast<std::uint64_t>(size) > kMaxWavFileBytes) {
        return WavError::TooLarge;
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    file.seekg(0);
    if (!file.read(reinterpret_cast<char*>(bytes.data()), size)) {
        return WavError::CannotOpen;
    }
    return parseWav(bytes);
}

proto::Result<std::vector<Sample>, WavError> toMono48k(const WavAudio& audio)
{
    if (audio.channels <= 0 || audio.sampleRate <= 0) {
        return WavError::InvalidFormat;
    }
    const auto channels = static_cast<std::size_t>(audio.channels);
    std::vector<Sample> mono(audio.frames());
    for (std::size_t frame = 0; frame < mono.size(); ++frame) {
        std::int64_t sum = 0;
        for (std::size_t c = 0; c < channels; ++c) {
            sum += audio.samples[frame * channels + c];
        }
        // The average can never leave the 16-bit range, so no clipping.
        mono[frame] = static_cast<Sample>(sum / static_cast<std::int64_t>(channels));
    }
    if (audio.sampleRate == kSampleRate) {
        return mono;
    }
    return resampleTo48k(mono, audio.sampleRate);
}

proto::Result<std::vector<Sample>, WavError> readWavMono48k(const std::string& path)
{
    auto audio = readWav(path);
    if (!audio) {
        return audio.error();
    }
    return toMono48k(audio.value());
}

WavWriter::WavWriter(std::size_t headerUpdateFrames)
    : m_headerUpdateFrames(std::max<std::size_t>(headerUpdateFrames, 1))
{
}

WavWriter::~WavWriter()
{
    close();
}

std::string WavWriter::failure(std::string_view what) const
{
    return std::string(what) + " '" + m_path + "': " + std::strerror(errno);
}

std::optional<std::string> WavWriter::open(const std::string& path)
{
    close();
    m_path = path;
    m_frames = 0;
    m_framesAtLastUpdate = 0;
    errno = 0;
    m_file = std::fopen(path.c_str(), "wb");
    if (m_file == nullptr) {
        return failure("cannot create WAV file");
    }
    std::array<std::uint8_t, kHeaderBytes> header{};
    std::memcpy(header.data(), "RIFF", 4);
    putLe32(header.data() + 4, static_cast<std::uint32_t>(kHeaderBytes - 8));
    std::memcpy(header.data() + 8, "WAVEfmt ", 8);
    putLe32(header.data() + 16, 16);
    putLe16(header.data() + 20, kFormatPcm);
    putLe16(header.data() + 22, static_cast<std::uint16_t>(kChannels));
    putLe32(header.data() + 24, static_cast<std::uint32_t>(kSampleRate));
    putLe32(header.data() + 28, static_cast<std::uint32_t>(kSampleRate * kChannels * 2));
    putLe16(header.data() + 32, static_cast<std::uint16_t>(kChannels * 2));
    putLe16(header.data() + 34, 16);
    std::memcpy(header.data() + 36, "data", 4);
    putLe32(header.data() + 40, 0);
    if (std::fwrite(header.data(), 1, header.size(), m_file) != header.size() || std::fflush(m_file) != 0) {
        auto error = failure("cannot write WAV file");
        std::fclose(m_file);
        m_file = nullptr;
        return error;
    }
    return std::nullopt;
}

std::optional<std::string> WavWriter::write(const Sample* samples, std::size_t count)
{
    if (m_file == nullptr) {
        return "WAV file is not open";
    }
    if ((m_frames + count) * 2 > kMaxDataBytes) {
        return "WAV file '" + m_path + "' is full (4 GiB)";
    }
    // Little-endian whatever the host, in slices small enough for the stack.
    std::array<std::uint8_t, 1024> bytes{};
    std::size_t done = 0;
    while (done < count) {
        const std::size_t n = std::min(count - done, bytes.size() / 2);
        for (std::size_t i = 0; i < n; ++i) {
            putLe16(bytes.data() + 2 * i, static_cast<std::uint16_t>(samples[done + i]));
        }
        errno = 0;
        if (std::fwrite(bytes.data(), 1, 2 * n, m_file) != 2 * n) {
            return failure("cannot write WAV file");
        }
        done += n;
        m_frames += n;
    }
    if (m_frames - m_framesAtLastUpdate >= m_headerUpdateFrames) {
        return flush();
    }
    return std::nullopt;
}

std::optional<std::string> WavWriter::flush()
{
    if (m_file == nullptr) {
        return std::nullopt;
    }
    return updateHeader();
}

std::optional<std::string> WavWriter::updateHeader()
{
    // The samples reach the operating system before the header that counts
    // them, so a header on disk never claims more data than the file holds.
    errno = 0;
    if (std::fflush(m_file) != 0) {
        return failure("cannot write WAV file");
    }
    const auto dataBytes = static_cast<std::uint32_t>(m_frames * 2);
    std::array<std::uint8_t, 4> riff{};
    std::array<std::uint8_t, 4> data{};
    putLe32(riff.data(), static_cast<std::uint32_t>(dataBytes + kHeaderBytes - 8));
    putLe32(data.data(), dataBytes);
    const bool ok = std::fseek(m_file, kRiffSizeOffset, SEEK_SET) == 0 &&
                    std::fwrite(riff.data(), 1, riff.size(), m_file) == riff.size() &&
                    std::fseek(m_file, kDataSizeOffset, SEEK_SET) == 0 &&
                    std::fwrite(data.data(), 1, data.size(), m_file) == data.size() &&
                    std::fseek(m_file, 0, SEEK_END) == 0 && std::fflush(m_file) == 0;
    if (!ok) {
        return failure("cannot update WAV header of");
    }
    m_framesAtLastUpdate = m_frames;
    return std::nullopt;
}

std::optional<std::string> WavWriter::close()
{
    if (m_file == nullptr) {
        return std::nullopt;
    }
    auto error = updateHeader();
    if (std::fclose(m_file) != 0 && !error) {
        error = failure("cannot close WAV file");
    }
    m_file = nullptr;
    return error;
}

} // namespace confab::audio
