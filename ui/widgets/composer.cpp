#include "composer.h"

#include <QKeyEvent>
#include <QTextDocument>
#include <QTextOption>

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
    if (text.trimmed().isEmpty() || m_pending) {
        return;
    }
    m_pending = text;
    emit submitted(text);
}

void Composer::acceptPending()
{
    if (m_pending && toPlainText() == *m_pending) {
        clear();
    }
    m_pending.reset();
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
        emit typed();
    }
}

void Composer::inputMethodEvent(QInputMethodEvent* event)
{
    const int revision = document()->revision();
    QPlainTextEdit::inputMethodEvent(event);
    if (document()->revision() != revision) {
        emit typed();
    }
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    QPlainTextEdit::insertFromMimeData(source);
    emit typed();
}

} // namespace confab::ui
