#include "conversation_header.h"

#include "avatar_view.h"
#include "models/peer_list_model.h"
#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace confab::ui {

ConversationHeader::ConversationHeader(QWidget* parent)
    : QWidget(parent), m_avatar(nullptr), m_name(new QLabel(this)), m_badge(new QLabel(this)),
      m_presence(new QLabel(this)), m_details(new QToolButton(this)), m_call(new QToolButton(this))
{
    QFont titleFont = m_name->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0) {
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    }
    m_name->setFont(titleFont);
    // A little taller than the name, so that a face can be made out.
    m_avatar = new AvatarView(QFontMetrics(titleFont).height() * 3 / 2, this);
    // The same height with or without a peer (and so without an avatar): the conversation does not jump.
    setMinimumHeight(m_avatar->height());
    m_name->setAccessibleName(tr("Conversation partner"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge->setAccessibleName(tr("Verification"));
    m_presence->setAccessibleName(tr("Presence"));
    m_details->setText(tr("Peer &Details…"));
    m_details->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_details->setAccessibleName(tr("Peer details and safety number"));
    m_details->setToolTip(tr("ID, address and safety number; mark as verified (Ctrl+I)"));
    m_details->setFocusPolicy(Qt::StrongFocus);
    connect(m_details, &QToolButton::clicked, this, &ConversationHeader::detailsRequested);
    m_call->setText(tr("Call"));
    m_call->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_call->setAccessibleName(tr("Call this peer"));
    m_call->setFocusPolicy(Qt::StrongFocus);
    m_call->setEnabled(false);
    connect(m_call, &QToolButton::clicked, this, &ConversationHeader::callRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_avatar);
    layout->addWidget(m_name);
    layout->addWidget(m_badge);
    layout->addWidget(m_presence, 1);
    layout->addWidget(m_call);
    layout->addWidget(m_details);
    setPeer(nullptr, QString());
}

void ConversationHeader::setPeer(const api::PeerSummary* peer, const QString& presence)
{
    if (!peer) {
        m_name->setText(tr("Choose a peer on the left"));
        m_badge->clear();
        m_presence->clear();
        m_details->setEnabled(false);
        m_avatar->setSubject({});
        m_avatar->hide();
        m_verified = m_warning = false;
        updateColours();
        return;
    }
    m_name->setText(PeerListModel::nameOf(*peer));
    m_avatar->setSubject(
        {peer->view.avatar, m_name->text(), QString::fromStdString(peer->view.record.id.toText())});
    m_avatar->show();
    m_verified = peer->view.record.verified;
    m_warning = peer->view.keyWarning.has_value();
    if (m_warning) {
        m_badge->setText(QStringLiteral("\u26A0 ") + tr("key warning"));
    } else if (m_verified) {
        m_badge->setText(QStringLiteral("\u2713 ") + tr("verified"));
    } else {
        m_badge->setText(tr("not verified"));
    }
    // The dot keeps "not verified" and "online" from reading as one phrase.
    m_presence->setText(QStringLiteral("· ") + presence);
    m_details->setEnabled(true);
    updateColours();
}

void ConversationHeader::setCallAvailability(bool available, const QString& toolTip)
{
    m_call->setEnabled(available);
    m_call->setToolTip(toolTip);
    // A disabled button shows no tooltip on some styles: the reason stays readable here too.
    m_call->setAccessibleDescription(toolTip);
}

QString ConversationHeader::title() const
{
    return m_name->text();
}

QString ConversationHeader::presenceText() const
{
    return m_presence->text();
}

QString ConversationHeader::badgeText() const
{
    return m_badge->text();
}

void ConversationHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
    }
}

void ConversationHeader::updateColours()
{
    const QPalette base = palette();
    const auto colourLabel = [&base](QLabel* label, const QColor& colour) {
        QPalette coloured = base;
        coloured.setColor(QPalette::WindowText, colour);
        label->setPalette(coloured);
    };
    colourLabel(m_badge, m_warning    ? theme::danger(base)
                         : m_verified ? theme::positive(base)
                                      : theme::mutedText(base));
    colourLabel(m_presence, theme::mutedText(base));
}

} // namespace confab::ui
