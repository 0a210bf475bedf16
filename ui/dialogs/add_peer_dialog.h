#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace confab::ui {

// Asks for a peer's address or contact text; refuses to close on one the
// node would reject.
class AddPeerDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddPeerDialog(QWidget* parent = nullptr);

    [[nodiscard]] QString address() const;
    [[nodiscard]] QString errorText() const;
    QLineEdit* addressEdit() const { return m_address; }

    void accept() override;

private:
    QLineEdit* m_address;
    QLabel* m_error;
};

} // namespace confab::ui
