#include "add_peer_dialog.h"

#include "api/contact_card.h"
#include "api/peer_address.h"
#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {
namespace {

// What the node would refuse in what was typed, in words.
std::optional<QString> problemWith(const QString& typed)
{
    if (api::looksLikeContactCard(typed)) {
        if (const auto card = api::parseContactCard(typed); !card) {
            return AddPeerDialog::tr("This contact text cannot be used: %1").arg(card.error());
        }
        return std::nullopt;
    }
    if (auto problem = api::peerAddressError(typed)) {
        return AddPeerDialog::tr("This address cannot be used: %1").arg(*problem);
    }
    return std::nullopt;
}

} // namespace

AddPeerDialog::AddPeerDialog(QWidget* parent)
    : QDialog(parent), m_address(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Add Peer"));
    auto* prompt = new QLabel(tr("&Address of the peer (host or host:port), or their contact text:"), this);
    prompt->setBuddy(m_address);
    m_address->setPlaceholderText(tr("for example 192.168.1.20:42042"));
    m_address->setAccessibleName(tr("Peer address"));
    m_address->setAccessibleDescription(tr("A host name or IP address, optionally followed by a colon and a "
                                           "port, or contact text starting with confab:"));
    auto* hint =
        new QLabel(tr("Contact text, from the other person's File > My Address, adds them and trusts "
                      "their key at once."),
                   this);
    hint->setWordWrap(true);
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
    layout->addWidget(hint);
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
    if (const auto problem = problemWith(address())) {
        m_error->setText(*problem);
        m_error->show();
        m_address->setFocus();
        m_address->selectAll();
        return;
    }
    QDialog::accept();
}

} // namespace confab::ui
