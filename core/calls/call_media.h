#pragma once

#include "audio/voice_engine.h"
#include "base/clock.h"
#include "crypto/media_cipher.h"
#include "media_socket.h"
#include "nack_tracker.h"
#include "proto/call_signal.h"
#include "proto/media_packet.h"
#include "retransmit_buffer.h"

#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace confab::calls {

// Everything the two sides agreed on for one call's media.
struct MediaParams {
    crypto::Secret<32> sendKey;
    crypto::Secret<32> receiveKey;
    std::uint32_t localTag = 0;  // tag on datagrams sent to us
    std::uint32_t remoteTag = 0; // tag on datagrams we send
    QHostAddress remoteHost;
    quint16 remotePort = 0;
    proto::CallCodec codec;
    // Both sides take Nacks and retransmitted audio.
    bool retransmission = false;
    // Both sides take audio that carries an earlier frame.
    bool redundancy = false;
    // A room call whose two members both take part in mixing: Levels and
    // LeaveOut datagrams go between them.
    bool mixing = false;
};

// Network-side figures of one call's media.
struct MediaStats {
    std::uint64_t packetsSent = 0;
    std::uint64_t packetsReceived = 0;
    std::uint64_t packetsRejected = 0; // failed authentication, replayed, or malformed
    double sendKbps = 0;               // measured over the last report interval
    std::optional<double> rttMs;       // from the report exchange
    // Retransmission (zero when the call does not use it).
    std::uint64_t nacksSent = 0;       // Nack datagrams
    std::uint64_t framesRequested = 0; // frames asked for, counting repeats
    std::uint64_t framesResent = 0;    // frames sent again for the other side's Nacks
    std::uint64_t resendsRefused = 0;  // asked too often, or over the credit
    double retransmitKbps = 0;         // resent audio, over the last report interval
    // Redundancy: whether our datagrams carry the frame before, and what it costs.
    bool sendingRedundancy = false;
    double redundancyKbps = 0; // the earlier frames carried, over the last report interval
};

// One active call's media on the network thread: seals the voice worker's
// frames into datagrams, opens incoming datagrams for it, and exchanges
// receiver reports (loss for the encoder's FEC, round-trip time).
class CallMedia : public QObject {
    Q_OBJECT
public:
    static constexpr int kReportIntervalMs = 1000;

    CallMedia(MediaSocket& socket, audio::AudioDevice& device, Clock& clock,
              const audio::VoiceSettings& voice, MediaParams params, QObject* parent = nullptr);
    ~CallMedia() override;

    // Starts the audio; returns the device's error when it runs on silence.
    // With params.retransmission, lost audio is asked for again (Nack) and
    // the other side's Nacks are answered. With params.redundancy, each
    // datagram carries the frame before it while the other side reports
    // loss that retransmission cannot bring back in time.
    std::optional<std::string> start();
    void setMuted(bool muted);
    void setTransmitting(bool transmitting);
    // A room call's mixer carries our microphone to this call's peer.
    void setCarriedElsewhere(bool elsewhere);

    // Room calls with params.mixing. The mixer tells each member how loud
    // the others sound there (sendLevels, a few times a second); each member
    // tells the mixer whom it silenced for itself (setLeaveOut: sent now and
    // with every report, so a lost datagram heals; nullopt: this call's peer
    // does not mix for us, nothing is sent).
    void sendLevels(std::span<const proto::MemberLevel> levels);
    void setLeaveOut(std::optional<std::vector<proto::MixMember>> members);
    // How loud MEMBER sounds at the mixer, from its newest Levels when that
    // is fresh (kLevelsFreshMs), 0..1.
    static constexpr std::int64_t kLevelsFreshMs = 1000;
    [[nodiscard]] std::optional<float> reportedLevel(proto::MixMember member) const;
    // Whom the peer asked us, as its mixer, to leave out of what we send it.
    [[nodiscard]] const std::vector<proto::MixMember>& leftOutByPeer() const { return m_leftOutByPeer; }

    // How long since the last authentic datagram arrived (or since start).
    [[nodiscard]] std::int64_t msSinceLastPacket() const { return m_sinceLastPacket.elapsedMs(); }
    [[nodiscard]] MediaStats stats() const;
    [[nodiscard]] audio::VoiceStats voiceStats() const { return m_engine.stats(); }

signals:
    // leftOutByPeer() changed.
    void leftOutChanged();

private:
    void onDatagram(ByteView datagram, std::int64_t arrivalNs);
    void onLevels(ByteView plaintext);
    void onLeaveOut(ByteView plaintext);
    void onAudio(const proto::AudioPayload& audio, std::int64_t arrivalNs);
    void deliver(std::uint32_t timestamp, bool marker, audio::FrameOrigin origin, ByteView opus,
                 std::int64_t arrivalNs);
    void chooseRedundancy(int remoteLossPercent);
    // The frame sent before `timestamp`, to carry along, when there is one.
    [[nodiscard]] std::optional<proto::RedundantFrame> previousFrameFor(std::uint32_t timestamp) const;
    void onNack(ByteView plaintext);
    void onReport(const proto::MediaReport& report);
    // Sends the Nack due now, and sets the timer for the next one.
    void requestMissing(std::int64_t nowNs);
    void flushOutgoing();
    void sendReport();
    // Returns the datagram's size, 0 when nothing could be sent.
    std::size_t sendSealed(proto::MediaKind kind, ByteView plaintext);
    [[nodiscard]] std::uint32_t nowMs() const;

    MediaSocket& m_socket;
    MediaParams m_params;
    audio::VoiceEngine m_engine;
    crypto::MediaSender m_sender;
    crypto::MediaReceiver m_receiver;
    std::atomic<bool> m_flushScheduled{false};
    Stopwatch m_sinceStart; // the report clock
    Stopwatch m_sinceLastPacket;
    std::unique_ptr<Timer> m_reportTimer;
    // Retransmission: what we ask for, and what we keep to answer with.
    std::optional<NackTracker> m_missing;
    RetransmitBuffer m_sent;
    std::unique_ptr<Timer> m_nackTimer;
    std::uint64_t m_retransmitBytesSinceReport = 0;
    // Redundancy: the last frame sent, and whether to carry it in the next.
    std::optional<std::uint32_t> m_previousTimestamp;
    Bytes m_previousOpus;
    std::uint64_t m_redundancyBytesSinceReport = 0;
    // The newest report from the other side: echoed for its RTT.
    std::optional<std::uint32_t> m_lastReportSentAtMs;
    std::int64_t m_lastReportReceivedAt = 0;
    std::uint64_t m_bytesSentSinceReport = 0;
    // Mixing (params.mixing only).
    std::vector<proto::MemberLevel> m_levels;
    std::int64_t m_levelsAtMs = 0; // m_sinceStart's clock
    std::optional<std::vector<proto::MixMember>> m_leaveOut;
    std::vector<proto::MixMember> m_leftOutByPeer;
    MediaStats m_stats;
};

} // namespace confab::calls
