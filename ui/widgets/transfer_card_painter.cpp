#include "transfer_card_painter.h"

#include "theme.h"
#include "transfer_text.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionProgressBar>
#include <QWidget>

#include <algorithm>

namespace confab::ui {

namespace {
constexpr double kMaxCardShare = 0.72;
constexpr int kProgressMaximum = 1000;

// Spacing in proportion to the font, as the message bubbles have it.
struct Metrics {
    explicit Metrics(const QFont& font)
    {
        const int em = QFontMetrics(font).height();
        line = em;
        padding = std::max(4, em / 2);
        gap = std::max(2, em / 4);
        sideMargin = std::max(4, em / 2);
        verticalMargin = std::max(3, em / 3);
        radius = std::max(4, em * 6 / 10);
        minWidth = em * 16;
        maxWidth = em * 30;
    }
    int line;
    int padding;
    int gap;
    int sideMargin;
    int verticalMargin;
    int radius;
    int minWidth;
    int maxWidth;
};

QStyle* styleOf(const QStyleOptionViewItem& option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

QFont boldFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QString buttonText(TransferAction action)
{
    QString text = TransferActions::label(action);
    return text.remove(QLatin1Char('&'));
}
} // namespace

TransferCardPainter::Layout TransferCardPainter::layout(const QStyleOptionViewItem& option, const QRect& area,
                                                        const api::TransferView& transfer)
{
    const Metrics metrics(option.font);
    const int width = std::clamp(static_cast<int>(area.width() * kMaxCardShare),
                                 std::min(metrics.minWidth, area.width()), metrics.maxWidth);
    const int left = transfer.outgoing ? area.left() + area.width() - metrics.sideMargin - width
                                       : area.left() + metrics.sideMargin;
    const int inner = width - 2 * metrics.padding;
    const int x = left + metrics.padding;
    int y = area.top() + metrics.verticalMargin / 2 + metrics.padding;
    Layout parts;
    const auto line = [&](QRect& rect, int height) {
        rect = QRect(x, y, inner, height);
        y += height + metrics.gap;
    };
    line(parts.title, QFontMetrics(boldFont(option.font)).height());
    line(parts.names, metrics.line);
    if (!transfer.outgoing) {
        line(parts.trust, metrics.line);
    }
    line(parts.status, metrics.line);
    if (transfer.state == QLatin1String("transferring")) {
        line(parts.bar, std::max(6, metrics.line * 2 / 3));
        line(parts.progress, metrics.line);
    }
    if (!transfer.problem.isEmpty()) {
        line(parts.problem, metrics.line);
    }
    const std::vector<TransferAction> actions = TransferActions::cardActions(transfer);
    if (!actions.empty()) {
        y += metrics.gap;
        int buttonLeft = x;
        QStyleOptionButton button;
        button.fontMetrics = option.fontMetrics;
        for (const TransferAction action : actions) {
            const QString text = buttonText(action);
            const QSize size = styleOf(option)->sizeFromContents(
                QStyle::CT_PushButton, &button,
                QSize(option.fontMetrics.horizontalAdvance(text), option.fontMetrics.height()),
                option.widget);
            parts.buttons.emplace_back(action, QRect(QPoint(buttonLeft, y), size));
            buttonLeft += size.width() + metrics.gap * 2;
        }
        y += parts.buttons.front().second.height() + metrics.gap;
    }
    const int bottom = y - metrics.gap + metrics.padding;
    parts.card = QRect(left, area.top() + metrics.verticalMargin / 2, width,
                       bottom - (area.top() + metrics.verticalMargin / 2));
    return parts;
}

void TransferCardPainter::paint(QPainter* painter, const QStyleOptionViewItem& option, const Layout& parts,
                                const api::TransferView& transfer)
{
    const Metrics metrics(option.font);
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    QColor fill = transfer.outgoing ? theme::outgoingBubble(palette) : theme::incomingBubble(palette);
    QColor text = palette.color(QPalette::Text);
    QColor secondary = theme::mutedText(palette);
    QColor warning = theme::danger(palette);
    QColor good = theme::positive(palette);
    if (selected) {
        fill = palette.color(QPalette::Highlight);
        text = secondary = warning = good = palette.color(QPalette::HighlightedText);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(theme::bubbleBorder(palette), 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(parts.card).adjusted(0.5, 0.5, -0.5, -0.5), metrics.radius,
                             metrics.radius);

    const auto draw = [&](const QRect& rect, const QString& words, const QColor& colour, const QFont& font) {
        if (rect.isEmpty()) {
            return;
        }
        painter->setFont(font);
        painter->setPen(colour);
        painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(font).elidedText(words, Qt::ElideMiddle, rect.width()));
    };
    draw(parts.title, TransferText::title(transfer), text, boldFont(option.font));
    draw(parts.names, TransferText::names(transfer), text, option.font);
    draw(parts.trust, TransferText::trust(transfer), transfer.peerVerified ? good : warning, option.font);
    // When it was made, as messages show theirs, at the end of the status line.
    const QString time = QDateTime::fromMSecsSinceEpoch(transfer.createdMs).toString(QStringLiteral("HH:mm"));
    const int timeWidth = option.fontMetrics.horizontalAdvance(time) + metrics.padding;
    painter->setFont(option.font);
    painter->setPen(secondary);
    painter->drawText(parts.status, Qt::AlignRight | Qt::AlignVCenter, time);
    draw(parts.status.adjusted(0, 0, -timeWidth, 0), TransferText::status(transfer), secondary, option.font);
    if (!parts.bar.isEmpty()) {
        QStyleOptionProgressBar bar;
        bar.rect = parts.bar;
        bar.palette = palette;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = kProgressMaximum;
        bar.progress = transfer.totalBytes == 0
                           ? 0
                           : static_cast<int>(static_cast<double>(transfer.bytesDone) * kProgressMaximum /
                                              static_cast<double>(transfer.totalBytes));
        bar.textVisible = false;
        styleOf(option)->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
    draw(parts.progress, TransferText::progress(transfer), secondary, option.font);
    draw(parts.problem, transfer.problem, warning, option.font);
    for (const auto& [action, rect] : parts.buttons) {
        QStyleOptionButton button;
        button.rect = rect;
        button.palette = palette;
        button.fontMetrics = option.fontMetrics;
        button.text = buttonText(action);
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        painter->setFont(option.font);
        styleOf(option)->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }
    if (option.state & QStyle::State_HasFocus) {
        // Inside the card, so inside its row: a ring drawn past the row's
        // bottom stays on screen below the last row when the focus moves on.
        painter->setPen(
            QPen(selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight), 1,
                 Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(parts.card).adjusted(2.5, 2.5, -2.5, -2.5), metrics.radius,
                                 metrics.radius);
    }
    painter->restore();
}

std::optional<TransferAction> TransferCardPainter::actionAt(const Layout& parts, const QPoint& position)
{
    for (const auto& [action, rect] : parts.buttons) {
        if (rect.contains(position)) {
            return action;
        }
    }
    return std::nullopt;
}

} // namespace confab::ui
