#include "presence.h"

namespace confab::proto {

Bytes encodePresenceState(PresenceState state)
{
    return {static_cast<std::uint8_t>(state)};
}

Bytes encodeTypingState(TypingState state)
{
    return {static_cast<std::uint8_t>(state)};
}

std::optional<PresenceState> decodePresenceState(ByteView body)
{
    if (body.size() != 1) {
        return std::nullopt;
    }
    switch (const auto state = static_cast<PresenceState>(body[0])) {
    case PresenceState::Available:
    case PresenceState::Away:
    case PresenceState::Busy:
        return state;
    }
    return std::nullopt;
}

std::optional<TypingState> decodeTypingState(ByteView body)
{
    if (body.size() != 1) {
        return std::nullopt;
    }
    switch (const auto state = static_cast<TypingState>(body[0])) {
    case TypingState::Typing:
    case TypingState::Stopped:
        return state;
    }
    return std::nullopt;
}

} // namespace confab::proto
