#include "peer_id.h"

#include <algorithm>

namespace confab {

namespace {

constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
static_assert(kBase32Alphabet.size() == 32);

constexpr unsigned kBitsPerChar = 5;
constexpr unsigned kBitsPerByte = 8;

std::optional<std::uint32_t> base32Value(char c)
{
    if (c >= 'a' && c <= 'z') {
        return static_cast<std::uint32_t>(c - 'a');
    }
    if (c >= 'A' && c <= 'Z') {
        return static_cast<std::uint32_t>(c - 'A');
    }
    if (c >= '2' && c <= '7') {
        return static_cast<std::uint32_t>(c - '2' + 26);
    }
    return std::nullopt;
}

// Without padding, a text length of 1, 3 or 6 (mod 8) leaves 5 or more spare
// bits, which no whole number of bytes can produce.
bool isPossibleBase32Length(std::size_t length)
{
    const std::size_t tail = length % 8;
    return tail != 1 && tail != 3 && tail != 6;
}

} // namespace

std::string base32Encode(ByteView bytes)
{
    std::string out;
    out.reserve((bytes.size() * kBitsPerByte + kBitsPerChar - 1) / kBitsPerChar);
    std::uint32_t buffer = 0;
    unsigned bits = 0;
    for (const std::uint8_t b : bytes) {
        buffer = (buffer << kBitsPerByte) | b;
        bits += kBitsPerByte;
        while (bits >= kBitsPerChar) {
            bits -= kBitsPerChar;
            out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1F]);
        }
    }
    if (bits > 0) {
        out.push_back(kBase32Alphabet[(buffer << (kBitsPerChar - bits)) & 0x1F]);
    }
    return out;
}

std::optional<Bytes> base32Decode(std::string_view text)
{
    if (!isPossibleBase32Length(text.size())) {
        return std::nullopt;
    }
    Bytes out;
    out.reserve(text.size() * kBitsPerChar / kBitsPerByte);
    std::uint32_t buffer = 0;
    unsigned bits = 0;
    for (const char c : text) {
        const auto value = base32Value(c);
        if (!value) {
            return std::nullopt;
        }
        buffer = (buffer << kBitsPerChar) | *value;
        bits += kBitsPerChar;
        if (bits >= kBitsPerByte) {
            bits -= kBitsPerByte;
            out.push_back(static_cast<std::uint8_t>(buffer >> bits));
        }
    }
    // The encoder pads the last character with zero bits; accepting anything
    // else would give the same bytes several spellings.
    if ((buffer & ((1U << bits) - 1U)) != 0) {
        return std::nullopt;
    }
    return out;
}

std::optional<PeerId> PeerId::fromBytes(ByteView bytes)
{
    if (bytes.size() != kSize) {
        return std::nullopt;
    }
    std::array<std::uint8_t, kSize> raw{};
    std::copy(bytes.begin(), bytes.end(), raw.begin());
    return PeerId(raw);
}

std::optional<PeerId> PeerId::fromText(std::string_view text)
{
    if (text.size() != kTextSize) {
        return std::nullopt;
    }
    const auto bytes = base32Decode(text);
    if (!bytes) {
        return std::nullopt;
    }
    return fromBytes(*bytes);
}

std::string PeerId::toText() const
{
    return base32Encode(m_bytes);
}

bool PeerId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
}

} // namespace confab
