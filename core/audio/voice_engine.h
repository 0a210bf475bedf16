#pragma once

// Contract of the voice worker; see voice_engine.cpp.

#include "audio_device.h"
#include "voice_frame.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace confab::audio {

struct VoiceSettings {
    int frameMs = 20;       // Opus frame length: 5, 10 or 20
    int maxBitrate = 32000; // bits/s the encoder may use
    bool echoCancellation = true;
    bool noiseSuppression = true;
    bool autoGain = true;
};

// A snapshot of one call's audio, for `confabctl calls --json` and the GUI.
struct VoiceStats {
    // Receive side.
    std::uint64_t framesReceived = 0;            // packets handed to pushIncoming
    std::uint64_t framesPlayed = 0;              // frames decoded from a packet
    std::uint64_t framesConcealed = 0;           // frames made up by Opus PLC
    std::uint64_t framesRecoveredFec = 0;        // lost frames rebuilt from the next packet's FEC
    std::uint64_t framesRecoveredRetransmit = 0; // lost frames played from a retransmission
    std::uint64_t framesRecoveredRedundancy = 0; // lost frames played from a redundant copy
    std::uint64_t framesLate = 0;                // arrived after their playout time: dropped
    std::uint64_t framesDuplicate = 0;
    double jitterMs = 0;            // interarrival jitter (RFC 3550 estimator)
    double jitterBufferDelayMs = 0; // current playout delay of the jitter buffer
    double receiveLossPercent = 0;  // frames missing over the last few seconds
    // Send side.
    std::uint64_t framesSent = 0;
    int bitrate = 0;           // encoder target, bits/s
    int complexity = 0;        // encoder complexity in use
    int remoteLossPercent = 0; // as last reported by the other side
    double inputLevel = 0;     // peak of the last 100 ms after processing, 0..1
    bool muted = false;
    // Devices.
    std::uint64_t playbackUnderruns = 0; // output blocks the worker had no audio for
    std::string deviceError;             // empty while the device works
    // The call has no microphone (the other side hears silence) or no
    // speaker (nothing is played): the device, or that direction of it,
    // could not be opened or stopped working. deviceError says why.
    bool inputLost = false;
    bool outputLost = false;
};

// One call's audio: capture → echo canceller/noise suppression/gain → Opus
// encoder → outgoing queue, and incoming queue → jitter buffer → Opus decoder
// (PLC, FEC) → playback, on a worker thread of its own. The device callback
// only moves PCM through lock-free rings. Every public function is safe to
// call from the (single) network thread and never blocks on audio.
class VoiceEngine {
public:
    // `device` must outlive the engine; the engine starts and stops it.
    VoiceEngine(AudioDevice& device, VoiceSettings settings);
    ~VoiceEngine();
    VoiceEngine(const VoiceEngine&) = delete;
    VoiceEngine& operator=(const VoiceEngine&) = delete;

    // Starts the device and the worker. When the device cannot be opened the
    // engine runs on silence and returns the device's error for the user; the
    // call itself goes on.
    std::optional<std::string> start();
    void stop();

    // Network thread → worker. Never blocks; drops the frame when the queue is full.
    void pushIncoming(const VoiceFrame& frame);
    // Worker → network thread. False when nothing is waiting.
    bool popOutgoing(VoiceFrame& frame);
    // Runs on the worker thread whenever frames were queued for sending; it
    // must only wake the network thread (for example a queued Qt call).
    void setOutgoingNotifier(std::function<void()> notify);

    // Loss the other side reports (percent): tunes Opus in-band FEC and bitrate.
    void setRemoteLossPercent(int percent);
    void setMuted(bool muted);
    // Push-to-talk: while false, silence is sent (DTX keeps it cheap).
    void setTransmitting(bool transmitting);
    // Another call carries this microphone (a room call's mixer passes it
    // on): send nothing, and spend nothing on the echo canceller. The other
    // side still hears what the mixer sends it; playback goes on.
    void setCarriedElsewhere(bool elsewhere);

    [[nodiscard]] VoiceStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace confab::audio
