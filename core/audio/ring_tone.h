#pragma once

#include "audio_format.h"

#include <cstddef>
#include <span>
#include <vector>

namespace confab::audio {

// How an incoming call sounds: two sine tones mixed (by default 440 + 480 Hz,
// the familiar North American ring), `onMs` of tone and `offMs` of silence,
// repeated. Each burst fades in and out with a raised-cosine ramp, so it
// starts softly and never clicks.
struct RingCadence {
    double lowHz = 440;
    double highHz = 480;
    int onMs = 2000;
    int offMs = 4000;
    int attackMs = 40;  // fade-in at the start of each burst
    int releaseMs = 40; // fade-out at its end
    // Peak of the mix as a fraction of full scale; each tone gets half.
    // 0.35 (about -9 dBFS) is clearly audible without startling.
    double peak = 0.35;

    [[nodiscard]] std::size_t onFrames() const { return framesForMs(onMs); }
    [[nodiscard]] std::size_t periodFrames() const { return framesForMs(onMs + offMs); }
};

// One period of the ring at 48 kHz mono: the burst, then the silence.
[[nodiscard]] std::vector<Sample> makeRingPeriod(const RingCadence& cadence = {});

// Plays the ring endlessly: fill() continues where the previous call stopped.
// The period is computed once in the constructor, so fill() only copies and
// is safe on a real-time audio thread (no allocation, no lock).
class RingTone {
public:
    explicit RingTone(const RingCadence& cadence = {});

    void fill(std::span<Sample> out) noexcept;
    // Back to the start of a burst.
    void rewind() noexcept { m_position = 0; }
    [[nodiscard]] std::size_t position() const { return m_position; }
    [[nodiscard]] const std::vector<Sample>& period() const { return m_period; }

private:
    std::vector<Sample> m_period;
    std::size_t m_position = 0;
};

} // namespace confab::audio
