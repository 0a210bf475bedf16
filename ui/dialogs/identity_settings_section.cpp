#include "identity_settings_section.h"

#include "passphrase_dialog.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace confab::ui {
namespace {

// A backup is a few hundred bytes; a bigger file is surely the wrong one.
constexpr qint64 kMaxBackupBytes = qint64{64} * 1024;
constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Writes the backup readable by its owner only; empty, or what went wrong.
QString writePrivately(const QString& path, const QString& text)
{
    QFile file(path);
    const QByteArray bytes = text.toUtf8();
    // setPermissions first: a file chosen to be replaced may be wider.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, kOwnerOnly) ||
        !file.setPermissions(kOwnerOnly) || file.write(bytes) != bytes.size() || !file.flush()) {
        return QObject::tr("Cannot save the backup in %1: %2")
            .arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return {};
}

} // namespace

IdentitySettingsSection::IdentitySettingsSection(api::NodeClient& client, QWidget* parent)
    : QGroupBox(tr("Identity"), parent), m_node(client), m_backUp(new QPushButton(tr("Bac&k Up…"), this)),
      m_restore(new QPushButton(tr("Rest&ore…"), this)), m_status(new QLabel(this))
{
    auto* about =
        new QLabel(tr("Your identity key is who you are to your peers. Back it up to keep your ID on a "
                      "new computer or after reinstalling."),
                   this);
    about->setWordWrap(true);
    about->setAccessibleName(tr("About the identity key"));
    m_backUp->setAccessibleName(tr("Back up the identity key"));
    m_backUp->setToolTip(tr("Save the key in a file, sealed with a passphrase"));
    m_restore->setAccessibleName(tr("Restore an identity key"));
    m_restore->setToolTip(tr("Make the identity in a backup file this computer's, from the next start"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Identity backup status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    connect(m_backUp, &QPushButton::clicked, this, &IdentitySettingsSection::chooseBackupFile);
    connect(m_restore, &QPushButton::clicked, this, &IdentitySettingsSection::chooseRestoreFile);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_backUp);
    buttons->addWidget(m_restore);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
}

QString IdentitySettingsSection::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void IdentitySettingsSection::say(const QString& text)
{
    m_status->setText(text);
    m_status->show();
}

void IdentitySettingsSection::chooseBackupFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Identity Backup"), QDir(folder).filePath(QStringLiteral("confab-identity.backup")),
        tr("Confab identity backups (*.backup);;All files (*)"));
    if (!path.isEmpty()) {
        backUpTo(path);
    }
}

void IdentitySettingsSection::chooseRestoreFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Restore Identity Backup"), folder, tr("Confab identity backups (*.backup);;All files (*)"));
    if (!path.isEmpty()) {
        restoreFrom(path);
    }
}

void IdentitySettingsSection::backUpTo(const QString& path)
{
    m_dialog = new PassphraseDialog(PassphraseDialog::Purpose::Backup,
                                    tr("The backup saved in %1 holds your identity key, sealed with this "
                                       "passphrase. Anyone with both can "
                                       "be you: keep them apart.")
                                        .arg(QDir::toNativeSeparators(path)),
                                    this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &PassphraseDialog::passphraseChosen, this, [this, path](const QString& passphrase) {
        m_node.call(
            this, [passphrase](api::Node& node) { return node.backupIdentity(passphrase); },
            [this, path](const api::BackupResult& result) { onBackedUp(path, result); });
    });
    m_dialog->open();
}

void IdentitySettingsSection::onBackedUp(const QString& path, const api::BackupResult& result)
{
    if (m_dialog == nullptr) {
        return;
    }
    if (!result) {
        m_dialog->showError(result.error());
        return;
    }
    if (const QString failure = writePrivately(path, result.value().text); !failure.isEmpty()) {
        QFile::remove(path);
        m_dialog->showError(failure);
        return;
    }
    m_dialog->finish();
    say(tr("Saved your identity in %1. Keep the passphrase: without it the backup cannot be opened.")
            .arg(QDir::toNativeSeparators(path)));
}

void IdentitySettingsSection::restoreFrom(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        say(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    const QByteArray text = file.read(kMaxBackupBytes + 1);
    if (text.size() > kMaxBackupBytes) {
        say(tr("%1 is not a Confab identity backup: it is far too big for one.")
                .arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_dialog = new PassphraseDialog(PassphraseDialog::Purpose::Restore,
                                    tr("The identity in %1 becomes this computer's from the next start: "
                                       "peers will know you by its ID. The key "
                                       "used now is kept in the profile folder.")
                                        .arg(QDir::toNativeSeparators(path)),
                                    this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString backup = QString::fromUtf8(text);
    connect(m_dialog, &PassphraseDialog::passphraseChosen, this, [this, backup](const QString& passphrase) {
        m_node.call(
            this, [backup, passphrase](api::Node& node) { return node.restoreIdentity(backup, passphrase); },
            [this](const api::RestoreResult& result) { onRestored(result); });
    });
    m_dialog->open();
}

void IdentitySettingsSection::onRestored(const api::RestoreResult& result)
{
    if (m_dialog == nullptr) {
        return;
    }
    if (!result) {
        m_dialog->showError(result.error());
        return;
    }
    m_dialog->finish();
    const QString id = QString::fromStdString(result.value().id.toText());
    if (!result.value().changed) {
        say(tr("This computer has that identity already (%1); nothing changed.").arg(id));
        return;
    }
    say(tr("Restored identity %1. Confab uses it from its next start.").arg(id));
    auto* ask = new QMessageBox(
        QMessageBox::Question, tr("Identity Restored"),
        tr("Confab uses the restored identity %1 from its next start. Restart Confab now?").arg(id),
        QMessageBox::NoButton, this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* restart = ask->addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
    ask->addButton(tr("&Later"), QMessageBox::RejectRole);
    ask->setDefaultButton(restart);
    connect(ask, &QMessageBox::buttonClicked, this, [this, restart](QAbstractButton* clicked) {
        if (clicked == restart) {
            emit restartRequested();
        }
    });
    ask->open();
}

} // namespace confab::ui
