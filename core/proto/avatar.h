#pragma once

#include "base/bytes.h"

#include <cstddef>
#include <optional>

namespace confab::proto {

// A user's picture: the body of an Avatar link message (Capability::Avatars)
// is a whole PNG or JPEG file, or nothing for "no picture". The limit keeps
// one message small next to chat traffic; a 96x96 square, which senders
// make, fits in it several times over. Only the kind and the size are
// checked here: whoever shows the picture decodes it with limits of its own.
inline constexpr std::size_t kMaxAvatarBytes = std::size_t{16} * 1024;

enum class AvatarFormat { Png, Jpeg };

// The kind of picture by its signature; std::nullopt for anything else.
std::optional<AvatarFormat> avatarFormatOf(ByteView image);
// Empty, or a PNG or JPEG file of at most kMaxAvatarBytes.
bool isValidAvatarBody(ByteView body);

} // namespace confab::proto
