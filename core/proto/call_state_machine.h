#pragma once

#include "call_signal.h"

#include <cstdint>
#include <optional>

namespace confab::proto {

enum class CallDirection : std::uint8_t { Outgoing, Incoming };

enum class CallPhase : std::uint8_t {
    Calling,  // outgoing: invite sent, the peer's device has not answered yet
    Ringing,  // outgoing: the peer's device is ringing
    Incoming, // incoming: ringing here
    Active,   // media flows
    Ended,
};

enum class CallEndReason : std::uint8_t {
    None,
    HungUp,          // this side hung up an active call
    RemoteHungUp,    // the other side hung up (or gave up before the answer)
    Declined,        // this side declined an incoming call
    RemoteDeclined,  // the other side declined
    RemoteBusy,      // the other side is in another call
    Cancelled,       // this side gave up before the answer
    Missed,          // incoming: the caller gave up or nobody answered in time
    NoAnswer,        // outgoing: rang for the whole ring time
    Unreachable,     // outgoing: the peer's device never confirmed the invite
    ConnectionLost,  // the link to the peer closed
    MediaTimeout,    // active: no media arrived for too long
    ReplacedByGlare, // both sides called at once; the other call went on
};

// Timers the owner runs for a call; each fires onTimer once unless the phase
// changes first (the owner re-arms on every transition that names a timer).
enum class CallTimer : std::uint8_t {
    Invite, // Calling: the peer's device must answer with Ringing
    Ring,   // Ringing / Incoming: how long a call may ring
    Media,  // Active: checked by the owner against the last media arrival
};

// What the owner must do after an event.
struct CallStep {
    std::optional<CallSignalKind> send; // signal to send to the peer for this call
    std::optional<CallTimer> arm;       // timer to (re)start; any other timer is stopped
    bool startMedia = false;
    bool stopMedia = false;
    bool changed = false; // the phase changed

    bool operator==(const CallStep&) const = default;
};

// One call with one peer, as a pure state machine: events in, steps out. It
// sends nothing and reads no clock, so every transition is unit-tested. Group
// calls will run one of these per member.
class CallStateMachine {
public:
    // An outgoing call; the first step (sending the invite) comes from start().
    static CallStateMachine outgoing(const CallId& id) { return {id, CallDirection::Outgoing}; }
    // An incoming call for a received invite; the first step comes from start().
    static CallStateMachine incoming(const CallId& id) { return {id, CallDirection::Incoming}; }

    CallStep start();
    CallStep answer();
    // Hang up, cancel or decline: whatever ending the current phase calls for.
    CallStep hangUp();
    CallStep onSignal(CallSignalKind kind);
    CallStep onTimer(CallTimer timer);
    CallStep onLinkLost();
    // Both sides invited each other; the other side's call won (see
    // incomingInviteWinsGlare), so this outgoing call ends without a signal.
    CallStep onGlareLost();

    [[nodiscard]] const CallId& id() const { return m_id; }
    [[nodiscard]] CallDirection direction() const { return m_direction; }
    [[nodiscard]] CallPhase phase() const { return m_phase; }
    [[nodiscard]] CallEndReason endReason() const { return m_endReason; }
    [[nodiscard]] bool ended() const { return m_phase == CallPhase::Ended; }
    // Calling, Ringing or Incoming.
    [[nodiscard]] bool ringing() const;

private:
    CallStateMachine(const CallId& id, CallDirection direction);
    CallStep moveTo(CallPhase phase, std::optional<CallTimer> arm = std::nullopt);
    CallStep end(CallEndReason reason, std::optional<CallSignalKind> send = std::nullopt);

    CallId m_id;
    CallDirection m_direction;
    CallPhase m_phase;
    CallEndReason m_endReason = CallEndReason::None;
    bool m_started = false;
};

// When both sides invite each other at once, both keep the call whose id is
// smaller, so they agree without another round trip: true when the received
// invite's call wins over our own outgoing one.
bool incomingInviteWinsGlare(const CallId& ours, const CallId& theirs);

const char* toString(CallPhase phase);
const char* toString(CallEndReason reason);

} // namespace confab::proto
