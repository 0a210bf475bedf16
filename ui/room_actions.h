#pragma once

#include "api/node_client.h"
#include "dialogs/create_room_dialog.h"
#include "dialogs/invite_to_room_dialog.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace confab::ui {

class PeerListModel;

// What the user does to rooms: New Room…, Invite…, Rename…, Leave… and,
// for an admin, removing a member (asked first) or making one an admin.
// Dialogs open without blocking (open()); each change then goes to the node,
// and what happened is said in the status bar (notice) or, for a failure,
// in words that say why (failed).
class RoomActions : public QObject {
    Q_OBJECT
public:
    static constexpr int kNoticeMs = 8000;

    RoomActions(api::NodeClient& client, const PeerListModel& peers, QWidget& window,
                QObject* parent = nullptr);

    void createRoom();
    void invite(const api::RoomView& room);
    void rename(const api::RoomView& room);
    void leave(const api::RoomView& room);
    void remove(const api::RoomView& room, const PeerId& member, const QString& name);
    void promote(const api::RoomView& room, const PeerId& member, const QString& name);

    // While open; null otherwise (for tests).
    [[nodiscard]] CreateRoomDialog* createDialog() const { return m_create; }
    [[nodiscard]] InviteToRoomDialog* inviteDialog() const { return m_invite; }
    [[nodiscard]] QMessageBox* confirmation() const { return m_confirmation; }

signals:
    void notice(const QString& text, int ms);
    void failed(const QString& error);
    // A room was made here: the window opens it.
    void created(const QString& room);
    // A room changed (members, name, left): lists and the pane load it again.
    void changed();

private:
    [[nodiscard]] api::PeerSummaries peers() const;
    // Asks `question` with `action` on the destructive button; runs `confirmed` on it.
    void confirm(const QString& title, const QString& question, const QString& details, const QString& action,
                 std::function<void()> confirmed);
    // Runs a change on the node; says `done` or why it failed.
    void change(std::function<api::RoomResult(api::Node&)> command, const QString& done);

    api::NodeClient& m_node;
    const PeerListModel& m_peers;
    QWidget& m_window;
    QPointer<CreateRoomDialog> m_create;
    QPointer<InviteToRoomDialog> m_invite;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace confab::ui
