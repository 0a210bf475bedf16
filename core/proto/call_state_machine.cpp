#include "call_state_machine.h"

#include <algorithm>

namespace confab::proto {

CallStateMachine::CallStateMachine(const CallId& id, CallDirection direction)
    : m_id(id), m_direction(direction),
      m_phase(direction == CallDirection::Outgoing ? CallPhase::Calling : CallPhase::Incoming)
{
}

bool CallStateMachine::ringing() const
{
    return m_phase == CallPhase::Calling || m_phase == CallPhase::Ringing || m_phase == CallPhase::Incoming;
}

CallStep CallStateMachine::start()
{
    if (m_started) {
        return {};
    }
    m_started = true;
    // An outgoing call starts by inviting; an incoming one by telling the
    // caller that it rings here.
    CallStep step;
    const bool outgoing = m_direction == CallDirection::Outgoing;
    step.send = outgoing ? CallSignalKind::Invite : CallSignalKind::Ringing;
    step.arm = outgoing ? CallTimer::Invite : CallTimer::Ring;
    return step;
}

CallStep CallStateMachine::answer()
{
    if (m_phase != CallPhase::Incoming) {
        return {};
    }
    CallStep step = moveTo(CallPhase::Active, CallTimer::Media);
    step.send = CallSignalKind::Accept;
    step.startMedia = true;
    return step;
}

CallStep CallStateMachine::hangUp()
{
    switch (m_phase) {
    case CallPhase::Calling:
    case CallPhase::Ringing:
        return end(CallEndReason::Cancelled, CallSignalKind::Cancel);
    case CallPhase::Incoming:
        return end(CallEndReason::Declined, CallSignalKind::Decline);
    case CallPhase::Active:
        return end(CallEndReason::HungUp, CallSignalKind::Hangup);
    case CallPhase::Ended:
        break;
    }
    return {};
}

CallStep CallStateMachine::onSignal(CallSignalKind kind)
{
    // Signals that make no sense in the current phase (duplicates, late
    // arrivals after an ending) are ignored: the call's state is what counts.
    switch (m_phase) {
    case CallPhase::Calling:
    case CallPhase::Ringing:
        switch (kind) {
        case CallSignalKind::Ringing:
            return m_phase == CallPhase::Calling ? moveTo(CallPhase::Ringing, CallTimer::Ring) : CallStep{};
        case CallSignalKind::Accept: {
            CallStep step = moveTo(CallPhase::Active, CallTimer::Media);
            step.startMedia = true;
            return step;
        }
        case CallSignalKind::Decline:
            return end(CallEndReason::RemoteDeclined);
        case CallSignalKind::Busy:
            return end(CallEndReason::RemoteBusy);
        case CallSignalKind::Cancel:
        case CallSignalKind::Hangup:
        case CallSignalKind::Timeout:
            return end(CallEndReason::RemoteHungUp);
        case CallSignalKind::Invite:
            break;
        }
        break;
    case CallPhase::Incoming:
        switch (kind) {
        case CallSignalKind::Cancel:
        case CallSignalKind::Hangup:
        case CallSignalKind::Timeout:
            return end(CallEndReason::Missed);
        default:
            break;
        }
        break;
    case CallPhase::Active:
        if (kind == CallSignalKind::Hangup || kind == CallSignalKind::Cancel) {
            return end(CallEndReason::RemoteHungUp);
        }
        break;
    case CallPhase::Ended:
        break;
    }
    return {};
}

CallStep CallStateMachine::onTimer(CallTimer timer)
{
    if (m_phase == CallPhase::Calling && timer == CallTimer::Invite) {
        return end(CallEndReason::Unreachable, CallSignalKind::Cancel);
    }
    if (m_phase == CallPhase::Ringing && timer == CallTimer::Ring) {
        return end(CallEndReason::NoAnswer, CallSignalKind::Timeout);
    }
    if (m_phase == CallPhase::Incoming && timer == CallTimer::Ring) {
        return end(CallEndReason::Missed, CallSignalKind::Timeout);
    }
    if (m_phase == CallPhase::Active && timer == CallTimer::Media) {
        return end(CallEndReason::MediaTimeout, CallSignalKind::Hangup);
    }
    return {};
}

CallStep CallStateMachine::onLinkLost()
{
    return ended() ? CallStep{} : end(CallEndReason::ConnectionLost);
}

CallStep CallStateMachine::onGlareLost()
{
    if (m_direction != CallDirection::Outgoing ||
        (m_phase != CallPhase::Calling && m_phase != CallPhase::Ringing)) {
        return {};
    }
    return end(CallEndReason::ReplacedByGlare);
}

CallStep CallStateMachine::moveTo(CallPhase phase, std::optional<CallTimer> arm)
{
    m_phase = phase;
    CallStep step;
    step.arm = arm;
    step.changed = true;
    return step;
}

CallStep CallStateMachine::end(CallEndReason reason, std::optional<CallSignalKind> send)
{
    const bool hadMedia = m_phase == CallPhase::Active;
    m_phase = CallPhase::Ended;
    m_endReason = reason;
    CallStep step;
    step.send = send;
    step.stopMedia = hadMedia;
    step.changed = true;
    return step;
}

bool incomingInviteWinsGlare(const CallId& ours, const CallId& theirs)
{
    return std::lexicographical_compare(theirs.begin(), theirs.end(), ours.begin(), ours.end());
}

const char* toString(CallPhase phase)
{
    switch (phase) {
    case CallPhase::Calling:
        return "calling";
    case CallPhase::Ringing:
        return "ringing";
    case CallPhase::Incoming:
        return "incoming";
    case CallPhase::Active:
        return "active";
    case CallPhase::Ended:
        return "ended";
    }
    return "unknown";
}

const char* toString(CallEndReason reason)
{
    switch (reason) {
    case CallEndReason::None:
        return "";
    case CallEndReason::HungUp:
        return "hung up";
    case CallEndReason::RemoteHungUp:
        return "the other side hung up";
    case CallEndReason::Declined:
        return "declined";
    case CallEndReason::RemoteDeclined:
        return "the other side declined";
    case CallEndReason::RemoteBusy:
        return "the other side is busy";
    case CallEndReason::Cancelled:
        return "cancelled";
    case CallEndReason::Missed:
        return "missed";
    case CallEndReason::NoAnswer:
        return "no answer";
    case CallEndReason::Unreachable:
        return "the other side's device did not respond";
    case CallEndReason::ConnectionLost:
        return "connection lost";
    case CallEndReason::MediaTimeout:
        return "no audio arrived for too long";
    case CallEndReason::ReplacedByGlare:
        return "both sides called at once; joined the other call";
    }
    return "unknown";
}

} // namespace confab::proto
