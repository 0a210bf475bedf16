#pragma once

#include "crypto/sodium_init.h"
#include "proto/bytes.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <gtest/gtest.h>
#include <initializer_list>
#include <string_view>

namespace confab::crypto::test {

// Parses hand-written hex such as "01 0a ff" (spaces ignored). Kept apart from
// the code under test so expected bytes never come from it.
inline proto::Bytes hex(std::string_view text)
{
    proto::Bytes out;
    int high = -1;
    for (const char c : text) {
        int value = -1;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            value = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            value = c - 'A' + 10;
        } else if (c == ' ' || c == '\n') {
            continue;
        } else {
            std::abort(); // a typo in a test vector
        }
        if (high < 0) {
            high = value;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + value));
            high = -1;
        }
    }
    if (high >= 0) {
        std::abort();
    }
    return out;
}

template <std::size_t N> std::array<std::uint8_t, N> hexArray(std::string_view text)
{
    const proto::Bytes bytes = hex(text);
    if (bytes.size() != N) {
        std::abort();
    }
    std::array<std::uint8_t, N> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

inline proto::Bytes concat(std::initializer_list<proto::ByteView> parts)
{
    proto::Bytes out;
    for (const proto::ByteView part : parts) {
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
