#include "message_delegate.h"

#include "models/conversation_model.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QPlainTextEdit>

namespace confab::ui {

namespace {
constexpr int kMargin = 6;
constexpr int kPadding = 8;
constexpr int kRadius = 8;
constexpr double kMaxBubbleShare = 0.7;

int viewWidthOf(const QStyleOptionViewItem& option)
{
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget)) {
        return view->viewport()->width();
    }
    return option.rect.width();
}

QString metaText(const QModelIndex& index)
{
    const QString time = index.data(ConversationModel::TimeTextRole).toString();
    const QString state = index.data(ConversationModel::StateTextRole).toString();
    return state.isEmpty() ? time : QStringLiteral("%1 · %2").arg(time, state);
}

QFont metaFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}
} // namespace

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem& option, const QModelIndex& index,
                                                int viewWidth) const
{
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();
    const int maxText = std::max(80, static_cast<int>(viewWidth * kMaxBubbleShare) - 2 * kPadding);
    const QFontMetrics bodyMetrics(option.font);
    const QFontMetrics metaMetrics(metaFont(option.font));
    const QRect bodyBounds = bodyMetrics.boundingRect(QRect(0, 0, maxText, 100000), Qt::TextWordWrap,
                                                      index.data(Qt::DisplayRole).toString());
    const QRect metaBounds = metaMetrics.boundingRect(metaText(index));
    const int textWidth = std::max(bodyBounds.width(), metaBounds.width());
    const int bubbleWidth = textWidth + 2 * kPadding;
    const int bubbleHeight = bodyBounds.height() + metaBounds.height() + 2 * kPadding + 2;
    const int left =
        outgoing ? option.rect.left() + viewWidth - kMargin - bubbleWidth : option.rect.left() + kMargin;
    Layout result;
    result.bubble = QRect(left, option.rect.top() + kMargin / 2, bubbleWidth, bubbleHeight);
    result.body = QRect(left + kPadding, result.bubble.top() + kPadding, textWidth, bodyBounds.height());
    result.meta = QRect(left + kPadding, result.body.bottom() + 2, textWidth, metaBounds.height());
    return result;
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();
    const Layout parts = layout(option, index, viewWidthOf(option));
    const QPalette& palette = option.palette;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill =
        outgoing ? palette.color(QPalette::Highlight).lighter(170) : palette.color(QPalette::AlternateBase);
    if (option.state & QStyle::State_Selected) {
        fill = palette.color(QPalette::Highlight).lighter(130);
    }
    painter->setPen(palette.color(QPalette::Mid));
    painter->setBrush(fill);
    painter->drawRoundedRect(parts.bubble, kRadius, kRadius);
    painter->setPen(palette.color(QPalette::Text));
    painter->setFont(option.font);
    painter->drawText(parts.body, Qt::TextWordWrap, index.data(Qt::DisplayRole).toString());
    painter->setFont(metaFont(option.font));
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(parts.meta, outgoing ? Qt::AlignRight : Qt::AlignLeft, metaText(index));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(parts.bubble.adjusted(-2, -2, 2, 2), kRadius, kRadius);
    }
    painter->restore();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = viewWidthOf(option);
    const Layout parts = layout(option, index, width);
    return {width, parts.bubble.height() + kMargin};
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
    editor->setGeometry(layout(option, index, viewWidthOf(option)).bubble);
}

} // namespace confab::ui
