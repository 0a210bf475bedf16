#include "level_meter.h"

#include <algorithm>
#include <cstdlib>

namespace confab::audio {

void LevelMeter::add(std::span<const Sample> samples)
{
    for (const Sample sample : samples) {
        if (m_currentFill == kChunkFrames) {
            m_current = (m_current + 1) % kChunks;
            m_peaks[m_current] = 0;
            m_currentFill = 0;
        }
        m_peaks[m_current] = std::max(m_peaks[m_current], std::abs(static_cast<int>(sample)));
        ++m_currentFill;
    }
}

double LevelMeter::level() const
{
    const int peak = *std::max_element(m_peaks.begin(), m_peaks.end());
    // -32768 has no positive twin: clamp so full scale reads 1.0 exactly.
    return std::min(1.0, static_cast<double>(peak) / 32767.0);
}

void LevelMeter::reset()
{
    m_peaks.fill(0);
    m_current = 0;
    m_currentFill = 0;
}

} // namespace confab::audio
