#include "avatar.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace confab::proto {
namespace {

constexpr std::array<std::uint8_t, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
// Start of image, then the first marker's 0xFF.
constexpr std::array<std::uint8_t, 3> kJpegSignature{0xFF, 0xD8, 0xFF};

template <std::size_t N> bool startsWith(ByteView bytes, const std::array<std::uint8_t, N>& prefix)
{
    return bytes.size() >= N && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

} // namespace

std::optional<AvatarFormat> avatarFormatOf(ByteView image)
{
    if (startsWith(image, kPngSignature)) {
        return AvatarFormat::Png;
    }
    if (startsWith(image, kJpegSignature)) {
        return AvatarFormat::Jpeg;
    }
    return std::nullopt;
}

bool isValidAvatarBody(ByteView body)
{
    return body.empty() || (body.size() <= kMaxAvatarBytes && avatarFormatOf(body).has_value());
}

} // namespace confab::proto
