#pragma once

#include "base/bytes.h"
#include "support/hex.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace confab::proto::test {

using confab::test::hex;

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
