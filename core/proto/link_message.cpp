#include "link_message.h"

#include "avatar.h"
#include "byte_io.h"
#include "presence.h"

#include <array>

namespace confab::proto {

namespace {

// Every LinkMessageType, so the codes can be checked for clashes at compile
// time. -Wswitch in isEnumerator() flags a new enumerator, and a static_assert
// below then insists that it is listed here too.
constexpr std::array kAllLinkMessageTypes{
    LinkMessageType::Envelope,      LinkMessageType::Ping,         LinkMessageType::Pong,
    LinkMessageType::Goodbye,       LinkMessageType::PeerExchange, LinkMessageType::Call,
    LinkMessageType::RelayEnvelope, LinkMessageType::Reachability, LinkMessageType::RelayCustody,
    LinkMessageType::Presence,      LinkMessageType::Typing,       LinkMessageType::Avatar,
};

template <std::size_t N> constexpr bool codesAreUnique(const std::array<LinkMessageType, N>& types)
{
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = i + 1; j < N; ++j) {
            if (types[i] == types[j]) {
                return false;
            }
        }
    }
    return true;
}

static_assert(codesAreUnique(kAllLinkMessageTypes), "two LinkMessageType values share a code");

constexpr bool isEnumerator(LinkMessageType type)
{
    switch (type) {
    case LinkMessageType::Envelope:
    case LinkMessageType::Ping:
    case LinkMessageType::Pong:
    case LinkMessageType::Goodbye:
    case LinkMessageType::PeerExchange:
    case LinkMessageType::Call:
    case LinkMessageType::RelayEnvelope:
    case LinkMessageType::Reachability:
    case LinkMessageType::RelayCustody:
    case LinkMessageType::Presence:
    case LinkMessageType::Typing:
    case LinkMessageType::Avatar:
        return true;
    }
    return false;
}

constexpr bool isKnownType(std::uint8_t code)
{
    for (const LinkMessageType type : kAllLinkMessageTypes) {
        if (static_cast<std::uint8_t>(type) == code) {
            return true;
        }
    }
    return false;
}

constexpr bool listsEveryEnumerator()
{
    for (unsigned code = 0; code <= 0xFF; ++code) {
        const auto narrow = static_cast<std::uint8_t>(code);
        if (isKnownType(narrow) != isEnumerator(static_cast<LinkMessageType>(narrow))) {
            return false;
        }
    }
    return true;
}

static_assert(listsEveryEnumerator(), "kAllLinkMessageTypes must list exactly the LinkMessageType values");
static_assert(!isKnownType(0), "code 0 is never a valid type");

constexpr std::size_t kTokenSize = sizeof(std::uint64_t);

bool isKnownGoodbyeReason(std::uint8_t code)
{
    switch (static_cast<GoodbyeReason>(code)) {
    case GoodbyeReason::Shutdown:
    case GoodbyeReason::DuplicateLink:
    case GoodbyeReason::ProtocolError:
        return true;
    }
    return false;
}

bool bodyIsValid(LinkMessageType type, ByteView body)
{
    switch (type) {
    case LinkMessageType::Envelope:
        return !body.empty();
    case LinkMessageType::Ping:
    case LinkMessageType::Pong:
        return body.size() == kTokenSize;
    case LinkMessageType::Goodbye:
        return body.size() == 1 && isKnownGoodbyeReason(body[0]);
    case LinkMessageType::PeerExchange:
    case LinkMessageType::Call:
    case LinkMessageType::RelayEnvelope:
    case LinkMessageType::Reachability:
    case LinkMessageType::RelayCustody:
        return !body.empty();
    case LinkMessageType::Presence:
        return decodePresenceState(body).has_value();
    case LinkMessageType::Typing:
        return decodeTypingState(body).has_value();
    case LinkMessageType::Avatar:
        return isValidAvatarBody(body);
    }
    return false;
}

} // namespace

Bytes encodeLinkMessage(LinkMessageType type, ByteView body)
{
    Bytes out;
    out.reserve(1 + body.size());
    out.push_back(static_cast<std::uint8_t>(type));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Result<LinkMessage, LinkMessageError> decodeLinkMessage(ByteView bytes)
{
    if (bytes.empty()) {
        return LinkMessageError::Empty;
    }
    if (!isKnownType(bytes[0])) {
        return LinkMessageError::UnknownType;
    }
    const auto type = static_cast<LinkMessageType>(bytes[0]);
    const ByteView body = bytes.subspan(1);
    if (!bodyIsValid(type, body)) {
        return LinkMessageError::BadBody;
    }
    return LinkMessage{type, Bytes(body.begin(), body.end())};
}

Bytes encodePing(LinkMessageType pingOrPong, std::uint64_t token)
{
    Bytes out;
    out.reserve(1 + kTokenSize);
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(pingOrPong));
    writer.u64(token);
    return out;
}

Bytes encodeGoodbye(GoodbyeReason reason)
{
    return {static_cast<std::uint8_t>(LinkMessageType::Goodbye), static_cast<std::uint8_t>(reason)};
}

} // namespace confab::proto
