#include "focus_ring.h"

#include <QPainter>

namespace confab::ui {

void drawFocusRing(QPainter* painter, const QStyleOptionViewItem& option)
{
    if (!(option.state & QStyle::State_HasFocus)) {
        return;
    }
    const bool selected = option.state & QStyle::State_Selected;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    const QRect ring = option.rect.adjusted(1, 1, -1, -1);
    constexpr int kWidth = 2;
    painter->drawRect(QRect(ring.left(), ring.top(), ring.width(), kWidth));
    painter->drawRect(QRect(ring.left(), ring.bottom() + 1 - kWidth, ring.width(), kWidth));
    painter->drawRect(QRect(ring.left(), ring.top(), kWidth, ring.height()));
    painter->drawRect(QRect(ring.right() + 1 - kWidth, ring.top(), kWidth, ring.height()));
    painter->restore();
}

} // namespace confab::ui
