#pragma once

#include <QIcon>

namespace confab::ui {

// The application icon (resources/confab.svg, compiled into the UI library).
QIcon appIcon();
// The icon with a count drawn on it, for the tray; the icon alone for 0.
QIcon badgedIcon(const QIcon& icon, int count);

} // namespace confab::ui
