#pragma once

#include <QLabel>

namespace confab::ui {

// One line of text that shortens itself with "…" when space runs out instead
// of being clipped or widening the window; the full text is its tooltip and
// its accessible description.
class ElidingLabel : public QLabel {
    Q_OBJECT
public:
    using QLabel::QLabel;

    void setFullText(const QString& text);
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace confab::ui
