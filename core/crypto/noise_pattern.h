#pragma once

// Internal to confab_crypto: the handshake patterns Confab supports, as token
// lists (Noise revision 34, section 7).

#include "noise.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace confab::crypto::detail {

enum class Token : std::uint8_t { E, S, EE, ES, SE, SS };

struct MessagePattern {
    std::array<Token, 4> tokens{};
    std::size_t count = 0;

    [[nodiscard]] std::span<const Token> view() const { return std::span<const Token>(tokens).first(count); }
};

struct HandshakePattern {
    std::string_view name;
    // Pre-messages: a static key each side knows before the first message.
    bool initiatorStaticPreMessage = false;
    bool responderStaticPreMessage = false;
    std::array<MessagePattern, 3> messages{};
    std::size_t messageCount = 0;

    [[nodiscard]] std::span<const MessagePattern> view() const
    {
        return std::span<const MessagePattern>(messages).first(messageCount);
    }
    // Message i is written by the initiator when i is even.
    [[nodiscard]] static bool writtenByInitiator(std::size_t index) { return index % 2 == 0; }
    // Whether the given side sends its static key in a message ("s" token).
    [[nodiscard]] bool sendsStatic(bool initiator) const;
};

const HandshakePattern& handshakePattern(NoisePattern pattern);

} // namespace confab::crypto::detail
