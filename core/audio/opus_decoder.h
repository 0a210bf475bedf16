#pragma once

#include "audio_format.h"
#include "base/result.h"
#include "opus_error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace confab::audio {

// libopus decoder, 48 kHz mono: normal decoding, recovery of a lost frame
// from the in-band FEC of the packet after it, and concealment (PLC) when
// nothing is left to decode.
class OpusDecoder {
public:
    // The longest frame a Confab peer may send: 20 ms.
    static constexpr std::size_t kMaxFrameSamples = 960;

    static Result<OpusDecoder, OpusError> create();

    OpusDecoder(OpusDecoder&& other) noexcept;
    OpusDecoder& operator=(OpusDecoder&& other) noexcept;
    ~OpusDecoder();

    // Decodes `packet` into `pcm`; returns the samples written (the packet's
    // duration). CorruptPacket when the packet is not Opus or does not fit.
    Result<std::size_t, OpusError> decode(std::span<const std::uint8_t> packet, std::span<Sample> pcm);
    // Rebuilds the frame lost just before `nextPacket` from the redundancy
    // Opus put in `nextPacket`; fills all of `pcm` (the lost frame's
    // duration, a multiple of 2.5 ms). Without redundancy in `nextPacket`
    // Opus conceals instead, so this always yields audio. `nextPacket` is
    // then decoded normally, as the next frame.
    Result<std::size_t, OpusError> decodeFec(std::span<const std::uint8_t> nextPacket, std::span<Sample> pcm);
    // Makes up `pcm.size()` samples (a multiple of 2.5 ms) continuing the
    // audio before: packet loss concealment, or comfort noise during DTX.
    Result<std::size_t, OpusError> conceal(std::span<Sample> pcm);

    // Duration of a packet in 48 kHz samples, without decoding it.
    static Result<std::size_t, OpusError> packetSamples(std::span<const std::uint8_t> packet);

private:
    struct State; // owns the libopus decoder

    explicit OpusDecoder(std::unique_ptr<State> state);
    Result<std::size_t, OpusError> run(const std::uint8_t* data, std::size_t size, std::span<Sample> pcm,
                                       bool fec);

    std::unique_ptr<State> m_state;
};

} // namespace confab::audio
