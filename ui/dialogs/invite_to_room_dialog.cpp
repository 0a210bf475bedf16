#include "invite_to_room_dialog.h"

#include "widgets/peer_checklist.h"
#include "widgets/theme.h"
#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace confab::ui {

namespace {

std::vector<PeerId> membersOf(const api::RoomView& room)
{
    std::vector<PeerId> members;
    members.reserve(room.members.size());
    for (const api::RoomMemberView& member : room.members) {
        members.push_back(member.peer);
    }
    return members;
}

} // namespace

InviteToRoomDialog::InviteToRoomDialog(const api::PeerSummaries& peers, const api::RoomView& room,
                                       QWidget* parent)
    : QDialog(parent), m_people(new PeerChecklist(peers, membersOf(room), this)), m_members(membersOf(room)),
      m_hint(new QLabel(this))
{
    setWindowTitle(tr("Invite to %1").arg(room.name));
    auto* prompt = new QLabel(tr("&People to invite to %1:").arg(room.name), this);
    prompt->setBuddy(m_people);
    m_people->list()->setAccessibleName(tr("People to invite"));
    m_people->list()->setAccessibleDescription(
        tr("Everyone Confab knows who is not in the room yet. Space checks or unchecks the person."));
    // Peers known, but every one of them in the room already (or blocked):
    // the usual "nobody found yet" would not be true.
    const bool anyoneKnown = std::any_of(peers.begin(), peers.end(), [](const api::PeerSummary& peer) {
        return peer.view.source.isEmpty() && !peer.view.blocked;
    });
    if (anyoneKnown) {
        m_people->setEmptyText(tr("Everyone Confab has found on the network is in this room already."));
    }

    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("What is missing"));
    QPalette mutedPalette = m_hint->palette();
    mutedPalette.setColor(QPalette::WindowText, theme::mutedText(palette()));
    m_hint->setPalette(mutedPalette);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_invite = buttons->button(QDialogButtonBox::Ok);
    m_invite->setText(tr("&Invite"));
    m_invite->setAccessibleName(tr("Invite the people chosen"));
    m_invite->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &InviteToRoomDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &InviteToRoomDialog::reject);
    connect(m_people, &PeerChecklist::chosenChanged, this, &InviteToRoomDialog::checkReady);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_people, 1);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 55);
    keepTallEnoughForText(this);
    m_people->setFocus();
    checkReady();
}

std::vector<PeerId> InviteToRoomDialog::chosen() const
{
    return m_people->chosen();
}

void InviteToRoomDialog::setPeers(const api::PeerSummaries& peers)
{
    m_people->setPeers(peers, m_members);
    checkReady();
}

void InviteToRoomDialog::checkReady()
{
    const bool someone = !m_people->chosen().empty();
    // Nobody to choose from: the checklist's own sentence says why.
    m_hint->setText(someone || m_people->isEmpty() ? QString() : tr("Choose at least one person."));
    m_hint->setVisible(!m_hint->text().isEmpty());
    m_invite->setEnabled(someone);
}

void InviteToRoomDialog::accept()
{
    // The button is disabled while nobody is chosen, but Enter and accept()
    // from elsewhere do not ask the button.
    if (!m_invite->isEnabled()) {
        return;
    }
    QDialog::accept();
}

} // namespace confab::ui
