#include "random.h"

#include <array>
#include <sodium.h>

namespace confab::crypto {

void randomBytes(std::span<std::uint8_t> out)
{
    // An empty span may have a null data pointer, which libsodium forbids.
    if (out.empty()) {
        return;
    }
    randombytes_buf(out.data(), out.size());
}

MessageId randomMessageId()
{
    std::array<std::uint8_t, MessageId::kSize> bytes{};
    randomBytes(bytes);
    return MessageId(bytes);
}

std::uint64_t randomU64()
{
    std::array<std::uint8_t, sizeof(std::uint64_t)> bytes{};
    randomBytes(bytes);
    std::uint64_t value = 0;
    for (const std::uint8_t byte : bytes) {
        value = (value << 8U) | byte;
    }
    return value;
}

} // namespace confab::crypto
