#include "file_audio_device.h"

#include <algorithm>
#include <utility>

namespace confab::audio {

FileAudioDevice::FileAudioDevice(std::string inputWav, std::string outputWav, std::unique_ptr<Pacer> pacer)
    : m_inputPath(std::move(inputWav)), m_outputPath(std::move(outputWav)), m_pacer(std::move(pacer))
{
}

FileAudioDevice::~FileAudioDevice()
{
    stop();
}

std::optional<std::string> FileAudioDevice::start(AudioCallback& callback)
{
    if (m_running.load()) {
        return std::string("the file audio device is already running");
    }
    m_input.clear();
    if (!m_inputPath.empty()) {
        auto loaded = readWavMono48k(m_inputPath);
        if (!loaded) {
            return "Cannot play audio input file '" + m_inputPath +
                   "': " + std::string(wavErrorMessage(loaded.error()));
        }
        m_input = std::move(loaded.value());
    }
    if (!m_outputPath.empty() && !m_output.isOpen()) {
        if (auto error = m_output.open(m_outputPath)) {
            return "Cannot record audio output: " + *error;
        }
    }
    m_callback = &callback;
    m_inputFrames.store(m_input.size());
    m_streamOffset.store(m_output.framesWritten());
    m_blocks.store(0);
    m_failed.store(false);
    m_originNs.store(m_pacer->start(kBlockPeriodNs, [this](std::uint64_t block) { tick(block); }));
    m_started.store(true);
    m_running.store(true);
    return std::nullopt;
}

void FileAudioDevice::stop()
{
    m_pacer->stop();
    if (m_running.exchange(false) && m_output.isOpen()) {
        // Make OUT readable now, between calls, not only when the device goes.
        if (m_output.flush()) {
            m_failed.store(true);
        }
    }
}

bool FileAudioDevice::failed() const
{
    return m_failed.load();
}

std::string FileAudioDevice::description() const
{
    const std::string in = m_inputPath.empty() ? "silence" : m_inputPath;
    const std::string out = m_outputPath.empty() ? "nowhere" : m_outputPath;
    return "audio files (playing " + in + ", recording to " + out + ")";
}

std::optional<std::int64_t> FileAudioDevice::streamOriginNs() const
{
    if (!m_started.load()) {
        return std::nullopt;
    }
    return m_originNs.load();
}

std::optional<std::int64_t> FileAudioDevice::outputStreamOffsetFrames() const
{
    if (!m_started.load() || m_outputPath.empty()) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(m_streamOffset.load());
}

std::uint64_t FileAudioDevice::inputFrames() const
{
    return m_inputFrames.load();
}

std::uint64_t FileAudioDevice::blocksProcessed() const
{
    return m_blocks.load();
}

std::uint64_t FileAudioDevice::lateBlocks() const
{
    return m_pacer->lateTicks();
}

void FileAudioDevice::tick(std::uint64_t block) noexcept
{
    const std::size_t begin = static_cast<std::size_t>(block) * kBlockFrames;
    const Sample* input = m_inBlock.data();
    if (begin + kBlockFrames <= m_input.size()) {
        input = m_input.data() + begin;
    } else {
        // The last partial block, then silence for as long as the call lasts.
        const std::size_t left = begin < m_input.size() ? m_input.size() - begin : 0;
        if (left > 0) {
            std::copy_n(m_input.begin() + static_cast<std::ptrdiff_t>(begin), left, m_inBlock.begin());
        }
        std::fill(m_inBlock.begin() + static_cast<std::ptrdiff_t>(left), m_inBlock.end(), Sample{0});
    }
    m_callback->process(input, m_outBlock.data(), kBlockFrames);
    // A buffered append: the operating system gets a few KiB at a time and the
    // header once a second, which costs microseconds, far below one block.
    if (m_output.isOpen() && !m_failed.load(std::memory_order_relaxed)) {
        if (m_output.write(m_outBlock.data(), kBlockFrames)) {
            m_failed.store(true);
        }
    }
    m_blocks.fetch_add(1, std::memory_order_relaxed);
}

} // namespace confab::audio
