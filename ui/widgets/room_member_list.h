#pragma once

#include "api/node_types.h"

#include <QListWidget>

namespace confab::ui {

// A room's members: who is online (a link to them is up), who is an admin,
// and which one is you. An admin removes a member or makes one an admin from
// the context menu (right click, the Menu key or Shift+F10).
class RoomMemberList : public QListWidget {
    Q_OBJECT
public:
    explicit RoomMemberList(QWidget* parent = nullptr);

    void setRoom(const api::RoomView& room);
    // "Ann (admin), online": what a screen reader reads (a row shows the
    // name and role, with a dot for the presence).
    static QString memberText(const api::RoomMemberView& member);
    // The member of `row`; nullptr past the end.
    [[nodiscard]] const api::RoomMemberView* memberAt(int row) const;

signals:
    void removeRequested(const confab::PeerId& member, const QString& name);
    void promoteRequested(const confab::PeerId& member, const QString& name);

private:
    void showMenu(const QPoint& position);

    api::RoomView m_room;
};

} // namespace confab::ui
