#include "peer_commands.h"

#include "json_views.h"
#include "node.h"

#include <QCoreApplication>

#include <map>

namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

CommandReply unknownPeer(const QString& error)
{
    return CommandReply::failure(QStringLiteral("unknown_peer"), error);
}

QString unknownPeerText(const QString& query)
{
    return QCoreApplication::translate("Node",
                                       "Unknown peer '%1'. Run 'confabctl peers' to list known peers.")
        .arg(query.trimmed());
}

// The listed peer, if it is one.
std::optional<PeerView> listedView(Node& node, const PeerId& peer)
{
    for (PeerView& view : node.peers()) {
        if (view.record.id == peer && view.source.isEmpty()) {
            return std::move(view);
        }
    }
    return std::nullopt;
}

// The peer PEER names, when it is one this node lists (known, or blocked
// before it was met); otherwise why not.
Result<PeerView, QString> listedPeer(Node& node, const QJsonObject& args)
{
    const QString query = args.value(QStringLiteral("peer")).toString();
    auto peer = node.resolvePeer(query);
    if (!peer) {
        return peer.error();
    }
    if (auto view = listedView(node, peer.value())) {
        return std::move(*view);
    }
    return unknownPeerText(query);
}

CommandReply peerReply(const Result<PeerView, QString>& done)
{
    if (!done) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), done.error());
    }
    return CommandReply::success(toJson(done.value()));
}

CommandReply rename(Node& node, const QJsonObject& args)
{
    const QJsonValue nickname = args.value(QStringLiteral("nickname"));
    if (!nickname.isString()) {
        return CommandReply::failure(
            QStringLiteral("invalid_argument"),
            QCoreApplication::translate("Node", "rename needs a nickname (\"\" clears it)."));
    }
    auto peer = listedPeer(node, args);
    if (!peer) {
        return unknownPeer(peer.error());
    }
    return peerReply(node.rename(peer.value().record.id, nickname.toString()));
}

CommandReply block(Node& node, const QJsonObject& args)
{
    // A full ID is enough: a peer can be blocked before it is ever met.
    auto peer = node.resolvePeer(args.value(QStringLiteral("peer")).toString());
    if (!peer) {
        return unknownPeer(peer.error());
    }
    return peerReply(node.block(peer.value()));
}

CommandReply unblock(Node& node, const QJsonObject& args)
{
    auto peer = listedPeer(node, args);
    if (!peer) {
        return unknownPeer(peer.error());
    }
    return peerReply(node.unblock(peer.value().record.id));
}

CommandReply removePeer(Node& node, const QJsonObject& args)
{
    const QString query = args.value(QStringLiteral("peer")).toString();
    auto peer = node.resolvePeer(query);
    if (!peer) {
        return unknownPeer(peer.error());
    }
    const auto before = listedView(node, peer.value());
    // Besides listed peers, a conversation alone (messages queued for an ID
    // never met) can be removed.
    if (!before && peer.value() != node.id() && node.history(peer.value(), 1).empty()) {
        return unknownPeer(unknownPeerText(query));
    }
    auto removed = node.removePeer(peer.value());
    if (!removed) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), removed.error());
    }
    const auto after = listedView(node, peer.value());
    return CommandReply::success(QJsonObject{
        {QStringLiteral("peer"), idText(peer.value())},
        {QStringLiteral("name"), before ? before->name() : QString()},
        {QStringLiteral("messages_removed"), static_cast<qint64>(removed.value())},
        {QStringLiteral("still_blocked"), after && after->blocked},
    });
}

using Command = CommandReply (*)(Node& node, const QJsonObject& args);

} // namespace

std::optional<CommandReply> runPeerCommand(Node& node, const QString& command, const QJsonObject& args)
{
    static const std::map<QString, Command> table{
        {QStringLiteral("rename"), rename},
        {QStringLiteral("block"), block},
        {QStringLiteral("unblock"), unblock},
        {QStringLiteral("remove-peer"), removePeer},
    };
    if (const auto it = table.find(command); it != table.end()) {
        return it->second(node, args);
    }
    return std::nullopt;
}

} // namespace confab::api
