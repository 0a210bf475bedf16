#pragma once

#include <string_view>

namespace confab::audio {

// What went wrong in the Opus encoder or decoder wrappers.
enum class OpusError {
    CreateFailed,   // libopus could not set up a codec state
    BadFrameLength, // PCM length not one Opus frame (or not a multiple of 2.5 ms for concealment)
    BufferTooSmall, // output buffer cannot hold the result
    CorruptPacket,  // the packet is not valid Opus, or longer than the output buffer allows
    CodecFailed,    // any other libopus error
};

[[nodiscard]] constexpr std::string_view toString(OpusError error)
{
    switch (error) {
    case OpusError::CreateFailed:
        return "Opus codec could not be created";
    case OpusError::BadFrameLength:
        return "audio is not a whole Opus frame";
    case OpusError::BufferTooSmall:
        return "buffer too small for the Opus frame";
    case OpusError::CorruptPacket:
        return "invalid Opus packet";
    case OpusError::CodecFailed:
        return "Opus codec error";
    }
    return "Opus codec error";
}

} // namespace confab::audio
