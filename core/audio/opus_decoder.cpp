#include "opus_decoder.h"

#include <cstdint>
#include <opus.h>

namespace confab::audio {
namespace {

// Opus frames are multiples of 2.5 ms: 120 samples at 48 kHz.
constexpr std::size_t kGranuleSamples = 120;

} // namespace

struct OpusDecoder::State {
    explicit State(::OpusDecoder* created) : decoder(created) {}
    ~State() { opus_decoder_destroy(decoder); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    ::OpusDecoder* decoder;
};

Result<OpusDecoder, OpusError> OpusDecoder::create()
{
    int error = OPUS_OK;
    ::OpusDecoder* created = opus_decoder_create(kSampleRate, kChannels, &error);
    if (error != OPUS_OK || created == nullptr) {
        return OpusError::CreateFailed;
    }
    return OpusDecoder(std::make_unique<State>(created));
}

OpusDecoder::OpusDecoder(std::unique_ptr<State> state) : m_state(std::move(state))
{
}
OpusDecoder::OpusDecoder(OpusDecoder&& other) noexcept = default;
OpusDecoder& OpusDecoder::operator=(OpusDecoder&& other) noexcept = default;
OpusDecoder::~OpusDecoder() = default;

Result<std::size_t, OpusError> OpusDecoder::decode(std::span<const std::uint8_t> packet,
                                                   std::span<Sample> pcm)
{
    if (packet.empty()) {
        return OpusError::CorruptPacket;
    }
    return run(packet.data(), packet.size(), pcm, false);
}

Result<std::size_t, OpusError> OpusDecoder::decodeFec(std::span<const std::uint8_t> nextPacket,
                                                      std::span<Sample> pcm)
{
    if (nextPacket.empty()) {
        return OpusError::CorruptPacket;
    }
    if (pcm.empty() || pcm.size() % kGranuleSamples != 0) {
        return OpusError::BadFrameLength;
    }
    return run(nextPacket.data(), nextPacket.size(), pcm, true);
}

Result<std::size_t, OpusError> OpusDecoder::conceal(std::span<Sample> pcm)
{
    if (pcm.empty() || pcm.size() % kGranuleSamples != 0) {
        return OpusError::BadFrameLength;
    }
    return run(nullptr, 0, pcm, false);
}

Result<std::size_t, OpusError> OpusDecoder::packetSamples(std::span<const std::uint8_t> packet)
{
    if (packet.empty() || packet.size() > static_cast<std::size_t>(INT32_MAX)) {
        return OpusError::CorruptPacket;
    }
    const int samples =
        opus_packet_get_nb_samples(packet.data(), static_cast<opus_int32>(packet.size()), kSampleRate);
    if (samples <= 0) {
        return OpusError::CorruptPacket;
    }
    return static_cast<std::size_t>(samples);
}

Result<std::size_t, OpusError> OpusDecoder::run(const std::uint8_t* data, std::size_t size,
                                                std::span<Sample> pcm, bool fec)
{
    if (size > static_cast<std::size_t>(INT32_MAX) || pcm.size() > static_cast<std::size_t>(INT32_MAX)) {
        return OpusError::BufferTooSmall;
    }
    const int samples = opus_decode(m_state->decoder, data, static_cast<opus_int32>(size), pcm.data(),
                                    static_cast<int>(pcm.size()), fec ? 1 : 0);
    if (samples == OPUS_BUFFER_TOO_SMALL || samples == OPUS_INVALID_PACKET) {
        return OpusError::CorruptPacket;
    }
    if (samples < 0) {
        return OpusError::CodecFailed;
    }
    return static_cast<std::size_t>(samples);
}

} // namespace confab::audio
