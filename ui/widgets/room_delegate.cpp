#include "room_delegate.h"

#include "focus_ring.h"
#include "models/room_list_model.h"
#include "theme.h"

#include <QPainter>

#include <algorithm>

namespace confab::ui {

void RoomDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const
{
    drawBackground(painter, option, index);

    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool left = index.data(RoomListModel::LeftRole).toBool();
    // A room this node left is greyed out; its second line says why.
    const QColor text = selected ? palette.color(QPalette::HighlightedText)
                        : left   ? theme::mutedText(palette)
                                 : palette.color(QPalette::Text);
    const QColor muted = selected ? text : theme::mutedText(palette);
    const int unread = index.data(RoomListModel::UnreadRole).toInt();

    const Row row = rowOf(option);
    const QFont& nameFont = row.nameFont;
    const QFont& secondFont = row.secondFont;
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics secondMetrics(secondFont);
    const int em = row.em;
    const QRect& firstLine = row.firstLine;
    const QRect& secondLine = row.secondLine;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // The room's mark: a "#" in a rounded square in the highlight colour (the
    // surrounding text when the row itself is highlighted, so that it still
    // shows; muted once left), as tall as both lines like a peer's avatar,
    // so that the names in both lists start at the same place.
    const int side = secondLine.bottom() - firstLine.top() + 1;
    const QRectF mark(firstLine.left() + 0.5, firstLine.top() + 0.5, side - 1, side - 1);
    const QColor markFill = selected ? palette.color(QPalette::HighlightedText)
                            : left   ? theme::mutedText(palette)
                                     : palette.color(QPalette::Highlight);
    const QColor markText = selected ? palette.color(QPalette::Highlight)
                            : left   ? palette.color(QPalette::Base)
                                     : palette.color(QPalette::HighlightedText);
    painter->setPen(Qt::NoPen);
    painter->setBrush(markFill);
    painter->drawRoundedRect(mark, side / 4.0, side / 4.0);
    QFont markFont = nameFont;
    markFont.setPixelSize(std::max(1, side / 2)); // room around the sign inside the square
    painter->setFont(markFont);
    painter->setPen(markText);
    painter->drawText(mark, Qt::AlignCenter, QStringLiteral("#"));
    const int textLeft = firstLine.left() + side + em / 2;

    // The unread count, below on the right, in PeerDelegate's pill.
    int secondRight = secondLine.right();
    if (unread > 0) {
        secondRight = drawUnreadPill(painter, option, row, unread, secondRight);
    }

    const QString fullName = index.data(RoomListModel::NameRole).toString();
    const int nameSpace = std::max(em, firstLine.right() - textLeft);
    // A name that fits is drawn whole: elidedText() measures with fractional
    // advances and may cut a name at exactly its own rounded width.
    const QString name = nameMetrics.horizontalAdvance(fullName) <= nameSpace
                             ? fullName
                             : nameMetrics.elidedText(fullName, Qt::ElideRight, nameSpace);
    painter->setFont(nameFont);
    painter->setPen(text);
    painter->drawText(QRect(textLeft, firstLine.top(), nameSpace + em / 2, firstLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, name);

    const QString members = secondMetrics.elidedText(index.data(RoomListModel::MembersTextRole).toString(),
                                                     Qt::ElideRight, secondRight - textLeft);
    painter->setFont(secondFont);
    painter->setPen(muted);
    painter->drawText(QRect(textLeft, secondLine.top(), secondRight - textLeft, secondLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, members);

    painter->restore();
    drawFocusRing(painter, option);
}

} // namespace confab::ui
