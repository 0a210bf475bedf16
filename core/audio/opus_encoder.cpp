#include "opus_encoder.h"

#include "voice_frame.h"

#include <algorithm>
#include <opus.h>

namespace confab::audio {
namespace {

// Packets this small carry no audio: Opus's DTX (and its "no change" frames).
constexpr std::size_t kDtxPacketBytes = 2;
// Encode time above this share of the frame's duration lowers complexity...
constexpr double kBusyShare = 0.20;
// ...and below this share, for kCheapWindowsToRaise windows in a row, raises it.
constexpr double kCheapShare = 0.08;
constexpr int kCheapWindowsToRaise = 5;
// About a second of frames per decision: long enough to average out one
// preempted encode, short enough to react before the call sounds choppy.
constexpr int kWindowMs = 1000;

bool validFrameMs(int ms)
{
    return ms == 5 || ms == 10 || ms == 20;
}

int setCtl(::OpusEncoder* encoder, int request, int value)
{
    return opus_encoder_ctl(encoder, request, static_cast<opus_int32>(value));
}

} // namespace

struct OpusEncoder::State {
    explicit State(::OpusEncoder* created) : encoder(created) {}
    ~State() { opus_encoder_destroy(encoder); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    ::OpusEncoder* encoder;
};

Result<OpusEncoder, OpusError> OpusEncoder::create(const OpusEncoderConfig& config)
{
    if (!validFrameMs(config.frameMs)) {
        return OpusError::BadFrameLength;
    }
    // 5 ms frames are for low delay, and too short for SILK anyway: the
    // restricted low-delay application drops SILK's 4 ms of extra lookahead.
    const int application =
        config.frameMs == 5 ? OPUS_APPLICATION_RESTRICTED_LOWDELAY : OPUS_APPLICATION_VOIP;
    int error = OPUS_OK;
    ::OpusEncoder* created = opus_encoder_create(kSampleRate, kChannels, application, &error);
    if (error != OPUS_OK || created == nullptr) {
        return OpusError::CreateFailed;
    }
    auto state = std::make_unique<State>(created);
    const bool ok = setCtl(created, OPUS_SET_INBAND_FEC_REQUEST, 1) == OPUS_OK &&
                    setCtl(created, OPUS_SET_DTX_REQUEST, 1) == OPUS_OK &&
                    setCtl(created, OPUS_SET_SIGNAL_REQUEST, OPUS_SIGNAL_VOICE) == OPUS_OK &&
                    setCtl(created, OPUS_SET_VBR_REQUEST, 1) == OPUS_OK;
    if (!ok) {
        return OpusError::CreateFailed;
    }
    return OpusEncoder(std::move(state), config);
}

OpusEncoder::OpusEncoder(std::unique_ptr<State> state, const OpusEncoderConfig& config)
    : m_state(std::move(state)), m_frameMs(config.frameMs),
      m_maxComplexity(std::clamp(config.complexity, 0, 10)),
      m_minComplexity(std::clamp(config.minComplexity, 0, std::clamp(config.complexity, 0, 10))),
      m_adaptive(config.adaptiveComplexity)
{
    setBitrate(config.bitrate);
    setPacketLossPercent(config.packetLossPercent);
    setComplexity(m_maxComplexity);
    opus_int32 lookahead = 0;
    if (opus_encoder_ctl(m_state->encoder, OPUS_GET_LOOKAHEAD_REQUEST, &lookahead) == OPUS_OK) {
        m_lookahead = static_cast<int>(lookahead);
    }
}

OpusEncoder::OpusEncoder(OpusEncoder&& other) noexcept = default;
OpusEncoder& OpusEncoder::operator=(OpusEncoder&& other) noexcept = default;
OpusEncoder::~OpusEncoder() = default;

Result<EncodedFrame, OpusError> OpusEncoder::encode(std::span<const Sample> pcm, std::span<std::uint8_t> out)
{
    if (pcm.size() != frameSamples()) {
        return OpusError::BadFrameLength;
    }
    if (out.empty()) {
        return OpusError::BufferTooSmall;
    }
    const auto capacity = static_cast<opus_int32>(std::min(out.size(), kMaxOpusPacketBytes));
    const auto started = std::chrono::steady_clock::now();
    const opus_int32 size =
        opus_encode(m_state->encoder, pcm.data(), static_cast<int>(pcm.size()), out.data(), capacity);
    if (m_adaptive) {
        recordEncodeTime(std::chrono::steady_clock::now() - started);
    }
    if (size == OPUS_BUFFER_TOO_SMALL) {
        return OpusError::BufferTooSmall;
    }
    if (size < 0) {
        return OpusError::CodecFailed;
    }
    EncodedFrame frame;
    frame.size = static_cast<std::size_t>(size);
    frame.silent = frame.size <= kDtxPacketBytes;
    return frame;
}

void OpusEncoder::setBitrate(int bitsPerSecond)
{
    // Opus's own limits for one channel.
    m_bitrate = std::clamp(bitsPerSecond, 6000, 510000);
    setCtl(m_state->encoder, OPUS_SET_BITRATE_REQUEST, m_bitrate);
}

void OpusEncoder::setPacketLossPercent(int percent)
{
    m_lossPercent = std::clamp(percent, 0, 100);
    setCtl(m_state->encoder, OPUS_SET_PACKET_LOSS_PERC_REQUEST, m_lossPercent);
}

void OpusEncoder::setComplexity(int complexity)
{
    m_complexity = std::clamp(complexity, 0, 10);
    setCtl(m_state->encoder, OPUS_SET_COMPLEXITY_REQUEST, m_complexity);
}

void OpusEncoder::recordEncodeTime(std::chrono::nanoseconds elapsed)
{
    m_windowNs += elapsed.count();
    ++m_windowFrames;
    if (m_windowFrames < kWindowMs / m_frameMs) {
        return;
    }
    const double meanNs = static_cast<double>(m_windowNs) / m_windowFrames;
    m_lastWindowMeanUs = meanNs / 1000.0;
    m_windowNs = 0;
    m_windowFrames = 0;
    const double frameNs = static_cast<double>(m_frameMs) * 1e6;
    if (meanNs > kBusyShare * frameNs) {
        m_cheapWindows = 0;
        if (m_complexity > m_minComplexity) {
            // Far over budget: two steps at once, the CPU is clearly short.
            const int step = meanNs > 2 * kBusyShare * frameNs ? 2 : 1;
            setComplexity(std::max(m_minComplexity, m_complexity - step));
        }
    } else if (meanNs < kCheapShare * frameNs) {
        if (++m_cheapWindows >= kCheapWindowsToRaise && m_complexity < m_maxComplexity) {
            setComplexity(m_complexity + 1);
            m_cheapWindows = 0;
        }
    } else {
        m_cheapWindows = 0;
    }
}

} // namespace confab::audio
