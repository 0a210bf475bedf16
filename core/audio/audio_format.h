#pragma once

#include <cstddef>
#include <cstdint>

namespace confab::audio {

// Every stream in Confab is 48 kHz mono, 16-bit: what Opus and the echo
// canceller work in natively, so nothing on the call path resamples.
constexpr int kSampleRate = 48000;
constexpr int kChannels = 1;
using Sample = std::int16_t;

// Devices move audio in blocks of 10 ms: the echo canceller's unit.
constexpr std::size_t kBlockFrames = 480;

constexpr std::size_t framesForMs(int ms)
{
    return static_cast<std::size_t>(kSampleRate / 1000) * static_cast<std::size_t>(ms);
}

} // namespace confab::audio
