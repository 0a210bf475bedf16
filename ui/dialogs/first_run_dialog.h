#pragma once

#include "api/node_types.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace confab::ui {

// Shown once, on a new profile: asks for the name peers will see (the login
// name by default) and shows the user's own ID and fingerprint.
class FirstRunDialog : public QDialog {
    Q_OBJECT
public:
    explicit FirstRunDialog(const api::NodeStatus& status, QWidget* parent = nullptr);

    // The name entered, trimmed.
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QLineEdit* nameEdit() const { return m_name; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString fingerprintText() const;

    void accept() override;

private:
    QLineEdit* m_name;
    QLabel* m_error;
    QLabel* m_fingerprint;
};

} // namespace confab::ui
