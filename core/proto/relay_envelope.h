#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace confab::proto {

// The most hops a relayed envelope may travel (docs/PROTOCOL.md, "Relaying").
inline constexpr std::uint8_t kMaxHopLimit = 7;
// Sealed parts come in these sizes only, so a relay learns little from them.
inline constexpr std::array<std::uint32_t, 5> kSealedSizeClasses{512, 2048, 8192, 32768, 65280};

// What a relay may read of a relayed envelope: the routing header. The rest
// is sealed end to end to the recipient (see crypto/sealed_box.h).
//   u8 version(=1) | u8 flags | 16 routing id | 20 recipient | u8 hop limit |
//   u64 expiry (ms since the epoch) | [16 acknowledged routing id, flag 1] |
//   u32 sealed length | sealed bytes
// Flag 2 (flood) is sent only to peers that announced Capability::RelayFlooding.
struct RelayHeader {
    static constexpr std::uint8_t kVersion = 1;
    static constexpr std::uint8_t kFlagReceipt = 0x01;
    static constexpr std::uint8_t kFlagFlood = 0x02;

    MessageId routingId; // random per transmission, not the chat message's id
    PeerId recipient;
    std::uint8_t hopLimit = kMaxHopLimit;
    std::uint64_t expiresMs = 0;
    // Set on a receipt: the routing id of the envelope it acknowledges, so
    // relays on the way back learn the route and drop their stored copies.
    std::optional<MessageId> acknowledges;
    // Set by a sealer whose route failed silently (no receipt came): every
    // carrier passes it on to all its neighbours, not along its own route,
    // which may lead into the same relay that drops what it takes. Like the
    // hop limit, not covered by the seal: the hop limit and each carrier's
    // seen-set bound what a relay that sets it can cause.
    bool flood = false;

    bool operator==(const RelayHeader&) const = default;
};

struct RelayEnvelope {
    RelayHeader header;
    Bytes sealed;

    bool operator==(const RelayEnvelope&) const = default;
};

enum class RelayEnvelopeError {
    Truncated,
    UnsupportedVersion,
    UnknownFlags,
    BadHopLimit,
    BadSealedSize,
    BadCount,
    TrailingBytes,
};

// The header's fields that no relay may change, as the sealed part's Noise
// prologue: a relay that edits them (extends the expiry, redirects it) makes
// the recipient's authentication fail.
Bytes relayPrologue(const RelayHeader& header);
// The smallest size class that holds `size` bytes; nullopt when none does.
std::optional<std::uint32_t> sealedSizeClass(std::size_t size);

Bytes encodeRelayEnvelope(const RelayEnvelope& envelope);
Result<RelayEnvelope, RelayEnvelopeError> decodeRelayEnvelope(ByteView bytes);
const char* toString(RelayEnvelopeError error);

// RelayCustody: "I now hold these", from a relay (or the recipient) to the
// neighbour that handed it the envelopes.  u8 count (1..64) | count × 16 ids
inline constexpr std::size_t kMaxCustodyIds = 64;
Bytes encodeRelayCustody(const std::vector<MessageId>& routingIds);
Result<std::vector<MessageId>, RelayEnvelopeError> decodeRelayCustody(ByteView bytes);

} // namespace confab::proto
