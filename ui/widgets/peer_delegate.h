#pragma once

#include "avatar_painter.h"
#include "list_row_delegate.h"

namespace confab::ui {

// One peer in the list: avatar (picture or initials) with the presence dot
// on its edge, name, blocked (greyed, and the word),
// verified badge or key warning,
// "via Bob" for a peer reached only through relays, time of the newest
// message, unread count and a one-line preview, and a
// solid two-pixel ring around the row with the keyboard focus. Sizes follow
// the font and colours the palette.
class PeerDelegate : public ListRowDelegate {
    Q_OBJECT
public:
    using ListRowDelegate::ListRowDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    // Painting is const to Qt; the decoded pictures it keeps are not what the delegate is.
    mutable AvatarPainter m_avatars;
};

} // namespace confab::ui
