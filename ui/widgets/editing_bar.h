#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace confab::ui {

class ElidingLabel;

// Over the composer while what it holds is no plain new message: a sent
// message being edited ("Editing your message", how to save or leave) or a
// reply ("Replying to Bob" and the first line of what it quotes). Either
// way it offers Cancel (Escape in the composer does the same).
class EditingBar : public QFrame {
    Q_OBJECT
public:
    explicit EditingBar(QWidget* parent = nullptr);

    // Shows the bar for an edit.
    void showEditing();
    // Shows the bar for a reply: `title` ("Replying to Bob") and the quoted
    // text, shortened with "…" to the room there is.
    void showReplying(const QString& title, const QString& quote);

    [[nodiscard]] QLabel* title() const { return m_title; }
    // The hint for an edit, the quoted text for a reply.
    [[nodiscard]] QLabel* detail() const;
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }

signals:
    void cancelled();

protected:
    void changeEvent(QEvent* event) override;

private:
    void setEditingTexts();
    // The hint in the palette's muted colour, light or dark.
    void applyPalette();

    QLabel* m_title;
    ElidingLabel* m_detail;
    QPushButton* m_cancel;
};

} // namespace confab::ui
