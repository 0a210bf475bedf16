#include "node_values.h"

#include "net/host_port.h"
#include "proto/call_state_machine.h"
#include "proto/presence.h"
#include "relay/relay_service.h"

#include <QJsonValue>

#include <cmath>
#include <initializer_list>
#include <span>
#include <utility>

namespace confab::api {
namespace {

// The front ends' call enums list the same cases in the same order as the
// protocol's, so a cast converts them; these checks keep it that way.
template <typename A, typename B> constexpr bool sameValues(std::initializer_list<std::pair<A, B>> pairs)
{
    for (const auto& [a, b] : pairs) {
        if (static_cast<int>(a) != static_cast<int>(b)) {
            return false;
        }
    }
    return true;
}

using RK = relay::RouteView::Kind;
static_assert(sameValues<PeerView::Route, RK>({{PeerView::Route::None, RK::None},
                                               {PeerView::Route::Direct, RK::Direct},
                                               {PeerView::Route::Relay, RK::Relay}}));

using PD = proto::CallDirection;
using PP = proto::CallPhase;
using PR = proto::CallEndReason;
static_assert(sameValues<CallDirection, PD>({{CallDirection::Outgoing, PD::Outgoing},
                                             {CallDirection::Incoming, PD::Incoming}}));
static_assert(sameValues<CallPhase, PP>({{CallPhase::Calling, PP::Calling},
                                         {CallPhase::Ringing, PP::Ringing},
                                         {CallPhase::Incoming, PP::Incoming},
                                         {CallPhase::Active, PP::Active},
                                         {CallPhase::Ended, PP::Ended}}));
static_assert(sameValues<CallEndReason, PR>({{CallEndReason::None, PR::None},
                                             {CallEndReason::HungUp, PR::HungUp},
                                             {CallEndReason::RemoteHungUp, PR::RemoteHungUp},
                                             {CallEndReason::Declined, PR::Declined},
                                             {CallEndReason::RemoteDeclined, PR::RemoteDeclined},
                                             {CallEndReason::RemoteBusy, PR::RemoteBusy},
                                             {CallEndReason::Cancelled, PR::Cancelled},
                                             {CallEndReason::Missed, PR::Missed},
                                             {CallEndReason::NoAnswer, PR::NoAnswer},
                                             {CallEndReason::Unreachable, PR::Unreachable},
                                             {CallEndReason::ConnectionLost, PR::ConnectionLost},
                                             {CallEndReason::MediaTimeout, PR::MediaTimeout},
                                             {CallEndReason::ReplacedByGlare, PR::ReplacedByGlare}}));

using PS = proto::PresenceState;
static_assert(sameValues<Presence, int>({{Presence::Available, static_cast<int>(PS::Available) - 1},
                                         {Presence::Away, static_cast<int>(PS::Away) - 1},
                                         {Presence::Busy, static_cast<int>(PS::Busy) - 1}}));

double rounded(double value)
{
    return std::round(value * 10) / 10;
}

QJsonObject statsJson(const calls::CallView& call)
{
    const audio::VoiceStats& v = call.voice;
    const calls::MediaStats& m = call.media;
    return QJsonObject{
        {QStringLiteral("frames_received"), static_cast<qint64>(v.framesReceived)},
        {QStringLiteral("frames_played"), static_cast<qint64>(v.framesPlayed)},
        {QStringLiteral("frames_concealed"), static_cast<qint64>(v.framesConcealed)},
        {QStringLiteral("frames_recovered_fec"), static_cast<qint64>(v.framesRecoveredFec)},
        {QStringLiteral("frames_recovered_retransmit"), static_cast<qint64>(v.framesRecoveredRetransmit)},
        {QStringLiteral("frames_recovered_redundancy"), static_cast<qint64>(v.framesRecoveredRedundancy)},
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
        {QStringLiteral("packets_sent"), static_cast<qint64>(m.packetsSent)},
        {QStringLiteral("packets_received"), static_cast<qint64>(m.packetsReceived)},
        {QStringLiteral("packets_rejected"), static_cast<qint64>(m.packetsRejected)},
        {QStringLiteral("send_kbps"), rounded(m.sendKbps)},
        {QStringLiteral("nacks_sent"), static_cast<qint64>(m.nacksSent)},
        {QStringLiteral("frames_requested"), static_cast<qint64>(m.framesRequested)},
        {QStringLiteral("frames_resent"), static_cast<qint64>(m.framesResent)},
        {QStringLiteral("resends_refused"), static_cast<qint64>(m.resendsRefused)},
        {QStringLiteral("retransmit_kbps"), rounded(m.retransmitKbps)},
        {QStringLiteral("sending_redundancy"), m.sendingRedundancy},
        {QStringLiteral("redundancy_kbps"), rounded(m.redundancyKbps)},
        {QStringLiteral("device_glitches"), static_cast<qint64>(call.deviceGlitches)},
        {QStringLiteral("rtt_ms"), m.rttMs ? QJsonValue(rounded(*m.rttMs)) : QJsonValue()},
    };
}

// 16 id bytes as 32 lower-case hex digits.
QString hexText(std::span<const std::uint8_t> bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()))
            .toHex());
}

} // namespace

QString NetworkAddress::toString() const
{
    return net::HostPort{host, port}.toString();
}

const char* toString(MessageState state)
{
    switch (state) {
    case MessageState::Queued:
        return "queued";
    case MessageState::Sent:
        return "sent";
    case MessageState::Relayed:
        return "relayed";
    case MessageState::Delivered:
        return "delivered";
    case MessageState::Read:
    case MessageState::ReadIncoming:
        return "read";
    case MessageState::Unread:
        return "unread";
    }
    return "unknown";
}

const char* toString(PeerView::Route route)
{
    switch (route) {
    case PeerView::Route::None:
        return "none";
    case PeerView::Route::Direct:
        return "direct";
    case PeerView::Route::Relay:
        return "relay";
    }
    return "none";
}

const char* toString(Presence presence)
{
    switch (presence) {
    case Presence::Available:
        return "available";
    case Presence::Away:
        return "away";
    case Presence::Busy:
        return "busy";
    }
    return "available";
}

std::optional<Presence> presenceFromText(const QString& text)
{
    for (const Presence presence : {Presence::Available, Presence::Away, Presence::Busy}) {
        if (text.compare(QLatin1String(toString(presence)), Qt::CaseInsensitive) == 0) {
            return presence;
        }
    }
    return std::nullopt;
}

Presence toApi(proto::PresenceState state)
{
    return static_cast<Presence>(static_cast<int>(state) - 1);
}

proto::PresenceState toProto(Presence presence)
{
    return static_cast<proto::PresenceState>(static_cast<int>(presence) + 1);
}

const char* toString(CallPhase phase)
{
    return proto::toString(static_cast<proto::CallPhase>(phase));
}

const char* toString(CallEndReason reason)
{
    return proto::toString(static_cast<proto::CallEndReason>(reason));
}

MessageState toApi(storage::MessageState state)
{
    switch (state) {
    case storage::MessageState::Queued:
        return MessageState::Queued;
    case storage::MessageState::Sent:
        return MessageState::Sent;
    case storage::MessageState::Relayed:
        return MessageState::Relayed;
    case storage::MessageState::Delivered:
        return MessageState::Delivered;
    case storage::MessageState::Read:
        return MessageState::Read;
    case storage::MessageState::Unread:
        return MessageState::Unread;
    case storage::MessageState::ReadIncoming:
        return MessageState::ReadIncoming;
    }
    return MessageState::Queued;
}

StoredMessage toApi(const storage::StoredMessage& m)
{
    return {m.seq,          m.id,       m.peer,      m.outgoing, m.body,        m.sentMs,      m.storedMs,
            toApi(m.state), m.editedMs, m.deletedMs, m.replyTo,  m.ownReaction, m.peerReaction};
}

StoredMessages toApi(const std::vector<storage::StoredMessage>& messages)
{
    StoredMessages out;
    out.reserve(messages.size());
    for (const storage::StoredMessage& message : messages) {
        out.push_back(toApi(message));
    }
    return out;
}

PeerRecord toApi(const storage::PeerRecord& r)
{
    return {r.id, r.displayName, r.lastAddress, r.lastSeenMs, r.verified};
}

EventRecord toApi(const storage::EventRecord& e)
{
    return {e.seq, e.atMs, e.kind, e.peer, e.detail};
}

KeyWarning toApi(const storage::KeyWarning& w)
{
    return {w.peer, w.raisedMs, w.detail};
}

ProfileSettings toApi(const storage::ProfileSettings& s)
{
    return {s.displayName,        s.downloadFolder,    s.startMinimised,  s.discoveryMode,
            s.audioInputDevice,   s.audioOutputDevice, s.relayCarry,      s.relayStoreMb,
            s.autoAcceptVerified, s.lowLatencyCalls,   s.relayRateKib,    s.awayAfterMinutes,
            s.notifications,      s.notificationSound, s.echoCancellation};
}

storage::ProfileSettings toStorage(const ProfileSettings& s)
{
    return {s.displayName,        s.downloadFolder,    s.startMinimised,  s.discoveryMode,
            s.audioInputDevice,   s.audioOutputDevice, s.relayCarry,      s.relayStoreMb,
            s.autoAcceptVerified, s.lowLatencyCalls,   s.relayRateKib,    s.awayAfterMinutes,
            s.notifications,      s.notificationSound, s.echoCancellation};
}

AudioDeviceInfo toApi(const audio::AudioDeviceInfo& d)
{
    return {QString::fromStdString(d.name), d.hasInput, d.hasOutput, d.isDefaultInput, d.isDefaultOutput};
}

CallView toApi(const calls::CallView& c)
{
    CallView view;
    view.peer = c.peer;
    view.callId = c.callId;
    view.direction = static_cast<CallDirection>(c.direction);
    view.phase = static_cast<CallPhase>(c.phase);
    view.endReason = static_cast<CallEndReason>(c.endReason);
    view.frameMs = c.frameMs;
    view.retransmission = c.retransmission;
    view.redundancy = c.redundancy;
    view.durationMs = c.durationMs;
    view.muted = c.muted;
    view.transmitting = c.transmitting;
    if (c.group) {
        view.room = hexText(c.group->room);
        view.roomCallId = hexText(c.group->groupCall);
    }
    view.silenced = c.silenced;
    if (c.mixer) {
        view.mixer = QString::fromStdString(c.mixer->toText());
    }
    view.viaMixer = c.viaMixer;
    view.playbackLevel = c.playbackLevel;
    view.audioDevice = c.audioDevice;
    view.audioNotice = c.audioNotice;
    view.microphoneWorks = !c.voice.inputLost;
    view.speakerWorks = !c.voice.outputLost;
    view.audioOriginNs = c.audioOriginNs;
    view.audioOutputOffset = c.audioOutputOffset;
    view.inputLevel = c.voice.inputLevel;
    view.stats = statsJson(c);
    return view;
}

TransferView toApi(const files::DropView& d)
{
    TransferView v;
    v.id = hexText(d.id);
    v.peer = d.peer;
    v.outgoing = d.outgoing;
    v.state = QLatin1String(files::toString(d.state));
    v.pausedHere = d.pausedHere;
    v.pausedThere = d.pausedThere;
    v.names = d.names;
    v.fileCount = d.fileCount;
    v.folderCount = d.folderCount;
    v.totalBytes = d.totalBytes;
    v.bytesDone = d.bytesDone;
    v.bytesFromOthers = d.bytesFromOthers;
    v.bytesPerSecond = d.bytesPerSecond;
    v.folder = d.folder;
    v.savedAs = d.savedAs;
    v.fileHash = d.fileHash;
    v.problem = d.problem;
    v.createdMs = d.createdMs;
    return v;
}

} // namespace confab::api
