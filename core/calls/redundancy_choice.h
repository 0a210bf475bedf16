#pragma once

#include <optional>

namespace confab::calls {

// What decides whether a call's audio datagrams carry the frame before
// (docs/PROTOCOL.md, "Redundant audio").
struct RedundancyInputs {
    bool retransmission = false; // the call asks for lost audio again
    std::optional<double> rttMs; // measured round trip, if any yet
    int frameMs = 20;
    int remoteLossPercent = 0; // from the other side's newest report
};

// Redundancy costs a frame's bytes in every datagram: worth it while the
// other side loses audio that retransmission cannot bring back in time.
// Starts at 2 % loss and stops at none, so it does not flap around one
// threshold. No round trip measured yet counts as a LAN's.
bool carryRedundancy(bool carryingNow, const RedundancyInputs& inputs);

} // namespace confab::calls
