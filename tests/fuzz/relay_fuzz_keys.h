#pragma once

// The fixed identities of the relay fuzz targets and of the program that
// writes their sealed and signed seeds: what one seals, the other opens.
#include "crypto/identity.h"
#include "crypto/sodium_init.h"

#include <array>
#include <cstdint>
#include <cstdlib>

namespace confab::fuzz {

inline crypto::IdentityKeyPair fixedIdentity(std::uint8_t fill)
{
    if (!crypto::initSodium()) {
        std::abort();
    }
    std::array<std::uint8_t, 32> seed{};
    seed.fill(fill);
    return crypto::IdentityKeyPair::fromSeed(crypto::Secret<32>(seed));
}

inline const crypto::IdentityKeyPair& relaySender()
{
    static const crypto::IdentityKeyPair identity = fixedIdentity(0x11);
    return identity;
}

inline const crypto::IdentityKeyPair& relayRecipient()
{
    static const crypto::IdentityKeyPair identity = fixedIdentity(0x33);
    return identity;
}

} // namespace confab::fuzz
