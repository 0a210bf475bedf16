#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace confab::ui {

// Asks for the nickname a peer is shown by here, saying what the peer calls
// itself. Rename hands the text to whoever opened it (nickname()), which
// closes the dialog once the node has taken it or shows why it did not.
class RenamePeerDialog : public QDialog {
    Q_OBJECT
public:
    // `shownName`: what the list calls the peer now; `announcedName`: what
    // the peer calls itself (may be empty); `nickname`: the current one.
    RenamePeerDialog(const QString& shownName, const QString& announcedName, const QString& nickname,
                     QWidget* parent = nullptr);

    [[nodiscard]] QString nickname() const;
    // The node refused it: says why, and the dialog stays open.
    void showError(const QString& error);
    [[nodiscard]] QString errorText() const;
    QLineEdit* nicknameEdit() const { return m_nickname; }
    QPushButton* renameButton() const { return m_rename; }

    void accept() override;
    // The node took the nickname: closes the dialog as accepted.
    void finish();

signals:
    void nicknameChosen(const QString& nickname);

private:
    QLineEdit* m_nickname;
    QLabel* m_error;
    QPushButton* m_rename;
    bool m_waiting = false; // a nickname is with the node
};

} // namespace confab::ui
