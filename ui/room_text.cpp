#include "room_text.h"

#include "models/peer_list_model.h"

#include <algorithm>

namespace confab::ui {

QString RoomText::memberName(const PeerId& peer, const QString& name)
{
    return name.isEmpty() ? PeerListModel::shortId(peer) : name;
}

QString RoomText::eventLine(const api::RoomEventView& event)
{
    using Kind = api::RoomEventView::Kind;
    const QString actor = memberName(event.actor, event.actorName);
    const QString subject = memberName(event.subject, event.subjectName);
    switch (event.kind) {
    case Kind::Created:
        return event.actorIsYou ? tr("You created the room “%1”").arg(event.name)
                                : tr("%1 created the room “%2”").arg(actor, event.name);
    case Kind::Renamed:
        return event.actorIsYou ? tr("You renamed the room to “%1”").arg(event.name)
                                : tr("%1 renamed the room to “%2”").arg(actor, event.name);
    case Kind::Added:
        if (event.actorIsYou) {
            return tr("You added %1").arg(subject);
        }
        return event.subjectIsYou ? tr("%1 added you").arg(actor) : tr("%1 added %2").arg(actor, subject);
    case Kind::Removed:
        if (event.actorIsYou) {
            return tr("You removed %1").arg(subject);
        }
        return event.subjectIsYou ? tr("%1 removed you").arg(actor) : tr("%1 removed %2").arg(actor, subject);
    case Kind::Left:
        return event.actorIsYou ? tr("You left") : tr("%1 left").arg(actor);
    case Kind::Promoted:
        if (event.actorIsYou) {
            return tr("You made %1 an admin").arg(subject);
        }
        return event.subjectIsYou ? tr("%1 made you an admin").arg(actor)
                                  : tr("%1 made %2 an admin").arg(actor, subject);
    }
    return {};
}

QString RoomText::receiptText(const api::RoomMessageView& message)
{
    if (!message.outgoing) {
        return {};
    }
    if (message.otherMembers <= 0 || message.deliveredTo == 0) {
        return tr("sent");
    }
    const int others = std::max(message.otherMembers, message.deliveredTo);
    if (message.readBy >= others) {
        return tr("read by all");
    }
    if (message.readBy > 0) {
        return tr("read by %1 of %2").arg(message.readBy).arg(others);
    }
    return tr("delivered to %1 of %2").arg(message.deliveredTo).arg(others);
}

QString RoomText::receiptDetails(const api::RoomMessageView& message, const api::RoomView& room)
{
    if (!message.outgoing) {
        return {};
    }
    QStringList read;
    QStringList delivered;
    QStringList waiting;
    for (const api::RoomMemberView& member : room.members) {
        if (member.self) {
            continue;
        }
        const QString name = memberName(member.peer, member.name);
        const auto receipt = std::find_if(message.receipts.begin(), message.receipts.end(),
                                          [&](const auto& entry) { return entry.first == member.peer; });
        if (receipt == message.receipts.end()) {
            waiting.append(name);
        } else if (receipt->second >= 2) {
            read.append(name);
        } else {
            delivered.append(name);
        }
    }
    QStringList lines;
    if (!read.isEmpty()) {
        lines.append(tr("Read by: %1").arg(read.join(QStringLiteral(", "))));
    }
    if (!delivered.isEmpty()) {
        lines.append(tr("Delivered to: %1").arg(delivered.join(QStringLiteral(", "))));
    }
    if (!waiting.isEmpty()) {
        lines.append(tr("Not yet with: %1").arg(waiting.join(QStringLiteral(", "))));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace confab::ui
