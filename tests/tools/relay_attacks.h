#pragma once

// Relayed envelopes that a node must refuse (docs/PROTOCOL.md, "Relaying"),
// sent by confab_hostile_peer as a linked neighbour that announced Relay:
// forged senders, a tampered header, expired or too long-lived envelopes,
// replays of a delivered envelope, and a flood of envelopes for a peer
// nobody can reach. The node should refuse them without closing the link.
// A sink takes every envelope addressed to it, so a flood can pass through
// a relay instead of filling its store.

#include "base/peer_id.h"
#include "link_client.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab::tools {

struct RelayAttackOptions {
    std::string mode;
    std::optional<PeerId> to;      // the recipient named in the envelopes
    std::optional<PeerId> claimId; // the sender a forged envelope names
    int count = 1;                 // bad envelopes (or copies) to send
    std::uint32_t sizeClass = 512; // sealed size of flood envelopes
    std::string text = "sealed by the hostile peer";
    std::string saveFile; // relay-replay: where to keep the delivered envelope
    std::string loadFile; // relay-resend: the envelope to send again
    int timeoutMs = 5000; // for relay-sink: how long it takes envelopes
};

bool isRelayMode(std::string_view mode);
// Runs one attack on a fresh connection; prints one JSON line on stdout.
// Exit codes as confab_hostile_peer's: 0 done, 1 the node did not do its
// part (no statement for the recipient, no receipt), 2 unexpected.
int runRelayAttack(Connection& connection, const RelayAttackOptions& options);

} // namespace confab::tools
