#pragma once

#include "api/node_types.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

namespace confab::ui {

// The rooms this node is or was in, in the order the node gives them: name,
// members (how many, how many of the others are online), unread count, and
// whether this node has left. A left room stays listed, because its history
// does.
class RoomListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1, // QString, 32 hex digits
        NameRole,
        UnreadRole,
        MembersTextRole, // "5 members · 2 online", or that this node left
        LeftRole,
        OnlineCountRole, // members other than this node that are connected
    };

    explicit RoomListModel(QObject* parent = nullptr);

    // Updates in place when the same rooms come back in the same order, so
    // views keep their selection and scroll position.
    void setRooms(const std::vector<api::RoomView>& rooms);
    [[nodiscard]] std::optional<int> rowOf(const QString& roomId) const;
    [[nodiscard]] const api::RoomView& at(int row) const { return m_rooms.at(static_cast<std::size_t>(row)); }
    [[nodiscard]] int totalUnread() const;
    // The others in the room that are connected now.
    static int onlineCount(const api::RoomView& room);
    // The second line of a row: "5 members · 2 online" (this node counts as
    // a member, never as online), or "You left this room".
    static QString membersText(const api::RoomView& room);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    static QString accessibleText(const api::RoomView& room);
    static QString toolTipText(const api::RoomView& room);

    std::vector<api::RoomView> m_rooms;
};

} // namespace confab::ui
