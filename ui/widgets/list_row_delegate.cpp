#include "list_row_delegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace confab::ui {

namespace {

QFont smallFont(const QFont& base)
{
    QFont font = base;
    if (base.pointSizeF() > 0) {
        font.setPointSizeF(base.pointSizeF() * 0.85);
    }
    return font;
}

QFont boldFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

} // namespace

QSize ListRowDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics metrics(option.font);
    const int padding = metrics.height() / 3;
    return {metrics.height() * 10,
            2 * padding + metrics.height() + QFontMetrics(smallFont(option.font)).height() + padding / 2};
}

ListRowDelegate::Row ListRowDelegate::rowOf(const QStyleOptionViewItem& option)
{
    Row row;
    row.nameFont = boldFont(option.font);
    row.secondFont = smallFont(option.font);
    row.em = QFontMetrics(option.font).height();
    const int padding = row.em / 3;
    const QRect area = option.rect.adjusted(padding, padding, -padding, -padding);
    row.firstLine = QRect(area.left(), area.top(), area.width(), QFontMetrics(row.nameFont).height());
    row.secondLine = QRect(area.left(), row.firstLine.bottom() + 1 + padding / 2, area.width(),
                           QFontMetrics(row.secondFont).height());
    return row;
}

void ListRowDelegate::drawBackground(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
}

int ListRowDelegate::drawUnreadPill(QPainter* painter, const QStyleOptionViewItem& option, const Row& row,
                                    int count, int right)
{
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QString text = QString::number(count);
    QFont pillFont = row.secondFont;
    pillFont.setBold(true);
    const QFontMetrics pillMetrics(pillFont);
    const int height = pillMetrics.height();
    const int width = std::max(height, pillMetrics.horizontalAdvance(text) + height / 2);
    const QRect pill(right - width, row.secondLine.center().y() - height / 2, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(selected ? palette.color(QPalette::HighlightedText)
                               : palette.color(QPalette::Highlight));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setFont(pillFont);
    painter->setPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::HighlightedText));
    painter->drawText(pill, Qt::AlignCenter, text);
    return pill.left() - row.em / 2;
}

} // namespace confab::ui
