#pragma once

#include "audio_device.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace confab::audio {

// "Test microphone": opens a device, measures what its input captures and
// plays silence. The owner polls takePeak() (for a live meter) from its own
// thread; the device's real-time callback only updates atomics.
class InputLevelProbe final : public AudioCallback {
public:
    explicit InputLevelProbe(std::unique_ptr<AudioDevice> device);
    ~InputLevelProbe() override;
    InputLevelProbe(const InputLevelProbe&) = delete;
    InputLevelProbe& operator=(const InputLevelProbe&) = delete;

    // Opens the device; its error (for the user) when it cannot be opened.
    std::optional<std::string> start();
    // Releases the device; returns once no callback runs. Never hangs (see AudioDevice::stop).
    void stop();

    // Peak magnitude captured since the previous call, 0..1 of full scale.
    double takePeak();
    // The highest peak since start(), 0..1.
    [[nodiscard]] double maxPeak() const;
    // Blocks captured since start(): 0 means no audio arrived at all.
    [[nodiscard]] std::uint64_t blocks() const { return m_blocks.load(std::memory_order_relaxed); }
    // The running stream broke (device unplugged, callbacks stopped).
    [[nodiscard]] bool failed() const { return m_running && m_device->failed(); }
    [[nodiscard]] std::string description() const { return m_device->description(); }

    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override;

private:
    std::unique_ptr<AudioDevice> m_device;
    std::atomic<int> m_peak{0};    // since takePeak()
    std::atomic<int> m_maxPeak{0}; // since start()
    std::atomic<std::uint64_t> m_blocks{0};
    bool m_running = false;
};

} // namespace confab::audio
