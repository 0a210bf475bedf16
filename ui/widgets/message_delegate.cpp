#include "message_delegate.h"

#include "message_text.h"
#include "models/conversation_model.h"
#include "reaction_text.h"
#include "theme.h"
#include "transfer_card_painter.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace confab::ui {

namespace {
constexpr double kMaxBubbleShare = 0.72;

int viewWidthOf(const QStyleOptionViewItem& option)
{
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget)) {
        return view->viewport()->width();
    }
    return option.rect.width();
}

QString metaText(const QModelIndex& index)
{
    QString time = index.data(ConversationModel::TimeTextRole).toString();
    if (index.data(ConversationModel::EditedRole).toBool()) {
        //: Before a message's time in the conversation: "edited · 14:02 · read".
        time = MessageDelegate::tr("edited · %1").arg(time);
    }
    const QString state = index.data(ConversationModel::StateTextRole).toString();
    return state.isEmpty() ? time : QStringLiteral("%1 · %2").arg(time, state);
}

bool isDeleted(const QModelIndex& index)
{
    return index.data(ConversationModel::DeletedRole).toBool();
}

QFont metaFont(const QFont& base)
{
    QFont font = base;
    if (base.pointSizeF() > 0) {
        font.setPointSizeF(base.pointSizeF() * 0.85);
    } else {
        font.setPixelSize(std::max(8, static_cast<int>(base.pixelSize() * 0.85)));
    }
    return font;
}

// A room message's sender, over its text.
QFont senderFont(const QFont& base)
{
    QFont font = metaFont(base);
    font.setBold(true);
    return font;
}

// A quote's line of text; in italics when it says why there is none.
QFont quoteFont(const QFont& base, const QModelIndex& index)
{
    QFont font = metaFont(base);
    font.setItalic(index.data(ConversationModel::QuoteGoneRole).toBool());
    return font;
}

// A reaction's emoji: somewhat larger than the text, so that it can be made
// out, and from a colour emoji font where there is one (a plain font's
// outline of it would come first otherwise).
QFont emojiFont(const QFont& base)
{
    QFont font = base;
    if (base.pointSizeF() > 0) {
        font.setPointSizeF(base.pointSizeF() * 1.2);
    } else {
        font.setPixelSize(static_cast<int>(base.pixelSize() * 1.2));
    }
    font.setFamilies({QStringLiteral("Noto Color Emoji"), QStringLiteral("Apple Color Emoji"),
                      QStringLiteral("Segoe UI Emoji"), base.family()});
    return font;
}

std::vector<ReactionText::Chip> chipsOf(const QModelIndex& index)
{
    return ReactionText::chips(index.data(ConversationModel::OwnReactionRole).toString(),
                               index.data(ConversationModel::PeerReactionRole).toString());
}

int ceilToInt(double value)
{
    return static_cast<int>(std::ceil(value));
}

std::optional<api::TransferView> transferOf(const QModelIndex& index)
{
    const QVariant drop = index.data(ConversationModel::TransferRole);
    return drop.isValid() ? std::optional(drop.value<api::TransferView>()) : std::nullopt;
}

} // namespace

// Spacing in proportion to the font, so that a larger font or a scale factor
// keeps the proportions.
struct MessageDelegate::Metrics {
    explicit Metrics(const QFont& font)
    {
        const int em = QFontMetrics(font).height();
        padding = std::max(4, em / 2);
        gap = std::max(1, em / 8);
        sideMargin = std::max(4, em / 2);
        verticalMargin = std::max(3, em / 3);
        radius = std::max(4, em * 6 / 10);
        minText = em * 4;
        quoteBar = std::max(2, em / 6);
        quotePadding = std::max(3, em / 3);
        chipPadding = std::max(4, em * 4 / 10);
        chipSpacing = std::max(2, em / 5);
    }
    int padding;
    int gap;
    int sideMargin;
    int verticalMargin;
    int radius;
    int minText;
    int quoteBar;     // the accent bar at a quote's left
    int quotePadding; // inside a quote, and between it and the text
    int chipPadding;  // left and right of a reaction's emoji
    int chipSpacing;  // between two chips
};

void MessageDelegate::clearCache()
{
    m_bodySizes.clear();
    m_rowHeights.clear();
}

void MessageDelegate::forget(qint64 seq, bool textChanged)
{
    m_rowHeights.remove(seq);
    if (textChanged) {
        m_bodySizes.remove(seq);
    }
}

void MessageDelegate::prepareDocument(QTextDocument& document, const QStyleOptionViewItem& option,
                                      const QModelIndex& index, const QColor& linkColor) const
{
    document.setDocumentMargin(0);
    document.setDefaultFont(option.font);
    document.setDefaultStyleSheet(
        QStringLiteral("a { color: %1; text-decoration: underline; }").arg(linkColor.name(QColor::HexRgb)));
    if (isDeleted(index)) {
        // What happened, in place of the text: no words of the sender, no links.
        const QString said =
            ConversationModel::deletedText(index.data(ConversationModel::OutgoingRole).toBool());
        document.setHtml(QStringLiteral("<p style=\"margin: 0\"><i>%1</i></p>").arg(said.toHtmlEscaped()));
        return;
    }
    document.setHtml(message_text::toHtml(index.data(Qt::DisplayRole).toString()));
}

QSize MessageDelegate::bodySize(const QStyleOptionViewItem& option, const QModelIndex& index,
                                int maxWidth) const
{
    if (maxWidth != m_cachedWidth || option.font != m_cachedFont) {
        m_bodySizes.clear();
        m_cachedWidth = maxWidth;
        m_cachedFont = option.font;
    }
    const qint64 seq = index.data(ConversationModel::SeqRole).toLongLong();
    if (const auto it = m_bodySizes.constFind(seq); it != m_bodySizes.constEnd()) {
        return *it;
    }
    QTextDocument document;
    prepareDocument(document, option, index, option.palette.color(QPalette::Link));
    document.setTextWidth(maxWidth);
    // One pixel of slack: laid out again at exactly this width, no line may wrap differently.
    const QSize size(std::min(maxWidth, ceilToInt(document.idealWidth()) + 1),
                     ceilToInt(document.size().height()));
    m_bodySizes.insert(seq, size);
    return size;
}

int MessageDelegate::layoutMarkers(const QStyleOptionViewItem& option, const QModelIndex& index,
                                   Layout& result)
{
    const Metrics metrics(option.font);
    const QFontMetrics metaMetrics(metaFont(option.font));
    const int viewWidth = viewWidthOf(option);
    int top = option.rect.top();
    if (!index.data(ConversationModel::DaySeparatorRole).toString().isEmpty()) {
        result.separator =
            QRect(option.rect.left(), top, viewWidth, metaMetrics.height() + 2 * metrics.verticalMargin);
        top = result.separator.bottom() + 1;
    }
    if (index.data(ConversationModel::NewMarkerRole).toBool()) {
        result.newMarker =
            QRect(option.rect.left(), top, viewWidth, metaMetrics.height() + 2 * metrics.verticalMargin);
        top = result.newMarker.bottom() + 1;
    }
    return top;
}

TransferCardPainter::Layout MessageDelegate::cardLayout(const QStyleOptionViewItem& option,
                                                        const QModelIndex& index,
                                                        const api::TransferView& transfer)
{
    Layout markers;
    const int top = layoutMarkers(option, index, markers);
    return TransferCardPainter::layout(option, QRect(option.rect.left(), top, viewWidthOf(option), 0),
                                       transfer);
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem& option,
                                                const QModelIndex& index) const
{
    const Metrics metrics(option.font);
    const QFontMetrics metaMetrics(metaFont(option.font));
    const int viewWidth = viewWidthOf(option);
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();

    Layout result;
    const int top = layoutMarkers(option, index, result);
    if (!index.data(ConversationModel::SystemLineRole).toString().isEmpty()) {
        result.system =
            QRect(option.rect.left(), top, viewWidth, metaMetrics.height() + 2 * metrics.verticalMargin);
        return result;
    }
    if (const std::optional<api::TransferView> transfer = transferOf(index)) {
        // A drop's card in place of the bubble; it has no text of a message and no time line.
        result.bubble = cardLayout(option, index, *transfer).card;
        return result;
    }
    const int maxText = std::max(metrics.minText, static_cast<int>(viewWidth * kMaxBubbleShare) -
                                                      2 * metrics.padding - 2 * metrics.sideMargin);
    const QSize body = bodySize(option, index, maxText);
    const int metaWidth = metaMetrics.horizontalAdvance(metaText(index));
    const QString sender = index.data(ConversationModel::SenderRole).toString();
    const QFontMetrics senderMetrics(senderFont(option.font));
    const int senderWidth = sender.isEmpty() ? 0 : senderMetrics.horizontalAdvance(sender);
    const int senderHeight = sender.isEmpty() ? 0 : senderMetrics.height() + metrics.gap;
    // A reply's quote: who wrote the quoted message over its first line,
    // right of the accent bar, as wide as the bubble lets it be.
    int quoteWidth = 0;
    int quoteHeight = 0;
    if (index.data(ConversationModel::ReplyRole).toBool()) {
        const QFontMetrics quoteMetrics(quoteFont(option.font, index));
        const int words = std::max(
            senderMetrics.horizontalAdvance(index.data(ConversationModel::QuoteSenderRole).toString()),
            quoteMetrics.horizontalAdvance(index.data(ConversationModel::QuoteTextRole).toString()));
        // One pixel of slack: drawn at exactly this width, nothing may be shortened.
        quoteWidth = metrics.quoteBar + 2 * metrics.quotePadding + words + 1;
        quoteHeight = 2 * metrics.quotePadding + senderMetrics.height() + metaMetrics.height();
    }
    const int quoteSpace = quoteHeight > 0 ? quoteHeight + metrics.quotePadding : 0;
    const int textWidth =
        std::min(std::max({body.width(), metaWidth, senderWidth, quoteWidth}), std::max(maxText, metaWidth));
    const int bubbleWidth = textWidth + 2 * metrics.padding;
    const int bubbleHeight =
        senderHeight + quoteSpace + body.height() + metrics.gap + metaMetrics.height() + 2 * metrics.padding;
    const int left = outgoing ? option.rect.left() + viewWidth - metrics.sideMargin - bubbleWidth
                              : option.rect.left() + metrics.sideMargin;
    result.bubble = QRect(left, top + metrics.verticalMargin / 2, bubbleWidth, bubbleHeight);
    if (!sender.isEmpty()) {
        result.sender = QRect(left + metrics.padding, result.bubble.top() + metrics.padding, textWidth,
                              senderMetrics.height());
    }
    if (quoteHeight > 0) {
        result.quote = QRect(left + metrics.padding, result.bubble.top() + metrics.padding + senderHeight,
                             textWidth, quoteHeight);
    }
    result.body =
        QRect(left + metrics.padding, result.bubble.top() + metrics.padding + senderHeight + quoteSpace,
              textWidth, body.height());
    result.meta = QRect(left + metrics.padding, result.body.bottom() + 1 + metrics.gap, textWidth,
                        metaMetrics.height());
    layoutChips(option, index, outgoing, result);
    return result;
}

void MessageDelegate::layoutChips(const QStyleOptionViewItem& option, const QModelIndex& index, bool outgoing,
                                  Layout& parts)
{
    const std::vector<ReactionText::Chip> chips = chipsOf(index);
    if (chips.empty()) {
        return;
    }
    const Metrics metrics(option.font);
    const QFontMetrics emojiMetrics(emojiFont(option.font));
    const QFontMetrics countMetrics(metaFont(option.font));
    // Emoji come from a font of their own, often taller than the text's.
    int contentHeight = emojiMetrics.height();
    std::vector<int> widths;
    for (const ReactionText::Chip& chip : chips) {
        contentHeight = std::max(contentHeight, emojiMetrics.boundingRect(chip.emoji).height());
        const QString count = chip.countText();
        const int countWidth = count.isEmpty() ? 0 : metrics.gap * 2 + countMetrics.horizontalAdvance(count);
        widths.push_back(emojiMetrics.horizontalAdvance(chip.emoji) + countWidth + 2 * metrics.chipPadding);
    }
    const int height = contentHeight + 2 * metrics.gap + 2;
    int total = (static_cast<int>(widths.size()) - 1) * metrics.chipSpacing;
    for (const int width : widths) {
        total += std::max(width, height); // never narrower than round
    }
    // Over the bubble's bottom edge by less than its padding: the time
    // above stays whole. Towards the middle of the view, where the text starts.
    const int overlap = std::min(height / 3, metrics.padding - 1);
    const int top = parts.bubble.bottom() + 1 - overlap;
    int x =
        outgoing ? parts.bubble.right() + 1 - metrics.padding - total : parts.bubble.left() + metrics.padding;
    for (const int width : widths) {
        const int chipWidth = std::max(width, height);
        parts.chips.emplace_back(x, top, chipWidth, height);
        x += chipWidth + metrics.chipSpacing;
    }
}

QRect MessageDelegate::pinnedMeta(const QStyleOptionViewItem& option, const Layout& parts, int padding)
{
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    if (view == nullptr) {
        return parts.meta;
    }
    // The lowest place where the line is whole inside the view, a padding
    // above its bottom edge, as at the end of a bubble.
    const int lowest = view->viewport()->rect().bottom() + 1 - padding - parts.meta.height();
    if (parts.meta.top() <= lowest) {
        return parts.meta; // in sight where it belongs (or above the view)
    }
    // Never above the start of the text: the bubble must be in sight.
    return parts.meta.translated(0, std::max(lowest, parts.body.top()) - parts.meta.top());
}

QRect MessageDelegate::metaRect(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Layout parts = layout(option, index);
    return parts.meta.isEmpty() ? QRect() : pinnedMeta(option, parts, Metrics(option.font).padding);
}

QRect MessageDelegate::quoteRect(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return layout(option, index).quote;
}

std::vector<QRect> MessageDelegate::reactionRects(const QStyleOptionViewItem& option,
                                                  const QModelIndex& index) const
{
    return layout(option, index).chips;
}

std::vector<std::pair<TransferAction, QRect>> MessageDelegate::cardButtons(const QStyleOptionViewItem& option,
                                                                           const QModelIndex& index,
                                                                           const api::TransferView& transfer)
{
    return cardLayout(option, index, transfer).buttons;
}

std::optional<TransferAction> MessageDelegate::transferActionAt(const QStyleOptionViewItem& option,
                                                                const QModelIndex& index,
                                                                const QPoint& position)
{
    const std::optional<api::TransferView> transfer = transferOf(index);
    if (!transfer) {
        return std::nullopt;
    }
    return TransferCardPainter::actionAt(cardLayout(option, index, *transfer), position);
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();
    const bool selected = option.state & QStyle::State_Selected;
    const Layout parts = layout(option, index);
    const Metrics metrics(option.font);
    const QPalette& palette = option.palette;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // A line across the view with a word in its middle.
    const auto drawSeparator = [&](const QRect& area, const QString& words, const QColor& line,
                                   const QColor& wordsColour, bool bold) {
        QFont font = metaFont(option.font);
        font.setBold(bold);
        const int textWidth = QFontMetrics(font).horizontalAdvance(words);
        const int middle = area.center().y();
        const int textLeft = area.center().x() - textWidth / 2;
        const int space = metrics.padding;
        painter->setPen(QPen(line, 1));
        painter->drawLine(area.left() + metrics.sideMargin, middle, textLeft - space, middle);
        painter->drawLine(textLeft + textWidth + space, middle, area.right() - metrics.sideMargin, middle);
        painter->setFont(font);
        painter->setPen(wordsColour);
        painter->drawText(area, Qt::AlignCenter, words);
    };
    if (!parts.separator.isEmpty()) {
        drawSeparator(parts.separator, index.data(ConversationModel::DaySeparatorRole).toString(),
                      theme::bubbleBorder(palette), theme::mutedText(palette), false);
    }
    if (!parts.newMarker.isEmpty()) {
        drawSeparator(parts.newMarker, tr("New messages"), theme::linkColor(palette),
                      theme::linkColor(palette), true);
    }
    if (!parts.system.isEmpty()) {
        const bool focused = option.state & QStyle::State_HasFocus;
        drawSeparator(parts.system, index.data(ConversationModel::SystemLineRole).toString(),
                      focused ? palette.color(QPalette::Highlight) : theme::bubbleBorder(palette),
                      theme::mutedText(palette), false);
        painter->restore();
        return;
    }
    if (const std::optional<api::TransferView> transfer = transferOf(index)) {
        TransferCardPainter::paint(painter, option, cardLayout(option, index, *transfer), *transfer);
        painter->restore();
        return;
    }

    QColor fill = outgoing ? theme::outgoingBubble(palette) : theme::incomingBubble(palette);
    QColor text = palette.color(QPalette::Text);
    QColor secondary = theme::mutedText(palette);
    QColor link = theme::linkColor(palette);
    if (isDeleted(index)) {
        text = secondary; // dimmed: only a trace of the message is left
    }
    if (selected) {
        fill = palette.color(QPalette::Highlight);
        text = secondary = link = palette.color(QPalette::HighlightedText);
    }
    // A room message that names the user stands out by its edge.
    const bool mention = index.data(ConversationModel::MentionRole).toBool();
    painter->setPen(mention ? QPen(theme::linkColor(palette), 2) : QPen(theme::bubbleBorder(palette), 1));
    painter->setBrush(fill);
    const qreal inset = mention ? 1 : 0.5; // the pen's middle, so its edge stays inside the row
    painter->drawRoundedRect(QRectF(parts.bubble).adjusted(inset, inset, -inset, -inset), metrics.radius,
                             metrics.radius);

    if (!parts.sender.isEmpty()) {
        painter->setFont(senderFont(option.font));
        painter->setPen(selected ? text : theme::linkColor(palette));
        const QString sender = index.data(ConversationModel::SenderRole).toString();
        painter->drawText(
            parts.sender, Qt::AlignLeft,
            QFontMetrics(painter->font()).elidedText(sender, Qt::ElideRight, parts.sender.width()));
    }
    if (!parts.quote.isEmpty()) {
        paintQuote(painter, option, index, parts.quote, fill, selected);
    }
    QTextDocument document;
    prepareDocument(document, option, index, link);
    document.setTextWidth(parts.body.width());
    painter->save();
    painter->translate(parts.body.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette;
    context.palette.setColor(QPalette::Text, text);
    context.clip = QRectF(0, 0, parts.body.width(), parts.body.height());
    document.documentLayout()->draw(painter, context);
    painter->restore();

    const QRect meta = pinnedMeta(option, parts, metrics.padding);
    if (meta != parts.meta) {
        // Over the text that goes on below the view: a strip of the bubble
        // with a rule above it, so the line reads as the bubble's end.
        const QRect strip(parts.bubble.left() + 1, meta.top() - metrics.gap, parts.bubble.width() - 2,
                          meta.height() + metrics.gap + metrics.padding);
        painter->fillRect(strip, fill);
        painter->setPen(QPen(theme::bubbleBorder(palette), 1));
        painter->drawLine(strip.topLeft(), strip.topRight());
    }
    painter->setFont(metaFont(option.font));
    painter->setPen(secondary);
    painter->drawText(meta, outgoing ? Qt::AlignRight : Qt::AlignLeft, metaText(index));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(parts.bubble).adjusted(-2, -2, 2, 2), metrics.radius, metrics.radius);
    }
    paintChips(painter, option, index, parts);
    painter->restore();
}

void MessageDelegate::paintQuote(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index, const QRect& area, const QColor& fill,
                                 bool selected)
{
    const Metrics metrics(option.font);
    const QPalette& palette = option.palette;
    const QColor text = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    const QColor accent = selected ? text : theme::linkColor(palette);
    painter->save();
    // A shade of the bubble sets the quote apart without a frame of its own.
    QPainterPath shape;
    const qreal radius = metrics.radius / 2.0;
    shape.addRoundedRect(QRectF(area), radius, radius);
    painter->fillPath(shape, theme::mix(fill, text, 0.08));
    // The bar follows the block's rounded corners on the left.
    painter->setClipPath(shape);
    painter->fillRect(QRect(area.left(), area.top(), metrics.quoteBar, area.height()), accent);
    painter->setClipping(false);

    const int left = area.left() + metrics.quoteBar + metrics.quotePadding;
    const int width = area.right() + 1 - metrics.quotePadding - left;
    const QFont nameFont = senderFont(option.font);
    const QFont quotedFont = quoteFont(option.font, index);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics quoteMetrics(quotedFont);
    const QString sender = index.data(ConversationModel::QuoteSenderRole).toString();
    const QString quoted = index.data(ConversationModel::QuoteTextRole).toString();
    const int top = area.top() + metrics.quotePadding;
    const QRect nameLine(left, top, width, nameMetrics.height());
    const QRect textLine(left, top + nameMetrics.height(), width, quoteMetrics.height());
    painter->setFont(nameFont);
    painter->setPen(accent);
    painter->drawText(nameLine, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(sender, Qt::ElideRight, width));
    painter->setFont(quotedFont);
    painter->setPen(selected ? text : theme::mutedText(palette));
    // Nobody to name when the quoted message is not found: the words fill the block.
    const QRect where = sender.isEmpty() ? area.adjusted(left - area.left(), 0, 0, 0) : textLine;
    painter->drawText(where, Qt::AlignLeft | Qt::AlignVCenter,
                      quoteMetrics.elidedText(quoted, Qt::ElideRight, width));
    painter->restore();
}

void MessageDelegate::paintChips(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index, const Layout& parts)
{
    const std::vector<ReactionText::Chip> chips = chipsOf(index);
    const QPalette& palette = option.palette;
    const QColor accent = theme::linkColor(palette);
    const QColor base = palette.color(QPalette::Base);
    const Metrics metrics(option.font);
    const QFont emoji = emojiFont(option.font);
    const QFont count = metaFont(option.font);
    painter->save();
    for (std::size_t at = 0; at < chips.size() && at < parts.chips.size(); ++at) {
        const QRect area = parts.chips[at];
        const QRectF chip = QRectF(area).adjusted(0.5, 0.5, -0.5, -0.5);
        const bool ours = chips[at].ours;
        painter->setPen(QPen(ours ? accent : theme::bubbleBorder(palette), 1));
        painter->setBrush(ours ? theme::mix(base, accent, 0.25) : base);
        painter->drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
        painter->setPen(palette.color(QPalette::Text));
        const QString number = chips[at].countText();
        if (number.isEmpty()) {
            painter->setFont(emoji);
            painter->drawText(area, Qt::AlignCenter, chips[at].emoji);
            continue;
        }
        // The emoji, then the count in the time's smaller type.
        const QRect inside = area.adjusted(metrics.chipPadding, 0, -metrics.chipPadding, 0);
        painter->setFont(emoji);
        painter->drawText(inside, Qt::AlignLeft | Qt::AlignVCenter, chips[at].emoji);
        painter->setFont(count);
        painter->drawText(inside, Qt::AlignRight | Qt::AlignVCenter, number);
    }
    painter->restore();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int viewWidth = viewWidthOf(option);
    const qint64 seq = index.data(ConversationModel::SeqRole).toLongLong();
    if (viewWidth != m_rowHeightsWidth || option.font != m_rowHeightsFont) {
        m_rowHeights.clear();
        m_rowHeightsWidth = viewWidth;
        m_rowHeightsFont = option.font;
    }
    if (const auto it = m_rowHeights.constFind(seq); it != m_rowHeights.constEnd()) {
        return {viewWidth, *it};
    }
    const Layout parts = layout(option, index);
    const Metrics metrics(option.font);
    int bottom = parts.system.isEmpty() ? parts.bubble.bottom() : parts.system.bottom();
    for (const QRect& chip : parts.chips) {
        bottom = std::max(bottom, chip.bottom()); // the reactions hang below the bubble
    }
    const int height = bottom + 1 - option.rect.top() + metrics.verticalMargin / 2;
    m_rowHeights.insert(seq, height);
    return {viewWidth, height};
}

std::optional<QUrl> MessageDelegate::linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                            const QPoint& position) const
{
    const Layout parts = layout(option, index);
    if (parts.body.isEmpty() || !parts.body.contains(position)) {
        return std::nullopt;
    }
    QTextDocument document;
    prepareDocument(document, option, index, option.palette.color(QPalette::Link));
    document.setTextWidth(parts.body.width());
    const QString anchor = document.documentLayout()->anchorAt(QPointF(position - parts.body.topLeft()));
    if (anchor.isEmpty()) {
        return std::nullopt;
    }
    return QUrl(anchor);
}

QWidget* MessageDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* editor = new QPlainTextEdit(parent);
    editor->setReadOnly(true);
    editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    editor->setAccessibleName(tr("Message text"));
    return editor;
}

void MessageDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* text = qobject_cast<QPlainTextEdit*>(editor)) {
        text->setPlainText(index.data(Qt::DisplayRole).toString());
        text->selectAll();
    }
}

void MessageDelegate::setModelData(QWidget*, QAbstractItemModel*, const QModelIndex&) const
{
    // Read-only: the editor exists only for selecting text.
}

void MessageDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                           const QModelIndex& index) const
{
    editor->setGeometry(layout(option, index).bubble);
}

} // namespace confab::ui
