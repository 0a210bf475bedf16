#include "editing_bar.h"

#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace confab::ui {

EditingBar::EditingBar(QWidget* parent)
    : QFrame(parent), m_title(new QLabel(tr("Editing your message"), this)),
      m_hint(new QLabel(tr("Enter saves, Escape cancels"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Editing your message"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setAccessibleName(tr("Editing your message"));
    m_hint->setAccessibleName(tr("How to save or cancel the edit"));
    // No Alt letter: Escape in the composer cancels already, and the
    // window's letters stay with its menus and buttons.
    m_cancel->setAccessibleName(tr("Cancel editing"));
    m_cancel->setToolTip(tr("Leave the message as it was and bring back what you were writing (Escape)"));
    connect(m_cancel, &QPushButton::clicked, this, &EditingBar::cancelled);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_hint, 1);
    layout->addWidget(m_cancel, 0, Qt::AlignVCenter);
    applyPalette();
    hide();
}

void EditingBar::applyPalette()
{
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(muted));
    m_hint->setPalette(muted);
}

void EditingBar::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
}

} // namespace confab::ui
