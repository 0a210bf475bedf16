#include "room_actions.h"

#include "models/peer_list_model.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QPushButton>

#include <algorithm>
#include <utility>

namespace confab::ui {

RoomActions::RoomActions(api::NodeClient& client, const PeerListModel& peers, QWidget& window,
                         QObject* parent)
    : QObject(parent), m_node(client), m_peers(peers), m_window(window)
{
    // Someone found while a dialog is open is offered at once.
    connect(&m_peers, &QAbstractItemModel::modelReset, this, [this] {
        if (m_create) {
            m_create->setPeers(this->peers());
        }
        if (m_invite) {
            m_invite->setPeers(this->peers());
        }
    });
}

api::PeerSummaries RoomActions::peers() const
{
    api::PeerSummaries peers;
    for (int row = 0; row < m_peers.rowCount(); ++row) {
        peers.push_back(m_peers.at(row));
    }
    return peers;
}

void RoomActions::createRoom()
{
    if (m_create) {
        m_create->raise();
        m_create->activateWindow();
        return;
    }
    m_create = new CreateRoomDialog(peers(), &m_window);
    m_create->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_create, &QDialog::accepted, this, [this, dialog = m_create] {
        const QString name = dialog->name();
        m_node.call(
            this,
            [name, members = dialog->members()](api::Node& node) { return node.createRoom(name, members); },
            [this, name](const api::RoomResult& made) {
                if (!made) {
                    emit failed(tr("The room “%1” was not made: %2").arg(name, made.error()));
                    return;
                }
                emit changed();
                emit created(made.value().id);
                emit notice(tr("Made the room “%1”; its members are being told.").arg(name), kNoticeMs);
            });
    });
    m_create->open();
}

void RoomActions::invite(const api::RoomView& room)
{
    if (m_invite) {
        m_invite->raise();
        m_invite->activateWindow();
        return;
    }
    m_invite = new InviteToRoomDialog(peers(), room, &m_window);
    m_invite->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_invite, &QDialog::accepted, this, [this, dialog = m_invite, id = room.id] {
        for (const PeerId& peer : dialog->chosen()) {
            const auto row = m_peers.rowOf(peer);
            const QString name = row ? PeerListModel::nameOf(m_peers.at(*row)) : PeerListModel::shortId(peer);
            change([id, peer](api::Node& node) { return node.inviteToRoom(id, peer); },
                   tr("Invited %1.").arg(name));
        }
    });
    m_invite->open();
}

void RoomActions::rename(const api::RoomView& room)
{
    auto* dialog = new QInputDialog(&m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename Room"));
    dialog->setLabelText(tr("New name for “%1” (every member sees it):").arg(room.name));
    dialog->setTextValue(room.name);
    dialog->setOkButtonText(tr("&Rename"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id = room.id, old = room.name](const QString& typed) {
                const QString name = typed.trimmed();
                if (name.isEmpty() || name == old) {
                    return;
                }
                change([id, name](api::Node& node) { return node.renameRoom(id, name); },
                       tr("Renamed the room to “%1”.").arg(name));
            });
    dialog->open();
}

void RoomActions::leave(const api::RoomView& room)
{
    const bool lastAdmin =
        room.admin && std::count_if(room.members.begin(), room.members.end(),
                                    [](const api::RoomMemberView& m) { return m.admin; }) == 1;
    const QString details =
        lastAdmin && room.members.size() > 1
            ? tr("You are its only admin: the member who has been in it longest becomes admin. Its history "
                 "stays on this computer; you get nothing new unless someone invites you again.")
            : tr("Its history stays on this computer; you get nothing new unless someone invites you again.");
    confirm(tr("Leave “%1”?").arg(room.name), tr("Leave the room “%1”?").arg(room.name), details,
            tr("&Leave"), [this, id = room.id, name = room.name] {
                change([id](api::Node& node) { return node.leaveRoom(id); }, tr("You left “%1”.").arg(name));
            });
}

void RoomActions::remove(const api::RoomView& room, const PeerId& member, const QString& name)
{
    confirm(
        tr("Remove %1?").arg(name), tr("Remove %1 from “%2”?").arg(name, room.name),
        tr("%1 keeps what they have, but cannot read anything written in the room from now on.").arg(name),
        tr("&Remove"), [this, id = room.id, member, name] {
            change([id, member](api::Node& node) { return node.removeFromRoom(id, member); },
                   tr("Removed %1 from the room.").arg(name));
        });
}

void RoomActions::promote(const api::RoomView& room, const PeerId& member, const QString& name)
{
    change([id = room.id, member](api::Node& node) { return node.promoteInRoom(id, member); },
           tr("%1 is an admin now.").arg(name));
}

void RoomActions::confirm(const QString& title, const QString& question, const QString& details,
                          const QString& action, std::function<void()> confirmed)
{
    if (m_confirmation) {
        m_confirmation->raise();
        m_confirmation->activateWindow();
        return;
    }
    auto* box = new QMessageBox(&m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(title);
    box->setText(question);
    box->setInformativeText(details);
    QPushButton* yes = box->addButton(action, QMessageBox::DestructiveRole);
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter and Escape change nothing, unless the user moved the focus to the action.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [box, yes, confirmed = std::move(confirmed)] {
        if (box->clickedButton() == yes) {
            confirmed();
        }
    });
    m_confirmation = box;
    box->open();
}

void RoomActions::change(std::function<api::RoomResult(api::Node&)> command, const QString& done)
{
    m_node.call(this, std::move(command), [this, done](const api::RoomResult& result) {
        if (!result) {
            emit failed(result.error());
            return;
        }
        emit changed();
        emit notice(done, kNoticeMs);
    });
}

} // namespace confab::ui
