#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// Rooms' membership log: signed, hash-linked changes every member keeps and
// checks (docs/PROTOCOL.md, "Rooms", "Membership log"). This file only
// encodes and decodes; signatures are checked and the log is ordered by
// rooms/membership_log.h.
namespace confab::proto {

inline constexpr std::size_t kRoomIdSize = 16;
inline constexpr std::size_t kRoomChangeHashSize = 32;
using RoomId = std::array<std::uint8_t, kRoomIdSize>;
using RoomChangeHash = std::array<std::uint8_t, kRoomChangeHashSize>;
using IdentityKeyBytes = std::array<std::uint8_t, 32>;
using SignatureBytes = std::array<std::uint8_t, 64>;

// The most parents a change may name (the heads its author knew).
inline constexpr std::size_t kMaxRoomChangeParents = 8;
// A room's name, UTF-8, without control characters.
inline constexpr std::size_t kMaxRoomNameBytes = 64;

// Type codes are append-only.
enum class RoomChangeKind : std::uint8_t {
    Create = 1,  // body: name; the author is the first member and an admin
    Add = 2,     // body: member identity key
    Remove = 3,  // body: member identity key; a member may remove itself (leave)
    Promote = 4, // body: member identity key; makes the member an admin
    Rename = 5,  // body: name
};

// Wire form (big-endian):
//   u8 version(=1) | u8 kind | 16 room id | 32 author identity key |
//   u64 timestamp ms | u8 parent count | parent count × 32 parent hash |
//   body: Create, Rename: u8 name length | name; Add, Remove, Promote: 32 member key |
//   64 Ed25519 signature by the author over roomChangeSignedBytes()
// A Create has no parents; every other change has 1..8.
struct RoomChange {
    static constexpr std::uint8_t kVersion = 1;

    RoomChangeKind kind = RoomChangeKind::Create;
    RoomId room{};
    IdentityKeyBytes author{};
    std::uint64_t timestampMs = 0;
    std::vector<RoomChangeHash> parents;
    IdentityKeyBytes member{}; // Add, Remove, Promote
    std::string name;          // Create, Rename
    SignatureBytes signature{};

    bool operator==(const RoomChange&) const = default;
};

enum class RoomChangeError {
    Truncated,
    UnsupportedVersion,
    UnknownKind,
    BadParents, // a Create with parents, another change without, or more than 8
    BadName,    // empty, too long, not UTF-8 or with control characters
    TrailingBytes,
};

// What the author signs: the label "confab room change v1", then the encoding
// of every field but the signature.
Bytes roomChangeSignedBytes(const RoomChange& change);
Bytes encodeRoomChange(const RoomChange& change);
Result<RoomChange, RoomChangeError> decodeRoomChange(ByteView bytes);
const char* toString(RoomChangeError error);

} // namespace confab::proto
