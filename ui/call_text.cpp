#include "call_text.h"

#include <algorithm>

namespace confab::ui {

QString CallText::duration(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(ms, 0) / 1000;
    const qint64 hours = seconds / 3600;
    const auto two = [](qint64 value) { return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0')); };
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3").arg(hours).arg(two(seconds / 60 % 60), two(seconds % 60));
    }
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(two(seconds % 60));
}

QString CallText::state(const api::CallView& call)
{
    switch (call.phase) {
    case api::CallPhase::Calling:
        return tr("Calling…");
    case api::CallPhase::Ringing:
        return tr("Ringing…");
    case api::CallPhase::Incoming:
        return tr("Incoming call…");
    case api::CallPhase::Active:
        return duration(call.durationMs);
    case api::CallPhase::Ended:
        break;
    }
    return tr("Call ended");
}

QString CallText::endReason(api::CallEndReason reason, const QString& peerName)
{
    switch (reason) {
    case api::CallEndReason::None:
    case api::CallEndReason::HungUp:
        return tr("Call ended");
    case api::CallEndReason::RemoteHungUp:
        return tr("%1 hung up").arg(peerName);
    case api::CallEndReason::Declined:
        return tr("You declined the call");
    case api::CallEndReason::RemoteDeclined:
        return tr("%1 declined").arg(peerName);
    case api::CallEndReason::RemoteBusy:
        return tr("%1 is in another call").arg(peerName);
    case api::CallEndReason::Cancelled:
        return tr("Call cancelled");
    case api::CallEndReason::Missed:
        return tr("Missed call from %1").arg(peerName);
    case api::CallEndReason::NoAnswer:
        return tr("No answer");
    case api::CallEndReason::Unreachable:
        return tr("%1's device did not respond").arg(peerName);
    case api::CallEndReason::ConnectionLost:
        return tr("The connection to %1 was lost").arg(peerName);
    case api::CallEndReason::MediaTimeout:
        return tr("No audio arrived for too long");
    case api::CallEndReason::ReplacedByGlare:
        return tr("You called each other at once: joined %1's call").arg(peerName);
    }
    return tr("Call ended");
}

bool CallText::isMissed(api::CallDirection direction, api::CallPhase lastPhase, api::CallEndReason reason)
{
    if (direction != api::CallDirection::Incoming || lastPhase != api::CallPhase::Incoming) {
        return false;
    }
    return reason == api::CallEndReason::Missed || reason == api::CallEndReason::RemoteHungUp ||
           reason == api::CallEndReason::ConnectionLost;
}

QString CallText::roomCallers(const QStringList& names, const QString& roomName)
{
    const QString first = names.value(0, tr("Someone"));
    if (roomName.isEmpty()) {
        if (names.size() > 2) {
            return tr("%1 and %n others are calling a room you are in", "",
                      static_cast<int>(names.size() - 1))
                .arg(first);
        }
        return names.size() == 2 ? tr("%1 and %2 are calling a room you are in").arg(first, names.at(1))
                                 : tr("%1 is calling a room you are in").arg(first);
    }
    if (names.size() > 2) {
        return tr("%1 and %n others are calling the room “%2”", "", static_cast<int>(names.size() - 1))
            .arg(first, roomName);
    }
    return names.size() == 2 ? tr("%1 and %2 are calling the room “%3”").arg(first, names.at(1), roomName)
                             : tr("%1 is calling the room “%2”").arg(first, roomName);
}

QString CallText::memberState(const api::CallView& link, bool joined)
{
    switch (link.phase) {
    case api::CallPhase::Incoming:
        // Once joined, an invite from a member who comes later is answered at once.
        return joined ? tr("connecting") : tr("calling you");
    case api::CallPhase::Calling:
        return tr("connecting");
    case api::CallPhase::Ringing:
        return tr("ringing");
    case api::CallPhase::Active:
        return tr("in the call");
    case api::CallPhase::Ended:
        break;
    }
    return tr("left");
}

QString CallText::roomEndReason(api::CallEndReason lastReason)
{
    switch (lastReason) {
    case api::CallEndReason::None:
    case api::CallEndReason::HungUp:
    case api::CallEndReason::Cancelled:
        return tr("You left the call");
    case api::CallEndReason::Declined:
        return tr("You declined the call");
    case api::CallEndReason::RemoteHungUp:
    case api::CallEndReason::ConnectionLost:
    case api::CallEndReason::MediaTimeout:
    case api::CallEndReason::ReplacedByGlare:
        return tr("Everyone else left the call");
    case api::CallEndReason::RemoteDeclined:
    case api::CallEndReason::RemoteBusy:
    case api::CallEndReason::NoAnswer:
    case api::CallEndReason::Unreachable:
    case api::CallEndReason::Missed:
        return tr("Nobody joined the call");
    }
    return tr("Call ended");
}

QString CallText::roomSoundNotice(bool microphoneWorks, bool speakerWorks)
{
    if (!microphoneWorks && !speakerWorks) {
        return tr("Your microphone and speaker could not be opened: the call goes on without sound.");
    }
    if (!microphoneWorks) {
        return tr("Your microphone could not be opened: nobody in the call hears you, but you hear them.");
    }
    if (!speakerWorks) {
        return tr("Your speaker could not be opened: you hear nobody in the call, but they hear you.");
    }
    return {};
}

QString CallText::roomState(const api::CallView& call, int peopleInCall)
{
    if (call.phase != api::CallPhase::Active) {
        return state(call);
    }
    return tr("%1 · %2 in the call").arg(duration(call.durationMs)).arg(peopleInCall);
}

} // namespace confab::ui
