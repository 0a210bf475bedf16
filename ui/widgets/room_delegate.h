#pragma once

#include "list_row_delegate.h"

namespace confab::ui {

// One room in the list, laid out as PeerDelegate lays out a peer so that the
// two lists sit together: the room's mark (a "#" in a rounded square) where a
// peer has its avatar, the name, the unread count and, below, how many
// members there are and how many of them are online. A room this node left
// is greyed. The keyboard focus gets the same solid ring. Sizes follow the
// font and colours the palette.
class RoomDelegate : public ListRowDelegate {
    Q_OBJECT
public:
    using ListRowDelegate::ListRowDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace confab::ui
