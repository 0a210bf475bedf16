#pragma once

#include <QStyleOptionViewItem>

class QPainter;

namespace confab::ui {

// A solid ring two pixels wide around a list row that has the keyboard
// focus, in the colour that stands out from the row: where the keyboard is
// must show at a glance. Nothing when the row has no focus.
void drawFocusRing(QPainter* painter, const QStyleOptionViewItem& option);

} // namespace confab::ui
