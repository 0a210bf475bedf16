#pragma once

#include "audio_format.h"

#include <memory>
#include <span>
#include <string>

namespace confab::audio {

// Echo cancellation, noise suppression and automatic gain on the microphone
// signal, through WebRTC's audio processing module (webrtc-audio-processing
// 0.3). Works on 10 ms blocks (kBlockFrames samples) at 48 kHz mono. Every
// call comes from one thread (the voice worker). When the module cannot be
// created, or fails on a block, audio passes through unchanged and error()
// says why; the call goes on without the processing.
class EchoProcessor {
public:
    struct Options {
        bool echoCancellation = true;
        bool noiseSuppression = true;
        bool autoGain = true;
        bool highPassFilter = true;
    };

    explicit EchoProcessor(Options options);
    ~EchoProcessor();
    EchoProcessor(const EchoProcessor&) = delete;
    EchoProcessor& operator=(const EchoProcessor&) = delete;

    // True when the processing module runs; false means pass-through.
    [[nodiscard]] bool active() const { return m_impl != nullptr; }
    // Why the module does not run (or last failed on a block); empty when fine.
    [[nodiscard]] const std::string& error() const { return m_error; }
    [[nodiscard]] const Options& options() const { return m_options; }

    // Far end: a block about to be played to the speaker (the echo reference).
    void analyzeFarEnd(std::span<const Sample> block);
    // Near end: a captured block, processed in place. `delayMs` estimates the
    // time from a block's analyzeFarEnd() to its echo being captured; the
    // canceller also searches around it, so a rough value is enough.
    void processNearEnd(std::span<Sample> block, int delayMs);

    // Echo return loss enhancement the canceller reports (dB), when it has one.
    [[nodiscard]] int echoReturnLossEnhancementDb() const;

private:
    struct Impl;

    Options m_options;
    std::unique_ptr<Impl> m_impl;
    std::string m_error;
};

} // namespace confab::audio
