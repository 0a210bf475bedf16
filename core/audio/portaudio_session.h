#pragma once

#include <string>

namespace confab::audio {

// Holds PortAudio initialised for as long as it lives: Pa_Initialize in the
// constructor, Pa_Terminate in the destructor. PortAudio counts nested
// initialisations itself, so every user (a device's stream, a device list)
// simply owns one. PortAudio scans the devices when first initialised, so a
// fresh session also sees devices plugged in since the last one ended.
class PortAudioSession {
public:
    PortAudioSession();
    ~PortAudioSession();
    PortAudioSession(const PortAudioSession&) = delete;
    PortAudioSession& operator=(const PortAudioSession&) = delete;

    [[nodiscard]] bool ok() const { return m_error == 0; }
    // Empty when ok(), otherwise PortAudio's reason.
    [[nodiscard]] std::string error() const;

private:
    int m_error = 0; // PaError of Pa_Initialize
};

} // namespace confab::audio
