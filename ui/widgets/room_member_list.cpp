#include "room_member_list.h"

#include "room_text.h"
#include "theme.h"

#include <QMenu>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace confab::ui {

namespace {

// A dot in the presence colour, as the peer list draws one.
QIcon presenceDot(const QColor& colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    const qreal diameter = size * 0.55;
    painter.drawEllipse(QRectF((size - diameter) / 2, (size - diameter) / 2, diameter, diameter));
    return QIcon(pixmap);
}

} // namespace

RoomMemberList::RoomMemberList(QWidget* parent) : QListWidget(parent)
{
    setAccessibleName(tr("Room members"));
    setAccessibleDescription(tr("The Menu key or Shift+F10 offers Remove and Make Admin to an admin."));
    setContextMenuPolicy(Qt::CustomContextMenu);
    setUniformItemSizes(true);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(fontMetrics().averageCharWidth() * 16);
    connect(this, &QWidget::customContextMenuRequested, this, &RoomMemberList::showMenu);
}

QString RoomMemberList::memberText(const api::RoomMemberView& member)
{
    const QString name = member.self ? tr("You") : RoomText::memberName(member.peer, member.name);
    QString role = member.admin ? tr("%1 (admin)").arg(name) : name;
    if (member.self) {
        return role;
    }
    return member.connected ? tr("%1, online").arg(role) : tr("%1, offline").arg(role);
}

void RoomMemberList::setRoom(const api::RoomView& room)
{
    const int current = currentRow();
    m_room = room;
    // You first, then admins, then by name: the order a reader expects.
    std::stable_sort(m_room.members.begin(), m_room.members.end(), [](const auto& a, const auto& b) {
        if (a.self != b.self) {
            return a.self;
        }
        if (a.admin != b.admin) {
            return a.admin;
        }
        return RoomText::memberName(a.peer, a.name).localeAwareCompare(RoomText::memberName(b.peer, b.name)) <
               0;
    });
    clear();
    const int dot = fontMetrics().height();
    setIconSize(QSize(dot, dot));
    const QIcon online = presenceDot(theme::positive(palette()), dot);
    const QIcon offline = presenceDot(theme::mutedText(palette()), dot);
    for (const api::RoomMemberView& member : m_room.members) {
        // The dot says online or not; words say it to a screen reader and in the tooltip.
        const QString name = member.self ? tr("You") : RoomText::memberName(member.peer, member.name);
        auto* item = new QListWidgetItem(member.admin ? tr("%1 (admin)").arg(name) : name, this);
        item->setData(Qt::AccessibleTextRole, memberText(member));
        // Offline members in muted text, as the peer list shows them.
        const bool present = member.connected || member.self;
        item->setForeground(present ? palette().color(QPalette::Text) : theme::mutedText(palette()));
        item->setIcon(present ? online : offline);
        item->setToolTip(
            tr("%1\nID %2").arg(memberText(member), QString::fromStdString(member.peer.toText())));
    }
    if (current >= 0 && current < count()) {
        setCurrentRow(current);
    }
}

const api::RoomMemberView* RoomMemberList::memberAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_room.members.size()) {
        return nullptr;
    }
    return &m_room.members.at(static_cast<std::size_t>(row));
}

void RoomMemberList::showMenu(const QPoint& position)
{
    // A right click names its row; the keyboard's menu the current one.
    const QListWidgetItem* item = itemAt(position);
    const api::RoomMemberView* member = memberAt(item ? row(item) : currentRow());
    if (member == nullptr || member->self || !m_room.admin || m_room.left) {
        return;
    }
    const PeerId peer = member->peer;
    const QString name = RoomText::memberName(member->peer, member->name);
    QMenu menu(this);
    if (!member->admin) {
        menu.addAction(tr("Make %1 an &Admin").arg(name), this,
                       [this, peer, name] { emit promoteRequested(peer, name); });
    }
    menu.addAction(tr("&Remove %1 from the Room…").arg(name), this,
                   [this, peer, name] { emit removeRequested(peer, name); });
    const QRect rect = visualItemRect(item ? item : currentItem());
    menu.exec(viewport()->mapToGlobal(item ? position : rect.center()));
}

} // namespace confab::ui
