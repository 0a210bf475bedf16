#include "peer_delegate.h"

#include "focus_ring.h"
#include "models/peer_list_model.h"
#include "presence_dot.h"
#include "theme.h"

#include <QPainter>

#include <algorithm>
#include <numbers>

namespace confab::ui {

void PeerDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const
{
    drawBackground(painter, option, index);

    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool blocked = index.data(PeerListModel::BlockedRole).toBool();
    // A blocked peer is greyed out, and says "blocked" after its name.
    const QColor text = selected  ? palette.color(QPalette::HighlightedText)
                        : blocked ? theme::mutedText(palette)
                                  : palette.color(QPalette::Text);
    const QColor muted = selected ? text : theme::mutedText(palette);
    const bool unreadMessages = index.data(PeerListModel::UnreadRole).toInt() > 0;

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

    // The avatar at the row's start, as tall as both lines; a blocked peer's is faded like its name.
    const int side = secondLine.bottom() - firstLine.top() + 1;
    const QRectF avatar(firstLine.left(), firstLine.top(), side, side);
    painter->save();
    painter->setFont(option.font);
    if (blocked) {
        painter->setOpacity(0.45);
    }
    m_avatars.paint(*painter, avatar,
                    {index.data(PeerListModel::AvatarRole).toByteArray(),
                     index.data(PeerListModel::NameRole).toString(),
                     index.data(PeerListModel::PeerIdRole).toString()});
    painter->restore();

    // Presence, on the avatar's lower right edge in a ring of the row's own
    // background that sets it off from the picture: filled when online, a
    // ring when not (not colour alone); a ring in the online colour when
    // reachable through relays, which the "via" text after the name says in
    // words. A linked peer that says it is away or busy gets that dot
    // (presence_dot.h).
    const int dot = std::max(8, em * 55 / 100);
    const qreal gap = std::max(1.5, em / 10.0);
    const QPointF dotCentre = avatar.center() + QPointF(side, side) * (0.5 / std::numbers::sqrt2);
    const QRectF dotRect(dotCentre.x() - dot / 2.0, dotCentre.y() - dot / 2.0, dot, dot);
    QPalette dotPalette = palette;
    dotPalette.setColor(QPalette::Base,
                        selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Base));
    painter->setPen(Qt::NoPen);
    painter->setBrush(dotPalette.color(QPalette::Base));
    painter->drawEllipse(dotRect.adjusted(-gap, -gap, gap, gap));
    const bool online = index.data(PeerListModel::OnlineRole).toBool();
    const QString via = index.data(PeerListModel::ViaRole).toString();
    const bool reachable = online || !via.isEmpty();
    const QVariant presence = index.data(PeerListModel::PresenceRole);
    const QRectF inside = dotRect.adjusted(0.75, 0.75, -0.75, -0.75); // the pen's half width
    if (presence.isValid()) {
        paintPresenceDot(*painter, inside, dotPalette, static_cast<api::Presence>(presence.toInt()));
    } else {
        painter->setPen(QPen(reachable ? theme::positive(palette) : muted, 1.5));
        painter->setBrush(online ? QBrush(theme::positive(palette))
                                 : QBrush(dotPalette.color(QPalette::Base)));
        painter->drawEllipse(inside);
    }
    const int textLeft = firstLine.left() + side + em / 2;

    // Right column: time on the first line, unread count below it.
    int firstRight = firstLine.right();
    const QString time = index.data(PeerListModel::LastTimeRole).toString();
    if (!time.isEmpty()) {
        const int width = secondMetrics.horizontalAdvance(time);
        painter->setFont(secondFont);
        painter->setPen(muted);
        painter->drawText(QRect(firstRight - width, firstLine.top(), width, firstLine.height()),
                          Qt::AlignRight | Qt::AlignVCenter, time);
        firstRight -= width + em / 2;
    }
    int secondRight = secondLine.right();
    if (unreadMessages) {
        secondRight =
            drawUnreadPill(painter, option, row, index.data(PeerListModel::UnreadRole).toInt(), secondRight);
    }

    // Badge after the name: a block outranks a pending key warning, which
    // outranks verification.
    QString badge;
    QColor badgeColor;
    if (blocked) {
        badge = QStringLiteral("\u2298 ") + tr("blocked");
        badgeColor = muted;
    } else if (index.data(PeerListModel::KeyWarningRole).toBool()) {
        badge = QStringLiteral("\u26A0 ") + tr("key warning");
        badgeColor = selected ? text : theme::danger(palette);
    } else if (index.data(PeerListModel::VerifiedRole).toBool()) {
        badge = QStringLiteral("\u2713 ") + tr("verified");
        badgeColor = selected ? text : theme::positive(palette);
    }
    // Another peer has the same name: the start of the ID tells them apart.
    const QString namesakeId = index.data(PeerListModel::NamesakeIdRole).toString();
    const int namesakeWidth = namesakeId.isEmpty() ? 0 : secondMetrics.horizontalAdvance(namesakeId) + em / 2;
    const int badgeWidth =
        (badge.isEmpty() ? 0 : secondMetrics.horizontalAdvance(badge) + em / 2) + namesakeWidth;
    // "via Bob" last: where the row is narrow, it gives way before the name
    // does, down to "via …", which the name leaves room for.
    const QString viaText = via.isEmpty() ? QString() : tr("via %1").arg(via);
    const int viaWanted = viaText.isEmpty() ? 0 : secondMetrics.horizontalAdvance(viaText) + em / 2;
    const QString fullName = index.data(PeerListModel::NameRole).toString();
    const int roomForName = firstRight - textLeft - badgeWidth;
    const int nameWanted = nameMetrics.horizontalAdvance(fullName);
    const int viaShortest = secondMetrics.horizontalAdvance(tr("via %1").arg(QChar(0x2026))) + em / 2;
    const int viaReserved = std::min(viaWanted, viaShortest);
    const bool nameFits = nameWanted + viaWanted <= roomForName;
    const int nameSpace = std::max(em, nameFits ? nameWanted : roomForName - viaReserved);
    // A name that fits is drawn whole: elidedText() measures with fractional
    // advances and may cut a name at exactly its own rounded width ("b…").
    const QString name = nameFits ? fullName : nameMetrics.elidedText(fullName, Qt::ElideRight, nameSpace);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QRect nameRect(textLeft, firstLine.top(), nameSpace + em / 2, firstLine.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, name);
    int nextLeft = textLeft + nameMetrics.horizontalAdvance(name) + em / 2;
    if (!namesakeId.isEmpty()) {
        painter->setFont(secondFont);
        painter->setPen(muted);
        painter->drawText(QRect(nextLeft, firstLine.top(), namesakeWidth, firstLine.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, namesakeId);
        nextLeft += namesakeWidth;
    }
    if (!badge.isEmpty()) {
        painter->setFont(secondFont);
        painter->setPen(badgeColor);
        painter->drawText(QRect(nextLeft, firstLine.top(), firstRight - nextLeft, firstLine.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, badge);
        nextLeft += badgeWidth - namesakeWidth;
    }
    if (!viaText.isEmpty() && firstRight - nextLeft > em) {
        painter->setFont(secondFont);
        painter->setPen(muted);
        const QString shown = secondMetrics.elidedText(viaText, Qt::ElideRight, firstRight - nextLeft);
        painter->drawText(QRect(nextLeft, firstLine.top(), firstRight - nextLeft, firstLine.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, shown);
    }

    QFont previewFont = secondFont;
    previewFont.setBold(unreadMessages);
    const QFontMetrics previewMetrics(previewFont);
    const QString preview = previewMetrics.elidedText(index.data(PeerListModel::PreviewTextRole).toString(),
                                                      Qt::ElideRight, secondRight - textLeft);
    painter->setFont(previewFont);
    painter->setPen(unreadMessages ? text : muted);
    painter->drawText(QRect(textLeft, secondLine.top(), secondRight - textLeft, secondLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, preview);

    painter->restore();
    drawFocusRing(painter, option);
}

} // namespace confab::ui
