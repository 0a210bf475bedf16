#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"
#include "base/result.h"
#include "room_change.h"

#include <cstdint>

// One room message: encrypted once for the whole room with the sender's
// chain key (crypto/sender_key.h) and signed by the sender, so members and
// relays pass the same bytes on and no member can forge another's message
// (docs/PROTOCOL.md, "Rooms", "Room messages").
namespace confab::proto {

// Largest ciphertext of one room message (plaintext + 16-byte tag): a room
// message with its header and signature fits one link message.
inline constexpr std::size_t kMaxRoomCiphertextBytes = 40000;

// Wire form (big-endian):
//   u8 version(=1) | 16 room id | 16 message id | 20 sender peer id |
//   u32 epoch | u32 key id | u32 chain index | u32 ciphertext length |
//   ciphertext | 64 Ed25519 signature by the sender over roomMessageSignedBytes()
// The header up to the ciphertext length is the AEAD's associated data.
struct RoomMessage {
    static constexpr std::uint8_t kVersion = 1;
    static constexpr std::size_t kHeaderSize = 1 + 16 + 16 + 20 + 4 + 4 + 4;

    RoomId room{};
    MessageId id;
    PeerId sender;
    std::uint32_t epoch = 0; // the membership epoch the sender wrote in
    std::uint32_t keyId = 0; // which of the sender's chains, chosen at random
    std::uint32_t chainIndex = 0;
    Bytes ciphertext;
    SignatureBytes signature{};

    bool operator==(const RoomMessage&) const = default;
};

enum class RoomMessageError { Truncated, UnsupportedVersion, TooLarge, TrailingBytes };

// The header fields, as the AEAD binds them (kHeaderSize bytes).
Bytes roomMessageHeaderBytes(const RoomMessage& message);
// Label "confab room message v1", then the encoding without the signature.
Bytes roomMessageSignedBytes(const RoomMessage& message);
Bytes encodeRoomMessage(const RoomMessage& message);
Result<RoomMessage, RoomMessageError> decodeRoomMessage(ByteView bytes);
const char* toString(RoomMessageError error);

// What a room message carries once decrypted.
// Type codes are append-only.
enum class RoomContentKind : std::uint8_t {
    Text = 1, // body: UTF-8 text, at most kMaxTextBytes
};

//   u8 kind | u64 timestamp ms | u32 body length | body
struct RoomContent {
    RoomContentKind kind = RoomContentKind::Text;
    std::uint64_t timestampMs = 0;
    Bytes body;

    bool operator==(const RoomContent&) const = default;
};

enum class RoomContentError { Truncated, UnknownKind, BadBody, TooLarge, TrailingBytes };

Bytes encodeRoomContent(const RoomContent& content);
// Checks the body for its kind (UTF-8 text).
Result<RoomContent, RoomContentError> decodeRoomContent(ByteView bytes);
const char* toString(RoomContentError error);

} // namespace confab::proto
