#pragma once

#include "api/node_client.h"
#include "passphrase_dialog.h"

#include <QGroupBox>
#include <QPointer>

class QLabel;
class QPushButton;

namespace confab::ui {

// The settings dialog's part about this computer's identity key: saving it
// in a file sealed with a passphrase, and restoring such a file here (to
// move to a new computer, or after a reinstall, with the same ID). A
// restore applies from the next start, and the section offers to restart.
class IdentitySettingsSection : public QGroupBox {
    Q_OBJECT
public:
    explicit IdentitySettingsSection(api::NodeClient& client, QWidget* parent = nullptr);

    // Backing up to `path` (which the user chose; an existing file is
    // replaced) and restoring from it, as the buttons do after asking for
    // the file: for tests, which cannot drive the file chooser.
    void backUpTo(const QString& path);
    void restoreFrom(const QString& path);

    [[nodiscard]] QPushButton* backUpButton() const { return m_backUp; }
    [[nodiscard]] QPushButton* restoreButton() const { return m_restore; }
    // The passphrase dialog while one is open.
    [[nodiscard]] PassphraseDialog* passphraseDialog() const { return m_dialog; }
    // What the section last said (saved, restored, or what went wrong).
    [[nodiscard]] QString statusText() const;

signals:
    // The user asked to restart Confab now, to use a restored identity.
    void restartRequested();

private:
    void chooseBackupFile();
    void chooseRestoreFile();
    void onBackedUp(const QString& path, const api::BackupResult& result);
    void onRestored(const api::RestoreResult& result);
    void say(const QString& text);

    api::NodeClient& m_node;
    QPushButton* m_backUp;
    QPushButton* m_restore;
    QLabel* m_status;
    QPointer<PassphraseDialog> m_dialog;
};

} // namespace confab::ui
