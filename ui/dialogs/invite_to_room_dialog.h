#pragma once

#include "api/node_types.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;

namespace confab::ui {

class PeerChecklist;

// Asks whom to invite into a room, offering the known peers that are not in
// it already. Invite is offered once someone is chosen; whoever opened it
// reads chosen() once it is accepted.
class InviteToRoomDialog : public QDialog {
    Q_OBJECT
public:
    InviteToRoomDialog(const api::PeerSummaries& peers, const api::RoomView& room, QWidget* parent = nullptr);

    [[nodiscard]] std::vector<PeerId> chosen() const;

    PeerChecklist* checklist() const { return m_people; }
    QPushButton* inviteButton() const { return m_invite; }

    void accept() override;
    // Someone was found or went while the dialog is open.
    void setPeers(const api::PeerSummaries& peers);

private:
    // Offers the default button once nothing is missing, and says what is.
    void checkReady();

    PeerChecklist* m_people;
    std::vector<PeerId> m_members; // not offered: in the room already
    QLabel* m_hint;
    QPushButton* m_invite = nullptr;
};

} // namespace confab::ui
