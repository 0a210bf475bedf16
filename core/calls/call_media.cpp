#include "call_media.h"

#include <QMetaObject>

#include <algorithm>
#include <cmath>

namespace confab::calls {

CallMedia::CallMedia(MediaSocket& socket, audio::AudioDevice& device, Clock& clock,
                     const audio::VoiceSettings& voice, MediaParams params, QObject* parent)
    : QObject(parent), m_socket(socket), m_params(std::move(params)), m_engine(device, voice),
      m_sender(m_params.sendKey), m_receiver(m_params.receiveKey), m_sinceStart(clock),
      m_sinceLastPacket(clock), m_reportTimer(clock.createTimer([this] { sendReport(); }))
{
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

void CallMedia::flushOutgoing()
{
    m_flushScheduled.store(false);
    audio::VoiceFrame frame;
    while (m_engine.popOutgoing(frame)) {
        const Bytes plaintext =
            proto::encodeAudioPayload(frame.timestamp, frame.marker, ByteView(frame.data.data(), frame.size));
        sendSealed(proto::MediaKind::Audio, plaintext);
    }
}

void CallMedia::sendSealed(proto::MediaKind kind, ByteView plaintext)
{
    const Bytes datagram = m_sender.seal(kind, m_params.remoteTag, plaintext);
    if (datagram.empty()) {
        return; // the counter is exhausted; the call times out rather than reuse a nonce
    }
    m_socket.send(datagram, m_params.remoteHost, m_params.remotePort);
    ++m_stats.packetsSent;
    m_bytesSentSinceReport += datagram.size();
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
    if (header.value().kind == proto::MediaKind::Report) {
        if (const auto report = proto::decodeReport(*plaintext)) {
            onReport(report.value());
        } else {
            ++m_stats.packetsRejected;
        }
        return;
    }
    const auto audio = proto::decodeAudioPayload(*plaintext);
    if (!audio || audio.value().opus.size() > audio::kMaxOpusPacketBytes) {
        ++m_stats.packetsRejected;
        return;
    }
    audio::VoiceFrame frame;
    frame.timestamp = audio.value().timestamp;
    frame.marker = audio.value().marker;
    frame.arrivalNs = arrivalNs;
    frame.size = static_cast<std::uint16_t>(audio.value().opus.size());
    std::copy(audio.value().opus.begin(), audio.value().opus.end(), frame.data.begin());
    m_engine.pushIncoming(frame);
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
        }
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
    m_bytesSentSinceReport = 0;
    sendSealed(proto::MediaKind::Report, proto::encodeReport(report));
}

std::uint32_t CallMedia::nowMs() const
{
    // Starts at 1: a report uses 0 for "nothing to echo".
    return static_cast<std::uint32_t>(m_sinceStart.elapsedMs() + 1);
}

} // namespace confab::calls
