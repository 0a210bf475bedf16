#pragma once

#include "avatar_painter.h"

#include <QWidget>

namespace confab::ui {

// A round avatar of a fixed size, beside a name: the person's picture, or
// their initials. Screen readers hear which of the two it shows.
class AvatarView : public QWidget {
    Q_OBJECT
public:
    explicit AvatarView(int side, QWidget* parent = nullptr);

    void setSubject(const AvatarSubject& subject);
    [[nodiscard]] const AvatarSubject& subject() const { return m_subject; }
    // Whether it shows a picture (false: the initials, or nothing to show).
    [[nodiscard]] bool showsPicture();

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_side;
    AvatarSubject m_subject;
    AvatarPainter m_painter{4};
};

} // namespace confab::ui
