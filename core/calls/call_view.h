#pragma once

#include "audio/voice_engine.h"
#include "base/peer_id.h"
#include "call_media.h"
#include "proto/call_signal.h"
#include "proto/call_state_machine.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace confab::calls {

// A plain-value picture of one call for front ends (control API, GUI).
struct CallView {
    PeerId peer;
    QString callId; // hex
    proto::CallDirection direction = proto::CallDirection::Outgoing;
    proto::CallPhase phase = proto::CallPhase::Calling;
    proto::CallEndReason endReason = proto::CallEndReason::None;
    int frameMs = 0;
    bool retransmission = false; // both sides ask for lost audio again
    bool redundancy = false;     // both sides take audio carrying an earlier frame
    qint64 durationMs = 0;       // since the call became active
    bool muted = false;
    bool transmitting = true;
    std::optional<proto::CallGroup> group; // the room call this call is one link of
    bool silenced = false;                 // room calls: this side's user does not hear the peer
    // Room calls of more than kMeshMembers members: the member
    // who mixes (this node's own id when it does), and whether this link
    // carries no audio because that member passes it on.
    std::optional<PeerId> mixer;
    bool viaMixer = false;
    double playbackLevel = 0; // the peer's recent peak as played here, 0..1
    QString audioDevice;
    QString audioNotice;                     // why the call runs on silence, if it does
    std::optional<qint64> audioOriginNs;     // file devices: CLOCK_MONOTONIC of the stream's first sample
    std::optional<qint64> audioOutputOffset; // file devices: where this call starts in OUT.wav (frames)
    std::uint64_t deviceGlitches = 0; // sound-server underflows/overflows since the call's stream began
    MediaStats media;
    audio::VoiceStats voice;
};

} // namespace confab::calls

Q_DECLARE_METATYPE(confab::calls::CallView)
