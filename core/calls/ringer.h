#pragma once

#include "audio/audio_device.h"
#include "audio/ring_tone.h"

#include <optional>
#include <string>

namespace confab::calls {

// Plays the ring tone through the call's audio device while an incoming call
// rings. It borrows the very device the call's voice engine uses, so it must
// have released it (stop()) before the engine starts it. Whatever the device
// captures meanwhile is ignored: nothing is recorded or sent. Lives on the
// network thread; the tone itself runs on the device's real-time thread.
class Ringer {
public:
    explicit Ringer(audio::AudioDevice& device, const audio::RingCadence& cadence = {});
    ~Ringer();
    Ringer(const Ringer&) = delete;
    Ringer& operator=(const Ringer&) = delete;

    // Starts ringing from the beginning of a burst. When the device cannot be
    // opened, returns its error and stays silent; nothing else depends on it.
    // Does nothing while already ringing.
    std::optional<std::string> start();
    // Stops ringing and releases the device; returns once no callback runs.
    void stop();
    [[nodiscard]] bool isRinging() const { return m_ringing; }

private:
    class Player final : public audio::AudioCallback {
    public:
        explicit Player(const audio::RingCadence& cadence) : m_tone(cadence) {}
        void rewind() { m_tone.rewind(); }
        void process(const audio::Sample* input, audio::Sample* output, std::size_t frames) noexcept override;

    private:
        audio::RingTone m_tone;
    };

    audio::AudioDevice& m_device;
    Player m_player;
    bool m_ringing = false;
};

} // namespace confab::calls
