#include "namesake_notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace confab::ui {

NamesakeNotice::NamesakeNotice(QWidget* parent)
    : QFrame(parent), m_text(new QLabel(this)),
      m_compare(new QPushButton(tr("Compare Safety &Numbers…"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Two peers with one name"));
    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    m_text->setWordWrap(true);
    m_text->setAccessibleName(tr("Another peer has this name"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compare->setAccessibleName(tr("Compare safety numbers with this peer"));
    connect(m_compare, &QPushButton::clicked, this, &NamesakeNotice::compareRequested);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_compare, 0, Qt::AlignVCenter);
    hide();
}

void NamesakeNotice::setText(const QString& text)
{
    m_text->setText(text);
    setAccessibleDescription(text);
    setVisible(!text.isEmpty());
}

QString NamesakeNotice::text() const
{
    return m_text->text();
}

} // namespace confab::ui
