#pragma once

#include "api/node_types.h"

#include <QCoreApplication>
#include <QString>

namespace confab::ui {

// What the room UI says about rooms, in the user's words.
class RoomText {
    Q_DECLARE_TR_FUNCTIONS(RoomText)
public:
    // A system line of the conversation: "Ann added Bob", "You left",
    // "Ann renamed the room to “Launch”".
    static QString eventLine(const api::RoomEventView& event);
    // The delivery state of one of our messages: "sent", "delivered to 2 of
    // 4", "read by 1 of 4", "read by all"; empty for someone else's.
    static QString receiptText(const api::RoomMessageView& message);
    // Who has it and who has read it, one per line, for a tooltip.
    static QString receiptDetails(const api::RoomMessageView& message, const api::RoomView& room);
    // A member's name, or the start of its ID when it was never met.
    static QString memberName(const PeerId& peer, const QString& name);
};

} // namespace confab::ui
