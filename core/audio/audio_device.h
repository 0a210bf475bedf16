#pragma once

#include "audio_format.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace confab::audio {

// Receives the device's audio. Called on the device's real-time thread: an
// implementation must not lock, allocate, log or block.
class AudioCallback {
public:
    virtual ~AudioCallback() = default;
    // `input` holds `frames` captured samples; `output` must be filled with
    // `frames` samples to play. `frames` is kBlockFrames for every device here.
    virtual void process(const Sample* input, Sample* output, std::size_t frames) noexcept = 0;
};

// A full-duplex 48 kHz mono device: a sound card through PortAudio, WAV
// files played and recorded in real time, or silence.
class AudioDevice {
public:
    virtual ~AudioDevice() = default;
    // Starts calling `callback` every kBlockFrames frames. Returns an error a
    // person can read when the device cannot be opened.
    virtual std::optional<std::string> start(AudioCallback& callback) = 0;
    // Stops the callbacks; returns only once no callback runs any more. Never
    // hangs, even when the device has vanished.
    virtual void stop() = 0;
    // True once the running stream has failed (device unplugged, stream
    // error, callbacks stopped arriving). Safe from any thread.
    [[nodiscard]] virtual bool failed() const = 0;
    // What the user would call this device, for status lines and logs.
    [[nodiscard]] virtual std::string description() const = 0;
    // Once started: whether it captures (a microphone) and plays (a
    // speaker). A sound card may open only one of them; the other is then
    // silent or discarded, and warning() says why.
    [[nodiscard]] virtual bool capturing() const { return true; }
    [[nodiscard]] virtual bool playing() const { return true; }
    [[nodiscard]] virtual std::string warning() const { return {}; }
    // CLOCK_MONOTONIC time (ns) at which the first captured sample of the
    // current stream was taken, when the device knows it (file devices do);
    // benchmarks use it to line recordings up across processes.
    [[nodiscard]] virtual std::optional<std::int64_t> streamOriginNs() const { return std::nullopt; }
    // File devices: the frame in the recording where the current stream's
    // output begins (a recording may hold several calls).
    [[nodiscard]] virtual std::optional<std::int64_t> outputStreamOffsetFrames() const
    {
        return std::nullopt;
    }
    // Sound-server glitches since start(): output underflows and input
    // overflows the device reported (0 for devices that cannot have any).
    [[nodiscard]] virtual std::uint64_t glitches() const { return 0; }
    // True for a device several calls play through at once (a port of an
    // AudioHub): what one call plays is then only part of what the speaker
    // plays, so its echo canceller takes the whole of it from readPlayed():
    // up to `frames` of what went to the speaker since the last read, never
    // blocking, from one thread (the call's voice worker).
    [[nodiscard]] virtual bool sharesPlayback() const { return false; }
    virtual std::size_t readPlayed(Sample* /*out*/, std::size_t /*frames*/) { return 0; }
    // Audio of other calls this call is to pass on with its own microphone
    // (this machine mixes a room call for members who hear only it): up to
    // `frames`, one block per microphone block, never blocking, from the
    // call's voice worker. It goes out after the echo canceller, which must
    // not take it for echo, and regardless of mute, which is the user's own
    // microphone only.
    virtual std::size_t readForwarded(Sample* /*out*/, std::size_t /*frames*/) { return 0; }
};

} // namespace confab::audio
