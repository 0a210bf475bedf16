#pragma once

#include <QPlainTextEdit>

#include <optional>

namespace confab::ui {

// Where the user writes: Enter sends, Shift+Enter starts a new line. The
// text stays until the node has accepted the message, so nothing typed is
// lost when it is refused. Text that starts right to left is aligned right.
// In edit mode it holds one of the user's sent messages instead of the
// draft: Enter saves it, Escape leaves, and the draft comes back. In reply
// mode the draft is to be sent as a reply (what it quotes is the window's
// business): Escape leaves the mode, and the text stays. The two modes
// exclude each other.
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

    // Puts `text` (a sent message's) in place of the draft, the cursor at its
    // end; the draft waits, with a send of it still pending, for endEditing().
    void beginEditing(const QString& text);
    // Leaves edit mode (saved, or given up): the draft is back.
    void endEditing();
    [[nodiscard]] bool isEditing() const { return m_draftWhileEditing.has_value(); }
    // The edit was refused: the text stays, and Enter may save it again.
    void resumeEditing();

    // What is written goes out as a reply; leaves edit mode first.
    void beginReplying();
    // Back to a plain message; the text stays.
    void endReplying();
    [[nodiscard]] bool isReplying() const { return m_replying; }

signals:
    void submitted(const QString& text);
    // Enter in edit mode: `text` is to replace the message's.
    void editSubmitted(const QString& text);
    void editingChanged(bool editing);
    void replyingChanged(bool replying);
    // Up in the empty composer: the user wants to edit their newest message.
    void editNewestRequested();
    // The user changed the text of a message to send: typed, deleted, pasted
    // or composed it (not the program, as when a draft is brought back, nor
    // while editing a message sent already).
    void typed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    // Right-to-left text (Arabic, Hebrew) sits at the right edge.
    void followTextDirection();
    void noteTyped();
    // Edit mode's keys: Enter saves, Escape leaves; Up in an empty composer
    // asks to start. Escape leaves reply mode too. False for any other key.
    bool handleEditKey(QKeyEvent* event);

    std::optional<QString> m_pending; // the submitted text, until the node answers
    // The draft, while a message is being edited in its place.
    std::optional<QString> m_draftWhileEditing;
    bool m_editPending = false; // an edit was submitted and the node has not answered
    bool m_replying = false;
};

} // namespace confab::ui
