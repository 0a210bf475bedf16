#pragma once

// Builds WAV files byte by byte, so tests control every header field
// (including wrong ones) independently of the code under test.

#include "audio/audio_format.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace confab::audio::test {

using Bytes = std::vector<std::uint8_t>;

inline void appendLe16(Bytes& b, std::uint32_t v)
{
    b.push_back(static_cast<std::uint8_t>(v & 0xFF));
    b.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
}

inline void appendLe32(Bytes& b, std::uint32_t v)
{
    appendLe16(b, v & 0xFFFF);
    appendLe16(b, v >> 16);
}

inline void appendTag(Bytes& b, std::string_view tag)
{
    b.insert(b.end(), tag.begin(), tag.end());
}

struct WavSpec {
    std::uint32_t sampleRate = 48000;
    std::uint16_t channels = 1;
    std::uint16_t formatTag = 1; // PCM
    std::uint16_t bits = 16;
};

inline Bytes fmtChunk(const WavSpec& spec)
{
    Bytes b;
    appendTag(b, "fmt ");
    appendLe32(b, 16);
    appendLe16(b, spec.formatTag);
    appendLe16(b, spec.channels);
    appendLe32(b, spec.sampleRate);
    const std::uint32_t blockAlign = spec.channels * spec.bits / 8u;
    appendLe32(b, spec.sampleRate * blockAlign);
    appendLe16(b, blockAlign);
    appendLe16(b, spec.bits);
    return b;
}

inline Bytes dataChunk(const std::vector<Sample>& samples)
{
    Bytes b;
    appendTag(b, "data");
    appendLe32(b, static_cast<std::uint32_t>(samples.size() * 2));
    for (const Sample s : samples) {
        appendLe16(b, static_cast<std::uint16_t>(s));
    }
    return b;
}

// A data chunk holding `bytes` as they are (other sample formats).
inline Bytes rawDataChunk(const Bytes& bytes)
{
    Bytes b;
    appendTag(b, "data");
    appendLe32(b, static_cast<std::uint32_t>(bytes.size()));
    b.insert(b.end(), bytes.begin(), bytes.end());
    return b;
}

// RIFF/WAVE header followed by `chunks` as given.
inline Bytes riff(const std::vector<Bytes>& chunks)
{
    Bytes body;
    appendTag(body, "WAVE");
    for (const auto& c : chunks) {
        body.insert(body.end(), c.begin(), c.end());
    }
    Bytes b;
    appendTag(b, "RIFF");
    appendLe32(b, static_cast<std::uint32_t>(body.size()));
    b.insert(b.end(), body.begin(), body.end());
    return b;
}

// A plain WAV file: `samples` interleaved for spec.channels.
inline Bytes makeWav(const WavSpec& spec, const std::vector<Sample>& samples)
{
    return riff({fmtChunk(spec), dataChunk(samples)});
}

inline void writeFile(const std::string& path, const Bytes& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A folder of its own for one test, removed afterwards.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "confab-audio-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string file(std::string_view name) const { return m_path + "/" + std::string(name); }

private:
    std::string m_path;
};

} // namespace confab::audio::test
