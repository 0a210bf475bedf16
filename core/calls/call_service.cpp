#include "call_service.h"

#include "call_service_call.h"
#include "crypto/media_keys.h"
#include "crypto/random.h"

#include <QCoreApplication>
#include <QDebug>

#include <algorithm>

namespace confab::calls {

using proto::CallPhase;
using proto::CallSignalKind;

namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

QString hex(const proto::CallId& id)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(id.data()), static_cast<int>(id.size())).toHex());
}

} // namespace

int frameMsForLowLatency(bool lowLatency)
{
    return lowLatency ? proto::kLowDelayFrameMs : CallSettings{}.frameMs;
}

audio::VoiceSettings voiceForCall(audio::VoiceSettings voice, const proto::CallCodec& codec, bool startedHere)
{
    voice.frameMs = codec.frameMs;
    voice.maxBitrate = static_cast<int>(codec.maxBitrate);
    // A caller's frame length is its own setting (or 10 ms when a peer
    // without the low-delay mode answered its offer): below the default, it
    // asked for a short delay.
    if (startedHere && codec.frameMs < CallSettings{}.frameMs) {
        voice.noiseSuppression = false;
    }
    return voice;
}

CallService::CallService(session::MessagePort& port, MediaSocket& socket, audio::AudioDevice& device,
                         Clock& clock, CallSettings settings, QObject* parent)
    : QObject(parent), m_links(port), m_socket(socket), m_device(device), m_hub(device), m_clock(clock),
      m_settings(settings), m_disposeTimer(clock.createTimer([this] { m_finished.clear(); })),
      m_ringStartTimer(clock.createTimer([this] { startRinging(); })),
      m_progressTimer(clock.createTimer([this] { announceProgress(); }))
{
    if (m_settings.ringOnIncoming) {
        m_ringer = std::make_unique<Ringer>(m_device);
    }
    m_links.setHandler(
        proto::LinkMessageType::Call,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onSignals(from, bodies); });
    connect(&m_links, &session::MessagePort::peerDisconnected, this,
            [this](const PeerId& peer, const QString&) { onPeerDisconnected(peer); });
    connect(&m_links, &session::MessagePort::peerConnected, this,
            [this](const PeerId& peer) { onPeerConnected(peer); });
}

CallService::~CallService() = default;

CallService::Outcome CallService::call(const PeerId& peer)
{
    if (peer == m_links.self()) {
        return QCoreApplication::translate("Calls", "You cannot call yourself.");
    }
    if (auto why = unreachable(peer)) {
        return *why;
    }
    if (const auto it = m_calls.find(peer); it != m_calls.end() && isRingingHere(*it->second)) {
        // Calling someone who is calling us: both want to talk, so answer.
        return answer(peer);
    }
    if (busy()) {
        return QCoreApplication::translate("Calls", "Another call is in progress: hang it up first.");
    }
    startOutgoing(peer, std::nullopt);
    return peer;
}

std::optional<QString> CallService::unreachable(const PeerId& peer) const
{
    const auto link = m_links.linkInfo(peer);
    if (!link) {
        return QCoreApplication::translate("Calls", "%1 is not connected: a call needs the peer online.")
            .arg(idText(peer));
    }
    if (link->hello.mediaPort == 0) {
        return QCoreApplication::translate("Calls", "%1 runs a version of Confab without calls.")
            .arg(idText(peer));
    }
    if (!m_socket.isBound()) {
        return QCoreApplication::translate("Calls",
                                           "Calls are unavailable: this node has no UDP port for them.");
    }
    return std::nullopt;
}

CallService::Outcome CallService::answer(const std::optional<PeerId>& peer)
{
    auto found = find(peer, isRingingHere, QStringLiteral("ringing"));
    if (!found) {
        return found.error();
    }
    Call& call = *found.value();
    const PeerId acted = call.peer;
    if (call.group) {
        joinRoomCall(*call.group); // our invites carry the id of the one answered
    } else {
        apply(call, call.machine.answer());
    }
    return acted;
}

CallService::Outcome CallService::decline(const std::optional<PeerId>& peer)
{
    auto found = find(peer, isRingingHere, QStringLiteral("ringing"));
    if (!found) {
        return found.error();
    }
    const PeerId acted = found.value()->peer;
    if (const auto group = found.value()->group) {
        leaveRoomCall(group->room);
    } else {
        apply(*found.value(), found.value()->machine.hangUp());
    }
    return acted;
}

CallService::Outcome CallService::hangUp(const std::optional<PeerId>& peer)
{
    auto found = find(peer, isOngoing, QStringLiteral("ongoing"));
    if (!found) {
        return found.error();
    }
    const PeerId acted = found.value()->peer;
    if (const auto group = found.value()->group) {
        leaveRoomCall(group->room);
    } else {
        apply(*found.value(), found.value()->machine.hangUp());
    }
    return acted;
}

CallService::Outcome CallService::setMuted(const std::optional<PeerId>& peer, bool muted)
{
    auto found = find(peer, isOngoing, QStringLiteral("ongoing"));
    if (!found) {
        return found.error();
    }
    // The microphone of a room call is one: muting it mutes every link.
    for (Call* call : linksOf(*found.value())) {
        call->muted = muted;
        applyMicrophone(*call);
        emit callChanged(view(*call));
    }
    return found.value()->peer;
}

CallService::Outcome CallService::setTransmitting(const std::optional<PeerId>& peer, bool transmitting)
{
    auto found = find(peer, isOngoing, QStringLiteral("ongoing"));
    if (!found) {
        return found.error();
    }
    for (Call* call : linksOf(*found.value())) {
        call->transmitting = transmitting;
        applyMicrophone(*call);
        emit callChanged(view(*call));
    }
    return found.value()->peer;
}

CallService::Outcome CallService::setPeerSilenced(const PeerId& peer, bool silenced)
{
    auto found = find(peer, isOngoing, QStringLiteral("ongoing"));
    if (!found) {
        return found.error();
    }
    Call& call = *found.value();
    call.silenced = silenced;
    if (call.port) {
        call.port->setGain(silenced ? 0.0F : 1.0F);
    }
    if (call.group) {
        arrangeRoomMedia(call.group->room); // a mixer, if one carries them, is told
    }
    emit callChanged(view(call));
    return call.peer;
}

void CallService::setRoomMembers(RoomMembers members)
{
    m_roomMembers = std::move(members);
}

Result<int, QString> CallService::callRoom(const proto::RoomId& room)
{
    if (!m_roomMembers || !m_roomMembers(room)) {
        return QCoreApplication::translate("Calls", "You are not a member of that room.");
    }
    if (!m_socket.isBound()) {
        return QCoreApplication::translate("Calls",
                                           "Calls are unavailable: this node has no UDP port for them.");
    }
    if (m_joined && m_joined->room == room) {
        return QCoreApplication::translate("Calls", "You are in this room's call already.");
    }
    if (const auto ringing = callsOf(room); !ringing.empty() && !m_joined) {
        return joinRoomCall(*ringing.front()->group); // its members are calling us: answering is joining
    }
    if (busy()) {
        return QCoreApplication::translate("Calls", "Another call is in progress: hang it up first.");
    }
    // A new invitation: members in the room's call, if one runs, take it
    // at once (that is a rejoin); the others ring, even if they left an
    // earlier one.
    proto::CallGroup group;
    group.room = room;
    crypto::randomBytes(group.groupCall);
    const int links = joinRoomCall(group);
    if (links == 0) {
        m_joined.reset();
        return QCoreApplication::translate("Calls", "Nobody else in the room is online to call.");
    }
    return links;
}

int CallService::joinRoomCall(const proto::CallGroup& invitation)
{
    m_joined = invitation;
    for (Call* call : callsOf(invitation.room)) {
        if (isRingingHere(*call)) {
            apply(*call, call->machine.answer());
        }
    }
    inviteRoomMembers();
    return static_cast<int>(callsOf(invitation.room).size());
}

void CallService::leaveRoomCall(const proto::RoomId& room)
{
    if (m_joined && m_joined->room == room) {
        m_joined.reset();
    }
    for (Call* call : callsOf(room)) {
        rememberLeft(call->group->groupCall);
        apply(*call, call->machine.hangUp());
    }
}

void CallService::inviteRoomMembers()
{
    const auto members = m_roomMembers ? m_roomMembers(m_joined->room) : std::nullopt;
    if (!members) {
        return;
    }
    for (const PeerId& member : *members) {
        if (callsOf(m_joined->room).size() >= kMaxRoomCallPeers) {
            return;
        }
        if (member != m_links.self() && m_calls.count(member) == 0 && !unreachable(member)) {
            startOutgoing(member, m_joined);
        }
    }
}

void CallService::rememberLeft(const proto::CallId& groupCall)
{
    if (std::find(m_leftRoomCalls.begin(), m_leftRoomCalls.end(), groupCall) == m_leftRoomCalls.end()) {
        m_leftRoomCalls.push_back(groupCall);
    }
    while (m_leftRoomCalls.size() > kRememberedLeftRoomCalls) {
        m_leftRoomCalls.pop_front();
    }
}

std::vector<CallService::Call*> CallService::callsOf(const proto::RoomId& room) const
{
    std::vector<Call*> links;
    for (const auto& [peer, call] : m_calls) {
        if (call->group && call->group->room == room) {
            links.push_back(call.get());
        }
    }
    return links;
}

std::vector<CallService::Call*> CallService::linksOf(Call& call) const
{
    return call.group ? callsOf(call.group->room) : std::vector<Call*>{&call};
}

bool CallService::busyOutside(const proto::RoomId& room) const
{
    return std::any_of(m_calls.begin(), m_calls.end(), [&room](const auto& entry) {
        const Call& call = *entry.second;
        return !call.machine.ended() && !(call.group && call.group->room == room);
    });
}

std::vector<CallView> CallService::calls() const
{
    std::vector<CallView> views;
    for (const auto& [peer, call] : m_calls) {
        views.push_back(view(*call));
    }
    views.insert(views.end(), m_ended.begin(), m_ended.end());
    return views;
}

void CallService::shutdown()
{
    std::vector<PeerId> peers;
    for (const auto& [peer, call] : m_calls) {
        peers.push_back(peer);
    }
    for (const PeerId& peer : peers) {
        if (const auto it = m_calls.find(peer); it != m_calls.end()) {
            apply(*it->second, it->second->machine.hangUp());
        }
    }
}

void CallService::onSignals(const PeerId& from, const std::vector<Bytes>& bodies)
{
    for (const Bytes& body : bodies) {
        const auto signal = proto::decodeCallSignal(body);
        if (!signal) {
            // Hostile or broken bytes close this link only.
            m_links.dropPeer(from, QStringLiteral("malformed call signal: %1")
                                       .arg(QLatin1String(proto::toString(signal.error()))));
            return;
        }
        onSignal(from, signal.value());
    }
}

void CallService::onSignal(const PeerId& from, const proto::CallSignal& signal)
{
    if (signal.kind == CallSignalKind::Invite) {
        onInvite(from, signal);
        return;
    }
    const auto it = m_calls.find(from);
    if (it == m_calls.end() || it->second->machine.id() != signal.callId) {
        return; // about a call that has already ended here
    }
    Call& call = *it->second;
    if (signal.kind == CallSignalKind::Accept) {
        if (call.machine.direction() != proto::CallDirection::Outgoing ||
            !proto::isValidCodec(*signal.codec) || !offered(call, signal.codec->frameMs)) {
            m_links.dropPeer(from, QStringLiteral("call accepted with parameters that were not offered"));
            return;
        }
        adoptRemoteSetup(call, signal);
        call.codec.frameMs = signal.codec->frameMs;
        call.codec.maxBitrate = std::min(call.codec.maxBitrate, signal.codec->maxBitrate);
    }
    apply(call, call.machine.onSignal(signal.kind));
}

void CallService::onInvite(const PeerId& from, const proto::CallSignal& signal)
{
    if (const auto it = m_calls.find(from); it != m_calls.end()) {
        Call& existing = *it->second;
        if (existing.machine.id() == signal.callId) {
            return; // a repeated invite
        }
        const bool ourInviteOutstanding = existing.machine.direction() == proto::CallDirection::Outgoing &&
                                          (existing.machine.phase() == CallPhase::Calling ||
                                           existing.machine.phase() == CallPhase::Ringing);
        if (!ourInviteOutstanding) {
            sendBare(from, CallSignalKind::Busy, signal.callId);
            return;
        }
        // Both sides called at once. Both keep the call with the smaller id;
        // the side whose call lost answers the other at once.
        if (!proto::incomingInviteWinsGlare(existing.machine.id(), signal.callId)) {
            return;
        }
        apply(existing, existing.machine.onGlareLost());
        Call& call = startIncoming(from, signal);
        apply(call, call.machine.start());
        apply(call, call.machine.answer());
        return;
    }
    if (signal.group) {
        onRoomInvite(from, signal);
        return;
    }
    if (busy()) {
        sendBare(from, CallSignalKind::Busy, signal.callId);
        return;
    }
    begin(startIncoming(from, signal));
}

void CallService::onRoomInvite(const PeerId& from, const proto::CallSignal& signal)
{
    const proto::CallGroup& group = *signal.group;
    const auto members = m_roomMembers ? m_roomMembers(group.room) : std::nullopt;
    if (!members || std::find(members->begin(), members->end(), from) == members->end()) {
        qWarning().noquote() << "room call invite from" << idText(from)
                             << "declined: it names a room the two do not share";
        sendBare(from, CallSignalKind::Decline, signal.callId);
        return;
    }
    if (m_joined && m_joined->room == group.room) {
        if (callsOf(group.room).size() >= kMaxRoomCallPeers) {
            sendBare(from, CallSignalKind::Busy, signal.callId);
            return;
        }
        // Another member of the call we are in: no need to ring.
        Call& call = startIncoming(from, signal);
        apply(call, call.machine.start());
        apply(call, call.machine.answer());
        return;
    }
    if (std::find(m_leftRoomCalls.begin(), m_leftRoomCalls.end(), group.groupCall) != m_leftRoomCalls.end()) {
        sendBare(from, CallSignalKind::Decline, signal.callId);
        return;
    }
    if (busyOutside(group.room)) {
        sendBare(from, CallSignalKind::Busy, signal.callId);
        return;
    }
    // Rings as one room call however many members invite us to it.
    begin(startIncoming(from, signal));
}

void CallService::onPeerDisconnected(const PeerId& peer)
{
    if (const auto it = m_calls.find(peer); it != m_calls.end()) {
        apply(*it->second, it->second->machine.onLinkLost());
    }
}

void CallService::onPeerConnected(const PeerId& peer)
{
    if (!m_joined || m_calls.count(peer) != 0) {
        return;
    }
    // A member who came online while the room's call runs is invited to it.
    const auto members = m_roomMembers ? m_roomMembers(m_joined->room) : std::nullopt;
    if (members && std::find(members->begin(), members->end(), peer) != members->end() &&
        callsOf(m_joined->room).size() < kMaxRoomCallPeers && !unreachable(peer)) {
        startOutgoing(peer, m_joined);
    }
}

CallService::Call& CallService::startOutgoing(const PeerId& peer,
                                              const std::optional<proto::CallGroup>& group)
{
    proto::CallId id{};
    crypto::randomBytes(id);
    Call& call = startCall(peer, proto::CallStateMachine::outgoing(id));
    // Low delay is offered beside 10 ms frames, which a peer that does not
    // know it takes instead.
    call.lowDelayOffered = m_settings.frameMs == proto::kLowDelayFrameMs;
    const int frameMs = call.lowDelayOffered ? 10 : m_settings.frameMs;
    call.codec = proto::CallCodec{proto::kCallCodecOpus, static_cast<std::uint8_t>(frameMs),
                                  static_cast<std::uint32_t>(m_settings.maxBitrate)};
    call.group = group;
    takeMicrophoneOfRoomCall(call);
    begin(call);
    return call;
}

void CallService::takeMicrophoneOfRoomCall(Call& call) const
{
    if (!call.group) {
        return;
    }
    // A member joining later hears us as muted (or not) as everyone else does.
    for (const Call* other : callsOf(call.group->room)) {
        if (other != &call) {
            call.muted = other->muted;
            call.transmitting = other->transmitting;
            return;
        }
    }
}

CallService::Call& CallService::startIncoming(const PeerId& from, const proto::CallSignal& signal)
{
    Call& call = startCall(from, proto::CallStateMachine::incoming(signal.callId));
    adoptRemoteSetup(call, signal);
    call.codec = *signal.codec;
    call.codec.maxBitrate =
        std::min(call.codec.maxBitrate, static_cast<std::uint32_t>(m_settings.maxBitrate));
    if (proto::announces(signal, proto::MediaFeature::LowDelay)) {
        call.codec.frameMs = proto::kLowDelayFrameMs; // the caller would rather: both sides gain
    }
    call.group = signal.group;
    takeMicrophoneOfRoomCall(call);
    return call;
}

CallService::Call& CallService::startCall(const PeerId& peer, proto::CallStateMachine machine)
{
    auto call = std::make_unique<Call>(peer, machine);
    call->localSecret = crypto::randomCallSecret();
    // A tag no other call of ours uses, so datagrams find their call.
    do {
        call->localTag = static_cast<std::uint32_t>(crypto::randomU64());
    } while (m_socket.hasRoute(call->localTag));
    call->timer = m_clock.createTimer([this, peer] { onTimer(peer); });
    Call& ref = *call;
    m_calls[peer] = std::move(call);
    return ref;
}

void CallService::begin(Call& call)
{
    apply(call, call.machine.start());
    // A new call is news although its phase has not changed: front ends show
    // it (an incoming one rings).
    updateRinger();
    emit callChanged(view(call));
}

void CallService::apply(Call& call, const proto::CallStep& step)
{
    if (step.send) {
        sendSignal(call, *step.send);
    }
    if (step.changed || step.arm) {
        call.timer->stop();
        call.armed.reset();
    }
    if (step.arm) {
        arm(call, *step.arm);
    }
    if (step.changed || step.startMedia) {
        updateRinger(); // before startMedia: the ring must have released the device
    }
    if (step.startMedia) {
        startMedia(call);
    }
    if (step.stopMedia) {
        call.media.reset();
    }
    if (!step.changed && !step.startMedia) {
        return;
    }
    const std::optional<proto::CallGroup> group = call.group;
    const CallView current = view(call);
    if (call.machine.ended()) {
        call.media.reset();
        m_ended.push_front(current);
        if (m_ended.size() > kRecentEndedCalls) {
            m_ended.pop_back();
        }
        // Destroyed from the event loop: this may run inside the call's own timer.
        const auto it = m_calls.find(call.peer);
        m_finished.push_back(std::move(it->second));
        m_calls.erase(it);
        m_disposeTimer->start(0);
        if (m_joined && current.group && current.group->room == m_joined->room &&
            callsOf(m_joined->room).empty()) {
            m_joined.reset(); // everyone else left: the room call is over here
        }
    }
    if (group && (step.startMedia || step.stopMedia || call.machine.ended())) {
        arrangeRoomMedia(group->room);
    }
    if (busy() && !m_progressTimer->isActive()) {
        m_progressTimer->startRepeating(kProgressIntervalMs);
    }
    emit callChanged(current);
}

void CallService::arm(Call& call, proto::CallTimer timer)
{
    const CallTimeouts& t = m_settings.timeouts;
    int ms = 0;
    switch (timer) {
    case proto::CallTimer::Invite:
        ms = t.inviteMs;
        break;
    case proto::CallTimer::Ring:
        ms = call.machine.direction() == proto::CallDirection::Outgoing ? t.ringMs : t.incomingRingMs;
        break;
    case proto::CallTimer::Media:
        // Checked often against the last arrival rather than reset per packet.
        ms = std::min(1000, t.mediaMs);
        break;
    }
    call.armed = timer;
    call.timer->start(ms);
}

void CallService::onTimer(const PeerId& peer)
{
    const auto it = m_calls.find(peer);
    if (it == m_calls.end() || !it->second->armed) {
        return;
    }
    Call& call = *it->second;
    const proto::CallTimer timer = *call.armed;
    if (timer == proto::CallTimer::Media && call.media &&
        call.media->msSinceLastPacket() < m_settings.timeouts.mediaMs) {
        arm(call, timer);
        return;
    }
    apply(call, call.machine.onTimer(timer));
}

void CallService::startMedia(Call& call)
{
    const auto link = m_links.linkInfo(call.peer);
    if (!link || !call.remoteSecret) {
        return; // the link went away in this very turn; its loss ends the call
    }
    const bool caller = call.machine.direction() == proto::CallDirection::Outgoing;
    const crypto::CallRole role = caller ? crypto::CallRole::Caller : crypto::CallRole::Callee;
    const crypto::Secret<32>& callerSecret = caller ? call.localSecret : *call.remoteSecret;
    const crypto::Secret<32>& calleeSecret = caller ? *call.remoteSecret : call.localSecret;
    const crypto::MediaKeys keys = crypto::deriveMediaKeys(callerSecret, calleeSecret, call.machine.id());

    MediaParams params;
    params.sendKey = keys.sendKey(role);
    params.receiveKey = keys.receiveKey(role);
    params.localTag = call.localTag;
    params.remoteTag = call.remoteTag;
    params.remoteHost = QHostAddress(link->remoteAddress.host);
    params.remotePort = link->hello.mediaPort;
    params.codec = call.codec;
    params.retransmission = usesRetransmission(call);
    params.redundancy = usesRedundancy(call);
    params.mixing = call.group && call.remoteMixes;

    const audio::VoiceSettings voice = voiceForCall(
        m_settings.voice, call.codec, call.machine.direction() == proto::CallDirection::Outgoing);
    if (!call.port) {
        call.port = m_hub.openPort();
        call.port->setGain(call.silenced ? 0.0F : 1.0F);
    }
    call.media = std::make_unique<CallMedia>(m_socket, *call.port, m_clock, voice, std::move(params));
    applyMicrophone(call);
    if (call.group) {
        connect(call.media.get(), &CallMedia::leftOutChanged, this,
                [this, room = call.group->room] { arrangeRoomMedia(room); });
    }
    if (call.media->start()) {
        // The engine's sentence says what failed and that the call goes on.
        call.audioNotice = QString::fromStdString(call.media->voiceStats().deviceError);
        qWarning().noquote() << "call audio:" << call.audioNotice;
    }
    call.activeSinceMs = m_clock.monotonicMs();
}

void CallService::applyMicrophone(Call& call)
{
    if (call.media) {
        call.media->setMuted(call.muted);
        call.media->setTransmitting(call.transmitting);
        call.media->setCarriedElsewhere(call.viaMixer);
    }
}

void CallService::sendSignal(const Call& call, CallSignalKind kind)
{
    proto::CallSignal signal;
    signal.kind = kind;
    signal.callId = call.machine.id();
    if (proto::carriesMediaSetup(kind)) {
        std::array<std::uint8_t, proto::kCallSecretBytes> secret{};
        std::copy(call.localSecret.view().begin(), call.localSecret.view().end(), secret.begin());
        signal.secret = secret;
        signal.receiveTag = call.localTag;
        signal.codec = call.codec;
        std::uint32_t features = 0;
        if (m_settings.retransmission) {
            features |= static_cast<std::uint32_t>(proto::MediaFeature::Retransmission);
        }
        if (m_settings.redundancy) {
            features |= static_cast<std::uint32_t>(proto::MediaFeature::Redundancy);
        }
        if (call.lowDelayOffered || call.codec.frameMs == proto::kLowDelayFrameMs) {
            features |= static_cast<std::uint32_t>(proto::MediaFeature::LowDelay);
        }
        if (call.group) {
            features |= static_cast<std::uint32_t>(proto::MediaFeature::Mixing);
        }
        if (features != 0) {
            signal.mediaFeatures = features;
        }
    }
    if (kind == CallSignalKind::Invite) {
        signal.group = call.group;
    }
    Bytes body = proto::encodeCallSignal(signal);
    m_links.send(call.peer, proto::LinkMessageType::Call, body);
    // The secret must not linger in freed memory.
    if (signal.secret) {
        crypto::wipe(*signal.secret);
        crypto::wipe(body);
    }
}

void CallService::sendBare(const PeerId& to, CallSignalKind kind, const proto::CallId& id)
{
    proto::CallSignal signal;
    signal.kind = kind;
    signal.callId = id;
    m_links.send(to, proto::LinkMessageType::Call, proto::encodeCallSignal(signal));
}

bool CallService::isRingingHere(const Call& call)
{
    return call.machine.phase() == CallPhase::Incoming;
}

bool CallService::isOngoing(const Call& call)
{
    return !call.machine.ended();
}

Result<CallService::Call*, QString> CallService::find(const std::optional<PeerId>& peer,
                                                      bool (*fits)(const Call&), const QString& what)
{
    if (peer) {
        const auto it = m_calls.find(*peer);
        if (it == m_calls.end() || !fits(*it->second)) {
            return QCoreApplication::translate("Calls", "There is no %1 call with %2.")
                .arg(what, idText(*peer));
        }
        return it->second.get();
    }
    std::vector<Call*> matches;
    for (const auto& [id, call] : m_calls) {
        if (fits(*call)) {
            matches.push_back(call.get());
        }
    }
    if (matches.empty()) {
        return QCoreApplication::translate("Calls", "There is no %1 call.").arg(what);
    }
    const bool oneRoomCall = std::all_of(matches.begin(), matches.end(), [&matches](const Call* call) {
        return call->group && matches.front()->group && call->group->room == matches.front()->group->room;
    });
    if (matches.size() > 1 && !oneRoomCall) {
        return QCoreApplication::translate("Calls", "There are %1 %2 calls: name the peer.")
            .arg(matches.size())
            .arg(what);
    }
    return matches.front();
}

void CallService::adoptRemoteSetup(Call& call, const proto::CallSignal& signal)
{
    call.remoteSecret = crypto::Secret<32>(*signal.secret);
    call.remoteTag = *signal.receiveTag;
    call.remoteRetransmits = proto::announces(signal, proto::MediaFeature::Retransmission);
    call.remoteTakesRedundancy = proto::announces(signal, proto::MediaFeature::Redundancy);
    call.remoteMixes = proto::announces(signal, proto::MediaFeature::Mixing);
}

bool CallService::offered(const Call& call, int frameMs)
{
    return frameMs == call.codec.frameMs || (call.lowDelayOffered && frameMs == proto::kLowDelayFrameMs);
}

bool CallService::usesRetransmission(const Call& call) const
{
    return m_settings.retransmission && call.remoteRetransmits;
}

bool CallService::usesRedundancy(const Call& call) const
{
    return m_settings.redundancy && call.remoteTakesRedundancy;
}

CallView CallService::view(const Call& call) const
{
    CallView v;
    v.peer = call.peer;
    v.callId = hex(call.machine.id());
    v.direction = call.machine.direction();
    v.phase = call.machine.phase();
    v.endReason = call.machine.endReason();
    v.frameMs = call.codec.frameMs;
    v.retransmission = usesRetransmission(call);
    v.redundancy = usesRedundancy(call);
    v.durationMs = call.activeSinceMs ? m_clock.monotonicMs() - *call.activeSinceMs : 0;
    v.muted = call.muted;
    v.transmitting = call.transmitting;
    v.group = call.group;
    v.silenced = call.silenced;
    if (call.group) {
        v.mixer = mixerOf(call.group->room);
        v.viaMixer = call.viaMixer;
    }
    v.playbackLevel = playbackLevelOf(call);
    v.audioDevice = QString::fromStdString(m_device.description());
    v.audioNotice = call.audioNotice;
    if (call.media) {
        v.media = call.media->stats();
        v.voice = call.media->voiceStats();
        if (!v.voice.deviceError.empty()) {
            v.audioNotice = QString::fromStdString(v.voice.deviceError); // the device may fail mid-call
        }
        v.audioOriginNs = m_device.streamOriginNs();
        v.audioOutputOffset = m_device.outputStreamOffsetFrames();
        v.deviceGlitches = m_device.glitches();
    }
    return v;
}

bool CallService::ringsForUser(const Call& call) const
{
    return isRingingHere(call) && !(call.group && m_joined && call.group->room == m_joined->room);
}

bool CallService::ringingHere() const
{
    return std::any_of(m_calls.begin(), m_calls.end(),
                       [this](const auto& entry) { return ringsForUser(*entry.second); });
}

void CallService::setQuiet(bool quiet)
{
    m_quiet = quiet;
    updateRinger();
}

void CallService::updateRinger()
{
    if (!m_ringer) {
        return;
    }
    if (m_quiet || !ringingHere()) {
        m_ringer->stop();
        m_ringRequested = false;
        return;
    }
    if (m_ringRequested) {
        return; // ringing already, or the device refused: one try per ringing
    }
    m_ringRequested = true;
    // After the current event: a glare call is answered in the same turn it
    // starts ringing, and then should not open the device just to close it.
    m_ringStartTimer->start(0);
}

void CallService::startRinging()
{
    if (!m_ringer || m_quiet || !ringingHere() || m_ringer->isRinging()) {
        return;
    }
    if (const auto error = m_ringer->start()) {
        // The incoming call still shows and can be answered; it rings silently.
        qWarning().noquote() << "ring tone:" << QString::fromStdString(*error);
    }
}

void CallService::announceProgress()
{
    if (!busy()) {
        m_progressTimer->stop();
        return;
    }
    if (m_joined && mixerOf(m_joined->room) == m_links.self()) {
        sendLevels(m_joined->room);
    }
    for (const auto& [peer, call] : m_calls) {
        if (isOngoing(*call)) {
            emit callChanged(view(*call));
        }
    }
}

bool CallService::busy() const
{
    return std::any_of(m_calls.begin(), m_calls.end(),
                       [](const auto& entry) { return !entry.second->machine.ended(); });
}

} // namespace confab::calls
