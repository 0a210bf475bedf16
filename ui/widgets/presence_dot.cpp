#include "presence_dot.h"

#include "theme.h"

#include <QPainter>
#include <QPixmap>

namespace confab::ui {

void paintPresenceDot(QPainter& painter, const QRectF& rect, const QPalette& palette, api::Presence presence)
{
    QColor colour = theme::positive(palette);
    if (presence == api::Presence::Away) {
        colour = theme::away(palette);
    } else if (presence == api::Presence::Busy) {
        colour = theme::danger(palette);
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour, 1.5));
    painter.setBrush(colour);
    painter.drawEllipse(rect);
    if (presence == api::Presence::Busy) {
        // The "no entry" bar of do not disturb.
        const qreal bar = std::max<qreal>(1.5, rect.height() / 5);
        painter.setPen(Qt::NoPen);
        painter.setBrush(palette.color(QPalette::Base));
        painter.drawRect(
            QRectF(rect.left() + rect.width() / 4, rect.center().y() - bar / 2, rect.width() / 2, bar));
    } else if (presence == api::Presence::Away) {
        // A hollow centre: away is "there, but not now".
        const qreal inset = rect.width() / 3;
        painter.setPen(Qt::NoPen);
        painter.setBrush(palette.color(QPalette::Base));
        painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset));
    }
    painter.restore();
}

QIcon presenceIcon(const QPalette& palette, api::Presence presence)
{
    constexpr int kSize = 16;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintPresenceDot(painter, QRectF(2.5, 2.5, kSize - 5, kSize - 5), palette, presence);
    painter.end();
    return QIcon(pixmap);
}

} // namespace confab::ui
