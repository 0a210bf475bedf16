#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace confab::ui {

// Over the composer while it holds a sent message for editing: says so, how
// to save or leave, and offers Cancel (Escape in the composer does the same).
class EditingBar : public QFrame {
    Q_OBJECT
public:
    explicit EditingBar(QWidget* parent = nullptr);

    [[nodiscard]] QLabel* title() const { return m_title; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }

signals:
    void cancelled();

protected:
    void changeEvent(QEvent* event) override;

private:
    // The hint in the palette's muted colour, light or dark.
    void applyPalette();

    QLabel* m_title;
    QLabel* m_hint;
    QPushButton* m_cancel;
};

} // namespace confab::ui
