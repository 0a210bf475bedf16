#pragma once

#include "base/message_id.h"

#include <cstdint>
#include <span>

namespace confab::crypto {

void randomBytes(std::span<std::uint8_t> out);
MessageId randomMessageId();
std::uint64_t randomU64();

} // namespace confab::crypto
