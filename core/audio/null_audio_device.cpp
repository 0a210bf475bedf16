#include "null_audio_device.h"

#include <utility>

namespace confab::audio {

NullAudioDevice::NullAudioDevice(std::unique_ptr<Pacer> pacer) : m_pacer(std::move(pacer))
{
}

NullAudioDevice::~NullAudioDevice()
{
    stop();
}

std::optional<std::string> NullAudioDevice::start(AudioCallback& callback)
{
    if (m_running.load()) {
        return std::string("the silent audio device is already running");
    }
    m_callback = &callback;
    m_originNs.store(m_pacer->start(kBlockPeriodNs, [this](std::uint64_t) { tick(); }));
    m_running.store(true);
    return std::nullopt;
}

void NullAudioDevice::stop()
{
    m_pacer->stop();
    m_running.store(false);
}

std::string NullAudioDevice::description() const
{
    return "no audio device (silence)";
}

std::optional<std::int64_t> NullAudioDevice::streamOriginNs() const
{
    // 0 until the first start(); afterwards the current or last stream's origin.
    const std::int64_t origin = m_originNs.load();
    return origin != 0 ? std::optional<std::int64_t>(origin) : std::nullopt;
}

void NullAudioDevice::tick() noexcept
{
    m_callback->process(m_silence.data(), m_discard.data(), kBlockFrames);
}

} // namespace confab::audio
