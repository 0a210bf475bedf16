#include "transfer_commands.h"

#include "node.h"

#include <QJsonArray>

#include <algorithm>

namespace confab::api {
namespace {

QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& item : list) {
        array.append(item);
    }
    return array;
}

CommandReply replyOf(const TransferResult& result)
{
    if (!result) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), result.error());
    }
    return CommandReply::success(toJson(result.value()));
}

QString idArgument(const QJsonObject& args)
{
    return args.value(QStringLiteral("id")).toString();
}

} // namespace

QJsonObject toJson(const TransferView& t)
{
    const double left = t.totalBytes > t.bytesDone ? static_cast<double>(t.totalBytes - t.bytesDone) : 0.0;
    QJsonObject object{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("peer"), QString::fromStdString(t.peer.toText())},
        {QStringLiteral("peer_name"), t.peerName},
        {QStringLiteral("direction"), t.outgoing ? QStringLiteral("out") : QStringLiteral("in")},
        {QStringLiteral("state"), t.state},
        {QStringLiteral("paused"), t.pausedHere || t.pausedThere},
        {QStringLiteral("paused_here"), t.pausedHere},
        {QStringLiteral("paused_there"), t.pausedThere},
        {QStringLiteral("names"), toJsonArray(t.names)},
        {QStringLiteral("files"), static_cast<qint64>(t.fileCount)},
        {QStringLiteral("folders"), static_cast<qint64>(t.folderCount)},
        {QStringLiteral("total_bytes"), static_cast<qint64>(t.totalBytes)},
        {QStringLiteral("bytes_done"), static_cast<qint64>(t.bytesDone)},
        {QStringLiteral("bytes_per_second"), t.bytesPerSecond},
        {QStringLiteral("seconds_left"),
         t.bytesPerSecond > 0 ? QJsonValue(left / t.bytesPerSecond) : QJsonValue()},
        {QStringLiteral("created_ms"), static_cast<qint64>(t.createdMs)},
    };
    if (!t.outgoing) {
        object.insert(QStringLiteral("bytes_from_others"), static_cast<qint64>(t.bytesFromOthers));
        object.insert(QStringLiteral("folder"), t.folder);
        object.insert(QStringLiteral("saved_as"), toJsonArray(t.savedAs));
    }
    if (!t.fileHash.isEmpty()) {
        object.insert(QStringLiteral("blake2b_256"), t.fileHash);
    }
    if (!t.problem.isEmpty()) {
        object.insert(QStringLiteral("problem"), t.problem);
    }
    return object;
}

std::optional<CommandReply> runTransferCommand(Node& node, const QString& command, const QJsonObject& args)
{
    if (command == QLatin1String("send-file")) {
        // PEER, then each of `also` (--to PEER): with any of those, the reply
        // lists one transfer per peer.
        QStringList named{args.value(QStringLiteral("peer")).toString()};
        for (const auto& also : args.value(QStringLiteral("also")).toArray()) {
            named.append(also.toString());
        }
        std::vector<PeerId> peers;
        for (const QString& name : named) {
            auto peer = node.resolvePeer(name);
            if (!peer) {
                return CommandReply::failure(QStringLiteral("unknown_peer"), peer.error());
            }
            peers.push_back(peer.value());
        }
        QStringList paths;
        for (const auto& path : args.value(QStringLiteral("paths")).toArray()) {
            paths.append(path.toString());
        }
        if (peers.size() == 1) {
            return replyOf(node.sendFiles(peers.front(), paths));
        }
        auto sent = node.sendFiles(peers, paths);
        if (!sent) {
            return CommandReply::failure(QStringLiteral("invalid_argument"), sent.error());
        }
        QJsonArray list;
        for (const TransferView& transfer : sent.value()) {
            list.append(toJson(transfer));
        }
        return CommandReply::success(list);
    }
    if (command == QLatin1String("transfers")) {
        QJsonArray list;
        for (const TransferView& transfer : node.transfers()) {
            list.append(toJson(transfer));
        }
        return CommandReply::success(list);
    }
    if (command == QLatin1String("transfer")) {
        return replyOf(node.transfer(idArgument(args)));
    }
    if (command == QLatin1String("accept")) {
        return replyOf(node.acceptTransfer(idArgument(args), args.value(QStringLiteral("to")).toString()));
    }
    if (command == QLatin1String("decline")) {
        // `decline` also declines a ringing call: it is a drop's only when
        // its argument names a drop offered to us.
        const QString named = args.value(QStringLiteral("peer")).toString();
        const auto transfer = named.isEmpty() ? TransferResult(QString()) : node.transfer(named);
        if (!transfer || transfer.value().outgoing || transfer.value().state != QLatin1String("offered")) {
            return std::nullopt;
        }
        return replyOf(node.declineTransfer(named));
    }
    if (command == QLatin1String("pause")) {
        return replyOf(node.pauseTransfer(idArgument(args)));
    }
    if (command == QLatin1String("resume")) {
        return replyOf(node.resumeTransfer(idArgument(args)));
    }
    if (command == QLatin1String("cancel")) {
        return replyOf(node.cancelTransfer(idArgument(args)));
    }
    return std::nullopt;
}

} // namespace confab::api
