#include "node_parts.h"
#include "proto/limits.h"

#include <QCoreApplication>

#include <algorithm>

// Node: peers the user manages — nicknames, blocks, removal.
namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString shownName(const storage::PeerRecord& record)
{
    return record.nickname.isEmpty() ? record.displayName : record.nickname;
}

QString unknownPeer(const PeerId& peer)
{
    return QCoreApplication::translate("Node",
                                       "No peer %1 is known here. Run 'confabctl peers' to list known peers.")
        .arg(idText(peer));
}

// The peer as a peer list shows it.
std::optional<PeerView> viewOf(Node& node, const PeerId& peer)
{
    for (PeerView& view : node.peers()) {
        if (view.record.id == peer) {
            return std::move(view);
        }
    }
    return std::nullopt;
}

} // namespace

void NodeParts::applyBlocks()
{
    for (const PeerId& peer : open->peerStore.blockedPeers()) {
        open->links.setBlocked(peer, true);
    }
}

QString NodeParts::peerLabel(const PeerId& peer) const
{
    const auto record = open->peerStore.peer(peer);
    const QString name = record ? shownName(*record) : QString();
    const QString id = idText(peer).left(8);
    return name.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(name, id);
}

QString NodeParts::blockedError(const PeerId& peer, const QString& what) const
{
    return QCoreApplication::translate(
               "Node", "%1 is blocked, so %2. To unblock them, choose Unblock in the Peer menu, or run: "
                       "confabctl unblock %3")
        .arg(peerLabel(peer), what, idText(peer));
}

Result<PeerView, QString> Node::rename(const PeerId& peer, const QString& nickname)
{
    OpenProfile& o = *m_parts->open;
    const QString trimmed = nickname.trimmed();
    if (static_cast<std::size_t>(trimmed.toUtf8().size()) > proto::kMaxDisplayNameBytes) {
        return QCoreApplication::translate(
                   "Node", "The nickname is too long: at most %1 bytes of UTF-8 (accented letters take two, "
                           "emoji four).")
            .arg(proto::kMaxDisplayNameBytes);
    }
    if (!o.peerStore.peer(peer)) {
        return unknownPeer(peer);
    }
    if (!o.peerStore.setNickname(peer, trimmed)) {
        return QCoreApplication::translate("Node", "Cannot save the nickname in the profile %1.")
            .arg(o.profile->dir());
    }
    m_parts->schedulePeersChanged();
    return *viewOf(*this, peer);
}

Result<PeerView, QString> Node::block(const PeerId& peer)
{
    OpenProfile& o = *m_parts->open;
    if (peer == id()) {
        return QCoreApplication::translate("Node", "That is this node's own ID: it cannot block itself.");
    }
    const auto record = o.peerStore.peer(peer);
    if (!record || !record->blockedMs) {
        if (!o.peerStore.setBlocked(peer, clock().wallMs())) {
            return QCoreApplication::translate("Node",
                                               "Cannot save the block in the profile %1; nothing changed.")
                .arg(o.profile->dir());
        }
        m_parts->logEvent(QStringLiteral("peer-blocked"), peer, QStringLiteral("blocked by the user"));
    }
    o.links.setBlocked(peer, true);
    m_parts->schedulePeersChanged();
    return *viewOf(*this, peer);
}

Result<PeerView, QString> Node::unblock(const PeerId& peer)
{
    OpenProfile& o = *m_parts->open;
    const auto record = o.peerStore.peer(peer);
    if (!record) {
        return unknownPeer(peer);
    }
    if (record->blockedMs) {
        if (!o.peerStore.setBlocked(peer, std::nullopt)) {
            return QCoreApplication::translate(
                       "Node", "Cannot save the change in the profile %1; the peer stays blocked.")
                .arg(o.profile->dir());
        }
        m_parts->logEvent(QStringLiteral("peer-unblocked"), peer, QStringLiteral("unblocked by the user"));
    }
    o.links.setBlocked(peer, false);
    m_parts->schedulePeersChanged();
    return *viewOf(*this, peer);
}

Result<std::int64_t, QString> Node::removePeer(const PeerId& peer)
{
    OpenProfile& o = *m_parts->open;
    if (peer == id()) {
        return QCoreApplication::translate("Node", "That is this node's own ID: it cannot remove itself.");
    }
    const auto record = o.peerStore.peer(peer);
    const std::vector<PeerId> conversations = o.messageStore.conversations();
    const bool hasConversation =
        std::find(conversations.begin(), conversations.end(), peer) != conversations.end();
    if (!record && !hasConversation && !o.peerStore.pinnedKey(peer)) {
        return unknownPeer(peer);
    }
    const auto removed = o.peerStore.removePeer(peer);
    if (!removed) {
        return QCoreApplication::translate(
            "Node", "Cannot remove the peer: the profile's database refused the change, so nothing "
                    "was removed. Is the disk full?");
    }
    if (!o.links.isBlocked(peer)) {
        // Its addresses are forgotten with it, also one typed by hand. (A
        // blocked peer's are kept, undialled, for when it is unblocked.)
        for (const session::Dialer::TargetState& target : o.dialer.targets()) {
            if (target.peer == peer) {
                o.dialer.removeTarget(target.address);
                o.staticDiscovery.remove(target.address);
                o.peerStore.removeStaticAddress(target.address.toString());
            }
        }
    }
    o.avatars.forget(peer); // its stored picture went with the rest
    // Its link knew the key that is gone: a new link pins afresh.
    o.links.dropPeer(peer, QStringLiteral("removed by the user"));
    m_parts->logEvent(QStringLiteral("peer-removed"), peer,
                      QStringLiteral("removed by the user, with %1 messages").arg(*removed));
    return *removed;
}

} // namespace confab::api
