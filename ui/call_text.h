#pragma once

#include "api/node_types.h"

#include <QCoreApplication>
#include <QString>

namespace confab::ui {

// What the call UI says about a call, in the user's words.
class CallText {
    Q_DECLARE_TR_FUNCTIONS(CallText)
public:
    // "0:07", "12:34", "1:02:03".
    static QString duration(qint64 ms);
    // "Calling…", "Ringing…", "Incoming call…", the duration once connected, "Call ended".
    static QString state(const api::CallView& call);
    // Why a call ended, naming the peer: "Bob declined", "No answer", ...
    static QString endReason(api::CallEndReason reason, const QString& peerName);
    // An incoming call that was never answered here: the caller gave up,
    // nobody answered in time, or the link went away while it rang.
    static bool isMissed(api::CallDirection direction, api::CallPhase lastPhase, api::CallEndReason reason);
};

} // namespace confab::ui
