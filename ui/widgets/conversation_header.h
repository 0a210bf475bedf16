#pragma once

#include "api/node_host_types.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace confab::ui {

// Above the conversation: who it is with, whether they are online and
// verified, and the way to their details (safety number).
class ConversationHeader : public QWidget {
    Q_OBJECT
public:
    explicit ConversationHeader(QWidget* parent = nullptr);

    // Shows the peer; nullptr shows the "choose a peer" prompt.
    void setPeer(const api::PeerSummary* peer);
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString badgeText() const;
    [[nodiscard]] QToolButton* detailsButton() const { return m_details; }

signals:
    void detailsRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColours();

    QLabel* m_name;
    QLabel* m_badge;
    QLabel* m_presence;
    QToolButton* m_details;
    bool m_verified = false;
    bool m_warning = false;
};

} // namespace confab::ui
