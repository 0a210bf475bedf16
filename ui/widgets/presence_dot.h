#pragma once

#include "api/node_types.h"

#include <QIcon>
#include <QPalette>
#include <QRectF>

#include <optional>

class QPainter;

namespace confab::ui {

// The dot that shows whether someone is there: filled green when available,
// amber when away, red with a bar across when busy (do not disturb); the
// shape differs, not only the colour. Words beside it say the same.
void paintPresenceDot(QPainter& painter, const QRectF& rect, const QPalette& palette, api::Presence presence);
// The dot as an icon, for a button or a menu entry.
QIcon presenceIcon(const QPalette& palette, api::Presence presence);

} // namespace confab::ui
