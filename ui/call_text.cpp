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

QString CallText::state(const calls::CallView& call)
{
    switch (call.phase) {
    case proto::CallPhase::Calling:
        return tr("Calling…");
    case proto::CallPhase::Ringing:
        return tr("Ringing…");
    case proto::CallPhase::Incoming:
        return tr("Incoming call…");
    case proto::CallPhase::Active:
        return duration(call.durationMs);
    case proto::CallPhase::Ended:
        break;
    }
    return tr("Call ended");
}

QString CallText::endReason(proto::CallEndReason reason, const QString& peerName)
{
    switch (reason) {
    case proto::CallEndReason::None:
    case proto::CallEndReason::HungUp:
        return tr("Call ended");
    case proto::CallEndReason::RemoteHungUp:
        return tr("%1 hung up").arg(peerName);
    case proto::CallEndReason::Declined:
        return tr("You declined the call");
    case proto::CallEndReason::RemoteDeclined:
        return tr("%1 declined").arg(peerName);
    case proto::CallEndReason::RemoteBusy:
        return tr("%1 is in another call").arg(peerName);
    case proto::CallEndReason::Cancelled:
        return tr("Call cancelled");
    case proto::CallEndReason::Missed:
        return tr("Missed call from %1").arg(peerName);
    case proto::CallEndReason::NoAnswer:
        return tr("No answer");
    case proto::CallEndReason::Unreachable:
        return tr("%1's device did not respond").arg(peerName);
    case proto::CallEndReason::ConnectionLost:
        return tr("The connection to %1 was lost").arg(peerName);
    case proto::CallEndReason::MediaTimeout:
        return tr("No audio arrived for too long");
    case proto::CallEndReason::ReplacedByGlare:
        return tr("You called each other at once: joined %1's call").arg(peerName);
    }
    return tr("Call ended");
}

bool CallText::isMissed(proto::CallDirection direction, proto::CallPhase lastPhase,
                        proto::CallEndReason reason)
{
    if (direction != proto::CallDirection::Incoming || lastPhase != proto::CallPhase::Incoming) {
        return false;
    }
    return reason == proto::CallEndReason::Missed || reason == proto::CallEndReason::RemoteHungUp ||
           reason == proto::CallEndReason::ConnectionLost;
}

} // namespace confab::ui
