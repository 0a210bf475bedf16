#include "ring_tone.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace confab::audio {

namespace {

// Raised-cosine ramp from 0 (at 0) to 1 (at `length`).
double ramp(std::size_t at, std::size_t length)
{
    if (length == 0 || at >= length) {
        return 1.0;
    }
    return 0.5 * (1.0 - std::cos(std::numbers::pi * static_cast<double>(at) / static_cast<double>(length)));
}

} // namespace

std::vector<Sample> makeRingPeriod(const RingCadence& cadence)
{
    std::vector<Sample> period(cadence.periodFrames(), 0);
    const std::size_t on = std::min(cadence.onFrames(), period.size());
    const std::size_t attack = std::min(framesForMs(std::max(cadence.attackMs, 0)), on / 2);
    const std::size_t release = std::min(framesForMs(std::max(cadence.releaseMs, 0)), on / 2);
    // Below full scale whatever the caller asks, so the mix can never clip.
    const double amplitude = std::clamp(cadence.peak, 0.0, 0.99) * 32767.0 / 2.0;
    const double lowStep = 2.0 * std::numbers::pi * cadence.lowHz / kSampleRate;
    const double highStep = 2.0 * std::numbers::pi * cadence.highHz / kSampleRate;
    for (std::size_t i = 0; i < on; ++i) {
        const double t = static_cast<double>(i);
        const double envelope = ramp(i, attack) * ramp(on - 1 - i, release);
        const double value = amplitude * envelope * (std::sin(lowStep * t) + std::sin(highStep * t));
        period[i] = static_cast<Sample>(std::lround(value));
    }
    return period;
}

RingTone::RingTone(const RingCadence& cadence) : m_period(makeRingPeriod(cadence))
{
}

void RingTone::fill(std::span<Sample> out) noexcept
{
    if (m_period.empty()) {
        std::fill(out.begin(), out.end(), Sample{0});
        return;
    }
    std::size_t done = 0;
    while (done < out.size()) {
        const std::size_t chunk = std::min(out.size() - done, m_period.size() - m_position);
        std::copy_n(m_period.begin() + static_cast<std::ptrdiff_t>(m_position), chunk,
                    out.begin() + static_cast<std::ptrdiff_t>(done));
        done += chunk;
        m_position = (m_position + chunk) % m_period.size();
    }
}

} // namespace confab::audio
