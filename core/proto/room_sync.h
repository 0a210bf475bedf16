#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"
#include "receipt.h"
#include "room_change.h"

#include <cstdint>
#include <vector>

// What members exchange to keep a room in step (docs/PROTOCOL.md, "Rooms",
// "Catch-up"): batches of membership changes, the sender keys each member
// hands every other member pairwise, and a compact summary of what a member
// holds, so that whoever has more sends what the other lacks.
namespace confab::proto {

inline constexpr std::size_t kMaxRoomChangesPerBatch = 256;
inline constexpr std::size_t kMaxRoomSummaryHeads = 16;
inline constexpr std::size_t kMaxRoomSummaryChains = 1024;
inline constexpr std::size_t kMaxRoomSummaryExtras = 64; // indices held above `contiguous`, per chain

// Membership changes, oldest first where the sender knows an order.
//   16 room id | u16 count (1..256) | count × (u16 length | encoded RoomChange)
// Sent as a link message to members, and inside a pairwise envelope as an
// invitation (the whole log, so the invitee can check it).
struct RoomChangeBatch {
    RoomId room{};
    std::vector<Bytes> changes; // encoded RoomChange, each checked by decodeRoomChange

    bool operator==(const RoomChangeBatch&) const = default;
};

// One sender key, handed to one member pairwise (over the Noise link or
// sealed): with it the member reads every message of that chain from
// `firstIndex` on.
//   16 room id | u32 epoch | u32 key id | u32 first index | 32 chain key
struct RoomSenderKey {
    static constexpr std::size_t kSize = 16 + 4 + 4 + 4 + 32;

    RoomId room{};
    std::uint32_t epoch = 0;
    std::uint32_t keyId = 0;
    std::uint32_t firstIndex = 0;
    std::array<std::uint8_t, 32> chainKey{}; // secret: never logged

    bool operator==(const RoomSenderKey&) const = default;
};

// Delivered and read state of room messages, told to their sender only,
// pairwise: the sender shows "read by 3 of 5" and who.
//   16 room id | receipt (receipt.h: u8 state | u16 count | count × 16 id)
struct RoomReceipt {
    RoomId room{};
    Receipt receipt;

    bool operator==(const RoomReceipt&) const = default;
};

// What one member holds of one sender's chain: every index below
// `contiguous`, and the listed ones above it (ascending, unique).
struct RoomChainHolding {
    PeerId sender;
    std::uint32_t epoch = 0;
    std::uint32_t keyId = 0;
    std::uint32_t contiguous = 0;
    std::vector<std::uint32_t> extras;

    bool operator==(const RoomChainHolding&) const = default;
};

//   16 room id | u8 head count (1..16) | heads × 32 change hash |
//   u16 chain count (0..1024) | chains × (20 sender | u32 epoch | u32 key id |
//   u32 contiguous | u8 extra count (0..64) | extras × u32 index)
struct RoomSummary {
    RoomId room{};
    std::vector<RoomChangeHash> heads; // the membership log's heads
    std::vector<RoomChainHolding> chains;

    bool operator==(const RoomSummary&) const = default;
};

enum class RoomSyncError {
    Truncated,
    BadCount,   // a count of 0 where one is needed, or above its limit
    BadChange,  // a change in a batch that does not decode, or of another room
    BadExtras,  // extras not ascending, not above `contiguous`, or repeated
    BadReceipt, // the receipt of a RoomReceipt does not decode
    TrailingBytes,
};

Bytes encodeRoomChangeBatch(const RoomChangeBatch& batch);
Result<RoomChangeBatch, RoomSyncError> decodeRoomChangeBatch(ByteView bytes);
Bytes encodeRoomSenderKey(const RoomSenderKey& key);
Result<RoomSenderKey, RoomSyncError> decodeRoomSenderKey(ByteView bytes);
Bytes encodeRoomReceipt(const RoomReceipt& receipt);
Result<RoomReceipt, RoomSyncError> decodeRoomReceipt(ByteView bytes);
Bytes encodeRoomSummary(const RoomSummary& summary);
Result<RoomSummary, RoomSyncError> decodeRoomSummary(ByteView bytes);
const char* toString(RoomSyncError error);

} // namespace confab::proto
