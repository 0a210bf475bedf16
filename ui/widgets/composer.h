#pragma once

#include <QPlainTextEdit>

namespace confab::ui {

// Where the user writes: Enter sends, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    // Emits submitted() with the text and clears it, unless it is blank.
    void submit();

signals:
    void submitted(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

} // namespace confab::ui
