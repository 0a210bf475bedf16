#pragma once

#include "base/peer_id.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace confab::ui {

// Someone is calling: their name and whether they are verified, Answer or
// Decline. For a room's call it says who calls which room, and Answer joins
// the call. Not modal: the window stays usable while it rings. It never takes
// keys meant for something else: it shows without taking the focus (and
// hands it back where a window system activates it anyway, see
// returnKeyboardTo()), has no default button, and Enter or Space answers only
// on a button the user has moved to, never as a key held down from before
// (auto-repeat). Escape declines once the user is in it. Accepted means
// answered, rejected means declined; the owner closes it with dismiss() when
// the caller gives up.
class IncomingCallDialog : public QDialog {
    Q_OBJECT
public:
    IncomingCallDialog(const PeerId& peer, const QString& callId, const QString& peerName, bool verified,
                       QWidget* parent = nullptr);

    // A room's call rings: `callers` says who calls which room
    // (CallText::roomCallers()); called again as more members' invites come.
    void showRoomCall(const QString& roomName, const QString& callers, bool verified);

    [[nodiscard]] const PeerId& peer() const { return m_peer; }
    // The call's id; for a room's call, the room call's id its first link
    // came with (the room, not this id, is what makes its links one call).
    [[nodiscard]] const QString& callId() const { return m_callId; }
    // Who calls: the caller's name, or for a room's call the sentence.
    [[nodiscard]] QString peerName() const;
    // The room called; empty for a call between two.
    [[nodiscard]] const QString& roomName() const { return m_roomName; }
    [[nodiscard]] QString headingText() const;
    [[nodiscard]] QString badgeText() const;
    [[nodiscard]] QPushButton* answerButton() const { return m_answer; }
    [[nodiscard]] QPushButton* declineButton() const { return m_decline; }
    // Where the user was typing when the call came in (call before show()).
    // Should the window system activate the dialog anyway before the user
    // turns to it (a click) or types on elsewhere, the keyboard goes straight
    // back there, with the keys that reached the dialog meanwhile. (A user who
    // switches to the dialog from the keyboard before doing anything else
    // lands back there once; Ctrl+Shift+A and Ctrl+Shift+D work from anywhere.)
    void returnKeyboardTo(QWidget* focus);
    // Closes without answering or declining (the call ended elsewhere).
    void dismiss();

signals:
    void answered();
    void declined();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setVerified(bool verified);

    PeerId m_peer;
    QString m_callId;
    QString m_roomName;
    QLabel* m_heading;
    QLabel* m_name;
    QLabel* m_badge;
    QPushButton* m_answer;
    QPushButton* m_decline;
    bool m_dismissed = false;
};

} // namespace confab::ui
