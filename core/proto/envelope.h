#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <cstdint>

namespace confab::proto {

// Type codes are append-only (docs/PROTOCOL.md).
enum class EnvelopeKind : std::uint8_t {
    Text = 1,       // body: UTF-8 text, at most kMaxTextBytes
    Receipt = 2,    // body: encoded Receipt
    FileOffer = 3,  // body: encoded FileOffer (file_drop.h)
    FileAnswer = 4, // body: encoded FileAnswer (file_drop.h)
    // Capability::Rooms (room_sync.h, room_message.h); pairwise, like the kinds above:
    RoomChanges = 5,   // body: encoded RoomChangeBatch (an invitation carries the whole log)
    RoomSenderKey = 6, // body: encoded RoomSenderKey
    RoomMessage = 7,   // body: encoded RoomMessage, as its sender signed it
    RoomSummary = 8,   // body: encoded RoomSummary
    RoomReceipt = 9,   // body: encoded RoomReceipt, to a message's sender
    // Capability::MessageChanges (message_change.h); acknowledged like Text:
    Edit = 10,     // body: target message id, then its new text
    Delete = 11,   // body: target message id
    Reaction = 12, // body: target message id, then an emoji (none: taken back)
    Reply = 13,    // body: quoted message id, then the text of a new message
};

enum class RecipientType : std::uint8_t {
    Peer = 1,
    Group = 2, // reserved for rooms
};

// Every user-visible message. The same bytes travel over a direct link or,
// later, sealed to the recipient inside a relayed envelope.
// Wire form (big-endian):
//   u8 version(=1) | u8 kind | 16 id | 20 sender | u8 recipientType |
//   20 recipient | u64 timestampMs | u32 bodyLength | body
struct Envelope {
    static constexpr std::uint8_t kVersion = 1;
    static constexpr std::size_t kHeaderSize = 1 + 1 + 16 + 20 + 1 + 20 + 8 + 4;

    EnvelopeKind kind = EnvelopeKind::Text;
    MessageId id;
    PeerId sender;
    RecipientType recipientType = RecipientType::Peer;
    PeerId recipient;
    std::uint64_t timestampMs = 0;
    Bytes body;

    bool operator==(const Envelope&) const = default;
};

enum class EnvelopeError {
    Truncated,
    UnsupportedVersion,
    UnknownKind,
    UnknownRecipientType,
    BodyTooLarge,
    TrailingBytes,
    BadUtf8,
    BadReceipt,
    BadFileOffer,
    BadFileAnswer,
    BadRoomBody,
    BadMessageChange,
};

Bytes encodeEnvelope(const Envelope& envelope);
// Validates the body for its kind (UTF-8 text, well-formed receipt, file
// offer or answer, room body, message change).
Result<Envelope, EnvelopeError> decodeEnvelope(ByteView bytes);
const char* toString(EnvelopeError error);

} // namespace confab::proto
