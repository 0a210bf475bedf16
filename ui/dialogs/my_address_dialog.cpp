#include "my_address_dialog.h"

#include "widgets/qr_code.h"
#include "widgets/window_fit.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {
namespace {

// Pixels per QR module: large enough for a phone held at arm's length.
constexpr int kQrModulePixels = 4;

} // namespace

MyAddressDialog::MyAddressDialog(const api::NodeStatus& status, QWidget* parent)
    : QDialog(parent), m_fingerprint(new QLabel(this)), m_addresses(new QListWidget(this)),
      m_qrCode(new QLabel(this)), m_contact(new QLineEdit(this)),
      m_copyContact(new QPushButton(tr("Copy &Contact Text"), this)),
      m_copyAddress(new QPushButton(tr("Copy &Address"), this))
{
    setWindowTitle(tr("My Address"));
    auto* intro = new QLabel(tr("People on your network can add you with one of these addresses. To add you "
                                "and trust your key at once, they scan the code or paste your contact text "
                                "into Add Peer. Give it to them yourself, or over a channel you trust."),
                             this);
    intro->setWordWrap(true);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_fingerprint->setFont(fixed);
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setAccessibleName(tr("Your fingerprint"));

    auto* addressesLabel = new QLabel(tr("A&ddresses:"), this);
    addressesLabel->setBuddy(m_addresses);
    m_addresses->setAccessibleName(tr("Your addresses"));
    m_addresses->setFont(fixed);
    m_addresses->setMaximumHeight(fontMetrics().height() * 5);
    m_copyAddress->setAccessibleName(tr("Copy the chosen address"));
    connect(m_copyAddress, &QPushButton::clicked, this, [this] {
        if (const QListWidgetItem* item = m_addresses->currentItem()) {
            QApplication::clipboard()->setText(item->text());
        }
    });

    m_qrCode->setAlignment(Qt::AlignCenter);
    m_qrCode->setAccessibleName(tr("QR code of your contact text"));
    auto* contactLabel = new QLabel(tr("C&ontact text:"), this);
    contactLabel->setBuddy(m_contact);
    m_contact->setReadOnly(true);
    m_contact->setFont(fixed);
    m_contact->setAccessibleName(tr("Your contact text"));
    m_copyContact->setAccessibleName(tr("Copy your contact text"));
    connect(m_copyContact, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_contact->text()); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close"));
    close->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* identity = new QFormLayout;
    identity->addRow(tr("Fingerprint:"), m_fingerprint);
    auto* addressRow = new QHBoxLayout;
    addressRow->addWidget(m_addresses, 1);
    addressRow->addWidget(m_copyAddress, 0, Qt::AlignTop);
    auto* contactRow = new QHBoxLayout;
    contactRow->addWidget(m_contact, 1);
    contactRow->addWidget(m_copyContact);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(identity);
    layout->addWidget(addressesLabel);
    layout->addLayout(addressRow);
    layout->addWidget(m_qrCode);
    layout->addWidget(contactLabel);
    layout->addLayout(contactRow);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    setStatus(status);
    close->setFocus();
    keepTallEnoughForText(this);
}

void MyAddressDialog::setStatus(const api::NodeStatus& status)
{
    m_fingerprint->setText(status.fingerprint);
    const QString chosen = m_addresses->currentItem() ? m_addresses->currentItem()->text() : QString();
    m_addresses->clear();
    m_addresses->addItems(status.reachableAt);
    const auto stillThere = m_addresses->findItems(chosen, Qt::MatchExactly);
    m_addresses->setCurrentRow(stillThere.isEmpty() ? 0 : m_addresses->row(stillThere.constFirst()));
    m_copyAddress->setEnabled(!status.reachableAt.isEmpty());

    m_contact->setText(status.contactCard);
    m_contact->setCursorPosition(0);
    m_copyContact->setEnabled(!status.contactCard.isEmpty());
    m_qrImage = status.contactCard.isEmpty() ? QImage() : qrCodeImage(status.contactCard, kQrModulePixels);
    if (m_qrImage.isNull()) {
        m_qrCode->setPixmap({});
        m_qrCode->setText(status.contactCard.isEmpty()
                              ? tr("Not listening yet: no address to show.")
                              : tr("Too many addresses for a QR code: copy the text."));
    } else {
        m_qrCode->setPixmap(QPixmap::fromImage(m_qrImage));
    }
    m_qrCode->setAccessibleDescription(status.contactCard);
}

QString MyAddressDialog::contactText() const
{
    return m_contact->text();
}

QStringList MyAddressDialog::addresses() const
{
    QStringList shown;
    for (int row = 0; row < m_addresses->count(); ++row) {
        shown.append(m_addresses->item(row)->text());
    }
    return shown;
}

QImage MyAddressDialog::qrCode() const
{
    return m_qrImage;
}

} // namespace confab::ui
