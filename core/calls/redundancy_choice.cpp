#include "redundancy_choice.h"

namespace confab::calls {
namespace {

constexpr int kStartLossPercent = 2;
// A request is answered in time when the round trip plus the receiver's
// slack (NackTracker: at least 2 ms) fits in a frame.
constexpr double kRetransmitSlackMs = 3;

} // namespace

bool carryRedundancy(bool carryingNow, const RedundancyInputs& inputs)
{
    const bool retransmissionInTime =
        inputs.retransmission && (!inputs.rttMs || *inputs.rttMs + kRetransmitSlackMs <= inputs.frameMs);
    if (retransmissionInTime || inputs.remoteLossPercent == 0) {
        return false;
    }
    return carryingNow || inputs.remoteLossPercent >= kStartLossPercent;
}

} // namespace confab::calls
