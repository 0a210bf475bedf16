#pragma once

#include "base/bytes.h"

#include <string_view>

namespace confab::proto {

// Strict UTF-8 check: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(ByteView bytes);
// At most `maxBytes` of `text`, cut at a code point boundary so valid UTF-8
// stays valid (encoders that shorten names have no error path).
std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes);

} // namespace confab::proto
