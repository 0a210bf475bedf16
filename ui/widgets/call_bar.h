#pragma once

#include "api/node_types.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace confab::ui {

class LevelMeterWidget;

// The call in progress, inside the main window: who, its state (Calling…,
// Ringing…, then the connected time), the microphone level, Mute,
// Push-to-talk with its Talk button, Hang Up, and one sentence for what the
// user must know (the microphone, the speaker or both could not be opened;
// the microphone is closed). A room's call shows as one call: the room's
// name, how many are in it, and Leave Call. After the call it says for a few
// seconds how it ended, then hides.
class CallBar : public QFrame {
    Q_OBJECT
public:
    static constexpr int kEndedShownMs = 5000;

    explicit CallBar(QWidget* parent = nullptr);

    // An ongoing call (any phase but Ended).
    void showCall(const api::CallView& call, const QString& peerName);
    // How the call ended, for kEndedShownMs; then the bar hides.
    void showEnded(const api::CallView& call, const QString& peerName);
    // A room's call as a whole (RoomCall::summary()), with the people in it here.
    void showRoomCall(const api::CallView& call, const QString& roomName, int peopleInCall);
    // How the room's call ended here (its last link's reason), as showEnded().
    void showRoomEnded(api::CallEndReason lastReason, const QString& roomName);
    // Push-to-talk mode: the Talk button shows, the microphone is closed unless it is held.
    void setPushToTalk(bool on);
    // The Talk button (or Space) is held.
    void setTalking(bool talking);
    [[nodiscard]] bool isEnded() const { return m_ended; }

    [[nodiscard]] QString peerText() const;
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString noticeText() const;
    [[nodiscard]] LevelMeterWidget* levelMeter() const { return m_level; }
    [[nodiscard]] QToolButton* muteButton() const { return m_mute; }
    [[nodiscard]] QToolButton* pushToTalkButton() const { return m_pushToTalk; }
    [[nodiscard]] QToolButton* talkButton() const { return m_talk; }
    [[nodiscard]] QPushButton* hangUpButton() const { return m_hangUp; }

signals:
    void muteToggled(bool muted);
    void pushToTalkToggled(bool on);
    // The Talk button was pressed (true) or released (false).
    void talkHeld(bool held);
    void hangUpRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    // The parts of showCall() and showRoomCall() that are the same.
    void showOngoing(const api::CallView& call, const QString& title, const QString& state);
    void showFinished(const QString& title, const QString& state);
    void updateNotice();
    void updateColours();

    QLabel* m_peer;
    QLabel* m_state;
    LevelMeterWidget* m_level;
    QToolButton* m_mute;
    QToolButton* m_pushToTalk;
    QToolButton* m_talk;
    QPushButton* m_hangUp;
    QLabel* m_notice;
    QTimer* m_hideTimer;
    QString m_audioNotice;
    bool m_microphoneWorks = true;
    bool m_speakerWorks = true;
    bool m_muted = false;
    bool m_pushToTalkOn = false;
    bool m_talking = false;
    bool m_ended = false;
    bool m_warning = false;
    bool m_roomCall = false;
};

} // namespace confab::ui
