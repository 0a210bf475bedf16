#include "app_icon.h"

#include <QPainter>
#include <QPixmap>

namespace confab::ui {

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/confab/icons/confab.svg"));
}

QIcon badgedIcon(const QIcon& icon, int count)
{
    if (count <= 0) {
        return icon;
    }
    const QString label = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QIcon result;
    // Drawn per size, so every tray size gets a crisp badge.
    for (const int size : {16, 22, 24, 32, 48, 64, 128}) {
        QPixmap pixmap = icon.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(Qt::transparent);
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal diameter = size * 0.6;
        const QRectF badge(size - diameter, 0, diameter, diameter);
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 32.0)));
        painter.setBrush(QColor(0xd9, 0x30, 0x25));
        painter.drawEllipse(badge);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(6, static_cast<int>(diameter * (label.size() > 2 ? 0.42 : 0.62))));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, label);
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace confab::ui
