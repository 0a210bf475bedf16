#include "call_commands.h"

#include "node.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace confab::api {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString peerName(Node& node, const PeerId& peer)
{
    for (const PeerView& view : node.peers()) {
        if (view.record.id == peer) {
            return view.name();
        }
    }
    return {};
}

CommandReply acted(Node& node, const Node::CallOutcome& outcome)
{
    if (!outcome) {
        return CommandReply::failure(QStringLiteral("no_call"), outcome.error());
    }
    for (const CallView& call : node.calls()) {
        if (call.peer == outcome.value()) {
            return CommandReply::success(toJson(call, peerName(node, call.peer)));
        }
    }
    return CommandReply::success(QJsonObject{{QStringLiteral("peer"), idText(outcome.value())}});
}

CommandReply callRoom(Node& node, const QString& named)
{
    const auto room = node.room(named);
    if (!room) {
        return CommandReply::failure(QStringLiteral("invalid_argument"), room.error());
    }
    const auto links = node.callRoom(room.value().id);
    if (!links) {
        return CommandReply::failure(QStringLiteral("call_failed"), links.error());
    }
    return CommandReply::success(QJsonObject{{QStringLiteral("room"), room.value().id},
                                             {QStringLiteral("name"), room.value().name},
                                             {QStringLiteral("calls"), links.value()}});
}

} // namespace

QJsonObject toJson(const CallView& call, const QString& name)
{
    QJsonObject object{
        {QStringLiteral("peer"), idText(call.peer)},
        {QStringLiteral("name"), name},
        {QStringLiteral("call_id"), call.callId},
        {QStringLiteral("direction"),
         call.direction == CallDirection::Outgoing ? QStringLiteral("outgoing") : QStringLiteral("incoming")},
        {QStringLiteral("state"), QLatin1String(toString(call.phase))},
        {QStringLiteral("frame_ms"), call.frameMs},
        {QStringLiteral("retransmission"), call.retransmission},
        {QStringLiteral("redundancy"), call.redundancy},
        {QStringLiteral("duration_ms"), call.durationMs},
        {QStringLiteral("muted"), call.muted},
        {QStringLiteral("transmitting"), call.transmitting},
        {QStringLiteral("audio_device"), call.audioDevice},
    };
    if (!call.room.isEmpty()) {
        object.insert(QStringLiteral("room"), call.room);
        object.insert(QStringLiteral("room_call_id"), call.roomCallId);
        object.insert(QStringLiteral("silenced"), call.silenced);
        if (!call.mixer.isEmpty()) {
            object.insert(QStringLiteral("mixer"), call.mixer);
            object.insert(QStringLiteral("via_mixer"), call.viaMixer);
        }
    }
    if (call.phase == CallPhase::Ended) {
        object.insert(QStringLiteral("end_reason"), QLatin1String(toString(call.endReason)));
    }
    if (!call.audioNotice.isEmpty()) {
        object.insert(QStringLiteral("audio_notice"), call.audioNotice);
    }
    if (call.phase == CallPhase::Active) {
        object.insert(QStringLiteral("stats"), call.stats);
        if (call.audioOriginNs) {
            object.insert(QStringLiteral("audio_origin_ns"), QString::number(*call.audioOriginNs));
        }
        if (call.audioOutputOffset) {
            object.insert(QStringLiteral("audio_output_offset_frames"), *call.audioOutputOffset);
        }
        object.insert(QStringLiteral("playback_level"), call.playbackLevel);
    }
    return object;
}

std::optional<CommandReply> runCallCommand(Node& node, const QString& command, const QJsonObject& args)
{
    static constexpr const char* kCommands[] = {"call",   "answer",    "decline", "hangup",    "mute",
                                                "unmute", "room-call", "silence", "unsilence", "calls"};
    if (std::none_of(std::begin(kCommands), std::end(kCommands),
                     [&](const char* name) { return command == QLatin1String(name); })) {
        return std::nullopt;
    }
    if (command == QLatin1String("calls")) {
        QJsonArray list;
        for (const CallView& call : node.calls()) {
            list.append(toJson(call, peerName(node, call.peer)));
        }
        return CommandReply::success(list);
    }
    if (command == QLatin1String("room-call")) {
        return callRoom(node, args.value(QStringLiteral("room")).toString());
    }
    // PEER is required for `call` and optional elsewhere.
    std::optional<PeerId> peer;
    if (args.contains(QStringLiteral("peer"))) {
        const QString named = args.value(QStringLiteral("peer")).toString();
        auto resolved = node.resolvePeer(named);
        if (!resolved && command == QLatin1String("call") && node.room(named)) {
            return callRoom(node, named); // `call ROOM` when no peer goes by that name
        }
        if (!resolved) {
            return CommandReply::failure(QStringLiteral("unknown_peer"), resolved.error());
        }
        peer = resolved.value();
    }
    if (command == QLatin1String("call")) {
        if (!peer) {
            return CommandReply::failure(QStringLiteral("invalid_argument"),
                                         QCoreApplication::translate("Node", "Name the peer to call."));
        }
        const auto outcome = node.call(*peer);
        if (!outcome) {
            return CommandReply::failure(QStringLiteral("call_failed"), outcome.error());
        }
        return acted(node, outcome);
    }
    if (command == QLatin1String("answer")) {
        return acted(node, node.answerCall(peer));
    }
    if (command == QLatin1String("decline")) {
        return acted(node, node.declineCall(peer));
    }
    if (command == QLatin1String("hangup")) {
        return acted(node, node.hangUpCall(peer));
    }
    if (command == QLatin1String("silence") || command == QLatin1String("unsilence")) {
        if (!peer) {
            return CommandReply::failure(
                QStringLiteral("invalid_argument"),
                QCoreApplication::translate("Node", "Name the peer of the room call."));
        }
        return acted(node, node.setCallPeerSilenced(*peer, command == QLatin1String("silence")));
    }
    return acted(node, node.setCallMuted(peer, command == QLatin1String("mute")));
}

} // namespace confab::api
