#include "proto/call_state_machine.h"

#include <deque>
#include <gtest/gtest.h>
#include <utility>

using namespace confab::proto;

namespace {

// Builds the expected step: only the named effects are set.
struct StepBuilder {
    CallStep value;
    StepBuilder& sends(CallSignalKind kind)
    {
        value.send = kind;
        return *this;
    }
    StepBuilder& arms(CallTimer timer)
    {
        value.arm = timer;
        return *this;
    }
    StepBuilder& startsMedia()
    {
        value.startMedia = true;
        return *this;
    }
    StepBuilder& stopsMedia()
    {
        value.stopMedia = true;
        return *this;
    }
    StepBuilder& changes()
    {
        value.changed = true;
        return *this;
    }
    operator CallStep() const { return value; } // NOLINT(google-explicit-constructor)
};

StepBuilder step()
{
    return {};
}

CallId idOf(std::uint8_t first)
{
    CallId id{};
    id[0] = first;
    return id;
}

// An outgoing call that has sent its invite.
CallStateMachine calling()
{
    auto call = CallStateMachine::outgoing(idOf(1));
    call.start();
    return call;
}

CallStateMachine ringingOut()
{
    auto call = calling();
    call.onSignal(CallSignalKind::Ringing);
    return call;
}

CallStateMachine incoming()
{
    auto call = CallStateMachine::incoming(idOf(1));
    call.start();
    return call;
}

CallStateMachine active()
{
    auto call = ringingOut();
    call.onSignal(CallSignalKind::Accept);
    return call;
}

} // namespace

TEST(CallStateMachine, OutgoingCallInvitesAndWaitsForTheDevice)
{
    auto call = CallStateMachine::outgoing(idOf(7));
    EXPECT_EQ(call.phase(), CallPhase::Calling);
    EXPECT_EQ(call.start(), step().sends(CallSignalKind::Invite).arms(CallTimer::Invite));
    EXPECT_EQ(call.start(), CallStep{}) << "a second start sends nothing";
    EXPECT_TRUE(call.ringing());
}

TEST(CallStateMachine, RingingThenAcceptStartsMedia)
{
    auto call = calling();
    EXPECT_EQ(call.onSignal(CallSignalKind::Ringing), step().arms(CallTimer::Ring).changes());
    EXPECT_EQ(call.phase(), CallPhase::Ringing);
    EXPECT_EQ(call.onSignal(CallSignalKind::Ringing), CallStep{}) << "duplicate ringing";
    EXPECT_EQ(call.onSignal(CallSignalKind::Accept), step().arms(CallTimer::Media).startsMedia().changes());
    EXPECT_EQ(call.phase(), CallPhase::Active);
    EXPECT_FALSE(call.ringing());
}

TEST(CallStateMachine, AcceptWithoutRingingStillConnects)
{
    auto call = calling();
    EXPECT_TRUE(call.onSignal(CallSignalKind::Accept).startMedia);
    EXPECT_EQ(call.phase(), CallPhase::Active);
}

TEST(CallStateMachine, OutgoingEndingsByTheOtherSide)
{
    const std::pair<CallSignalKind, CallEndReason> cases[] = {
        {CallSignalKind::Decline, CallEndReason::RemoteDeclined},
        {CallSignalKind::Busy, CallEndReason::RemoteBusy},
        {CallSignalKind::Cancel, CallEndReason::RemoteHungUp},
        {CallSignalKind::Hangup, CallEndReason::RemoteHungUp},
        {CallSignalKind::Timeout, CallEndReason::RemoteHungUp},
    };
    for (const auto& [signal, reason] : cases) {
        for (auto call : {calling(), ringingOut()}) {
            EXPECT_EQ(call.onSignal(signal), step().changes()) << toString(signal);
            EXPECT_EQ(call.phase(), CallPhase::Ended);
            EXPECT_EQ(call.endReason(), reason) << toString(signal);
        }
    }
}

TEST(CallStateMachine, OutgoingTimers)
{
    auto unanswered = calling();
    EXPECT_EQ(unanswered.onTimer(CallTimer::Ring), CallStep{}) << "not armed while calling";
    EXPECT_EQ(unanswered.onTimer(CallTimer::Invite), step().sends(CallSignalKind::Cancel).changes());
    EXPECT_EQ(unanswered.endReason(), CallEndReason::Unreachable);

    auto ringing = ringingOut();
    EXPECT_EQ(ringing.onTimer(CallTimer::Invite), CallStep{}) << "stale invite timer";
    EXPECT_EQ(ringing.onTimer(CallTimer::Ring), step().sends(CallSignalKind::Timeout).changes());
    EXPECT_EQ(ringing.endReason(), CallEndReason::NoAnswer);
}

TEST(CallStateMachine, CallerCancels)
{
    for (auto call : {calling(), ringingOut()}) {
        EXPECT_EQ(call.hangUp(), step().sends(CallSignalKind::Cancel).changes());
        EXPECT_EQ(call.endReason(), CallEndReason::Cancelled);
        EXPECT_EQ(call.hangUp(), CallStep{}) << "hanging up twice sends nothing";
    }
}

TEST(CallStateMachine, IncomingCallRingsAndAnswers)
{
    auto call = CallStateMachine::incoming(idOf(3));
    EXPECT_EQ(call.phase(), CallPhase::Incoming);
    EXPECT_EQ(call.start(), step().sends(CallSignalKind::Ringing).arms(CallTimer::Ring));
    EXPECT_EQ(call.answer(),
              step().sends(CallSignalKind::Accept).arms(CallTimer::Media).startsMedia().changes());
    EXPECT_EQ(call.phase(), CallPhase::Active);
    EXPECT_EQ(call.answer(), CallStep{}) << "answering twice does nothing";
}

TEST(CallStateMachine, OnlyAnIncomingCallCanBeAnswered)
{
    auto call = ringingOut();
    EXPECT_EQ(call.answer(), CallStep{});
    EXPECT_EQ(call.phase(), CallPhase::Ringing);
}

TEST(CallStateMachine, IncomingDeclined)
{
    auto call = incoming();
    EXPECT_EQ(call.hangUp(), step().sends(CallSignalKind::Decline).changes());
    EXPECT_EQ(call.endReason(), CallEndReason::Declined);
}

TEST(CallStateMachine, IncomingMissed)
{
    for (const auto signal : {CallSignalKind::Cancel, CallSignalKind::Hangup, CallSignalKind::Timeout}) {
        auto call = incoming();
        EXPECT_EQ(call.onSignal(signal), step().changes());
        EXPECT_EQ(call.endReason(), CallEndReason::Missed);
    }
    auto unanswered = incoming();
    EXPECT_EQ(unanswered.onTimer(CallTimer::Ring), step().sends(CallSignalKind::Timeout).changes());
    EXPECT_EQ(unanswered.endReason(), CallEndReason::Missed);
}

TEST(CallStateMachine, IncomingIgnoresSignalsThatOnlyACallerGets)
{
    for (const auto signal : {CallSignalKind::Ringing, CallSignalKind::Accept, CallSignalKind::Decline,
                              CallSignalKind::Busy, CallSignalKind::Invite}) {
        auto call = incoming();
        EXPECT_EQ(call.onSignal(signal), CallStep{}) << toString(signal);
        EXPECT_EQ(call.phase(), CallPhase::Incoming);
    }
}

TEST(CallStateMachine, ActiveCallEndings)
{
    auto local = active();
    EXPECT_EQ(local.hangUp(), step().sends(CallSignalKind::Hangup).stopsMedia().changes());
    EXPECT_EQ(local.endReason(), CallEndReason::HungUp);

    auto remote = active();
    EXPECT_EQ(remote.onSignal(CallSignalKind::Hangup), step().stopsMedia().changes());
    EXPECT_EQ(remote.endReason(), CallEndReason::RemoteHungUp);

    auto silent = active();
    EXPECT_EQ(silent.onTimer(CallTimer::Ring), CallStep{}) << "stale ring timer";
    EXPECT_EQ(silent.onTimer(CallTimer::Media), step().sends(CallSignalKind::Hangup).stopsMedia().changes());
    EXPECT_EQ(silent.endReason(), CallEndReason::MediaTimeout);

    auto lost = active();
    EXPECT_EQ(lost.onLinkLost(), step().stopsMedia().changes());
    EXPECT_EQ(lost.endReason(), CallEndReason::ConnectionLost);
}

TEST(CallStateMachine, ActiveIgnoresDuplicates)
{
    auto call = active();
    for (const auto signal : {CallSignalKind::Ringing, CallSignalKind::Accept, CallSignalKind::Invite,
                              CallSignalKind::Decline, CallSignalKind::Busy, CallSignalKind::Timeout}) {
        EXPECT_EQ(call.onSignal(signal), CallStep{}) << toString(signal);
        EXPECT_EQ(call.phase(), CallPhase::Active);
    }
}

TEST(CallStateMachine, LinkLossEndsRingingCallsWithoutMedia)
{
    for (auto call : {calling(), ringingOut(), incoming()}) {
        EXPECT_EQ(call.onLinkLost(), step().changes());
        EXPECT_EQ(call.endReason(), CallEndReason::ConnectionLost);
    }
}

TEST(CallStateMachine, EndedCallIgnoresEverything)
{
    auto call = active();
    call.hangUp();
    EXPECT_EQ(call.onSignal(CallSignalKind::Accept), CallStep{});
    EXPECT_EQ(call.onSignal(CallSignalKind::Hangup), CallStep{});
    EXPECT_EQ(call.onTimer(CallTimer::Media), CallStep{});
    EXPECT_EQ(call.onLinkLost(), CallStep{});
    EXPECT_EQ(call.answer(), CallStep{});
    EXPECT_EQ(call.onGlareLost(), CallStep{});
    EXPECT_EQ(call.endReason(), CallEndReason::HungUp);
}

TEST(CallStateMachine, GlareRuleIsAntisymmetric)
{
    const CallId low = idOf(1);
    CallId high = idOf(1);
    high[15] = 1;
    EXPECT_TRUE(incomingInviteWinsGlare(high, low));
    EXPECT_FALSE(incomingInviteWinsGlare(low, high));
    EXPECT_FALSE(incomingInviteWinsGlare(low, low));
}

TEST(CallStateMachine, GlareLostOnlyEndsAnUnansweredOutgoingCall)
{
    auto call = calling();
    EXPECT_EQ(call.onGlareLost(), step().changes());
    EXPECT_EQ(call.endReason(), CallEndReason::ReplacedByGlare);

    auto answered = active();
    EXPECT_EQ(answered.onGlareLost(), CallStep{});
    auto in = incoming();
    EXPECT_EQ(in.onGlareLost(), CallStep{});
}

namespace {

// Both sides of a conversation between two peers, with the glare rule as the
// call service applies it: a received invite either replaces our own outgoing
// call (and is answered at once: both sides wanted to talk) or is ignored.
struct Side {
    std::optional<CallStateMachine> call;
    std::deque<std::pair<CallId, CallSignalKind>> outbox;

    void run(CallStep step)
    {
        if (step.send) {
            outbox.emplace_back(call->id(), *step.send);
        }
    }
    void dial(const CallId& id)
    {
        call = CallStateMachine::outgoing(id);
        run(call->start());
    }
    void receive(const CallId& id, CallSignalKind kind)
    {
        if (kind == CallSignalKind::Invite) {
            if (call && !call->ended() && call->direction() == CallDirection::Outgoing && call->ringing()) {
                if (!incomingInviteWinsGlare(call->id(), id)) {
                    return;
                }
                run(call->onGlareLost());
            }
            call = CallStateMachine::incoming(id);
            run(call->start());
            run(call->answer());
            return;
        }
        if (call && call->id() == id) {
            run(call->onSignal(kind));
        }
    }
};

void deliverAll(Side& a, Side& b)
{
    while (!a.outbox.empty() || !b.outbox.empty()) {
        // Both invites cross on the wire before either arrives.
        auto aOut = std::exchange(a.outbox, {});
        auto bOut = std::exchange(b.outbox, {});
        for (const auto& [id, kind] : aOut) {
            b.receive(id, kind);
        }
        for (const auto& [id, kind] : bOut) {
            a.receive(id, kind);
        }
    }
}

} // namespace

TEST(CallStateMachine, BothSidesCallingAtOnceEndInOneActiveCall)
{
    for (const bool aHasLowerId : {true, false}) {
        Side a;
        Side b;
        CallId idA = idOf(aHasLowerId ? 1 : 9);
        CallId idB = idOf(aHasLowerId ? 9 : 1);
        a.dial(idA);
        b.dial(idB);
        deliverAll(a, b);
        const CallId winner = aHasLowerId ? idA : idB;
        ASSERT_TRUE(a.call && b.call);
        EXPECT_EQ(a.call->id(), winner);
        EXPECT_EQ(b.call->id(), winner);
        EXPECT_EQ(a.call->phase(), CallPhase::Active);
        EXPECT_EQ(b.call->phase(), CallPhase::Active);
    }
}
