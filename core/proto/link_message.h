#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <cstdint>

namespace confab::proto {

// The plaintext of one Noise transport message: u8 type, then the type's body.
// Type codes are append-only; see link_message.cpp for the duplicate check.
enum class LinkMessageType : std::uint8_t {
    Envelope = 1,     // body: encoded Envelope
    Ping = 2,         // body: u64 opaque token, echoed by Pong
    Pong = 3,         // body: u64 token from the Ping
    Goodbye = 4,      // body: u8 GoodbyeReason; the sender closes after it
    PeerExchange = 5, // body: see peer_exchange.h; decoded by its handler
    Call = 6,         // body: see call_signal.h; decoded by the call service
    // Capability::Relay (relay_envelope.h, reachability.h):
    RelayEnvelope = 7, // routing header and sealed envelope
    Reachability = 8,  // signed statements of who is reachable, with hop counts
    RelayCustody = 9,  // routing ids the sender now holds
    // Capability::Presence (presence.h):
    Presence = 10, // body: u8 PresenceState, the sender's availability
    Typing = 11,   // body: u8 TypingState, to the peer whose conversation it types in
    // Capability::Avatars (avatar.h):
    Avatar = 12, // body: the sender's picture, a PNG or JPEG file; empty: none
};

enum class GoodbyeReason : std::uint8_t {
    Shutdown = 1,
    DuplicateLink = 2,
    ProtocolError = 3,
};

struct LinkMessage {
    LinkMessageType type = LinkMessageType::Ping;
    Bytes body;

    bool operator==(const LinkMessage&) const = default;
};

enum class LinkMessageError { Empty, UnknownType, BadBody };

Bytes encodeLinkMessage(LinkMessageType type, ByteView body);
// Checks the type code and the fixed-size bodies (Ping, Pong, Goodbye); an
// Envelope body is decoded separately with decodeEnvelope.
Result<LinkMessage, LinkMessageError> decodeLinkMessage(ByteView bytes);

// Complete link messages (type byte included), ready to encrypt.
Bytes encodePing(LinkMessageType pingOrPong, std::uint64_t token);
Bytes encodeGoodbye(GoodbyeReason reason);

} // namespace confab::proto
