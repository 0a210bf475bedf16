#include "utf8.h"

#include <cstdint>
#include <cstring>

namespace confab::proto {

namespace {

// Chat text is mostly ASCII: skip it eight bytes at a time.
std::size_t skipAscii(ByteView bytes, std::size_t pos)
{
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    while (bytes.size() - pos >= sizeof(std::uint64_t)) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + pos, sizeof(word));
        if ((word & kHighBits) != 0) {
            break;
        }
        pos += sizeof(word);
    }
    while (pos < bytes.size() && bytes[pos] < 0x80) {
        ++pos;
    }
    return pos;
}

struct LeadByte {
    std::size_t length = 0; // 0: not a valid lead byte
    // Allowed range of the first continuation byte; the narrowed ranges exclude
    // overlong forms, surrogates and code points above U+10FFFF (Unicode table 3-7).
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xBF;
};

LeadByte classifyLead(std::uint8_t b)
{
    if (b >= 0xC2 && b <= 0xDF) {
        return {2, 0x80, 0xBF};
    }
    if (b == 0xE0) {
        return {3, 0xA0, 0xBF};
    }
    if (b == 0xED) {
        return {3, 0x80, 0x9F};
    }
    if (b >= 0xE1 && b <= 0xEF) {
        return {3, 0x80, 0xBF};
    }
    if (b == 0xF0) {
        return {4, 0x90, 0xBF};
    }
    if (b >= 0xF1 && b <= 0xF3) {
        return {4, 0x80, 0xBF};
    }
    if (b == 0xF4) {
        return {4, 0x80, 0x8F};
    }
    return {};
}

bool isContinuation(std::uint8_t b)
{
    return (b & 0xC0) == 0x80;
}

} // namespace

bool isValidUtf8(ByteView bytes)
{
    std::size_t pos = 0;
    while (true) {
        pos = skipAscii(bytes, pos);
        if (pos == bytes.size()) {
            return true;
        }
        const LeadByte lead = classifyLead(bytes[pos]);
        if (lead.length == 0 || bytes.size() - pos < lead.length) {
            return false;
        }
        const std::uint8_t first = bytes[pos + 1];
        if (first < lead.low || first > lead.high) {
            return false;
        }
        for (std::size_t i = 2; i < lead.length; ++i) {
            if (!isContinuation(bytes[pos + i])) {
                return false;
            }
        }
        pos += lead.length;
    }
}

std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes) {
        return text;
    }
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<std::uint8_t>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return text.substr(0, cut);
}

} // namespace confab::proto
