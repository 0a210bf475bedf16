#pragma once

class QWidget;

namespace confab::ui {

// Keeps a window tall enough for its wrapped texts. A top-level window does
// not grow by itself when a word-wrapped label in it gains lines (an error
// that appears, a test result that arrives): Qt sizes windows by their
// minimum size, which knows nothing of height-for-width. From this call on,
// whenever the window's layout has settled after a change, a window shorter
// than its contents need at its current width grows to fit; it never
// shrinks, so a size the user chose stays.
void keepTallEnoughForText(QWidget* window);

} // namespace confab::ui
