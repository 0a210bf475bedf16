#include "crypto/identity.h"
#include "node_parts.h"
#include "room_mentions.h"

#include <QCoreApplication>

#include <algorithm>

// Rooms: the Node's face of rooms::RoomService.
namespace confab::api {
namespace {

QString messageIdText(const MessageId& id)
{
    return QString::fromStdString(id.toHex());
}

RoomView roomView(NodeParts& parts, const rooms::RoomView& room)
{
    OpenProfile& o = *parts.open;
    RoomView view;
    view.id = rooms::RoomService::idText(room.id);
    view.name = room.name;
    view.left = room.left;
    view.admin = room.admin;
    view.unread = static_cast<int>(room.unread);
    view.lastActivityMs = room.lastActivityMs;
    const PeerId self = o.profile->identity().peerId();
    for (const rooms::RoomMemberView& member : room.members) {
        const bool isSelf = member.peer == self;
        view.members.push_back({member.peer, isSelf ? o.displayName : parts.peerName(member.peer),
                                member.admin, isSelf, !isSelf && o.links.isConnected(member.peer)});
    }
    return view;
}

RoomMessageView messageView(NodeParts& parts, const QString& roomId, const rooms::RoomMessageView& stored,
                            std::size_t memberCount)
{
    OpenProfile& o = *parts.open;
    const auto& m = stored.message;
    RoomMessageView view;
    view.id = messageIdText(m.id);
    view.room = roomId;
    view.seq = m.seq;
    view.sender = m.sender;
    view.senderName = m.outgoing ? o.displayName : parts.peerName(m.sender);
    view.outgoing = m.outgoing;
    view.decrypted = m.decrypted;
    view.text = m.text;
    view.sentMs = m.sentMs;
    view.storedMs = m.storedMs;
    view.otherMembers = memberCount > 0 ? static_cast<int>(memberCount) - 1 : 0;
    view.mentionsYou = !m.outgoing && m.decrypted && mentionsName(m.text, o.displayName);
    for (const auto& [member, state] : stored.receipts) {
        if (member == m.sender) {
            continue;
        }
        view.receipts.emplace_back(member, state);
        ++view.deliveredTo;
        if (state >= 2) {
            ++view.readBy;
        }
    }
    return view;
}

} // namespace

QString NodeParts::peerName(const PeerId& peer) const
{
    const auto record = open->peerStore.peer(peer);
    if (!record) {
        return {};
    }
    return record->nickname.isEmpty() ? record->displayName : record->nickname;
}

Result<proto::IdentityKeyBytes, QString> NodeParts::roomMemberKey(const PeerId& peer) const
{
    if (peer == open->profile->identity().peerId()) {
        return QCoreApplication::translate("Node", "You are in every room you make or join already.");
    }
    if (open->links.isBlocked(peer)) {
        return blockedError(peer, QCoreApplication::translate("Node", "they cannot be added to a room"));
    }
    const auto key = open->peerStore.pinnedKey(peer);
    if (!key) {
        return QCoreApplication::translate(
                   "Node", "%1 has not been met yet: Confab adds to a room only peers it has linked to or "
                           "heard of through a relay.")
            .arg(peerLabel(peer));
    }
    const auto info = open->links.linkInfo(peer);
    if (info && !proto::hasCapability(info->hello.capabilities, proto::Capability::Rooms)) {
        return QCoreApplication::translate(
                   "Node", "%1 runs a version of Confab without rooms; they need to update first.")
            .arg(peerLabel(peer));
    }
    return *key;
}

Result<proto::RoomId, QString> NodeParts::resolveRoom(const QString& room) const
{
    return open->rooms.resolve(room);
}

RoomResult NodeParts::roomResult(const Result<proto::RoomId, QString>& room)
{
    if (!room) {
        return room.error();
    }
    const auto found = open->rooms.room(room.value());
    if (!found) {
        return QCoreApplication::translate("Node", "The room could not be found.");
    }
    return roomView(*this, *found);
}

RoomMessageView NodeParts::roomMessageView(const storage::StoredRoomMessage& message)
{
    proto::RoomId room{};
    std::copy_n(message.room.begin(), std::min(message.room.size(), room.size()), room.begin());
    const auto members = open->rooms.room(room);
    return messageView(*this, rooms::RoomService::idText(room), {message, {}},
                       members ? members->members.size() : 0);
}

RoomResult Node::createRoom(const QString& name, const std::vector<PeerId>& members)
{
    std::vector<proto::IdentityKeyBytes> keys;
    for (const PeerId& peer : members) {
        auto key = m_parts->roomMemberKey(peer);
        if (!key) {
            return key.error();
        }
        keys.push_back(key.value());
    }
    return m_parts->roomResult(m_parts->open->rooms.create(name, keys));
}

std::vector<RoomView> Node::rooms()
{
    std::vector<RoomView> views;
    for (const rooms::RoomView& room : m_parts->open->rooms.rooms()) {
        views.push_back(roomView(*m_parts, room));
    }
    return views;
}

RoomResult Node::room(const QString& room)
{
    return m_parts->roomResult(m_parts->resolveRoom(room));
}

RoomResult Node::inviteToRoom(const QString& room, const PeerId& peer)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto key = m_parts->roomMemberKey(peer);
    if (!key) {
        return key.error();
    }
    const auto invited = m_parts->open->rooms.invite(id.value(), key.value());
    if (!invited) {
        return invited.error();
    }
    return m_parts->roomResult(id);
}

namespace {

// A change by the user to a room, on a member named by PEER.
RoomResult changeMember(NodeParts& parts, const QString& room, const PeerId& peer,
                        rooms::RoomService::Outcome<bool> (rooms::RoomService::*change)(const proto::RoomId&,
                                                                                        const PeerId&))
{
    const auto id = parts.resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto changed = (parts.open->rooms.*change)(id.value(), peer);
    if (!changed) {
        return changed.error();
    }
    return parts.roomResult(id);
}

} // namespace

RoomResult Node::removeFromRoom(const QString& room, const PeerId& peer)
{
    return changeMember(*m_parts, room, peer, &rooms::RoomService::remove);
}

RoomResult Node::promoteInRoom(const QString& room, const PeerId& peer)
{
    return changeMember(*m_parts, room, peer, &rooms::RoomService::promote);
}

RoomResult Node::renameRoom(const QString& room, const QString& name)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto renamed = m_parts->open->rooms.rename(id.value(), name);
    if (!renamed) {
        return renamed.error();
    }
    return m_parts->roomResult(id);
}

RoomResult Node::leaveRoom(const QString& room)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto left = m_parts->open->rooms.leave(id.value());
    if (!left) {
        return left.error();
    }
    return m_parts->roomResult(id);
}

RoomMessageResult Node::sendRoomText(const QString& room, const QString& text)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto sent = m_parts->open->rooms.sendText(id.value(), text);
    if (!sent) {
        return sent.error();
    }
    const auto members = m_parts->open->rooms.room(id.value());
    return messageView(*m_parts, rooms::RoomService::idText(id.value()), {sent.value(), {}},
                       members ? members->members.size() : 0);
}

RoomHistoryResult Node::roomHistory(const QString& room, int limit)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto members = m_parts->open->rooms.room(id.value());
    const QString roomId = rooms::RoomService::idText(id.value());
    std::vector<RoomMessageView> views;
    for (const auto& message :
         m_parts->open->rooms.history(id.value(), static_cast<std::size_t>(std::max(limit, 0)))) {
        views.push_back(messageView(*m_parts, roomId, message, members ? members->members.size() : 0));
    }
    return views;
}

RoomEventsResult Node::roomEvents(const QString& room)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const PeerId self = m_parts->open->profile->identity().peerId();
    const auto nameOf = [&](const PeerId& peer) {
        return peer == self ? m_parts->open->displayName : m_parts->peerName(peer);
    };
    std::vector<RoomEventView> events;
    for (const rooms::RoomChangeLine& line : m_parts->open->rooms.changeLines(id.value())) {
        if (line.effect != rooms::ChangeEffect::Applied) {
            continue; // ignored by every member alike: nothing happened
        }
        const proto::RoomChange& change = line.change;
        RoomEventView event;
        event.actor = crypto::derivePeerId(change.author);
        event.actorName = nameOf(event.actor);
        event.actorIsYou = event.actor == self;
        event.timeMs = static_cast<std::int64_t>(change.timestampMs);
        event.name = QString::fromStdString(change.name);
        switch (change.kind) {
        case proto::RoomChangeKind::Create:
            event.kind = RoomEventView::Kind::Created;
            break;
        case proto::RoomChangeKind::Rename:
            event.kind = RoomEventView::Kind::Renamed;
            break;
        case proto::RoomChangeKind::Add:
        case proto::RoomChangeKind::Remove:
        case proto::RoomChangeKind::Promote:
            event.subject = crypto::derivePeerId(change.member);
            event.subjectName = nameOf(event.subject);
            event.subjectIsYou = event.subject == self;
            event.kind = change.kind == proto::RoomChangeKind::Add       ? RoomEventView::Kind::Added
                         : change.kind == proto::RoomChangeKind::Promote ? RoomEventView::Kind::Promoted
                         : event.subject == event.actor                  ? RoomEventView::Kind::Left
                                                                         : RoomEventView::Kind::Removed;
            break;
        }
        events.push_back(std::move(event));
    }
    return events;
}

Result<int, QString> Node::markRoomRead(const QString& room)
{
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    const auto marked = static_cast<int>(m_parts->open->rooms.markRead(id.value()));
    if (marked > 0) {
        m_parts->scheduleRoomsChanged(); // its unread count, in every front end
    }
    return marked;
}

} // namespace confab::api
