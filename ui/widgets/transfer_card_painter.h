#pragma once

#include "api/node_types.h"
#include "transfer_actions.h"

#include <QRect>
#include <QStyleOptionViewItem>

#include <optional>
#include <utility>
#include <vector>

class QPainter;

namespace confab::ui {

// A file drop as a card among the messages (ours on the right, like our
// bubbles): the heading (who sends what, how big), the first names, whether
// the sender is verified, where it stands, a progress bar with bytes, speed
// and time left while it flows, a problem in words, and the buttons for
// what can be done now. Laid out from the font, so that hit-testing a
// button finds what paint() drew.
class TransferCardPainter {
public:
    struct Layout {
        QRect card;
        QRect title;
        QRect names;
        QRect trust; // empty for outgoing drops
        QRect status;
        QRect bar;      // empty unless transferring
        QRect progress; // bytes, speed, time left; empty unless transferring
        QRect problem;  // empty without one
        std::vector<std::pair<TransferAction, QRect>> buttons;
    };

    // `area`: the row below its day separator, as wide as the view.
    static Layout layout(const QStyleOptionViewItem& option, const QRect& area,
                         const api::TransferView& transfer);
    static void paint(QPainter* painter, const QStyleOptionViewItem& option, const Layout& parts,
                      const api::TransferView& transfer);
    // The button drawn at `position`, if any.
    static std::optional<TransferAction> actionAt(const Layout& parts, const QPoint& position);
};

} // namespace confab::ui
