#pragma once

#include "api/node_types.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace confab::ui {

// "My Address": how others reach this node. The addresses they can type,
// and the contact text (with its QR code) that adds this node and trusts
// its key at once, each with a button that copies it.
class MyAddressDialog : public QDialog {
    Q_OBJECT
public:
    explicit MyAddressDialog(const api::NodeStatus& status, QWidget* parent = nullptr);

    // Shows what the node reports now (addresses come and go with interfaces).
    void setStatus(const api::NodeStatus& status);

    [[nodiscard]] QString contactText() const;
    [[nodiscard]] QStringList addresses() const;
    // The QR code as shown; null while the node is not listening.
    [[nodiscard]] QImage qrCode() const;
    QPushButton* copyContactButton() const { return m_copyContact; }
    QPushButton* copyAddressButton() const { return m_copyAddress; }
    QListWidget* addressList() const { return m_addresses; }

private:
    QLabel* m_fingerprint;
    QListWidget* m_addresses;
    QLabel* m_qrCode;
    QLineEdit* m_contact;
    QPushButton* m_copyContact;
    QPushButton* m_copyAddress;
    QImage m_qrImage;
};

} // namespace confab::ui
