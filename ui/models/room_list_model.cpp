#include "room_list_model.h"

#include "room_text.h"

#include <QFont>

#include <algorithm>
#include <numeric>

namespace confab::ui {

RoomListModel::RoomListModel(QObject* parent) : QAbstractListModel(parent)
{
}

void RoomListModel::setRooms(const std::vector<api::RoomView>& rooms)
{
    const bool sameRows =
        rooms.size() == m_rooms.size() &&
        std::equal(rooms.begin(), rooms.end(), m_rooms.begin(),
                   [](const api::RoomView& a, const api::RoomView& b) { return a.id == b.id; });
    if (sameRows) {
        m_rooms = rooms;
        if (!m_rooms.empty()) {
            emit dataChanged(index(0), index(rowCount() - 1));
        }
        return;
    }
    beginResetModel();
    m_rooms = rooms;
    endResetModel();
}

std::optional<int> RoomListModel::rowOf(const QString& roomId) const
{
    for (std::size_t row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms[row].id == roomId) {
            return static_cast<int>(row);
        }
    }
    return std::nullopt;
}

int RoomListModel::totalUnread() const
{
    return std::accumulate(m_rooms.begin(), m_rooms.end(), 0,
                           [](int sum, const api::RoomView& room) { return sum + room.unread; });
}

int RoomListModel::onlineCount(const api::RoomView& room)
{
    // This node is a member but never "online": the count says whom a
    // message would reach now.
    return static_cast<int>(
        std::count_if(room.members.begin(), room.members.end(),
                      [](const api::RoomMemberView& m) { return !m.self && m.connected; }));
}

QString RoomListModel::membersText(const api::RoomView& room)
{
    if (room.left) {
        return tr("You left this room");
    }
    //: The second line of a room in the list: "5 members · 2 online".
    return tr("%1 · %2").arg(tr("%n member(s)", nullptr, static_cast<int>(room.members.size())),
                             tr("%n online", nullptr, onlineCount(room)));
}

QString RoomListModel::accessibleText(const api::RoomView& room)
{
    QStringList parts{tr("Room %1").arg(room.name)};
    if (room.left) {
        parts << tr("you left this room");
    } else {
        parts << tr("%n member(s)", nullptr, static_cast<int>(room.members.size()))
              << tr("%n online", nullptr, onlineCount(room));
    }
    if (room.unread > 0) {
        parts << tr("%n unread message(s)", nullptr, room.unread);
    }
    return parts.join(QStringLiteral(", "));
}

QString RoomListModel::toolTipText(const api::RoomView& room)
{
    QStringList names;
    for (const api::RoomMemberView& member : room.members) {
        QString name = member.self ? tr("you") : RoomText::memberName(member.peer, member.name);
        if (member.admin) {
            //: A room member who may invite, remove, promote and rename: "Alice (admin)".
            name = tr("%1 (admin)").arg(name);
        }
        names << name;
    }
    const QString members = tr("Members: %1").arg(names.join(QStringLiteral(", ")));
    return room.left ? tr("You left this room.") + QLatin1Char('\n') + members : members;
}

int RoomListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const api::RoomView& room = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room.name;
    case Qt::AccessibleTextRole:
        return accessibleText(room);
    case Qt::ToolTipRole:
        return toolTipText(room);
    case Qt::FontRole:
        if (room.unread > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case RoomIdRole:
        return room.id;
    case UnreadRole:
        return room.unread;
    case MembersTextRole:
        return membersText(room);
    case LeftRole:
        return room.left;
    case OnlineCountRole:
        return onlineCount(room);
    default:
        return {};
    }
}

} // namespace confab::ui
