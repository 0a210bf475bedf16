#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace confab::proto {

// Body of a PeerExchange link message: peers the sender is linked to and the
// address each accepts links on, as the sender sees it.
//   u8 count (<= kMaxPeerExchangeEntries)
//   count x { 20 bytes peer ID | u8 n (1..kMaxPeerExchangeHostBytes) | n bytes host | u16 port (not 0) }
// The host is an IPv4 or IPv6 address in text form: digits, a-f, A-F, '.', ':'.
inline constexpr std::size_t kMaxPeerExchangeEntries = 32;
inline constexpr std::size_t kMaxPeerExchangeHostBytes = 45; // the longest IPv6 text form

struct PeerExchangeEntry {
    PeerId id;
    std::string host;
    std::uint16_t port = 0;

    bool operator==(const PeerExchangeEntry&) const = default;
};

enum class PeerExchangeError { Truncated, TooManyEntries, BadHost, BadPort, TrailingBytes };

// Entries past the limit, or with a host that would not decode, are left out.
Bytes encodePeerExchange(const std::vector<PeerExchangeEntry>& entries);
Result<std::vector<PeerExchangeEntry>, PeerExchangeError> decodePeerExchange(ByteView body);

} // namespace confab::proto
