#pragma once

#include "api/node_client.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace confab::ui {

class CallBar;
class IncomingCallDialog;
class PeerListModel;
class TrayIcon;

// The window's side of voice calls: follows the node's calls,
// shows the one in progress in the call bar, rings with a dialog (and a tray
// notification when the window is not in front) for an incoming one, without
// taking the keyboard from where the user is typing, says when a call was
// missed, and turns the user's commands — Call, Answer,
// Decline, Mute, Push-to-talk (Space held while the mode is on and the
// focus is not in a text box), Hang Up — into node commands.
class CallController : public QObject {
    Q_OBJECT
public:
    // How long a missed call stays in the status bar.
    static constexpr int kMissedNoticeMs = 60000;
    static constexpr int kFailureNoticeMs = 10000;

    CallController(api::NodeClient& client, QWidget& window, const PeerListModel& peers, CallBar& bar,
                   TrayIcon& tray, QObject* parent = nullptr);
    ~CallController() override;

    void call(const PeerId& peer);
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

    // The call in progress (ringing, calling or active), as last reported.
    [[nodiscard]] const std::optional<api::CallView>& currentCall() const { return m_call; }
    [[nodiscard]] bool hasCall() const { return m_call.has_value(); }
    [[nodiscard]] bool isMuted() const { return m_call && m_call->muted; }
    [[nodiscard]] bool isPushToTalk() const { return m_pushToTalk; }
    [[nodiscard]] bool isTalking() const { return m_talking; }
    // While a call rings here; null otherwise.
    [[nodiscard]] IncomingCallDialog* incomingDialog() const;

signals:
    // A call began, changed phase or ended, or mute or push-to-talk changed.
    void changed();
    // Something for the status bar (a missed call, a refused command).
    void notice(const QString& text, int ms);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onCallChanged(const api::CallView& call);
    void onCallEnded(const api::CallView& call);
    void onCallFailed(const PeerId& peer, const QString& error);
    // Runs a call command on the node; a refusal becomes a notice.
    template <typename Command> void command(const PeerId& peer, Command run);
    void showIncoming(const api::CallView& call);
    void closeIncoming();
    [[nodiscard]] QString nameOf(const PeerId& peer) const;
    [[nodiscard]] bool isVerified(const PeerId& peer) const;
    [[nodiscard]] bool isWindowSeen() const;
    // Space belongs to push-to-talk: the mode is on, a call is active, the
    // window is in front and the focus is not where Space types a space.
    [[nodiscard]] bool spaceTalks() const;

    api::NodeClient& m_node;
    QWidget& m_window;
    const PeerListModel& m_peers;
    CallBar& m_bar;
    TrayIcon& m_tray;
    std::optional<api::CallView> m_call;
    QPointer<IncomingCallDialog> m_incoming;
    bool m_pushToTalk = false;
    bool m_talking = false;
};

} // namespace confab::ui
