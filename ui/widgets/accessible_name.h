#pragma once

#include <QString>

class QAbstractSpinBox;

namespace confab::ui {

// Names a spin box for screen readers. The keyboard lands in the box's own
// line editor, so that editor gets the name too.
void setSpinBoxAccessibleName(QAbstractSpinBox* box, const QString& name);

} // namespace confab::ui
