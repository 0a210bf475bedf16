#pragma once

#include "base/bytes.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace confab::test {

// Parses hand-written hex such as "01 0a ff" (spaces, newlines and '|' are
// ignored). Kept apart from the code under test so expected bytes never come
// from the encoders they check.
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
        std::abort(); // an odd number of digits
    }
    return out;
}

} // namespace confab::test
