#include "search_result_delegate.h"

#include "focus_ring.h"
#include "models/search_results_model.h"
#include "search_highlight.h"
#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace confab::ui {
namespace {

constexpr int kTextLines = 2;

QFont boldFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

} // namespace

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics metrics(option.font);
    const int padding = metrics.height() / 3;
    return {metrics.height() * 10, 2 * padding + (1 + kTextLines) * metrics.lineSpacing() + padding / 2};
}

void SearchResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);

    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor muted = selected ? text : theme::mutedText(palette);
    const QFontMetrics metrics(option.font);
    const int em = metrics.height();
    const int padding = em / 3;
    const QRect area = option.rect.adjusted(padding, padding, -padding, -padding);

    painter->save();
    // First line: the peer (and "You:" for our own message), the time on the right.
    const QString time = index.data(SearchResultsModel::TimeTextRole).toString();
    const int timeWidth = metrics.horizontalAdvance(time);
    painter->setPen(muted);
    painter->drawText(QRect(area.right() - timeWidth, area.top(), timeWidth, metrics.height()),
                      Qt::AlignRight | Qt::AlignVCenter, time);
    const QString peer = index.data(SearchResultsModel::PeerNameRole).toString();
    const QString who =
        index.data(SearchResultsModel::OutgoingRole).toBool() ? tr("You to %1").arg(peer) : peer;
    const QFont nameFont = boldFont(option.font);
    painter->setFont(nameFont);
    painter->setPen(text);
    const int nameWidth = area.width() - timeWidth - em / 2;
    painter->drawText(QRect(area.left(), area.top(), nameWidth, metrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(who, Qt::ElideRight, nameWidth));

    // Then the text, from a little before the first match, the matches marked.
    const QStringList terms = index.data(SearchResultsModel::TermsRole).toStringList();
    QString body = index.data(Qt::DisplayRole).toString();
    body.replace(QChar(u'\n'), QChar(QChar::LineSeparator));
    const auto first = search_highlight::matches(body, terms);
    if (!first.isEmpty()) {
        body = search_highlight::excerpt(body, first.front().start);
    }
    QList<QTextLayout::FormatRange> formats;
    for (const search_highlight::Range& range : search_highlight::matches(body, terms)) {
        QTextCharFormat marked;
        marked.setFontWeight(QFont::Bold);
        marked.setBackground(
            selected ? palette.color(QPalette::Highlight).darker(130)
                     : theme::mix(palette.color(QPalette::Base), palette.color(QPalette::Highlight), 0.3));
        formats.append({static_cast<int>(range.start), static_cast<int>(range.length), marked});
    }
    QTextLayout layout(body, option.font);
    layout.setFormats(formats);
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(wrap);
    layout.beginLayout();
    const int textTop = area.top() + metrics.height() + padding / 2;
    qreal y = 0;
    for (int line = 0; line < kTextLines; ++line) {
        QTextLine next = layout.createLine();
        if (!next.isValid()) {
            break;
        }
        next.setLineWidth(area.width());
        next.setPosition(QPointF(0, y));
        y += next.height();
    }
    layout.endLayout();
    painter->setPen(text);
    painter->setClipRect(QRect(area.left(), textTop, area.width(), kTextLines * metrics.lineSpacing()));
    layout.draw(painter, QPointF(area.left(), textTop));
    painter->restore();
    drawFocusRing(painter, option);
}

} // namespace confab::ui
