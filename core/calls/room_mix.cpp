#include "room_mix.h"

#include <algorithm>
#include <cmath>

namespace confab::calls {

std::optional<PeerId> chooseMixer(const PeerId& self, const std::vector<MixCandidate>& others)
{
    const auto withMedia = static_cast<std::size_t>(std::count_if(
        others.begin(), others.end(), [](const MixCandidate& other) { return other.hasMedia; }));
    if (withMedia + 1 <= kMeshMembers) {
        return std::nullopt;
    }
    PeerId lowest = self;
    for (const MixCandidate& other : others) {
        if (other.hasMedia && other.takesPartInMix) {
            lowest = std::min(lowest, other.peer);
        }
    }
    return lowest;
}

proto::MixMember mixMember(const PeerId& peer)
{
    proto::MixMember member = 0;
    for (std::size_t i = 0; i < sizeof(member); ++i) {
        member = (member << 8U) | peer.bytes()[i];
    }
    return member;
}

std::uint8_t levelToWire(float level)
{
    return static_cast<std::uint8_t>(std::lround(std::clamp(level, 0.0F, 1.0F) * 255.0F));
}

float levelFromWire(std::uint8_t level)
{
    return static_cast<float>(level) / 255.0F;
}

} // namespace confab::calls
