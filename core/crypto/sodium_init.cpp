#include "sodium_init.h"

#include <sodium.h>

namespace confab::crypto {

bool initSodium()
{
    // 0 = initialised now, 1 = already initialised; both are fine. libsodium
    // makes this call thread-safe itself.
    return sodium_init() >= 0;
}

} // namespace confab::crypto
