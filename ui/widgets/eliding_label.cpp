#include "eliding_label.h"

#include <QPainter>
#include <QStyle>

namespace confab::ui {

void ElidingLabel::setFullText(const QString& text)
{
    setText(text);
    setToolTip(text);
    setAccessibleDescription(text);
}

QSize ElidingLabel::minimumSizeHint() const
{
    return {0, QLabel::minimumSizeHint().height()};
}

void ElidingLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text().simplified(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, static_cast<int>(alignment()), palette(), isEnabled(), shown,
                          foregroundRole());
}

} // namespace confab::ui
