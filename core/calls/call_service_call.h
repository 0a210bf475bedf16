#pragma once

// One call as CallService keeps it; shared by the files that implement the
// service (call_service.cpp, call_service_mixing.cpp), seen by nobody else.

#include "call_service.h"
#include "crypto/secret.h"

#include <memory>
#include <optional>

namespace confab::calls {

struct CallService::Call {
    Call(const PeerId& p, proto::CallStateMachine m) : peer(p), machine(m) {}

    PeerId peer;
    proto::CallStateMachine machine;
    crypto::Secret<32> localSecret;
    std::uint32_t localTag = 0;
    std::optional<crypto::Secret<32>> remoteSecret;
    std::uint32_t remoteTag = 0;
    proto::CallCodec codec;
    bool remoteRetransmits = false;     // the other side announced MediaFeature::Retransmission
    bool remoteTakesRedundancy = false; // ... and MediaFeature::Redundancy
    bool remoteMixes = false;           // ... and MediaFeature::Mixing
    bool lowDelayOffered = false;       // our Invite offered 5 ms frames (MediaFeature::LowDelay)
    std::unique_ptr<Timer> timer;
    std::optional<proto::CallTimer> armed;
    std::optional<std::int64_t> activeSinceMs; // monotonic
    std::optional<proto::CallGroup> group;     // the room call this call is one link of
    std::unique_ptr<audio::AudioHubPort> port; // outlives media, which plays through it
    std::unique_ptr<CallMedia> media;
    QString audioNotice;
    bool muted = false;
    bool transmitting = true;
    bool silenced = false;
    bool viaMixer = false; // a room call's mixer carries our audio to this peer
};

} // namespace confab::calls
