#pragma once

#include "audio_device.h"
#include "realtime_pacer.h"

#include <array>
#include <atomic>
#include <memory>

namespace confab::audio {

// Silence in, output discarded, paced in real time like a sound card. The
// voice engine falls back to it when the real device fails, so the call's
// audio pipeline keeps running (the other side hears silence) instead of
// stalling. Same timing model as FileAudioDevice: block k's callback runs at
// streamOriginNs() + (k + 1) * 10 ms.
class NullAudioDevice final : public AudioDevice {
public:
    // `pacer` runs the callbacks: in real time unless a test ticks them itself.
    explicit NullAudioDevice(std::unique_ptr<Pacer> pacer = std::make_unique<RealtimePacer>());
    ~NullAudioDevice() override;
    NullAudioDevice(const NullAudioDevice&) = delete;
    NullAudioDevice& operator=(const NullAudioDevice&) = delete;

    std::optional<std::string> start(AudioCallback& callback) override;
    void stop() override;
    [[nodiscard]] bool failed() const override { return false; }
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] std::optional<std::int64_t> streamOriginNs() const override;

private:
    void tick() noexcept;

    std::unique_ptr<Pacer> m_pacer;
    AudioCallback* m_callback = nullptr;
    std::atomic<std::int64_t> m_originNs{0};
    std::atomic<bool> m_running{false};
    const std::array<Sample, kBlockFrames> m_silence{};
    std::array<Sample, kBlockFrames> m_discard{};
};

} // namespace confab::audio
