#pragma once

#include <QPlainTextEdit>

#include <optional>

namespace confab::ui {

// Where the user writes: Enter sends, Shift+Enter starts a new line. The
// text stays until the node has accepted the message, so nothing typed is
// lost when it is refused. Text that starts right to left is aligned right.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    // Emits submitted() with the text unless it is blank or a submission is
    // still pending; the text stays until acceptPending().
    void submit();
    // The node stored the submitted message: clears it (unless the user has
    // changed the text since, which is then kept).
    void acceptPending();
    // The message was refused or abandoned: the text stays for editing.
    void cancelPending();
    // A submission of `text` made before the composer last showed other text
    // is still unanswered: pending again, as right after submit(), without
    // submitting it a second time.
    void resumePending(const QString& text);
    [[nodiscard]] bool isPending() const { return m_pending.has_value(); }

signals:
    void submitted(const QString& text);
    // The user changed the text: typed, deleted, pasted or composed it (not
    // the program, as when a draft is brought back).
    void typed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    // Right-to-left text (Arabic, Hebrew) sits at the right edge.
    void followTextDirection();

    std::optional<QString> m_pending; // the submitted text, until the node answers
};

} // namespace confab::ui
