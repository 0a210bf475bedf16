#pragma once

#include <string>
#include <string_view>

// Text for the JSON that test tools and benchmarks print. Plain C++, no Qt.
namespace confab::test {

// `text` as a quoted JSON string: '"' and '\' escaped with a backslash,
// control characters (below 0x20) as \u00XX; other bytes, UTF-8 included,
// kept as they are.
std::string jsonString(std::string_view text);

} // namespace confab::test
