#pragma once

#include "base/peer_id.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace confab::ui {

// Someone is calling: their name and whether they are verified, Answer or
// Decline. Not modal: the window stays usable while it rings. It never takes
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

    [[nodiscard]] const PeerId& peer() const { return m_peer; }
    [[nodiscard]] const QString& callId() const { return m_callId; }
    [[nodiscard]] QString peerName() const;
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
    PeerId m_peer;
    QString m_callId;
    QLabel* m_name;
    QLabel* m_badge;
    QPushButton* m_answer;
    QPushButton* m_decline;
    bool m_dismissed = false;
};

} // namespace confab::ui
