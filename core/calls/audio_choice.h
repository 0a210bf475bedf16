#pragma once

#include "audio/audio_device.h"

#include <QString>

#include <memory>

namespace confab::calls {

// Which audio device calls use: WAV files (headless calls and tests) or a
// sound card through PortAudio.
struct AudioChoice {
    QString inputFile;   // --audio-in: played as the microphone
    QString outputFile;  // --audio-out: records what the call sounds like
    QString inputDevice; // sound card names; empty: the system default
    QString outputDevice;

    [[nodiscard]] bool usesFiles() const { return !inputFile.isEmpty() || !outputFile.isEmpty(); }
};

std::unique_ptr<audio::AudioDevice> makeAudioDevice(const AudioChoice& choice);

} // namespace confab::calls
