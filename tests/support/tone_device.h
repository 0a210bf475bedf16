#pragma once

#include "audio/audio_device.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

namespace confab::test {

// A sound card for tests: a 440 Hz tone as the microphone, and the loudness
// of what it is asked to play, at the real 10 ms pace on a thread of its own.
class ToneDevice : public audio::AudioDevice {
public:
    ~ToneDevice() override { ToneDevice::stop(); }

    std::optional<std::string> start(audio::AudioCallback& callback) override
    {
        m_running = true;
        m_thread = std::thread([this, &callback] {
            std::array<audio::Sample, audio::kBlockFrames> in{};
            std::array<audio::Sample, audio::kBlockFrames> out{};
            auto next = std::chrono::steady_clock::now();
            std::uint64_t sample = 0;
            while (m_running) {
                const double amplitude = m_silent ? 0 : 8000;
                for (auto& s : in) {
                    s = static_cast<audio::Sample>(
                        amplitude * std::sin(2 * M_PI * 440 * static_cast<double>(sample++) / 48000));
                }
                callback.process(in.data(), out.data(), out.size());
                double energy = 0;
                for (const auto s : out) {
                    energy += static_cast<double>(s) * s;
                }
                if (std::sqrt(energy / out.size()) > 500) {
                    ++m_loudBlocks;
                }
                next += std::chrono::milliseconds(10);
                std::this_thread::sleep_until(next);
            }
        });
        return std::nullopt;
    }
    void stop() override
    {
        m_running = false;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    [[nodiscard]] bool failed() const override { return false; }
    [[nodiscard]] std::string description() const override { return "tone"; }
    [[nodiscard]] int loudBlocks() const { return m_loudBlocks; }
    // A microphone that hears nothing: whatever this device plays came from
    // somebody else.
    void setSilent(bool silent) { m_silent = silent; }

private:
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_silent{false};
    std::atomic<int> m_loudBlocks{0};
};

} // namespace confab::test
