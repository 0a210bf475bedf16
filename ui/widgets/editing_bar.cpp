#include "editing_bar.h"

#include "eliding_label.h"
#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace confab::ui {

EditingBar::EditingBar(QWidget* parent)
    : QFrame(parent), m_title(new QLabel(this)), m_detail(new ElidingLabel(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setFrameShape(QFrame::StyledPanel);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // No Alt letter: Escape in the composer cancels already, and the
    // window's letters stay with its menus and buttons.
    connect(m_cancel, &QPushButton::clicked, this, &EditingBar::cancelled);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_detail, 1);
    layout->addWidget(m_cancel, 0, Qt::AlignVCenter);
    setEditingTexts();
    applyPalette();
    hide();
}

QLabel* EditingBar::detail() const
{
    return m_detail;
}

void EditingBar::showEditing()
{
    setEditingTexts();
    show();
}

void EditingBar::setEditingTexts()
{
    setAccessibleName(tr("Editing your message"));
    m_title->setText(tr("Editing your message"));
    m_title->setAccessibleName(tr("Editing your message"));
    m_detail->setFullText(tr("Enter saves, Escape cancels"));
    m_detail->setAccessibleName(tr("How to save or cancel the edit"));
    m_cancel->setAccessibleName(tr("Cancel editing"));
    m_cancel->setToolTip(tr("Leave the message as it was and bring back what you were writing (Escape)"));
}

void EditingBar::showReplying(const QString& title, const QString& quote)
{
    setAccessibleName(title);
    m_title->setText(title);
    m_title->setAccessibleName(title);
    m_detail->setFullText(quote);
    m_detail->setAccessibleName(tr("The message you reply to"));
    m_cancel->setAccessibleName(tr("Cancel reply"));
    m_cancel->setToolTip(tr("Send what you write as a plain message; it stays as it is (Escape)"));
    show();
}

void EditingBar::applyPalette()
{
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(muted));
    m_detail->setPalette(muted);
}

void EditingBar::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
}

} // namespace confab::ui
