#include "secret.h"

#include <sodium.h>

namespace confab::crypto {

void wipe(std::span<std::uint8_t> bytes)
{
    // sodium_memzero cannot be optimised away, unlike a plain memset on memory
    // that is about to be freed.
    sodium_memzero(bytes.data(), bytes.size());
}

} // namespace confab::crypto
