#pragma once

#include "base/peer_id.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace confab::ui {

// Someone is calling: their name and whether they are verified, Answer
// (Enter) or Decline (Escape). Not modal: the window stays usable while it
// rings. Accepted means answered, rejected means declined; the owner closes
// it with dismiss() when the caller gives up.
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
    // Closes without answering or declining (the call ended elsewhere).
    void dismiss();

signals:
    void answered();
    void declined();

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
