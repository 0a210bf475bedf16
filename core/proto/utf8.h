#pragma once

#include "base/bytes.h"

namespace confab::proto {

// Strict UTF-8 check: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(ByteView bytes);

} // namespace confab::proto
