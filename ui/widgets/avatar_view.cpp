#include "avatar_view.h"

#include <QPainter>

namespace confab::ui {

AvatarView::AvatarView(int side, QWidget* parent) : QWidget(parent), m_side(side)
{
    setFixedSize(side, side);
    setSubject({});
}

void AvatarView::setSubject(const AvatarSubject& subject)
{
    m_subject = subject;
    const QString name = subject.name.trimmed();
    if (showsPicture()) {
        setAccessibleName(name.isEmpty() ? tr("Picture") : tr("Picture of %1").arg(name));
    } else {
        setAccessibleName(name.isEmpty() ? tr("No picture") : tr("No picture: the initials of %1").arg(name));
    }
    update();
}

bool AvatarView::showsPicture()
{
    return m_painter.hasPicture(m_subject);
}

QSize AvatarView::sizeHint() const
{
    return {m_side, m_side};
}

void AvatarView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setFont(font());
    m_painter.paint(painter, QRectF(rect()), m_subject);
}

} // namespace confab::ui
