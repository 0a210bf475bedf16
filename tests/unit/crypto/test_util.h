#pragma once

#include "base/bytes.h"
#include "crypto/sodium_init.h"
#include "support/hex.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <gtest/gtest.h>
#include <initializer_list>
#include <string_view>

namespace confab::crypto::test {

using confab::test::hex;

template <std::size_t N> std::array<std::uint8_t, N> hexArray(std::string_view text)
{
    const Bytes bytes = hex(text);
    if (bytes.size() != N) {
        std::abort();
    }
    std::array<std::uint8_t, N> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

inline Bytes concat(std::initializer_list<ByteView> parts)
{
    Bytes out;
    for (const ByteView part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

// libsodium must be initialised before use, as the application does at start.
class SodiumEnvironment : public ::testing::Environment {
public:
    void SetUp() override { ASSERT_TRUE(initSodium()); }
};

inline ::testing::Environment* const kSodiumEnvironment =
    ::testing::AddGlobalTestEnvironment(new SodiumEnvironment);

} // namespace confab::crypto::test
