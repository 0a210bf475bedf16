#pragma once

#include "api/node_types.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace confab::ui {

class AvatarView;

// Above the conversation: who it is with (their picture or initials, and name), whether they are online (or
// reached through relays) and verified, the Call button, and the way to their details (safety number).
class ConversationHeader : public QWidget {
    Q_OBJECT
public:
    explicit ConversationHeader(QWidget* parent = nullptr);

    // Shows the peer with its presence as the peer list words it ("online",
    // "offline", "via Bob"); nullptr shows the "choose a peer" prompt.
    void setPeer(const api::PeerSummary* peer, const QString& presence);
    [[nodiscard]] QString presenceText() const;
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString badgeText() const;
    [[nodiscard]] AvatarView* avatar() const { return m_avatar; }
    [[nodiscard]] QToolButton* detailsButton() const { return m_details; }
    // Calls: whether the Call button works now, and what its tooltip says
    // (why not, when it does not).
    void setCallAvailability(bool available, const QString& toolTip);
    [[nodiscard]] QToolButton* callButton() const { return m_call; }

signals:
    void detailsRequested();
    void callRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColours();

    AvatarView* m_avatar;
    QLabel* m_name;
    QLabel* m_badge;
    QLabel* m_presence;
    QToolButton* m_details;
    QToolButton* m_call;
    bool m_verified = false;
    bool m_warning = false;
};

} // namespace confab::ui
