#include "preamble.h"

#include <algorithm>

namespace confab::proto {

namespace {

constexpr std::array<std::uint8_t, 6> kMagic{'C', 'O', 'N', 'F', 'A', 'B'};
static_assert(kMagic.size() + sizeof(std::uint16_t) == kPreambleSize);

} // namespace

std::array<std::uint8_t, kPreambleSize> encodePreamble(std::uint16_t version)
{
    std::array<std::uint8_t, kPreambleSize> out{};
    std::copy(kMagic.begin(), kMagic.end(), out.begin());
    out[6] = static_cast<std::uint8_t>(version >> 8);
    out[7] = static_cast<std::uint8_t>(version);
    return out;
}

Result<std::uint16_t, PreambleError> decodePreamble(ByteView bytes)
{
    if (bytes.size() < kPreambleSize) {
        return PreambleError::Truncated;
    }
    if (!std::equal(kMagic.begin(), kMagic.end(), bytes.begin())) {
        return PreambleError::BadMagic;
    }
    const auto version = static_cast<std::uint16_t>((bytes[6] << 8) | bytes[7]);
    // Version 0 was never assigned; a peer claiming it is not speaking Confab.
    if (version == 0) {
        return PreambleError::UnsupportedVersion;
    }
    return version;
}

const char* toString(PreambleError error)
{
    switch (error) {
    case PreambleError::BadMagic:
        return "not a Confab peer (bad preamble magic)";
    case PreambleError::UnsupportedVersion:
        return "unsupported protocol version";
    case PreambleError::Truncated:
        return "preamble truncated";
    }
    return "unknown preamble error";
}

} // namespace confab::proto
