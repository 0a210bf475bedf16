#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

// Draws a message as a bubble (ours on the right) with its time and delivery
// state, and opens a read-only editor so its text can be selected and copied.
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

private:
    struct Layout {
        QRect bubble;
        QRect body;
        QRect meta;
    };
    Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index, int viewWidth) const;
};

} // namespace confab::ui
