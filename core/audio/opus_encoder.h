#pragma once

#include "audio_format.h"
#include "base/result.h"
#include "opus_error.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace confab::audio {

struct OpusEncoderConfig {
    int frameMs = 20;               // 5, 10 or 20
    int bitrate = 32000;            // bits/s
    int complexity = 9;             // start value and ceiling of the adaptation, 0..10
    int minComplexity = 3;          // floor of the adaptation
    bool adaptiveComplexity = true; // lower complexity when encoding eats too much CPU
    int packetLossPercent = 0;      // expected loss: how much in-band FEC Opus spends
};

// One encoded frame.
struct EncodedFrame {
    std::size_t size = 0;
    // Opus's DTX said "nothing new": a packet of 1-2 bytes that need not be
    // sent. The receiver conceals the gap as silence.
    bool silent = false;
};

// libopus encoder for Confab's voice: 48 kHz mono, VOIP application (5 ms
// frames: restricted low delay, CELT only, 2.5 ms lookahead), in-band FEC
// (SILK only, so not at 5 ms) and DTX on. Complexity follows the CPU: the time each encode takes is
// averaged, and when it exceeds a fifth of the frame's duration complexity
// steps down (to minComplexity at most); it steps back up slowly when
// encoding is cheap again.
class OpusEncoder {
public:
    static Result<OpusEncoder, OpusError> create(const OpusEncoderConfig& config);

    OpusEncoder(OpusEncoder&& other) noexcept;
    OpusEncoder& operator=(OpusEncoder&& other) noexcept;
    ~OpusEncoder();

    // Encodes exactly frameSamples() samples into `out` (kMaxOpusPacketBytes
    // is always enough).
    Result<EncodedFrame, OpusError> encode(std::span<const Sample> pcm, std::span<std::uint8_t> out);

    void setBitrate(int bitsPerSecond);
    [[nodiscard]] int bitrate() const { return m_bitrate; }
    // 0..100; tells Opus how much redundancy (in-band FEC) to put in each packet.
    void setPacketLossPercent(int percent);
    [[nodiscard]] int packetLossPercent() const { return m_lossPercent; }
    void setComplexity(int complexity);
    [[nodiscard]] int complexity() const { return m_complexity; }

    // Feeds one encode duration to the complexity adaptation; encode() does
    // this itself when adaptiveComplexity is on (public so tests can drive it).
    void recordEncodeTime(std::chrono::nanoseconds elapsed);
    // Mean encode time of the last measurement window, in microseconds.
    [[nodiscard]] double averageEncodeMicros() const { return m_lastWindowMeanUs; }

    [[nodiscard]] int frameMs() const { return m_frameMs; }
    [[nodiscard]] std::size_t frameSamples() const { return framesForMs(m_frameMs); }
    // Encoder delay in samples (Opus's lookahead plus its resampling delay).
    [[nodiscard]] int lookaheadSamples() const { return m_lookahead; }

private:
    struct State; // owns the libopus encoder

    OpusEncoder(std::unique_ptr<State> state, const OpusEncoderConfig& config);

    std::unique_ptr<State> m_state;
    int m_frameMs = 20;
    int m_bitrate = 0;
    int m_lossPercent = 0;
    int m_complexity = 0;
    int m_maxComplexity = 0;
    int m_minComplexity = 0;
    bool m_adaptive = true;
    int m_lookahead = 0;
    // Complexity adaptation: encode times are summed over a window of frames.
    std::int64_t m_windowNs = 0;
    int m_windowFrames = 0;
    int m_cheapWindows = 0;
    double m_lastWindowMeanUs = 0;
};

} // namespace confab::audio
