#pragma once

#include "api/node_types.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace confab::ui {

// Help → About Confab: the version and the protocol it speaks, where this
// profile lives (copy the path, open the folder), and the libraries Confab
// is built on with their licences.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    AboutDialog(const api::NodeVersion& version, const QString& profileDir, QWidget* parent = nullptr);

    [[nodiscard]] QString versionText() const;
    [[nodiscard]] QLabel* profileLabel() const { return m_profile; }
    [[nodiscard]] QPushButton* copyPathButton() const { return m_copyPath; }
    [[nodiscard]] QLabel* creditsLabel() const { return m_credits; }

private:
    QLabel* m_version;
    QLabel* m_profile;
    QPushButton* m_copyPath;
    QLabel* m_credits;
};

} // namespace confab::ui
