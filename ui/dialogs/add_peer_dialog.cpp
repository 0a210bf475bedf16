#include "add_peer_dialog.h"

#include "api/peer_address.h"
#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

AddPeerDialog::AddPeerDialog(QWidget* parent)
    : QDialog(parent), m_address(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Add Peer"));
    auto* prompt = new QLabel(tr("&Address of the peer (host or host:port):"), this);
    prompt->setBuddy(m_address);
    m_address->setPlaceholderText(tr("for example 192.168.1.20:42042"));
    m_address->setAccessibleName(tr("Peer address"));
    m_address->setAccessibleDescription(
        tr("A host name or IP address, optionally followed by a colon and a port"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Address problem"));
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b00020; padding: 4px;"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Add peer"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddPeerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddPeerDialog::reject);
    connect(m_address, &QLineEdit::textEdited, m_error, &QLabel::hide);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_address);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 55);
    keepTallEnoughForText(this); // the reason takes several lines
}

QString AddPeerDialog::address() const
{
    return m_address->text().trimmed();
}

QString AddPeerDialog::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

void AddPeerDialog::accept()
{
    if (auto problem = api::peerAddressError(address())) {
        m_error->setText(tr("This address cannot be used: %1").arg(*problem));
        m_error->show();
        m_address->setFocus();
        m_address->selectAll();
        return;
    }
    QDialog::accept();
}

} // namespace confab::ui
