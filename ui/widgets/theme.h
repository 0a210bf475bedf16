#pragma once

#include <QColor>
#include <QPalette>

namespace confab::ui::theme {

// Colours for custom-painted parts, derived from the palette so that light
// and dark themes (and high-contrast ones) both stay readable. Fixed colours
// appear only as accents mixed into palette roles.

// a blended towards b by t (0: a, 1: b).
QColor mix(const QColor& a, const QColor& b, double t);
bool isDark(const QPalette& palette);
QColor outgoingBubble(const QPalette& palette);
QColor incomingBubble(const QPalette& palette);
QColor bubbleBorder(const QPalette& palette);
// Secondary text (times, previews) that still contrasts with Base.
QColor mutedText(const QPalette& palette);
QColor linkColor(const QPalette& palette);
// Presence and verification: a green that reads on light and dark bases.
QColor positive(const QPalette& palette);
// Away (presence): an amber that reads on light and dark bases.
QColor away(const QPalette& palette);
// The key-change warning: an accent and a background to put Text on.
QColor danger(const QPalette& palette);
QColor dangerBackground(const QPalette& palette);

// Behind what shows a call in progress (the call bar, a room's call): a
// tint of the highlight that sets it apart from the conversation.
QColor callBackground(const QPalette& palette);

// A dark palette for --palette dark and for screenshots of the dark look.
QPalette darkPalette();

} // namespace confab::ui::theme
