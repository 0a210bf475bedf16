#include "synthetic_speech.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace confab::bench {

std::vector<audio::Sample> speechLike(std::size_t samples, const SpeechVoice& voice)
{
    constexpr double kRate = audio::kSampleRate;
    std::mt19937 rng(voice.seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::array<std::array<double, 2>, 3> state{};
    std::vector<double> x(samples);
    double phase = 0;
    double peak = 1e-9;
    for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / kRate;
        phase += (voice.pitchHz + voice.pitchSwingHz * std::sin(2.0 * std::numbers::pi * 0.7 * t)) / kRate;
        double excitation = 0.05 * noise(rng);
        if (phase >= 1.0) {
            phase -= 1.0;
            excitation += 3.0;
        }
        double y = 0;
        for (std::size_t k = 0; k < voice.formantsHz.size(); ++k) {
            const double r = std::exp(-std::numbers::pi * 100.0 / kRate);
            const double out =
                excitation +
                2.0 * r * std::cos(2.0 * std::numbers::pi * voice.formantsHz[k] / kRate) * state[k][0] -
                r * r * state[k][1];
            state[k][1] = state[k][0];
            state[k][0] = out;
            y += out;
        }
        x[i] =
            y * std::max(0.0, std::sin(2.0 * std::numbers::pi * voice.syllableHz * t + voice.syllablePhase));
        peak = std::max(peak, std::abs(x[i]));
    }
    std::vector<audio::Sample> out(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        out[i] = static_cast<audio::Sample>(x[i] / peak * voice.peak);
    }
    return out;
}

} // namespace confab::bench
