#include "key_warning_banner.h"

#include "theme.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace confab::ui {

KeyWarningBanner::KeyWarningBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_title(new QLabel(this)), m_text(new QLabel(this)),
      m_detail(new QLabel(this)), m_safetyNumber(new QPushButton(tr("Show &Safety Number…"), this)),
      m_acknowledge(new QPushButton(tr("I &Understand"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Security warning"));

    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    m_icon->setAlignment(Qt::AlignTop);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Warning title"));
    m_text->setWordWrap(true);
    m_text->setAccessibleName(tr("Warning"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setWordWrap(true);
    m_detail->setAccessibleName(tr("What was logged"));
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont detailFont = m_detail->font();
    if (detailFont.pointSizeF() > 0) {
        detailFont.setPointSizeF(detailFont.pointSizeF() * 0.85);
    }
    m_detail->setFont(detailFont);

    m_safetyNumber->setAccessibleName(tr("Show the safety number"));
    m_acknowledge->setAccessibleName(tr("I understand: allow sending again"));
    m_acknowledge->setDefault(true);
    connect(m_acknowledge, &QPushButton::clicked, this, &KeyWarningBanner::acknowledged);
    connect(m_safetyNumber, &QPushButton::clicked, this, &KeyWarningBanner::safetyNumberRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_safetyNumber);
    buttons->addWidget(m_acknowledge);
    auto* texts = new QVBoxLayout;
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    texts->addWidget(m_detail);
    texts->addLayout(buttons);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    setTabOrder(m_safetyNumber, m_acknowledge);
    updateColours();
}

void KeyWarningBanner::setWarning(const QString& peerName, const api::KeyWarning& warning)
{
    m_title->setText(tr("Someone presented a different key for %1").arg(peerName));
    m_text->setText(
        tr("Someone on the network tried to connect as %1 but presented a different identity key than the "
           "one Confab knows for this contact. Confab refused the connection, so nothing was sent to them or "
           "accepted from them. It may be someone pretending to be %1 — or %1 may have reinstalled Confab. "
           "Compare safety numbers with %1 in person before you trust this conversation again. Sending is "
           "paused until you confirm that you have read this.")
            .arg(peerName));
    const QString when =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(warning.raisedMs), QLocale::ShortFormat);
    m_detail->setText(tr("Logged at %1: %2").arg(when, warning.detail));
}

QString KeyWarningBanner::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_text->text();
}

void KeyWarningBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
    }
}

void KeyWarningBanner::updateColours()
{
    // Only the background role is set, so the rest still follows the theme.
    QPalette coloured = palette();
    const QColor background = theme::dangerBackground(coloured);
    if (coloured.color(QPalette::Window) != background) {
        coloured.setColor(QPalette::Window, background);
        setPalette(coloured);
    }
}

} // namespace confab::ui
