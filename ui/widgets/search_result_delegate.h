#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

// One message found by a search: whose conversation it is in and when on
// the first line; below, up to two lines of its text from shortly before the
// first match, with the words searched for in bold on a highlight.
class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace confab::ui
