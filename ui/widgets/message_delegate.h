#pragma once

#include "transfer_actions.h"
#include "transfer_card_painter.h"

#include <QFont>
#include <QHash>
#include <QStyledItemDelegate>
#include <QUrl>

#include <optional>
#include <vector>

class QTextDocument;

namespace confab::ui {

// Draws a message as a bubble (ours on the right; in a room, others' under
// their sender's name), a room's system line ("Ann added Bob") as a line
// across the view, or a file drop's row as its card (TransferCardPainter), with its time and delivery
// state (kept in sight at the view's bottom edge while the end of a long
// message is below it), a day separator above the first message of each
// day, and web and mail addresses as links. An edited message says so
// before its time; a deleted one shows, dimmed, only that it was. A reply
// starts with a quote block (an accent bar, who wrote the quoted message,
// its first line); reactions are small rounded chips overlapping the
// bubble's bottom edge, the user's own in the accent colour. Opens a
// read-only editor so the text can be selected and copied. Colours come
// from the palette (light and dark) and sizes from the font (any scale
// factor).
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;

    // The address drawn at `position` (view coordinates), if any.
    [[nodiscard]] std::optional<QUrl> linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                             const QPoint& position) const;
    // Where the time and delivery state are drawn (view coordinates): under
    // the text, or pinned to the view's bottom edge while the end of the
    // bubble is below it, so that they show whenever the message does.
    [[nodiscard]] QRect metaRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // Where a reply's quote is drawn (view coordinates); empty for other rows.
    [[nodiscard]] QRect quoteRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // Where the reactions' chips are drawn (view coordinates), ours first.
    [[nodiscard]] std::vector<QRect> reactionRects(const QStyleOptionViewItem& option,
                                                   const QModelIndex& index) const;
    // The button of a drop's card drawn at `position` (view coordinates), if any.
    [[nodiscard]] static std::optional<TransferAction>
    transferActionAt(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& position);
    // The buttons of a drop's card and where they are drawn (view coordinates).
    [[nodiscard]] static std::vector<std::pair<TransferAction, QRect>>
    cardButtons(const QStyleOptionViewItem& option, const QModelIndex& index,
                const api::TransferView& transfer);
    // Sizes are cached per message while the width and font stay the same, so
    // laying out thousands of loaded rows again (a page inserted above them)
    // measures only the new ones. A new conversation starts a new cache; a
    // changed row (it no longer starts a day) is measured again, its text
    // too when that changed (edited or deleted).
    void clearCache();
    void forget(qint64 seq, bool textChanged = false);

private:
    struct Layout {
        QRect separator; // empty when the row does not start a day
        QRect newMarker; // "New messages"; empty when the row is not the first new one
        QRect system;    // a room's system line; the rest is empty then
        QRect bubble;
        QRect sender; // empty unless the row has a SenderRole
        QRect quote;  // empty unless the row is a reply
        QRect body;
        QRect meta;
        std::vector<QRect> chips; // the reactions', in ReactionText::chips() order
    };
    struct Metrics;

    Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // The day separator and "New messages" line above the row; where the rest starts.
    static int layoutMarkers(const QStyleOptionViewItem& option, const QModelIndex& index, Layout& result);
    static TransferCardPainter::Layout cardLayout(const QStyleOptionViewItem& option,
                                                  const QModelIndex& index,
                                                  const api::TransferView& transfer);
    // The reactions' chips, overlapping the bottom edge of the bubble in `parts`.
    static void layoutChips(const QStyleOptionViewItem& option, const QModelIndex& index, bool outgoing,
                            Layout& parts);
    static void paintQuote(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                           const QRect& area, const QColor& fill, bool selected);
    static void paintChips(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                           const Layout& parts);
    static QRect pinnedMeta(const QStyleOptionViewItem& option, const Layout& parts, int padding);
    QSize bodySize(const QStyleOptionViewItem& option, const QModelIndex& index, int maxWidth) const;
    void prepareDocument(QTextDocument& document, const QStyleOptionViewItem& option,
                         const QModelIndex& index, const QColor& linkColor) const;

    mutable QHash<qint64, QSize> m_bodySizes;
    mutable QHash<qint64, int> m_rowHeights;
    mutable int m_rowHeightsWidth = -1;
    mutable QFont m_rowHeightsFont;
    mutable int m_cachedWidth = -1;
    mutable QFont m_cachedFont;
};

} // namespace confab::ui
