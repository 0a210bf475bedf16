#include "deterministic_random.h"

#include <cstring>
#include <sodium.h>

namespace confab::sim {
namespace {

// SplitMix64: tiny, fast and well distributed; plenty for a simulation.
std::uint64_t g_state = 0; // NOLINT: libsodium's hook takes plain functions, no context

std::uint64_t next()
{
    std::uint64_t z = (g_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

const char* name()
{
    return "confab-simulation";
}

std::uint32_t random32()
{
    return static_cast<std::uint32_t>(next() >> 32);
}

void fill(void* buffer, std::size_t size)
{
    auto* bytes = static_cast<unsigned char*>(buffer);
    while (size > 0) {
        const std::uint64_t value = next();
        const std::size_t take = size < sizeof value ? size : sizeof value;
        std::memcpy(bytes, &value, take);
        bytes += take;
        size -= take;
    }
}

randombytes_implementation g_implementation = {name, random32, nullptr, nullptr, fill, nullptr};

} // namespace

void useDeterministicRandom(std::uint64_t seed)
{
    g_state = seed;
    randombytes_set_implementation(&g_implementation);
}

} // namespace confab::sim
