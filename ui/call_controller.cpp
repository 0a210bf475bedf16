#include "call_controller.h"

#include "call_text.h"
#include "dialogs/incoming_call_dialog.h"
#include "models/peer_list_model.h"
#include "models/room_list_model.h"
#include "widgets/call_bar.h"
#include "widgets/tray_icon.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QTime>
#include <QWindow>

namespace confab::ui {

namespace {
QString idText(const PeerId& peer)
{
    return QString::fromStdString(peer.toText());
}
} // namespace

CallController::CallController(api::NodeClient& client, QWidget& window, const PeerListModel& peers,
                               const RoomListModel& rooms, CallBar& bar, TrayIcon& tray, QObject* parent)
    : QObject(parent), m_node(client), m_window(window), m_peers(peers), m_rooms(rooms), m_bar(bar),
      m_tray(tray)
{
    connect(&m_node.events(), &api::NodeEvents::callChanged, this, &CallController::onCallChanged);
    connect(&m_bar, &CallBar::muteToggled, this, &CallController::setMuted);
    connect(&m_bar, &CallBar::pushToTalkToggled, this, &CallController::setPushToTalk);
    connect(&m_bar, &CallBar::talkHeld, this, &CallController::setTalking);
    connect(&m_bar, &CallBar::hangUpRequested, this, &CallController::hangUp);
    // The buttons of an incoming call's notification, for the call it was about.
    connect(&m_tray, &TrayIcon::answerRequested, this, [this](const PeerId& peer) {
        if (m_call && m_call->peer == peer) {
            answer();
        }
    });
    connect(&m_tray, &TrayIcon::declineRequested, this, [this](const PeerId& peer) {
        if (m_call && m_call->peer == peer) {
            decline();
        }
    });
    qApp->installEventFilter(this);
}

CallController::~CallController()
{
    qApp->removeEventFilter(this);
    if (m_incoming) {
        m_incoming->dismiss();
    }
}

IncomingCallDialog* CallController::incomingDialog() const
{
    return m_incoming;
}

template <typename Command> void CallController::command(const PeerId& peer, Command run)
{
    m_node.call(
        this, [peer, run](api::Node& node) { return run(node, peer); },
        [this, peer](const api::Node::CallOutcome& outcome) {
            if (!outcome) {
                onCallFailed(peer, outcome.error());
            }
        });
}

void CallController::call(const PeerId& peer)
{
    if (m_call) {
        emit notice(tr("Another call is in progress: hang it up first."), kFailureNoticeMs);
        return;
    }
    command(peer, [](api::Node& node, const PeerId& to) { return node.call(to); });
}

void CallController::callRoom(const QString& room)
{
    if (room.isEmpty()) {
        return;
    }
    // Whom it rings shows as its links come; only a refusal needs words.
    m_node.call(
        this, [room](api::Node& node) { return node.callRoom(room); },
        [this](const Result<int, QString>& result) {
            if (!result) {
                emit notice(tr("Room call: %1").arg(result.error()), kFailureNoticeMs);
            }
        });
}

void CallController::answer()
{
    if (m_call && m_call->phase == api::CallPhase::Incoming) {
        command(m_call->peer, [](api::Node& node, const PeerId& peer) { return node.answerCall(peer); });
    }
}

void CallController::decline()
{
    if (m_call && m_call->phase == api::CallPhase::Incoming) {
        command(m_call->peer, [](api::Node& node, const PeerId& peer) { return node.declineCall(peer); });
    }
}

void CallController::hangUp()
{
    if (m_call && m_call->phase != api::CallPhase::Incoming) {
        command(m_call->peer, [](api::Node& node, const PeerId& peer) { return node.hangUpCall(peer); });
    }
}

void CallController::setMuted(bool muted)
{
    if (m_call && m_call->phase != api::CallPhase::Incoming) {
        command(m_call->peer,
                [muted](api::Node& node, const PeerId& peer) { return node.setCallMuted(peer, muted); });
    }
}

void CallController::toggleMute()
{
    setMuted(!isMuted());
}

void CallController::setPushToTalk(bool on)
{
    if (on == m_pushToTalk) {
        return;
    }
    m_pushToTalk = on;
    m_talking = false;
    m_bar.setPushToTalk(on);
    if (m_call && m_call->phase != api::CallPhase::Incoming) {
        command(m_call->peer,
                [on](api::Node& node, const PeerId& peer) { return node.setCallTransmitting(peer, !on); });
    }
    emit changed();
}

void CallController::setTalking(bool talking)
{
    if (!m_pushToTalk || talking == m_talking) {
        return;
    }
    m_talking = talking;
    m_bar.setTalking(talking);
    if (m_call && m_call->phase != api::CallPhase::Incoming) {
        command(m_call->peer, [talking](api::Node& node, const PeerId& peer) {
            return node.setCallTransmitting(peer, talking);
        });
    }
}

void CallController::setPeerSilenced(const PeerId& peer, bool silenced)
{
    command(peer, [silenced](api::Node& node, const PeerId& member) {
        return node.setCallPeerSilenced(member, silenced);
    });
}

void CallController::onCallChanged(const api::CallView& call)
{
    if (!call.room.isEmpty()) {
        onRoomLinkChanged(call); // a link of a room's call
        return;
    }
    if (call.phase == api::CallPhase::Ended) {
        onCallEnded(call);
        return;
    }
    const bool isNew = !m_call || m_call->callId != call.callId;
    if (isNew && !m_roomCall.isEmpty()) {
        dropRoomCall(); // as any new call, it takes the place of the one shown
    }
    const bool phaseChanged = isNew || m_call->phase != call.phase || m_call->muted != call.muted;
    if (isNew && m_pushToTalk && call.phase != api::CallPhase::Incoming) {
        m_talking = false;
        m_bar.setTalking(false);
        // A new call starts with the microphone closed.
        command(call.peer,
                [](api::Node& node, const PeerId& peer) { return node.setCallTransmitting(peer, false); });
    }
    m_call = call;
    if (call.phase == api::CallPhase::Incoming) {
        showIncoming(call);
    } else {
        if (m_incoming && m_incoming->callId() == call.callId) {
            closeIncoming(); // answered (here, or by confabctl)
        }
        m_bar.showCall(call, nameOf(call.peer));
    }
    if (phaseChanged) {
        emit changed();
    }
}

void CallController::onCallEnded(const api::CallView& call)
{
    if (call.callId == m_decidedCall) {
        m_decidedCall.clear();
    }
    if (!m_call || m_call->callId != call.callId) {
        return; // not the call shown (one replaced when both sides called at once)
    }
    const api::CallPhase lastPhase = m_call->phase;
    m_call.reset();
    m_talking = false;
    m_bar.setTalking(false);
    if (m_incoming && m_incoming->callId() == call.callId) {
        closeIncoming();
    }
    const QString name = nameOf(call.peer);
    if (call.endReason == api::CallEndReason::ReplacedByGlare) {
        // The other side's call carries on; it shows as soon as it is reported.
    } else if (CallText::isMissed(call.direction, lastPhase, call.endReason)) {
        emit notice(tr("Missed call from %1 at %2")
                        .arg(name, QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)),
                    kMissedNoticeMs);
        if (!isWindowSeen()) {
            m_tray.notify(tr("Missed call"), tr("%1 called you.").arg(name), call.peer);
        }
    } else if (lastPhase != api::CallPhase::Incoming) {
        m_bar.showEnded(call, name);
    }
    emit changed();
}

void CallController::onRoomLinkChanged(const api::CallView& link)
{
    // A room has one call: its links are the room's, whatever invitation
    // each came with (a member who rejoined, or two who started it at once).
    const bool shown = m_roomCall.isOf(link.room);
    if (link.phase == api::CallPhase::Ended) {
        if (!shown) {
            return; // a link of a call not shown (one left before, or replaced)
        }
        m_roomCall.update(link);
        if (m_roomCall.isEmpty()) {
            onRoomCallEnded(link);
        } else {
            showRoomCall(false, true); // someone left; the others go on
        }
        return;
    }
    if (!shown) {
        m_roomCall.clear(); // as any new call, it takes the place of the one shown
    }
    const bool wasJoined = shown && m_roomCall.isJoined();
    const api::CallView* before = m_roomCall.link(link.peer);
    const bool fresh = before == nullptr || before->callId != link.callId;
    const bool membersChanged = fresh || before->phase != link.phase;
    const bool joins =
        link.phase != api::CallPhase::Incoming && (fresh || before->phase == api::CallPhase::Incoming);
    // A link added to a call already joined takes its microphone state from
    // the others (the node sees to it).
    if (joins && !wasJoined && m_pushToTalk) {
        // Joined (started or answered here): the call starts with the microphone closed.
        m_talking = false;
        m_bar.setTalking(false);
        command(link.peer,
                [](api::Node& node, const PeerId& peer) { return node.setCallTransmitting(peer, false); });
    }
    m_roomCall.update(link);
    showRoomCall(!shown, membersChanged);
}

void CallController::showRoomCall(bool isNew, bool membersChanged)
{
    const api::CallView summary = m_roomCall.summary();
    const bool changedMuch = isNew || membersChanged || !m_call || m_call->phase != summary.phase ||
                             m_call->muted != summary.muted;
    m_call = summary;
    if (summary.phase == api::CallPhase::Incoming) {
        showIncomingRoomCall();
    } else {
        if (ringsForRoom(m_roomCall.room())) {
            closeIncoming(); // joined (here, or by confabctl)
        }
        const QString name = roomName(m_roomCall.room());
        m_bar.showRoomCall(summary, name.isEmpty() ? tr("Room call") : name, m_roomCall.peopleInCall());
    }
    emit roomCallChanged();
    if (changedMuch) {
        emit changed();
    }
}

void CallController::onRoomCallEnded(const api::CallView& lastLink)
{
    const api::CallPhase lastPhase = m_call ? m_call->phase : api::CallPhase::Incoming;
    m_call.reset();
    m_roomCall.clear();
    m_decidedRoom.clear(); // a later call of the room rings again
    m_talking = false;
    m_bar.setTalking(false);
    if (ringsForRoom(lastLink.room)) {
        closeIncoming();
    }
    const QString name = roomName(lastLink.room);
    if (CallText::isMissed(lastLink.direction, lastPhase, lastLink.endReason)) {
        const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
        const QString text = name.isEmpty() ? tr("Missed room call at %1").arg(time)
                                            : tr("Missed call in the room “%1” at %2").arg(name, time);
        emit notice(text, kMissedNoticeMs);
        if (!isWindowSeen()) {
            m_tray.notifyAboutRoom(tr("Missed call"), text, lastLink.room);
        }
    } else if (lastPhase != api::CallPhase::Incoming) {
        m_bar.showRoomEnded(lastLink.endReason, name.isEmpty() ? tr("Room call") : name);
    }
    emit roomCallChanged();
    emit changed();
}

void CallController::dropRoomCall()
{
    if (ringsForRoom(m_roomCall.room())) {
        closeIncoming();
    }
    m_roomCall.clear();
    m_decidedRoom.clear();
    emit roomCallChanged();
}

void CallController::onCallFailed(const PeerId& peer, const QString& error)
{
    // The node names peers by ID; the window knows them by name.
    QString text = error;
    text.replace(idText(peer), nameOf(peer));
    emit notice(tr("Call: %1").arg(text), kFailureNoticeMs);
}

void CallController::showIncoming(const api::CallView& call)
{
    if ((m_incoming && m_incoming->callId() == call.callId) || call.callId == m_decidedCall) {
        return;
    }
    closeIncoming();
    const QString name = nameOf(call.peer);
    m_incoming = new IncomingCallDialog(call.peer, call.callId, name, isVerified(call.peer), &m_window);
    m_incoming->setAttribute(Qt::WA_DeleteOnClose);
    const PeerId peer = call.peer;
    connect(m_incoming, &IncomingCallDialog::answered, this, [this, peer, id = call.callId] {
        m_decidedCall = id;
        command(peer, [](api::Node& node, const PeerId& to) { return node.answerCall(to); });
    });
    connect(m_incoming, &IncomingCallDialog::declined, this, [this, peer, id = call.callId] {
        m_decidedCall = id;
        command(peer, [](api::Node& node, const PeerId& to) { return node.declineCall(to); });
    });
    const bool seen = isWindowSeen();
    // In front, but the keyboard stays where the user is typing: the dialog
    // shows without activating, and gives the keyboard back if the window
    // system activates it anyway.
    m_incoming->returnKeyboardTo(QApplication::focusWidget());
    m_incoming->show();
    m_incoming->raise();
    if (!seen) {
        m_tray.notifyIncomingCall(tr("Incoming call"), tr("%1 is calling you.").arg(name), call.peer);
        QApplication::alert(&m_window);
    }
}

void CallController::showIncomingRoomCall()
{
    QStringList names;
    bool verified = true;
    for (const PeerId& caller : m_roomCall.callers()) {
        names << nameOf(caller);
        verified = verified && isVerified(caller);
    }
    const QString room = m_roomCall.room();
    const QString name = roomName(room);
    const QString callers = CallText::roomCallers(names, name);
    if (ringsForRoom(room)) {
        m_incoming->showRoomCall(name, callers, verified); // one more member calls: still one call
        return;
    }
    if (!m_decidedRoom.isEmpty() && m_roomCall.isOf(m_decidedRoom)) {
        return;
    }
    closeIncoming();
    m_incoming = new IncomingCallDialog(m_call->peer, m_roomCall.id(), names.value(0), verified, &m_window);
    m_incomingRoom = room;
    m_incoming->setAttribute(Qt::WA_DeleteOnClose);
    m_incoming->showRoomCall(name, callers, verified);
    // Whichever of its invites still rings when the user decides: each one stands for all.
    connect(m_incoming, &IncomingCallDialog::answered, this, [this, room] {
        m_decidedRoom = room;
        answer();
    });
    connect(m_incoming, &IncomingCallDialog::declined, this, [this, room] {
        m_decidedRoom = room;
        decline();
    });
    const bool seen = isWindowSeen();
    m_incoming->returnKeyboardTo(QApplication::focusWidget());
    m_incoming->show();
    m_incoming->raise();
    if (!seen) {
        m_tray.notifyAboutRoom(tr("Incoming call"), callers, m_roomCall.room());
        QApplication::alert(&m_window);
    }
}

void CallController::closeIncoming()
{
    if (m_incoming) {
        m_incoming->dismiss();
        m_incoming = nullptr;
    }
    m_incomingRoom.clear();
}

bool CallController::ringsForRoom(const QString& room) const
{
    // Both are hex; the case of the digits is the only way they could differ.
    return m_incoming && !room.isEmpty() && m_incomingRoom.compare(room, Qt::CaseInsensitive) == 0;
}

QString CallController::nameOf(const PeerId& peer) const
{
    if (const auto row = m_peers.rowOf(peer)) {
        return PeerListModel::nameOf(m_peers.at(*row));
    }
    return idText(peer).left(8);
}

QString CallController::roomName(const QString& room) const
{
    for (int row = 0; row < m_rooms.rowCount(); ++row) {
        // Both are hex; the case of the digits is the only way they could differ.
        if (m_rooms.at(row).id.compare(room, Qt::CaseInsensitive) == 0) {
            return m_rooms.at(row).name;
        }
    }
    return {};
}

bool CallController::isVerified(const PeerId& peer) const
{
    const auto row = m_peers.rowOf(peer);
    return row && m_peers.at(*row).view.record.verified;
}

bool CallController::isWindowSeen() const
{
    const bool active =
        m_window.isActiveWindow() || (m_window.windowHandle() && m_window.windowHandle()->isActive());
    return m_window.isVisible() && !m_window.isMinimized() && active;
}

bool CallController::spaceTalks() const
{
    if (!m_pushToTalk || !m_call || m_call->phase != api::CallPhase::Active || !m_window.isActiveWindow()) {
        return false;
    }
    const QWidget* focus = QApplication::focusWidget();
    const bool typing =
        focus && (qobject_cast<const QLineEdit*>(focus) || qobject_cast<const QPlainTextEdit*>(focus) ||
                  qobject_cast<const QTextEdit*>(focus) || qobject_cast<const QAbstractSpinBox*>(focus));
    return !typing;
}

bool CallController::eventFilter(QObject* watched, QEvent* event)
{
    const bool press = event->type() == QEvent::KeyPress;
    if (press || event->type() == QEvent::KeyRelease) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier) {
            // A release ends talking wherever the focus went meanwhile.
            if (spaceTalks() || (!press && m_talking)) {
                if (!key->isAutoRepeat()) {
                    setTalking(press);
                }
                return true; // Space talks here: it does not also click a button
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace confab::ui
