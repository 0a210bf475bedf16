#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <cstdint>

namespace confab::proto {

// Both sides send these 8 plaintext bytes first: "CONFAB" and the highest
// protocol version they speak (u16 big-endian). Both preambles, initiator's
// first, form the Noise prologue, so a tampered preamble fails the handshake.
inline constexpr std::size_t kPreambleSize = 8;

enum class PreambleError { BadMagic, UnsupportedVersion, Truncated };

std::array<std::uint8_t, kPreambleSize> encodePreamble(std::uint16_t version);
Result<std::uint16_t, PreambleError> decodePreamble(ByteView bytes);
const char* toString(PreambleError error);

} // namespace confab::proto
