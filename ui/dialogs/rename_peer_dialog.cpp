#include "rename_peer_dialog.h"

#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

RenamePeerDialog::RenamePeerDialog(const QString& shownName, const QString& announcedName,
                                   const QString& nickname, QWidget* parent)
    : QDialog(parent), m_nickname(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Rename %1").arg(shownName));
    auto* prompt = new QLabel(tr("&Nickname, shown only on this computer:"), this);
    prompt->setBuddy(m_nickname);
    auto* explanation = new QLabel(this);
    explanation->setWordWrap(true);
    explanation->setAccessibleName(tr("About nicknames"));
    explanation->setText(announcedName.isEmpty()
                             ? tr("Leave it empty to show the peer by its ID again.")
                             : tr("They call themselves “%1”; Peer Details still shows that name. Leave it "
                                  "empty to use it again.")
                                   .arg(announcedName));
    m_nickname->setText(nickname);
    m_nickname->selectAll();
    m_nickname->setPlaceholderText(announcedName);
    m_nickname->setAccessibleName(tr("Nickname"));
    m_nickname->setAccessibleDescription(explanation->text());
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Why the nickname was not taken"));
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b00020; padding: 4px;"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_rename = buttons->button(QDialogButtonBox::Ok);
    m_rename->setText(tr("&Rename"));
    m_rename->setAccessibleName(tr("Rename the peer"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RenamePeerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RenamePeerDialog::reject);
    connect(m_nickname, &QLineEdit::textEdited, m_error, &QLabel::hide);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_nickname);
    layout->addWidget(explanation);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 55);
    keepTallEnoughForText(this);
}

QString RenamePeerDialog::nickname() const
{
    return m_nickname->text().trimmed();
}

QString RenamePeerDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RenamePeerDialog::showError(const QString& error)
{
    m_waiting = false;
    m_rename->setEnabled(true);
    m_error->setText(error);
    m_error->show();
    m_nickname->setFocus();
    m_nickname->selectAll();
}

void RenamePeerDialog::accept()
{
    if (m_waiting) {
        return;
    }
    m_waiting = true;
    m_rename->setEnabled(false); // until the node answers
    emit nicknameChosen(nickname());
}

void RenamePeerDialog::finish()
{
    m_waiting = false;
    QDialog::accept();
}

} // namespace confab::ui
