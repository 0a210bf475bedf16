#include "passphrase_dialog.h"

#include "api/node.h"
#include "widgets/theme.h"
#include "widgets/window_fit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

PassphraseDialog::PassphraseDialog(Purpose purpose, const QString& explanation, QWidget* parent)
    : QDialog(parent), m_purpose(purpose), m_passphrase(new QLineEdit(this)),
      m_show(new QCheckBox(tr("S&how the passphrase"), this)), m_hint(new QLabel(this)),
      m_error(new QLabel(this)), m_busy(new QProgressBar(this))
{
    const bool backup = purpose == Purpose::Backup;
    setWindowTitle(backup ? tr("Back Up Identity") : tr("Restore Identity"));
    auto* about = new QLabel(explanation, this);
    about->setWordWrap(true);
    about->setAccessibleName(tr("What happens"));

    auto* form = new QFormLayout;
    auto* passphraseLabel = new QLabel(tr("&Passphrase:"), this);
    passphraseLabel->setBuddy(m_passphrase);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    form->addRow(passphraseLabel, m_passphrase);
    if (backup) {
        m_repeat = new QLineEdit(this);
        m_repeat->setEchoMode(QLineEdit::Password);
        m_repeat->setAccessibleName(tr("Passphrase again"));
        auto* repeatLabel = new QLabel(tr("&Again:"), this);
        repeatLabel->setBuddy(m_repeat);
        form->addRow(repeatLabel, m_repeat);
        connect(m_repeat, &QLineEdit::textChanged, this, &PassphraseDialog::updateState);
    }
    form->addRow(QString(), m_show);
    m_show->setAccessibleName(tr("Show the passphrase"));
    connect(m_show, &QCheckBox::toggled, this, [this](bool shown) {
        const auto mode = shown ? QLineEdit::Normal : QLineEdit::Password;
        m_passphrase->setEchoMode(mode);
        if (m_repeat != nullptr) {
            m_repeat->setEchoMode(mode);
        }
    });
    connect(m_passphrase, &QLineEdit::textChanged, this, &PassphraseDialog::updateState);

    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("Passphrase rules"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Why it did not work"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, theme::danger(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();
    m_busy->setRange(0, 0); // stretching the passphrase has no steps to count
    m_busy->setAccessibleName(backup ? tr("Sealing the key") : tr("Opening the backup"));
    m_busy->setFormat(QString());
    m_busy->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_go = buttons->button(QDialogButtonBox::Ok);
    m_go->setText(backup ? tr("&Save Backup") : tr("&Restore"));
    m_go->setAccessibleName(backup ? tr("Save the backup") : tr("Restore the identity"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PassphraseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PassphraseDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addStretch(1); // the hint's lines vary; the buttons stay at the bottom
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    keepTallEnoughForText(this);
    updateState();
}

QString PassphraseDialog::passphrase() const
{
    return m_passphrase->text();
}

QString PassphraseDialog::hintText() const
{
    return m_hint->text();
}

QString PassphraseDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PassphraseDialog::updateState()
{
    if (m_purpose == Purpose::Restore) {
        m_hint->setText(tr("The passphrase chosen when the backup was made."));
        m_go->setEnabled(!m_working && !passphrase().isEmpty());
        return;
    }
    const int needed = api::Node::kMinPassphraseLength;
    const bool longEnough = passphrase().size() >= needed;
    const bool same = m_repeat == nullptr || m_repeat->text() == passphrase();
    if (!longEnough) {
        m_hint->setText(
            tr("At least %1 characters. A few unrelated words are easy to remember and hard to "
               "guess. Without the passphrase the backup cannot be opened: nobody can recover it.")
                .arg(needed));
    } else if (!same) {
        m_hint->setText(tr("Type the same passphrase again below."));
    } else {
        m_hint->setText(tr("Keep the passphrase somewhere safe, apart from the backup."));
    }
    m_go->setEnabled(!m_working && longEnough && same);
}

void PassphraseDialog::setWorking(bool working)
{
    m_working = working;
    m_busy->setVisible(working);
    m_passphrase->setEnabled(!working);
    if (m_repeat != nullptr) {
        m_repeat->setEnabled(!working);
    }
    updateState();
}

void PassphraseDialog::accept()
{
    if (m_working || !m_go->isEnabled()) {
        return;
    }
    m_error->hide();
    setWorking(true);
    emit passphraseChosen(passphrase());
}

void PassphraseDialog::reject()
{
    // The node finishes what it started either way; closing now would leave
    // its answer nowhere to go.
    if (!m_working) {
        QDialog::reject();
    }
}

void PassphraseDialog::showError(const QString& error)
{
    setWorking(false);
    m_error->setText(error);
    m_error->show();
    m_passphrase->setFocus();
    m_passphrase->selectAll();
}

void PassphraseDialog::finish()
{
    setWorking(false);
    m_passphrase->clear();
    if (m_repeat != nullptr) {
        m_repeat->clear();
    }
    QDialog::accept();
}

} // namespace confab::ui
