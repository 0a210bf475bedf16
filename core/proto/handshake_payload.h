#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace confab::proto {

// Carried encrypted inside Noise XX messages 2 (responder) and 3 (initiator).
// Wire form: a sequence of TLV fields (u8 type, u16 big-endian length, value);
// unknown types are skipped so later versions can add fields.
struct HandshakePayload {
    std::uint16_t protocolVersion = 0;
    PeerId peerId;
    std::array<std::uint8_t, 32> identityKey{}; // Ed25519 public key
    std::string displayName;                    // UTF-8, may be empty
    std::uint16_t listenPort = 0;               // 0: accepts no connections
    std::uint16_t mediaPort = 0;                // UDP port for call media; 0: takes no calls
    std::uint32_t capabilities = 0;             // Capability bits: what else the peer handles
    // Only from the initiator of a transfer connection: the drop it is for.
    // Present, it makes the connection a transfer connection, not a link.
    std::optional<std::array<std::uint8_t, 16>> transferId;
    // Only from the initiator of a transfer connection to a relay: the peer
    // the relay is asked to pass the connection on to. Ignored without transferId.
    std::optional<PeerId> forwardTo;

    bool operator==(const HandshakePayload&) const = default;
};

enum class HandshakeFieldType : std::uint8_t {
    ProtocolVersion = 1, // u16
    PeerId = 2,          // 20 bytes
    IdentityKey = 3,     // 32 bytes
    DisplayName = 4,     // UTF-8, at most kMaxDisplayNameBytes
    ListenPort = 5,      // u16
    MediaPort = 6,       // u16, UDP
    Capabilities = 7,    // u32 bit set (Capability); omitted when 0
    Transfer = 8,        // 16 bytes: the transferId of a transfer connection; omitted on links
    ForwardTo = 9,       // 20 bytes: the peer a relay passes this transfer connection on to
};

// What a peer announces it handles beyond version 1's link messages. A node
// sends a message type of a capability only to peers that announced it.
// Bit positions are append-only.
enum class Capability : std::uint32_t {
    Relay = 1U << 0,          // speaks RelayEnvelope, Reachability and RelayCustody
    RelayCarrier = 1U << 1,   // also holds and passes on envelopes for others
    RelayFlooding = 1U << 2,  // takes the flood flag of a relayed envelope's header
    FileDrops = 1U << 3,      // takes file offers and answers, and serves transfer connections
    TransferRelay = 1U << 4,  // passes transfer connections on to its neighbours (field ForwardTo)
    Rooms = 1U << 5,          // takes the room envelope kinds (RoomChanges .. RoomSummary)
    Presence = 1U << 6,       // takes the link messages Presence and Typing
    MessageChanges = 1U << 7, // takes the envelope kinds Edit, Delete, Reaction and Reply
    Avatars = 1U << 8,        // takes the link message Avatar
    // speaks the transfer records Swarm and Have: a drop to several receivers,
    // who fetch chunks from each other
    DropSwarm = 1U << 9,
};

[[nodiscard]] constexpr bool hasCapability(std::uint32_t set, Capability capability)
{
    return (set & static_cast<std::uint32_t>(capability)) != 0;
}

enum class HandshakePayloadError {
    TooLarge,
    Truncated,
    DuplicateField,
    MissingField,
    BadFieldLength,
    BadUtf8,
};

Bytes encodeHandshakePayload(const HandshakePayload& payload);
Result<HandshakePayload, HandshakePayloadError> decodeHandshakePayload(ByteView bytes);
const char* toString(HandshakePayloadError error);

} // namespace confab::proto
