#pragma once

#include "audio_device.h"
#include "base/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace confab::audio {

// One entry of the device choice in the settings dialog.
struct AudioDeviceInfo {
    std::string name; // what PortAudioDevice takes to select it
    bool hasInput = false;
    bool hasOutput = false;
    bool isDefaultInput = false;
    bool isDefaultOutput = false;
};

// Every device PortAudio can open now, in PortAudio's order; an error when
// PortAudio itself cannot start.
[[nodiscard]] Result<std::vector<AudioDeviceInfo>, std::string> listAudioDevices();

// What a PortAudio stream reported, for diagnostics and the device probe.
// Counts cover the current (or last) stream.
struct PortAudioStats {
    std::uint64_t callbacks = 0;
    std::uint64_t inputUnderflows = 0;  // paInputUnderflow: input had to be padded
    std::uint64_t inputOverflows = 0;   // paInputOverflow: captured audio was dropped
    std::uint64_t outputUnderflows = 0; // paOutputUnderflow: a gap was played
    std::uint64_t outputOverflows = 0;  // paOutputOverflow: output was dropped
    std::uint64_t primingBlocks = 0;    // paPrimingOutput: output asked for before input ran
    std::uint64_t irregularBlocks = 0;  // callbacks not of kBlockFrames frames: played as silence
    // From Pa_StartStream to the first callback; nullopt until it ran.
    std::optional<std::int64_t> firstCallbackLatencyNs;
    // Latencies PortAudio reports for the open stream, in seconds (0 for a
    // direction that is not open).
    double inputLatency = 0;
    double outputLatency = 0;
};

// A sound card through PortAudio: one 48 kHz, 16-bit, 480-frames-per-buffer
// stream, full duplex when it can be. The PortAudio callback calls the
// AudioCallback directly and does nothing else that could block: no lock, no
// allocation, no logging; it only stamps an atomic clock for the watchdog and
// counts status flags. Devices that refuse mono are driven in stereo (input
// mixed down, output copied to both channels).
//
// When only one direction can be opened (no default microphone, the input
// device is busy) the stream runs with the other one, the missing direction
// is silent (input) or discarded (output), and warning() says why.
class PortAudioDevice final : public AudioDevice {
public:
    // Device names as listAudioDevices() gives them; empty means the system's default.
    PortAudioDevice(std::string inputName, std::string outputName);
    ~PortAudioDevice() override;
    PortAudioDevice(const PortAudioDevice&) = delete;
    PortAudioDevice& operator=(const PortAudioDevice&) = delete;

    // Errors: PortAudio cannot start; a device name that does not exist (the
    // message lists those that do); neither direction can be opened.
    std::optional<std::string> start(AudioCallback& callback) override;
    // Pa_StopStream, or Pa_AbortStream once failed() so it never hangs on a
    // device that is gone.
    void stop() override;
    // True after a stream error or an unexpected end of the stream, or when
    // no callback has run for more than 500 ms while running.
    [[nodiscard]] bool failed() const override;
    [[nodiscard]] std::string description() const override;

    // Which directions run, and why one is not open; both, and empty, when stopped.
    [[nodiscard]] bool capturing() const override;
    [[nodiscard]] bool playing() const override;
    [[nodiscard]] std::string warning() const override;
    // Names of the devices actually opened (empty for a direction not open).
    [[nodiscard]] std::string openedInputName() const;
    [[nodiscard]] std::string openedOutputName() const;
    [[nodiscard]] PortAudioStats stats() const;
    [[nodiscard]] std::uint64_t glitches() const override;

    // The watchdog's limit on the silence between two callbacks.
    static constexpr std::int64_t kWatchdogNs = 500'000'000;

private:
    struct Stream;

    std::string m_inputName;
    std::string m_outputName;
    std::unique_ptr<Stream> m_stream; // kept after stop() so stats() still answers
};

} // namespace confab::audio
