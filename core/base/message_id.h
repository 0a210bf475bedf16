#pragma once

#include "bytes.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab {

// 128-bit random message id (random bytes come from the caller: proto has no I/O).
// Text form: 32 lower-case hex digits.
class MessageId {
public:
    static constexpr std::size_t kSize = 16;

    MessageId() = default;
    explicit MessageId(const std::array<std::uint8_t, kSize>& bytes) : m_bytes(bytes) {}

    static std::optional<MessageId> fromBytes(ByteView bytes);
    static std::optional<MessageId> fromHex(std::string_view hex);

    [[nodiscard]] std::string toHex() const;
    [[nodiscard]] const std::array<std::uint8_t, kSize>& bytes() const { return m_bytes; }

    // clang-tidy 14 misreads the synthesized comparison with 0 as a null pointer.
    auto operator<=>(const MessageId&) const = default; // NOLINT(modernize-use-nullptr)

private:
    std::array<std::uint8_t, kSize> m_bytes{};
};

} // namespace confab
