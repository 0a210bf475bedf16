#include "message_delegate.h"

#include "message_text.h"
#include "models/conversation_model.h"
#include "theme.h"
#include "transfer_card_painter.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QPainter>
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
    }
    int padding;
    int gap;
    int sideMargin;
    int verticalMargin;
    int radius;
    int minText;
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
    const int textWidth =
        std::min(std::max({body.width(), metaWidth, senderWidth}), std::max(maxText, metaWidth));
    const int bubbleWidth = textWidth + 2 * metrics.padding;
    const int bubbleHeight =
        senderHeight + body.height() + metrics.gap + metaMetrics.height() + 2 * metrics.padding;
    const int left = outgoing ? option.rect.left() + viewWidth - metrics.sideMargin - bubbleWidth
                              : option.rect.left() + metrics.sideMargin;
    result.bubble = QRect(left, top + metrics.verticalMargin / 2, bubbleWidth, bubbleHeight);
    if (!sender.isEmpty()) {
        result.sender = QRect(left + metrics.padding, result.bubble.top() + metrics.padding, textWidth,
                              senderMetrics.height());
    }
    result.body = QRect(left + metrics.padding, result.bubble.top() + metrics.padding + senderHeight,
                        textWidth, body.height());
    result.meta = QRect(left + metrics.padding, result.body.bottom() + 1 + metrics.gap, textWidth,
                        metaMetrics.height());
    return result;
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
    const QRect& lowest = parts.system.isEmpty() ? parts.bubble : parts.system;
    const int height = lowest.bottom() + 1 - option.rect.top() + metrics.verticalMargin / 2;
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
