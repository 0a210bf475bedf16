#include "composer.h"

#include <QKeyEvent>
#include <QTextDocument>
#include <QTextOption>

#include <utility>

namespace confab::ui {

Composer::Composer(QWidget* parent) : QPlainTextEdit(parent)
{
    // Tab must move on to the next control, as everywhere else in the window.
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter starts a new line"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends the message, Shift+Enter starts a new line"));
    const int lines = 3;
    setFixedHeight(fontMetrics().lineSpacing() * lines + 2 * frameWidth() +
                   static_cast<int>(document()->documentMargin() * 2));
    connect(this, &QPlainTextEdit::textChanged, this, &Composer::followTextDirection);
}

void Composer::followTextDirection()
{
    // A plain text edit lays out every line with the document's one
    // alignment, left by default, whatever the direction of the text: it
    // follows the text's first strong character (as QString does).
    const Qt::Alignment wanted = toPlainText().isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft;
    QTextOption option = document()->defaultTextOption();
    if ((option.alignment() & Qt::AlignHorizontal_Mask) != wanted) {
        option.setAlignment(wanted);
        document()->setDefaultTextOption(option);
    }
}

void Composer::submit()
{
    const QString text = toPlainText();
    if (isEditing()) {
        if (!text.trimmed().isEmpty() && !m_editPending) {
            m_editPending = true;
            emit editSubmitted(text);
        }
        return;
    }
    if (text.trimmed().isEmpty() || m_pending) {
        return;
    }
    m_pending = text;
    emit submitted(text);
}

void Composer::acceptPending()
{
    // While a message is edited, the draft waits aside: it is what was sent.
    if (m_draftWhileEditing) {
        if (m_pending && *m_draftWhileEditing == *m_pending) {
            m_draftWhileEditing->clear();
        }
    } else if (m_pending && toPlainText() == *m_pending) {
        clear();
    }
    m_pending.reset();
}

void Composer::beginEditing(const QString& text)
{
    endReplying(); // a message being corrected replies to nothing
    if (!m_draftWhileEditing) {
        m_draftWhileEditing = toPlainText();
    }
    m_editPending = false;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    emit editingChanged(true);
}

void Composer::endEditing()
{
    if (!m_draftWhileEditing) {
        return;
    }
    const QString draft = *std::exchange(m_draftWhileEditing, std::nullopt);
    m_editPending = false;
    setPlainText(draft);
    moveCursor(QTextCursor::End);
    emit editingChanged(false);
}

void Composer::resumeEditing()
{
    m_editPending = false;
}

void Composer::beginReplying()
{
    endEditing(); // the draft comes back: it is what becomes the reply
    if (!m_replying) {
        m_replying = true;
        emit replyingChanged(true);
    }
}

void Composer::endReplying()
{
    if (m_replying) {
        m_replying = false;
        emit replyingChanged(false);
    }
}

bool Composer::handleEditKey(QKeyEvent* event)
{
    if (event->modifiers() != Qt::NoModifier && event->modifiers() != Qt::KeypadModifier) {
        return false;
    }
    if (event->key() == Qt::Key_Escape && isEditing()) {
        endEditing();
        return true;
    }
    if (event->key() == Qt::Key_Escape && isReplying()) {
        endReplying(); // unlike an edit, what is written is the user's draft: it stays
        return true;
    }
    // As in other messengers: Up where nothing is written yet goes back to
    // the newest message sent, to correct it.
    if (event->key() == Qt::Key_Up && !isEditing() && document()->isEmpty()) {
        emit editNewestRequested();
        return isEditing();
    }
    return false;
}

void Composer::noteTyped()
{
    // Correcting a message sent already is not writing a new one.
    if (!isEditing()) {
        emit typed();
    }
}

void Composer::cancelPending()
{
    m_pending.reset();
}

void Composer::resumePending(const QString& text)
{
    m_pending = text;
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    if (handleEditKey(event)) {
        event->accept();
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        submit();
        event->accept();
        return;
    }
    const int revision = document()->revision();
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
    } else {
        QPlainTextEdit::keyPressEvent(event);
    }
    if (document()->revision() != revision) {
        noteTyped();
    }
}

void Composer::inputMethodEvent(QInputMethodEvent* event)
{
    const int revision = document()->revision();
    QPlainTextEdit::inputMethodEvent(event);
    if (document()->revision() != revision) {
        noteTyped();
    }
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    QPlainTextEdit::insertFromMimeData(source);
    noteTyped();
}

} // namespace confab::ui
