#pragma once

#include "proto/bytes.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace confab::proto::test {

// Parses hand-written hex such as "01 0a ff" (whitespace ignored). Kept apart
// from the code under test so golden bytes never come from the encoders.
inline Bytes hex(std::string_view text)
{
    Bytes out;
    int high = -1;
    for (const char c : text) {
        int value = -1;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            value = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            value = c - 'A' + 10;
        } else if (c == ' ' || c == '\n' || c == '|') {
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

// `count` bytes counting up from `first`, wrapping at 0xff.
inline Bytes sequence(std::uint8_t first, std::size_t count)
{
    Bytes out(count);
    for (std::size_t i = 0; i < count; ++i) {
        out[i] = static_cast<std::uint8_t>(first + i);
    }
    return out;
}

inline Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes& part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

inline Bytes toBytes(std::string_view text)
{
    return {text.begin(), text.end()};
}

} // namespace confab::proto::test
