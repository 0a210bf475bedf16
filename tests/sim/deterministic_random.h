#pragma once

#include <cstdint>

namespace confab::sim {

// Makes libsodium's random numbers (identity keys, ephemeral keys, message
// ids, nonces) a function of `seed`, so a simulation runs the same every
// time. For the simulator only: the product always uses the system's
// generator. Must run before libsodium is initialised.
void useDeterministicRandom(std::uint64_t seed);

} // namespace confab::sim
