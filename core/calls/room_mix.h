#pragma once

#include "base/peer_id.h"
#include "proto/media_packet.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace confab::calls {

// Up to this many members of a room call everyone sends to everyone; above
// it one member mixes (docs/PROTOCOL.md, "A mixer above four members").
inline constexpr std::size_t kMeshMembers = 4;

// Another member of a room call as this node sees it.
struct MixCandidate {
    PeerId peer;
    bool hasMedia = false;       // the call with it is active
    bool takesPartInMix = false; // it announced MediaFeature::Mixing
};

// Who mixes the room call, seen from `self` (which takes part): nobody up to
// kMeshMembers members with media, else the lowest id among those that take
// part in mixing. Every member of a full mesh sees the same members and so
// makes the same choice; when the mixer leaves, the next lowest follows.
[[nodiscard]] std::optional<PeerId> chooseMixer(const PeerId& self, const std::vector<MixCandidate>& others);

// A member as Levels and LeaveOut datagrams name it: its id's first 8 bytes.
[[nodiscard]] proto::MixMember mixMember(const PeerId& peer);

// A level 0..1 on the wire (0..255) and back.
[[nodiscard]] std::uint8_t levelToWire(float level);
[[nodiscard]] float levelFromWire(std::uint8_t level);

} // namespace confab::calls
