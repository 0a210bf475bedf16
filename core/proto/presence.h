#pragma once

#include "base/bytes.h"

#include <cstdint>
#include <optional>

namespace confab::proto {

// Whether the user behind a node is there: the body of a Presence link
// message, exactly one byte. Codes are append-only; one not listed here
// makes the body malformed (a new state goes with a new capability).
enum class PresenceState : std::uint8_t {
    Available = 1,
    Away = 2, // idle for a while, or said so
    Busy = 3, // do not disturb: the user hears no sounds and sees no notifications
};

// The body of a Typing link message, exactly one byte: the sender's user is
// typing in its conversation with the recipient, or stopped.
enum class TypingState : std::uint8_t {
    Typing = 1,
    Stopped = 2,
};

Bytes encodePresenceState(PresenceState state);
Bytes encodeTypingState(TypingState state);
// std::nullopt for a body that is not exactly one known code.
std::optional<PresenceState> decodePresenceState(ByteView body);
std::optional<TypingState> decodeTypingState(ByteView body);

} // namespace confab::proto
