#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

// What a row of the side lists (peers, rooms) shares, so the two lists sit
// together: the same height, a bold name over a smaller second line, the
// view's own background for selection and hover, and the unread count in a
// pill. Sizes follow the font and colours the palette.
class ListRowDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    struct Row {
        QFont nameFont;
        QFont secondFont;
        int em = 0; // the font's line height: the unit of every gap
        QRect firstLine;
        QRect secondLine;
    };
    [[nodiscard]] static Row rowOf(const QStyleOptionViewItem& option);
    // The selection and hover background, as the style draws it.
    void drawBackground(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const;
    // The unread count in a pill ending at `right` on the second line;
    // returns where text to its left must end.
    static int drawUnreadPill(QPainter* painter, const QStyleOptionViewItem& option, const Row& row,
                              int count, int right);
};

} // namespace confab::ui
