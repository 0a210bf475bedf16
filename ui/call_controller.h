#pragma once

#include "api/node_client.h"
#include "room_call.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace confab::ui {

class CallBar;
class IncomingCallDialog;
class PeerListModel;
class RoomListModel;
class TrayIcon;

// The window's side of voice calls: follows the node's calls,
// shows the one in progress in the call bar, rings with a dialog (and a tray
// notification when the window is not in front) for an incoming one, without
// taking the keyboard from where the user is typing, says when a call was
// missed, and turns the user's commands — Call, Answer,
// Decline, Mute, Push-to-talk (Space held while the mode is on and the
// focus is not in a text box), Hang Up — into node commands. A room's call
// is one call however many links the node reports for it, whatever
// invitation each came with (they are the room's): it rings once,
// Answer joins it, Decline declines it, Hang Up leaves it, Mute mutes the
// microphone for everyone in it; its links are there for a room's own view.
class CallController : public QObject {
    Q_OBJECT
public:
    // How long a missed call stays in the status bar.
    static constexpr int kMissedNoticeMs = 60000;
    static constexpr int kFailureNoticeMs = 10000;

    CallController(api::NodeClient& client, QWidget& window, const PeerListModel& peers,
                   const RoomListModel& rooms, CallBar& bar, TrayIcon& tray, QObject* parent = nullptr);
    ~CallController() override;

    void call(const PeerId& peer);
    // Starts the room's call (its id), or joins the one running there.
    void callRoom(const QString& room);
    // The call ringing here, if any.
    void answer();
    void decline();
    void hangUp();
    void setMuted(bool muted);
    void toggleMute();
    // Push-to-talk mode, kept across calls: the microphone is closed except
    // while setTalking(true).
    void setPushToTalk(bool on);
    void setTalking(bool talking);
    // In a room's call: stop or start hearing one member here.
    void setPeerSilenced(const PeerId& peer, bool silenced);

    // The call in progress (ringing, calling or active), as last reported;
    // a room's call as a whole (RoomCall::summary()).
    [[nodiscard]] const std::optional<api::CallView>& currentCall() const { return m_call; }
    // The room (its id) whose call is in progress; empty for a call between two, or none.
    [[nodiscard]] QString roomOfCall() const { return m_roomCall.room(); }
    // Every link of the room's call in progress, as last reported; empty for none.
    [[nodiscard]] const std::vector<api::CallView>& roomCallLinks() const { return m_roomCall.links(); }
    [[nodiscard]] const RoomCall& roomCall() const { return m_roomCall; }
    [[nodiscard]] bool hasCall() const { return m_call.has_value(); }
    [[nodiscard]] bool isMuted() const { return m_call && m_call->muted; }
    [[nodiscard]] bool isPushToTalk() const { return m_pushToTalk; }
    [[nodiscard]] bool isTalking() const { return m_talking; }
    // While a call rings here; null otherwise.
    [[nodiscard]] IncomingCallDialog* incomingDialog() const;

signals:
    // A call began, changed phase or ended, or mute or push-to-talk changed;
    // for a room's call also when someone joined or left it.
    void changed();
    // Any link of the room's call changed (five times a second while it is
    // ongoing: who speaks), or the room's call ended.
    void roomCallChanged();
    // Something for the status bar (a missed call, a refused command).
    void notice(const QString& text, int ms);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onCallChanged(const api::CallView& call);
    void onCallEnded(const api::CallView& call);
    void onCallFailed(const PeerId& peer, const QString& error);
    void onRoomLinkChanged(const api::CallView& link);
    void onRoomCallEnded(const api::CallView& lastLink);
    // Shows the room's call as it stands now.
    void showRoomCall(bool isNew, bool membersChanged);
    // Forgets the room's call (a call between two replaced it, or it ended).
    void dropRoomCall();
    // Runs a call command on the node; a refusal becomes a notice.
    template <typename Command> void command(const PeerId& peer, Command run);
    void showIncoming(const api::CallView& call);
    void showIncomingRoomCall();
    void closeIncoming();
    // Whether the dialog ringing here is for ROOM's call (a room's id).
    [[nodiscard]] bool ringsForRoom(const QString& room) const;
    [[nodiscard]] QString nameOf(const PeerId& peer) const;
    // The room's name; empty while the room list does not have it.
    [[nodiscard]] QString roomName(const QString& room) const;
    [[nodiscard]] bool isVerified(const PeerId& peer) const;
    [[nodiscard]] bool isWindowSeen() const;
    // Space belongs to push-to-talk: the mode is on, a call is active, the
    // window is in front and the focus is not where Space types a space.
    [[nodiscard]] bool spaceTalks() const;

    api::NodeClient& m_node;
    QWidget& m_window;
    const PeerListModel& m_peers;
    const RoomListModel& m_rooms;
    CallBar& m_bar;
    TrayIcon& m_tray;
    std::optional<api::CallView> m_call;
    // The links of the room's call shown in m_call, if it is one.
    RoomCall m_roomCall;
    // The room (its id) whose ringing call the user answered or declined:
    // its invites, whichever invitation each came with, ring on until the
    // node has acted, and must not bring the dialog back. Forgotten when
    // the room's call has ended here, so that a later one rings.
    QString m_decidedRoom;
    // Likewise the call between two (its id) the user answered or declined:
    // reports sent before the node acted still say it rings.
    QString m_decidedCall;
    QPointer<IncomingCallDialog> m_incoming;
    // The room (its id) whose call m_incoming rings for; empty for a call between two.
    QString m_incomingRoom;
    bool m_pushToTalk = false;
    bool m_talking = false;
};

} // namespace confab::ui
