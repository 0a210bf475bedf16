#include "call_commands.h"

#include "node.h"

#include <QJsonArray>

namespace confab::api {
namespace {

QString idText(const proto::PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString peerName(Node& node, const proto::PeerId& peer)
{
    for (const PeerView& view : node.peers()) {
        if (view.record.id == peer) {
            return view.record.displayName;
        }
    }
    return {};
}

CommandReply acted(Node& node, const Node::CallOutcome& outcome)
{
    if (!outcome) {
        return CommandReply::failure(QStringLiteral("no_call"), outcome.error());
    }
    for (const calls::CallView& call : node.calls()) {
        if (call.peer == outcome.value()) {
            return CommandReply::success(toJson(call, peerName(node, call.peer)));
        }
    }
    return CommandReply::success(QJsonObject{{QStringLiteral("peer"), idText(outcome.value())}});
}

double rounded(double value)
{
    return std::round(value * 10) / 10;
}

QJsonObject voiceJson(const audio::VoiceStats& v)
{
    return QJsonObject{
        {QStringLiteral("frames_received"), static_cast<qint64>(v.framesReceived)},
        {QStringLiteral("frames_played"), static_cast<qint64>(v.framesPlayed)},
        {QStringLiteral("frames_concealed"), static_cast<qint64>(v.framesConcealed)},
        {QStringLiteral("frames_recovered_fec"), static_cast<qint64>(v.framesRecoveredFec)},
        {QStringLiteral("frames_late"), static_cast<qint64>(v.framesLate)},
        {QStringLiteral("frames_duplicate"), static_cast<qint64>(v.framesDuplicate)},
        {QStringLiteral("frames_sent"), static_cast<qint64>(v.framesSent)},
        {QStringLiteral("jitter_ms"), rounded(v.jitterMs)},
        {QStringLiteral("jitter_buffer_ms"), rounded(v.jitterBufferDelayMs)},
        {QStringLiteral("loss_percent"), rounded(v.receiveLossPercent)},
        {QStringLiteral("remote_loss_percent"), v.remoteLossPercent},
        {QStringLiteral("encoder_bitrate"), v.bitrate},
        {QStringLiteral("encoder_complexity"), v.complexity},
        {QStringLiteral("input_level"), rounded(v.inputLevel * 100) / 100},
        {QStringLiteral("playback_underruns"), static_cast<qint64>(v.playbackUnderruns)},
    };
}

} // namespace

QJsonObject toJson(const calls::CallView& call, const QString& name)
{
    QJsonObject object{
        {QStringLiteral("peer"), idText(call.peer)},
        {QStringLiteral("name"), name},
        {QStringLiteral("call_id"), call.callId},
        {QStringLiteral("direction"), call.direction == proto::CallDirection::Outgoing
                                          ? QStringLiteral("outgoing")
                                          : QStringLiteral("incoming")},
        {QStringLiteral("state"), QLatin1String(proto::toString(call.phase))},
        {QStringLiteral("frame_ms"), call.frameMs},
        {QStringLiteral("duration_ms"), call.durationMs},
        {QStringLiteral("muted"), call.muted},
        {QStringLiteral("transmitting"), call.transmitting},
        {QStringLiteral("audio_device"), call.audioDevice},
    };
    if (call.phase == proto::CallPhase::Ended) {
        object.insert(QStringLiteral("end_reason"), QLatin1String(proto::toString(call.endReason)));
    }
    if (!call.audioNotice.isEmpty()) {
        object.insert(QStringLiteral("audio_notice"), call.audioNotice);
    }
    if (call.phase == proto::CallPhase::Active) {
        QJsonObject stats = voiceJson(call.voice);
        stats.insert(QStringLiteral("packets_sent"), static_cast<qint64>(call.media.packetsSent));
        stats.insert(QStringLiteral("packets_received"), static_cast<qint64>(call.media.packetsReceived));
        stats.insert(QStringLiteral("packets_rejected"), static_cast<qint64>(call.media.packetsRejected));
        stats.insert(QStringLiteral("send_kbps"), rounded(call.media.sendKbps));
        stats.insert(QStringLiteral("device_glitches"), static_cast<qint64>(call.deviceGlitches));
        stats.insert(QStringLiteral("rtt_ms"),
                     call.media.rttMs ? QJsonValue(rounded(*call.media.rttMs)) : QJsonValue());
        object.insert(QStringLiteral("stats"), stats);
        if (call.audioOriginNs) {
            object.insert(QStringLiteral("audio_origin_ns"), QString::number(*call.audioOriginNs));
        }
        if (call.audioOutputOffset) {
            object.insert(QStringLiteral("audio_output_offset_frames"), *call.audioOutputOffset);
        }
    }
    return object;
}

std::optional<CommandReply> runCallCommand(Node& node, const QString& command, const QJsonObject& args)
{
    static constexpr const char* kCommands[] = {"call", "answer", "decline", "hangup",
                                                "mute", "unmute", "calls"};
    if (std::none_of(std::begin(kCommands), std::end(kCommands),
                     [&](const char* name) { return command == QLatin1String(name); })) {
        return std::nullopt;
    }
    if (command == QLatin1String("calls")) {
        QJsonArray list;
        for (const calls::CallView& call : node.calls()) {
            list.append(toJson(call, peerName(node, call.peer)));
        }
        return CommandReply::success(list);
    }
    // PEER is required for `call` and optional elsewhere.
    std::optional<proto::PeerId> peer;
    if (args.contains(QStringLiteral("peer"))) {
        auto resolved = node.resolvePeer(args.value(QStringLiteral("peer")).toString());
        if (!resolved) {
            return CommandReply::failure(QStringLiteral("unknown_peer"), resolved.error());
        }
        peer = resolved.value();
    }
    if (command == QLatin1String("call")) {
        if (!peer) {
            return CommandReply::failure(QStringLiteral("invalid_argument"),
                                         QStringLiteral("Name the peer to call."));
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
    return acted(node, node.setCallMuted(peer, command == QLatin1String("mute")));
}

} // namespace confab::api
