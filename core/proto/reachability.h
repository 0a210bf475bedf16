#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace confab::proto {

// A peer's own word that it exists and who it is, signed with its identity
// key: relays pass statements on, but cannot bind another key to its ID or
// change its name (docs/PROTOCOL.md, "Reachability").
//   20 peer id | 32 identity key | u64 issued ms | u64 expires ms |
//   u32 capabilities | u8 name length | name (UTF-8) | 64 Ed25519 signature
struct ReachabilityStatement {
    PeerId peer;
    std::array<std::uint8_t, 32> identityKey{};
    std::uint64_t issuedMs = 0; // a newer statement replaces an older one
    std::uint64_t expiresMs = 0;
    std::uint32_t capabilities = 0;
    std::string displayName;
    std::array<std::uint8_t, 64> signature{};

    bool operator==(const ReachabilityStatement&) const = default;
};

// One statement as a neighbour passes it on, with how many links away the
// subject is from that neighbour (0: the neighbour itself), or kWithdrawn:
// the neighbour no longer reaches the subject.
struct ReachabilityEntry {
    static constexpr std::uint8_t kWithdrawn = 0xFF;
    // The most hops an entry may state: one more must stay within the hop limit.
    static constexpr std::uint8_t kMaxHops = 6;

    std::uint8_t hops = 0;
    ReachabilityStatement statement;

    bool operator==(const ReachabilityEntry&) const = default;
};

inline constexpr std::size_t kMaxReachabilityEntries = 32;

enum class ReachabilityError { Truncated, BadCount, BadHops, NameTooLong, BadUtf8, TrailingBytes };

// The bytes the subject signs: a label, then every field but the signature.
Bytes reachabilitySignedBytes(const ReachabilityStatement& statement);

// Link message Reachability: u8 count (1..32) | count × (u8 hops | statement);
// hops is 0..6 or 255 (withdrawn).
Bytes encodeReachability(const std::vector<ReachabilityEntry>& entries);
Result<std::vector<ReachabilityEntry>, ReachabilityError> decodeReachability(ByteView bytes);
const char* toString(ReachabilityError error);

} // namespace confab::proto
