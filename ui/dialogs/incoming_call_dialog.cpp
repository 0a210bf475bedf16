#include "incoming_call_dialog.h"

#include "widgets/app_icon.h"
#include "widgets/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace confab::ui {

IncomingCallDialog::IncomingCallDialog(const PeerId& peer, const QString& callId, const QString& peerName,
                                       bool verified, QWidget* parent)
    : QDialog(parent), m_peer(peer), m_callId(callId), m_name(new QLabel(peerName, this)),
      m_badge(new QLabel(this)), m_answer(new QPushButton(tr("&Answer"), this)),
      m_decline(new QPushButton(tr("&Decline"), this))
{
    setWindowTitle(tr("Incoming call — %1").arg(peerName));
    setWindowIcon(appIcon());
    setAccessibleName(tr("Incoming call"));

    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this) * 2;
    icon->setPixmap(appIcon().pixmap(iconSize));
    icon->setAccessibleName(tr("Confab icon"));
    auto* heading = new QLabel(tr("Incoming call"), this);
    heading->setAccessibleName(tr("What is happening"));
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    if (nameFont.pointSizeF() > 0) {
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
    }
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Caller"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge->setAccessibleName(tr("Verification"));
    QPalette badgePalette = m_badge->palette();
    if (verified) {
        m_badge->setText(QStringLiteral("\u2713 ") + tr("verified"));
        badgePalette.setColor(QPalette::WindowText, theme::positive(badgePalette));
    } else {
        m_badge->setText(tr("not verified — compare safety numbers to be sure who it is"));
        badgePalette.setColor(QPalette::WindowText, theme::mutedText(badgePalette));
    }
    m_badge->setPalette(badgePalette);
    m_badge->setWordWrap(true);

    m_answer->setAccessibleName(tr("Answer the call"));
    m_answer->setToolTip(tr("Answer (Enter)"));
    m_answer->setDefault(true);
    m_decline->setAccessibleName(tr("Decline the call"));
    m_decline->setToolTip(tr("Decline (Escape)"));
    m_decline->setAutoDefault(false);
    connect(m_answer, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_decline, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, [this](int result) {
        if (m_dismissed) {
            return;
        }
        if (result == QDialog::Accepted) {
            emit answered();
        } else {
            emit declined(); // Decline, Escape, or the window closed
        }
    });

    auto* texts = new QVBoxLayout;
    texts->addWidget(heading);
    texts->addWidget(m_name);
    texts->addWidget(m_badge);
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(texts, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_answer);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    setTabOrder(m_answer, m_decline);
    m_answer->setFocus();
}

QString IncomingCallDialog::peerName() const
{
    return m_name->text();
}

QString IncomingCallDialog::badgeText() const
{
    return m_badge->text();
}

void IncomingCallDialog::dismiss()
{
    m_dismissed = true;
    done(QDialog::Rejected);
}

} // namespace confab::ui
