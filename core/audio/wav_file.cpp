#include "wav_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <sndfile.h>
#include <speex/speex_resampler.h>
#include <type_traits>

namespace confab::audio {
namespace {

static_assert(std::is_same_v<Sample, short>, "libsndfile writes 16-bit samples as short");

// The header WavWriter's files start with (libsndfile writes the classic
// 44-byte one for 16-bit PCM), and the data a WAV header can count.
constexpr std::uint64_t kHeaderBytes = 44;
constexpr std::uint64_t kMaxDataBytes = std::numeric_limits<std::uint32_t>::max() - (kHeaderBytes - 8);
// Samples decoded per libsndfile call when reading.
constexpr std::size_t kReadSliceSamples = 16384;

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using Sndfile = std::unique_ptr<SNDFILE, SndfileCloser>;

// libsndfile's virtual I/O over bytes in memory.
struct MemoryFile {
    std::span<const std::uint8_t> bytes;
    sf_count_t position = 0;
};

sf_count_t memoryLength(void* user)
{
    return static_cast<sf_count_t>(static_cast<MemoryFile*>(user)->bytes.size());
}

sf_count_t memorySeek(sf_count_t offset, int whence, void* user)
{
    auto& file = *static_cast<MemoryFile*>(user);
    const auto size = static_cast<sf_count_t>(file.bytes.size());
    sf_count_t base = 0;
    if (whence == SEEK_CUR) {
        base = file.position;
    } else if (whence == SEEK_END) {
        base = size;
    }
    const sf_count_t target = base + offset;
    if (target < 0 || target > size) {
        return -1;
    }
    file.position = target;
    return target;
}

sf_count_t memoryRead(void* destination, sf_count_t count, void* user)
{
    auto& file = *static_cast<MemoryFile*>(user);
    const sf_count_t left = static_cast<sf_count_t>(file.bytes.size()) - file.position;
    const sf_count_t n = std::clamp<sf_count_t>(count, 0, left);
    if (n == 0) {
        return 0; // an empty buffer has no data pointer to copy from
    }
    std::memcpy(destination, file.bytes.data() + file.position, static_cast<std::size_t>(n));
    file.position += n;
    return n;
}

sf_count_t memoryWrite(const void* /*source*/, sf_count_t /*count*/, void* /*user*/)
{
    return 0; // read only
}

sf_count_t memoryTell(void* user)
{
    return static_cast<MemoryFile*>(user)->position;
}

// What libsndfile's refusal to open means for the user. Beyond its public
// codes it reports finer ones that are not part of its interface: a file
// it recognised but could not read is malformed.
WavError openError(int code)
{
    switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
        return WavError::NotWav;
    case SF_ERR_SYSTEM:
        return WavError::CannotOpen;
    case SF_ERR_UNSUPPORTED_ENCODING:
        return WavError::UnsupportedEncoding;
    default:
        return WavError::Malformed;
    }
}

// Full scale 1.0 to 16 bits; beyond it saturates (floating-point files may
// go there), and what is not a number is silence.
Sample toSample(float value)
{
    const float scaled = value * 32768.0F;
    if (std::isnan(scaled)) {
        return 0;
    }
    return static_cast<Sample>(std::lrint(std::clamp(scaled, -32768.0F, 32767.0F)));
}

bool isWavContainer(int format)
{
    const int major = format & SF_FORMAT_TYPEMASK;
    return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_RF64;
}

struct ResamplerDeleter {
    void operator()(SpeexResamplerState* state) const { speex_resampler_destroy(state); }
};

Result<std::vector<Sample>, WavError> resampleTo48k(const std::vector<Sample>& in, int rate)
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
    if (wanted > kMaxWavSamples) {
        return WavError::TooLarge; // a tiny sample rate would upsample beyond any sense
    }
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
        return "the file is too large (over 1 GiB, or over 512 Mi samples once decoded)";
    case WavError::NotWav:
        return "not a WAV file (no RIFF/WAVE header)";
    case WavError::Malformed:
        return "the WAV file is malformed (a chunk is missing or invalid, or the encoding is unknown): "
               "convert it to 16-bit PCM";
    case WavError::UnsupportedEncoding:
        return "the WAV file's encoding cannot be decoded: convert it to 16-bit PCM";
    case WavError::ResampleFailed:
        return "the audio could not be resampled to 48 kHz";
    }
    return "unknown WAV error";
}

Result<WavAudio, WavError> parseWav(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() > kMaxWavFileBytes) {
        return WavError::TooLarge;
    }
    MemoryFile memory{bytes};
    SF_VIRTUAL_IO io{memoryLength, memorySeek, memoryRead, memoryWrite, memoryTell};
    SF_INFO info{};
    const Sndfile file(sf_open_virtual(&io, SFM_READ, &info, &memory));
    if (!file) {
        return openError(sf_error(nullptr));
    }
    if (!isWavContainer(info.format)) {
        return WavError::NotWav;
    }
    if (info.channels <= 0 || info.samplerate <= 0) {
        return WavError::Malformed;
    }
    WavAudio audio;
    audio.sampleRate = info.samplerate;
    audio.channels = info.channels;
    // In slices, growing as the audio comes: the header's frame count is
    // not trusted for the allocation. Read as floats, which libsndfile
    // gives for every encoding (integer PCM scaled to full scale 1.0), so
    // floating-point files are scaled like the others.
    const auto channels = static_cast<std::size_t>(info.channels);
    const std::size_t sliceFrames = std::max<std::size_t>(1, kReadSliceSamples / channels);
    std::vector<float> slice(sliceFrames * channels);
    for (;;) {
        const sf_count_t got = sf_readf_float(file.get(), slice.data(), static_cast<sf_count_t>(sliceFrames));
        if (got <= 0) {
            break;
        }
        const auto count = static_cast<std::size_t>(got) * channels;
        if (audio.samples.size() + count > kMaxWavSamples) {
            return WavError::TooLarge;
        }
        std::transform(slice.begin(), slice.begin() + static_cast<std::ptrdiff_t>(count),
                       std::back_inserter(audio.samples), toSample);
    }
    if (sf_error(file.get()) != SF_ERR_NO_ERROR) {
        return WavError::Malformed; // a decoder gave up part way
    }
    audio.samples.shrink_to_fit();
    return audio;
}

Result<WavAudio, WavError> readWav(const std::string& path)
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

Result<std::vector<Sample>, WavError> toMono48k(const WavAudio& audio)
{
    if (audio.channels <= 0 || audio.sampleRate <= 0) {
        return WavError::Malformed;
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

Result<std::vector<Sample>, WavError> readWavMono48k(const std::string& path)
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
    return std::string(what) + " '" + m_path + "': " + sf_strerror(m_file);
}

std::optional<std::string> WavWriter::open(const std::string& path)
{
    close();
    m_path = path;
    m_frames = 0;
    m_framesAtLastUpdate = 0;
    SF_INFO info{};
    info.samplerate = kSampleRate;
    info.channels = kChannels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    m_file = sf_open(path.c_str(), SFM_WRITE, &info);
    if (m_file == nullptr) {
        return failure("cannot create WAV file");
    }
    // The empty header is on disk from the start: the file is valid at once.
    return updateHeader();
}

std::optional<std::string> WavWriter::write(const Sample* samples, std::size_t count)
{
    if (m_file == nullptr) {
        return "WAV file is not open";
    }
    if ((m_frames + count) * 2 > kMaxDataBytes) {
        return "WAV file '" + m_path + "' is full (4 GiB)";
    }
    const sf_count_t written = sf_writef_short(m_file, samples, static_cast<sf_count_t>(count));
    if (written > 0) {
        m_frames += static_cast<std::uint64_t>(written);
    }
    if (written != static_cast<sf_count_t>(count)) {
        return failure("cannot write WAV file");
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
    // libsndfile hands every write to the operating system at once, so the
    // samples are in the file before the header that counts them: a header
    // on disk never claims more data than the file holds.
    sf_command(m_file, SFC_UPDATE_HEADER_NOW, nullptr, 0);
    if (sf_error(m_file) != SF_ERR_NO_ERROR) {
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
    if (const int closed = sf_close(m_file); closed != SF_ERR_NO_ERROR && !error) {
        error = "cannot close WAV file '" + m_path + "': " + sf_error_number(closed);
    }
    m_file = nullptr;
    return error;
}

} // namespace confab::audio
