#pragma once

#include "bytes.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab {

// A peer's stable ID: 20 bytes derived from its identity key (see
// crypto::derivePeerId). Text form: RFC 4648 base32, lower case, no padding,
// 32 characters.
class PeerId {
public:
    static constexpr std::size_t kSize = 20;
    static constexpr std::size_t kTextSize = 32;

    PeerId() = default;
    explicit PeerId(const std::array<std::uint8_t, kSize>& bytes) : m_bytes(bytes) {}

    static std::optional<PeerId> fromBytes(ByteView bytes);
    // Accepts upper or lower case; rejects anything else.
    static std::optional<PeerId> fromText(std::string_view text);

    [[nodiscard]] std::string toText() const;
    [[nodiscard]] const std::array<std::uint8_t, kSize>& bytes() const { return m_bytes; }
    [[nodiscard]] bool isNull() const;

    // clang-tidy 14 misreads the synthesized comparison with 0 as a null pointer.
    auto operator<=>(const PeerId&) const = default; // NOLINT(modernize-use-nullptr)

private:
    std::array<std::uint8_t, kSize> m_bytes{};
};

// Base32 (RFC 4648 alphabet, lower case, no padding).
std::string base32Encode(ByteView bytes);
std::optional<Bytes> base32Decode(std::string_view text);

} // namespace confab
