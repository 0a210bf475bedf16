#include "call_media.h"

#include "audio/monotonic_clock.h"
#include "redundancy_choice.h"
#include "room_mix.h"

#include <QMetaObject>

#include <algorithm>
#include <cmath>

namespace confab::calls {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::uint32_t kSamplesPerMs = 48;

} // namespace

CallMedia::CallMedia(MediaSocket& socket, audio::AudioDevice& device, Clock& clock,
                     const audio::VoiceSettings& voice, MediaParams params, QObject* parent)
    : QObject(parent), m_socket(socket), m_params(std::move(params)), m_engine(device, voice),
      m_sender(m_params.sendKey), m_receiver(m_params.receiveKey), m_sinceStart(clock),
      m_sinceLastPacket(clock), m_reportTimer(clock.createTimer([this] { sendReport(); }))
{
    if (m_params.retransmission) {
        m_missing.emplace(static_cast<std::uint32_t>(m_params.codec.frameMs) * kSamplesPerMs);
        m_nackTimer = clock.createTimer([this] { requestMissing(audio::monotonicNowNs()); });
    }
    // The worker thread only schedules a flush; the socket lives here.
    m_engine.setOutgoingNotifier([this] {
        if (!m_flushScheduled.exchange(true)) {
            QMetaObject::invokeMethod(this, &CallMedia::flushOutgoing, Qt::QueuedConnection);
        }
    });
    m_socket.addRoute(m_params.localTag, m_params.remoteHost,
                      [this](ByteView datagram, std::int64_t arrivalNs) { onDatagram(datagram, arrivalNs); });
}

CallMedia::~CallMedia()
{
    m_socket.removeRoute(m_params.localTag);
    m_engine.stop();
}

std::optional<std::string> CallMedia::start()
{
    m_reportTimer->startRepeating(kReportIntervalMs);
    return m_engine.start();
}

void CallMedia::setMuted(bool muted)
{
    m_engine.setMuted(muted);
}

void CallMedia::setTransmitting(bool transmitting)
{
    m_engine.setTransmitting(transmitting);
}

void CallMedia::setCarriedElsewhere(bool elsewhere)
{
    m_engine.setCarriedElsewhere(elsewhere);
}

void CallMedia::flushOutgoing()
{
    m_flushScheduled.store(false);
    audio::VoiceFrame frame;
    while (m_engine.popOutgoing(frame)) {
        const ByteView opus(frame.data.data(), frame.size);
        proto::AudioPayload payload{frame.timestamp, frame.marker, false, std::nullopt, opus};
        if (m_stats.sendingRedundancy) {
            payload.redundant = previousFrameFor(frame.timestamp);
            if (payload.redundant && audioPayloadBytes(payload) > proto::kMaxMediaPlaintextBytes) {
                payload.redundant.reset();
            }
        }
        if (sendSealed(proto::MediaKind::Audio, proto::encodeAudioPayload(payload)) > 0 &&
            payload.redundant) {
            m_redundancyBytesSinceReport += proto::kRedundancyHeaderBytes + payload.redundant->opus.size();
        }
        if (m_params.retransmission) {
            m_sent.remember(frame.timestamp, frame.marker, opus);
        }
        if (m_params.redundancy) {
            m_previousTimestamp = frame.timestamp;
            m_previousOpus.assign(opus.begin(), opus.end());
        }
    }
}

std::optional<proto::RedundantFrame> CallMedia::previousFrameFor(std::uint32_t timestamp) const
{
    // Only the frame right before: after a silence there is nothing to repeat.
    const std::uint32_t frameSamples = static_cast<std::uint32_t>(m_params.codec.frameMs) * kSamplesPerMs;
    if (!m_previousTimestamp || timestamp - *m_previousTimestamp != frameSamples) {
        return std::nullopt;
    }
    return proto::RedundantFrame{static_cast<std::uint16_t>(frameSamples), m_previousOpus};
}

std::size_t CallMedia::sendSealed(proto::MediaKind kind, ByteView plaintext)
{
    const Bytes datagram = m_sender.seal(kind, m_params.remoteTag, plaintext);
    if (datagram.empty()) {
        return 0; // the counter is exhausted; the call times out rather than reuse a nonce
    }
    m_socket.send(datagram, m_params.remoteHost, m_params.remotePort);
    ++m_stats.packetsSent;
    m_bytesSentSinceReport += datagram.size();
    return datagram.size();
}

void CallMedia::onDatagram(ByteView datagram, std::int64_t arrivalNs)
{
    const auto header = proto::decodeMediaHeader(datagram);
    auto plaintext = m_receiver.open(datagram);
    if (!header || !plaintext) {
        ++m_stats.packetsRejected;
        return;
    }
    m_sinceLastPacket.restart();
    ++m_stats.packetsReceived;
    switch (header.value().kind) {
    case proto::MediaKind::Report:
        if (const auto report = proto::decodeReport(*plaintext)) {
            onReport(report.value());
        } else {
            ++m_stats.packetsRejected;
        }
        return;
    case proto::MediaKind::Nack:
        onNack(*plaintext);
        return;
    case proto::MediaKind::Levels:
        onLevels(*plaintext);
        return;
    case proto::MediaKind::LeaveOut:
        onLeaveOut(*plaintext);
        return;
    case proto::MediaKind::Audio:
        if (const auto audio = proto::decodeAudioPayload(*plaintext);
            audio && audio.value().opus.size() <= audio::kMaxOpusPacketBytes) {
            onAudio(audio.value(), arrivalNs);
        } else {
            ++m_stats.packetsRejected;
        }
        return;
    }
}

void CallMedia::onAudio(const proto::AudioPayload& audio, std::int64_t arrivalNs)
{
    if (audio.redundant) {
        // The earlier frame first, so the jitter buffer sees them in order.
        deliver(audio.timestamp - audio.redundant->offset, false, audio::FrameOrigin::Redundant,
                audio.redundant->opus, arrivalNs);
    }
    deliver(audio.timestamp, audio.marker,
            audio.retransmission ? audio::FrameOrigin::Retransmitted : audio::FrameOrigin::Original,
            audio.opus, arrivalNs);
    if (m_missing) {
        requestMissing(arrivalNs);
    }
}

void CallMedia::deliver(std::uint32_t timestamp, bool marker, audio::FrameOrigin origin, ByteView opus,
                        std::int64_t arrivalNs)
{
    audio::VoiceFrame frame;
    frame.timestamp = timestamp;
    frame.marker = marker;
    frame.origin = origin;
    frame.arrivalNs = arrivalNs;
    frame.size = static_cast<std::uint16_t>(opus.size());
    std::copy(opus.begin(), opus.end(), frame.data.begin());
    m_engine.pushIncoming(frame);
    if (m_missing) {
        m_missing->onFrame(timestamp, marker, origin != audio::FrameOrigin::Original, arrivalNs);
    }
}

void CallMedia::onNack(ByteView plaintext)
{
    const auto asked = proto::decodeNack(plaintext);
    if (!asked || !m_params.retransmission) {
        ++m_stats.packetsRejected; // malformed, or a feature this call did not agree on
        return;
    }
    for (const RetransmitBuffer::Frame& frame : m_sent.answer(asked.value())) {
        m_retransmitBytesSinceReport +=
            sendSealed(proto::MediaKind::Audio,
                       proto::encodeAudioPayload(frame.timestamp, frame.marker, frame.opus, true));
    }
}

MediaStats CallMedia::stats() const
{
    MediaStats stats = m_stats;
    stats.framesResent = m_sent.stats().resent;
    stats.resendsRefused = m_sent.stats().refused;
    return stats;
}

void CallMedia::requestMissing(std::int64_t nowNs)
{
    const std::vector<std::uint32_t> asked = m_missing->due(nowNs);
    if (!asked.empty()) {
        sendSealed(proto::MediaKind::Nack, proto::encodeNack(asked));
        ++m_stats.nacksSent;
        m_stats.framesRequested += asked.size();
    }
    if (const std::optional<std::int64_t> next = m_missing->nextDueNs()) {
        // Rounded up: a timer a little late asks a little late, one that is
        // early finds nothing due and sets itself again.
        m_nackTimer->start(std::max<std::int64_t>(0, (*next - nowNs + kNsPerMs - 1) / kNsPerMs));
    } else {
        m_nackTimer->stop();
    }
}

void CallMedia::onReport(const proto::MediaReport& report)
{
    m_lastReportSentAtMs = report.sentAtMs;
    m_lastReportReceivedAt = m_sinceStart.elapsedMs();
    m_engine.setRemoteLossPercent(report.lossPercent);
    if (report.echoSentAtMs != 0) {
        // Unsigned arithmetic: the millisecond clock wraps.
        const std::uint32_t rtt = nowMs() - report.echoSentAtMs - report.echoHoldMs;
        if (rtt < 60'000) {
            m_stats.rttMs = rtt;
            if (m_missing) {
                m_missing->setRoundTripNs(static_cast<std::int64_t>(rtt) * kNsPerMs);
            }
        }
    }
    chooseRedundancy(report.lossPercent);
}

void CallMedia::chooseRedundancy(int remoteLossPercent)
{
    m_stats.sendingRedundancy =
        m_params.redundancy && carryRedundancy(m_stats.sendingRedundancy,
                                               RedundancyInputs{m_params.retransmission, m_stats.rttMs,
                                                                m_params.codec.frameMs, remoteLossPercent});
}

void CallMedia::sendLevels(std::span<const proto::MemberLevel> levels)
{
    if (m_params.mixing && !levels.empty() && levels.size() <= proto::kMaxMixedMembers) {
        sendSealed(proto::MediaKind::Levels, proto::encodeLevels(levels));
    }
}

void CallMedia::setLeaveOut(std::optional<std::vector<proto::MixMember>> members)
{
    if (members && members->size() > proto::kMaxLeftOutMembers) {
        members->resize(proto::kMaxLeftOutMembers);
    }
    m_leaveOut = std::move(members);
    if (m_params.mixing && m_leaveOut) {
        sendSealed(proto::MediaKind::LeaveOut, proto::encodeLeaveOut(*m_leaveOut));
    }
}

std::optional<float> CallMedia::reportedLevel(proto::MixMember member) const
{
    if (m_levels.empty() || m_sinceStart.elapsedMs() - m_levelsAtMs > kLevelsFreshMs) {
        return std::nullopt;
    }
    const auto it = std::find_if(m_levels.begin(), m_levels.end(), [member](const proto::MemberLevel& entry) {
        return entry.member == member;
    });
    return it != m_levels.end() ? std::optional(levelFromWire(it->level)) : std::nullopt;
}

void CallMedia::onLevels(ByteView plaintext)
{
    auto levels = proto::decodeLevels(plaintext);
    if (!m_params.mixing || !levels) {
        ++m_stats.packetsRejected;
        return;
    }
    m_levels = std::move(levels.value());
    m_levelsAtMs = m_sinceStart.elapsedMs();
}

void CallMedia::onLeaveOut(ByteView plaintext)
{
    auto members = proto::decodeLeaveOut(plaintext);
    if (!m_params.mixing || !members) {
        ++m_stats.packetsRejected;
        return;
    }
    if (members.value() != m_leftOutByPeer) {
        m_leftOutByPeer = std::move(members.value());
        emit leftOutChanged();
    }
}

void CallMedia::sendReport()
{
    const audio::VoiceStats voice = m_engine.stats();
    proto::MediaReport report;
    report.sentAtMs = nowMs();
    if (m_lastReportSentAtMs) {
        report.echoSentAtMs = *m_lastReportSentAtMs;
        report.echoHoldMs = static_cast<std::uint32_t>(m_sinceStart.elapsedMs() - m_lastReportReceivedAt);
    }
    report.lossPercent =
        static_cast<std::uint8_t>(std::lround(std::clamp(voice.receiveLossPercent, 0.0, 100.0)));
    report.jitterTenthsMs = static_cast<std::uint16_t>(std::clamp(voice.jitterMs * 10, 0.0, 65535.0));
    report.playoutDelayTenthsMs =
        static_cast<std::uint16_t>(std::clamp(voice.jitterBufferDelayMs * 10, 0.0, 65535.0));
    m_stats.sendKbps = static_cast<double>(m_bytesSentSinceReport) * 8.0 / kReportIntervalMs;
    m_stats.retransmitKbps = static_cast<double>(m_retransmitBytesSinceReport) * 8.0 / kReportIntervalMs;
    m_stats.redundancyKbps = static_cast<double>(m_redundancyBytesSinceReport) * 8.0 / kReportIntervalMs;
    m_bytesSentSinceReport = 0;
    m_retransmitBytesSinceReport = 0;
    m_redundancyBytesSinceReport = 0;
    if (m_missing) {
        // A frame is worth asking for until it is due for playback.
        const auto frameNs = static_cast<std::int64_t>(m_params.codec.frameMs) * kNsPerMs;
        m_missing->setHorizonNs(std::max(
            frameNs, static_cast<std::int64_t>(voice.jitterBufferDelayMs * static_cast<double>(kNsPerMs))));
    }
    sendSealed(proto::MediaKind::Report, proto::encodeReport(report));
    if (m_params.mixing && m_leaveOut) {
        sendSealed(proto::MediaKind::LeaveOut, proto::encodeLeaveOut(*m_leaveOut));
    }
}

std::uint32_t CallMedia::nowMs() const
{
    // Starts at 1: a report uses 0 for "nothing to echo".
    return static_cast<std::uint32_t>(m_sinceStart.elapsedMs() + 1);
}

} // namespace confab::calls
