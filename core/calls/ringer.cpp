#include "ringer.h"

namespace confab::calls {

void Ringer::Player::process(const audio::Sample* /*input*/, audio::Sample* output,
                             std::size_t frames) noexcept
{
    m_tone.fill(std::span<audio::Sample>(output, frames));
}

Ringer::Ringer(audio::AudioDevice& device, const audio::RingCadence& cadence)
    : m_device(device), m_player(cadence)
{
}

Ringer::~Ringer()
{
    stop();
}

std::optional<std::string> Ringer::start()
{
    if (m_ringing) {
        return std::nullopt;
    }
    // No callback runs while stopped, so rewinding here races with nothing.
    m_player.rewind();
    if (auto error = m_device.start(m_player)) {
        return error;
    }
    m_ringing = true;
    return std::nullopt;
}

void Ringer::stop()
{
    if (m_ringing) {
        m_device.stop();
        m_ringing = false;
    }
}

} // namespace confab::calls
