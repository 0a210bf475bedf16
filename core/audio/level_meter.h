#pragma once

#include "audio_format.h"

#include <array>
#include <cstddef>
#include <span>

namespace confab::audio {

// Input level for the GUI's meter: the peak of the last 100 ms, 0..1 of full
// scale. Fed block by block on one thread; level() is read on the same one.
class LevelMeter {
public:
    static constexpr int kWindowMs = 100;

    // Adds a block of audio; any length, the window is counted in samples.
    void add(std::span<const Sample> samples);
    // Peak magnitude over the last kWindowMs, 0..1.
    [[nodiscard]] double level() const;
    void reset();

private:
    // Peaks of 10 ms chunks; the window is kChunks of them.
    static constexpr std::size_t kChunkFrames = kBlockFrames;
    static constexpr std::size_t kChunks = framesForMs(kWindowMs) / kChunkFrames;

    std::array<int, kChunks> m_peaks{};
    std::size_t m_current = 0;     // chunk being filled
    std::size_t m_currentFill = 0; // samples in it so far
};

} // namespace confab::audio
