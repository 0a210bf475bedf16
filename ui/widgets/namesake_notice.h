#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace confab::ui {

// Above a conversation whose peer shares its name with another (a
// reinstall, or an impostor): who the other one is and what to compare,
// with the way to the safety number beside it. Sending is not paused: a
// namesake is a reason to check, not proof of an attack.
class NamesakeNotice : public QFrame {
    Q_OBJECT
public:
    explicit NamesakeNotice(QWidget* parent = nullptr);

    // Shows `text`, or hides the notice when it is empty.
    void setText(const QString& text);
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPushButton* compareButton() const { return m_compare; }

signals:
    void compareRequested();

private:
    QLabel* m_text;
    QPushButton* m_compare;
};

} // namespace confab::ui
