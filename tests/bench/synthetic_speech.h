#pragma once

#include "audio/audio_format.h"

#include <array>
#include <cstddef>
#include <vector>

namespace confab::bench {

// The voice of a synthetic talker. The defaults are the talker of
// confab_voice_engine_bench; another seed, pitch, formants and rhythm give a
// second talker whose signal is unlike the first (as two people in a call).
struct SpeechVoice {
    unsigned seed = 1;
    // Pitch: around pitchHz, swinging by pitchSwingHz at 0.7 Hz.
    double pitchHz = 130.0;
    double pitchSwingHz = 30.0;
    std::array<double, 3> formantsHz{700.0, 1200.0, 2600.0};
    // Syllables are the positive half-waves of a sine at this rate (so half
    // of the time is silent), starting at syllablePhase (radians).
    double syllableHz = 2.0;
    double syllablePhase = 0.0;
    // Peak sample value of the whole signal.
    double peak = 12000.0;
};

// A voice-like test signal: pulse train through formant resonators, in syllables.
std::vector<audio::Sample> speechLike(std::size_t samples, const SpeechVoice& voice = {});

} // namespace confab::bench
