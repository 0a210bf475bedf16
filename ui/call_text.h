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

    // Room calls.
    // Who rings here, and for which room: "Ann is calling the room “Lab”",
    // "Ann and Bob are calling the room “Lab”", "Ann and 2 others are calling
    // the room “Lab”". An empty room name (not listed yet) says "a room".
    static QString roomCallers(const QStringList& names, const QString& roomName);
    // A member's part in the call, from this side: "calling you" (ringing
    // here), "ringing", "connecting", "in the call".
    static QString memberState(const api::CallView& link, bool joined);
    // How the call ended for this side, once its last link ended.
    static QString roomEndReason(api::CallEndReason lastReason);
    // What this side misses when its sound card failed in a room's call;
    // empty when both work.
    static QString roomSoundNotice(bool microphoneWorks, bool speakerWorks);
    // "0:42 · 3 in the call" once connected; the state otherwise.
    static QString roomState(const api::CallView& call, int peopleInCall);
};

} // namespace confab::ui
