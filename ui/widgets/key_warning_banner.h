#pragma once

#include "api/node_types.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace confab::ui {

// Says, in plain words, that someone presented a different key for this
// contact and that Confab refused them. The conversation's composer stays
// disabled until the user presses "I understand".
class KeyWarningBanner : public QFrame {
    Q_OBJECT
public:
    explicit KeyWarningBanner(QWidget* parent = nullptr);

    void setWarning(const QString& peerName, const api::KeyWarning& warning);
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPushButton* acknowledgeButton() const { return m_acknowledge; }
    [[nodiscard]] QPushButton* safetyNumberButton() const { return m_safetyNumber; }

signals:
    void acknowledged();
    void safetyNumberRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColours();

    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_text;
    QLabel* m_detail;
    QPushButton* m_safetyNumber;
    QPushButton* m_acknowledge;
};

} // namespace confab::ui
