#include "message_id.h"

#include <algorithm>

namespace confab {

namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

std::optional<std::uint8_t> hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return static_cast<std::uint8_t>(c - '0');
    }
    if (c >= 'a' && c <= 'f') {
        return static_cast<std::uint8_t>(c - 'a' + 10);
    }
    if (c >= 'A' && c <= 'F') {
        return static_cast<std::uint8_t>(c - 'A' + 10);
    }
    return std::nullopt;
}

} // namespace

std::optional<MessageId> MessageId::fromBytes(ByteView bytes)
{
    if (bytes.size() != kSize) {
        return std::nullopt;
    }
    std::array<std::uint8_t, kSize> raw{};
    std::copy(bytes.begin(), bytes.end(), raw.begin());
    return MessageId(raw);
}

std::optional<MessageId> MessageId::fromHex(std::string_view hex)
{
    if (hex.size() != kSize * 2) {
        return std::nullopt;
    }
    std::array<std::uint8_t, kSize> raw{};
    for (std::size_t i = 0; i < kSize; ++i) {
        const auto high = hexValue(hex[2 * i]);
        const auto low = hexValue(hex[2 * i + 1]);
        if (!high || !low) {
            return std::nullopt;
        }
        raw[i] = static_cast<std::uint8_t>((*high << 4) | *low);
    }
    return MessageId(raw);
}

std::string MessageId::toHex() const
{
    std::string out;
    out.reserve(kSize * 2);
    for (const std::uint8_t b : m_bytes) {
        out.push_back(kHexDigits[b >> 4]);
        out.push_back(kHexDigits[b & 0x0F]);
    }
    return out;
}

} // namespace confab
