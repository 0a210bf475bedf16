#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace confab::ui {

// Asks for the passphrase of an identity backup: twice, with its rules, to
// make one; once to open one. The passphrase goes to whoever opened the
// dialog (passphraseChosen), which shows the work as busy and then either
// closes it (finish()) or says why the passphrase did not do (showError(),
// the dialog stays open for another try).
class PassphraseDialog : public QDialog {
    Q_OBJECT
public:
    enum class Purpose { Backup, Restore };
    // `explanation`: what is about to happen, in a sentence or two.
    PassphraseDialog(Purpose purpose, const QString& explanation, QWidget* parent = nullptr);

    [[nodiscard]] QString passphrase() const;
    void showError(const QString& error);
    [[nodiscard]] QString errorText() const;
    void finish();
    [[nodiscard]] bool isWorking() const { return m_working; }

    [[nodiscard]] QLineEdit* passphraseEdit() const { return m_passphrase; }
    [[nodiscard]] QLineEdit* repeatEdit() const { return m_repeat; } // null to open a backup
    [[nodiscard]] QPushButton* goButton() const { return m_go; }
    [[nodiscard]] QString hintText() const;

    void accept() override;
    void reject() override;

signals:
    void passphraseChosen(const QString& passphrase);

private:
    void updateState();
    void setWorking(bool working);

    Purpose m_purpose;
    QLineEdit* m_passphrase;
    QLineEdit* m_repeat = nullptr;
    QCheckBox* m_show;
    QLabel* m_hint;
    QLabel* m_error;
    QProgressBar* m_busy;
    QPushButton* m_go;
    bool m_working = false;
};

} // namespace confab::ui
