#include "input_level_probe.h"

#include <algorithm>
#include <cstdlib>

namespace confab::audio {

namespace {

double fraction(int peak)
{
    // -32768 has no positive twin: clamp so full scale reads 1.0 exactly.
    return std::min(1.0, static_cast<double>(peak) / 32767.0);
}

void raise(std::atomic<int>& target, int value)
{
    int current = target.load(std::memory_order_relaxed);
    while (value > current && !target.compare_exchange_weak(current, value, std::memory_order_relaxed)) {
    }
}

} // namespace

InputLevelProbe::InputLevelProbe(std::unique_ptr<AudioDevice> device) : m_device(std::move(device))
{
}

InputLevelProbe::~InputLevelProbe()
{
    stop();
}

std::optional<std::string> InputLevelProbe::start()
{
    if (m_running) {
        return std::nullopt;
    }
    m_peak.store(0);
    m_maxPeak.store(0);
    m_blocks.store(0);
    if (auto error = m_device->start(*this)) {
        return error;
    }
    m_running = true;
    return std::nullopt;
}

void InputLevelProbe::stop()
{
    if (m_running) {
        m_device->stop();
        m_running = false;
    }
}

double InputLevelProbe::takePeak()
{
    return fraction(m_peak.exchange(0, std::memory_order_relaxed));
}

double InputLevelProbe::maxPeak() const
{
    return fraction(m_maxPeak.load(std::memory_order_relaxed));
}

void InputLevelProbe::process(const Sample* input, Sample* output, std::size_t frames) noexcept
{
    int peak = 0;
    for (std::size_t i = 0; i < frames; ++i) {
        peak = std::max(peak, std::abs(static_cast<int>(input[i])));
    }
    std::fill(output, output + frames, Sample{0});
    raise(m_peak, peak);
    raise(m_maxPeak, peak);
    m_blocks.fetch_add(1, std::memory_order_relaxed);
}

} // namespace confab::audio
