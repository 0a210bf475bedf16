// One call's media against a hand-driven peer that holds the call's keys:
// what CallMedia asks for when audio goes missing, and how it answers the
// peer's requests - including a flood of them.
#include "calls/call_media.h"
#include "crypto/media_cipher.h"
#include "net/qt_clock.h"
#include "proto/media_packet.h"
#include "support/qt_environment.h"
#include "support/tone_device.h"
#include "support/wait.h"

#include <QUdpSocket>

#include <algorithm>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace confab::calls {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;

constexpr std::uint32_t kTagAtMedia = 0x11111111;
constexpr std::uint32_t kTagAtPeer = 0x22222222;
constexpr std::uint32_t kFrameSamples = 480; // 10 ms

crypto::Secret<32> keyOf(std::uint8_t fill)
{
    std::array<std::uint8_t, 32> bytes{};
    bytes.fill(fill);
    return crypto::Secret<32>(bytes);
}

struct AudioSeen {
    std::uint32_t timestamp = 0;
    bool retransmission = false;
    Bytes opus;
    std::optional<std::uint16_t> redundantOffset;
    Bytes redundantOpus;
};

// The other end of the call, by hand: seals with the key CallMedia opens
// with, and opens what CallMedia seals.
class HandPeer {
public:
    HandPeer() : m_sender(keyOf(0xB2)), m_receiver(keyOf(0xA1))
    {
        EXPECT_TRUE(m_socket.bind(QHostAddress::LocalHost, 0));
    }

    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }

    void send(proto::MediaKind kind, ByteView plaintext, quint16 mediaPort)
    {
        const Bytes datagram = m_sender.seal(kind, kTagAtMedia, plaintext);
        m_socket.writeDatagram(reinterpret_cast<const char*>(datagram.data()),
                               static_cast<qint64>(datagram.size()), QHostAddress::LocalHost, mediaPort);
    }

    // Reads what has arrived; call from inside waitUntil predicates.
    void drain()
    {
        while (m_socket.hasPendingDatagrams()) {
            QByteArray bytes(static_cast<int>(m_socket.pendingDatagramSize()), '\0');
            m_socket.readDatagram(bytes.data(), bytes.size());
            const ByteView datagram(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                    static_cast<std::size_t>(bytes.size()));
            const auto header = proto::decodeMediaHeader(datagram);
            const auto plaintext = m_receiver.open(datagram);
            ASSERT_TRUE(header && plaintext);
            if (header.value().kind == proto::MediaKind::Audio) {
                const auto audio = proto::decodeAudioPayload(*plaintext);
                ASSERT_TRUE(audio.ok());
                const proto::AudioPayload& payload = audio.value();
                AudioSeen seen{payload.timestamp,
                               payload.retransmission,
                               Bytes(payload.opus.begin(), payload.opus.end()),
                               std::nullopt,
                               {}};
                if (payload.redundant) {
                    seen.redundantOffset = payload.redundant->offset;
                    seen.redundantOpus.assign(payload.redundant->opus.begin(), payload.redundant->opus.end());
                }
                audioSeen.push_back(seen);
            } else if (header.value().kind == proto::MediaKind::Report) {
                lastReportSentAtMs = proto::decodeReport(*plaintext).value().sentAtMs;
            } else if (header.value().kind == proto::MediaKind::Nack) {
                const auto asked = proto::decodeNack(*plaintext);
                ASSERT_TRUE(asked.ok());
                nacks.push_back(asked.value());
            }
        }
    }

    [[nodiscard]] std::size_t originals() const
    {
        return static_cast<std::size_t>(std::count_if(audioSeen.begin(), audioSeen.end(),
                                                      [](const AudioSeen& a) { return !a.retransmission; }));
    }

    std::vector<AudioSeen> audioSeen;
    std::vector<std::vector<std::uint32_t>> nacks;
    std::optional<std::uint32_t> lastReportSentAtMs;

private:
    QUdpSocket m_socket;
    crypto::MediaSender m_sender;
    crypto::MediaReceiver m_receiver;
};

class CallMediaTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_socket.bind(QHostAddress::LocalHost, 0).isEmpty()); }

    void startMedia(bool retransmission, bool redundancy = false)
    {
        MediaParams params;
        params.sendKey = keyOf(0xA1);
        params.receiveKey = keyOf(0xB2);
        params.localTag = kTagAtMedia;
        params.remoteTag = kTagAtPeer;
        params.remoteHost = QHostAddress::LocalHost;
        params.remotePort = peer.port();
        params.codec = proto::CallCodec{proto::kCallCodecOpus, 10, 32000};
        params.retransmission = retransmission;
        params.redundancy = redundancy;
        audio::VoiceSettings voice;
        voice.frameMs = 10;
        voice.echoCancellation = false;
        voice.noiseSuppression = false;
        voice.autoGain = false;
        media = std::make_unique<CallMedia>(m_socket, device, m_clock, voice, std::move(params));
        ASSERT_FALSE(media->start().has_value());
    }

    void waitForOriginals(std::size_t count)
    {
        ASSERT_TRUE(waitUntil([&] {
            peer.drain();
            return peer.originals() >= count;
        }));
    }

    void sendNack(const std::vector<std::uint32_t>& timestamps)
    {
        peer.send(proto::MediaKind::Nack, proto::encodeNack(timestamps), m_socket.port());
    }

    void TearDown() override { media.reset(); }

    net::QtClock m_clock;
    MediaSocket m_socket;
    test::ToneDevice device;
    HandPeer peer;
    std::unique_ptr<CallMedia> media;
};

TEST_F(CallMediaTest, ANackIsAnsweredWithTheFramesAsFirstSent)
{
    startMedia(true);
    waitForOriginals(20);
    std::map<std::uint32_t, Bytes> sent;
    for (const AudioSeen& audio : peer.audioSeen) {
        sent[audio.timestamp] = audio.opus;
    }
    const std::vector<std::uint32_t> asked{peer.audioSeen[5].timestamp, peer.audioSeen[9].timestamp};
    sendNack(asked);
    ASSERT_TRUE(waitUntil([&] {
        peer.drain();
        return peer.audioSeen.size() - peer.originals() >= 2;
    }));
    for (const AudioSeen& audio : peer.audioSeen) {
        if (audio.retransmission) {
            EXPECT_NE(std::find(asked.begin(), asked.end(), audio.timestamp), asked.end());
            EXPECT_EQ(audio.opus, sent[audio.timestamp]);
        }
    }
    EXPECT_EQ(media->stats().framesResent, 2U);
    EXPECT_EQ(media->stats().packetsRejected, 0U);
}

TEST_F(CallMediaTest, AFloodOfNacksIsAnsweredWithinTheCreditAndTheCallGoesOn)
{
    startMedia(true);
    waitForOriginals(20);
    const std::size_t originalsBefore = peer.originals();
    std::vector<std::uint32_t> newest;
    for (auto it = peer.audioSeen.rbegin(); it != peer.audioSeen.rend() && newest.size() < 16; ++it) {
        newest.push_back(it->timestamp);
    }
    // Every request names 16 frames; a fair share would be none of this.
    for (int round = 0; round < 200; ++round) {
        sendNack(newest);
        if (round % 20 == 0) {
            spinFor(10);
        }
    }
    ASSERT_TRUE(waitUntil([&] { return media->stats().packetsReceived >= 200; }));
    const std::size_t originalsAtEnd = peer.originals() + 30;
    waitForOriginals(originalsAtEnd); // the call's own audio keeps flowing
    peer.drain();

    std::map<std::uint32_t, int> resent;
    for (const AudioSeen& audio : peer.audioSeen) {
        if (audio.retransmission) {
            ++resent[audio.timestamp];
        }
    }
    std::size_t resentTotal = 0;
    for (const auto& [timestamp, times] : resent) {
        EXPECT_LE(times, RetransmitBuffer::kMaxResends) << timestamp;
        resentTotal += static_cast<std::size_t>(times);
    }
    // Each resend spends credit only originals earn.
    EXPECT_LE(resentTotal, peer.originals() - originalsBefore + RetransmitBuffer::kMaxCredit);
    EXPECT_GT(media->stats().resendsRefused, 0U);
    EXPECT_EQ(media->stats().packetsRejected, 0U);
}

TEST_F(CallMediaTest, NacksAreRefusedWhenTheCallDidNotAgreeOnRetransmission)
{
    startMedia(false);
    waitForOriginals(20);
    sendNack({peer.audioSeen[3].timestamp});
    ASSERT_TRUE(waitUntil([&] { return media->stats().packetsRejected == 1; }));
    waitForOriginals(peer.originals() + 10);
    EXPECT_EQ(peer.originals(), peer.audioSeen.size()) << "nothing was sent again";
    EXPECT_EQ(media->stats().framesResent, 0U);
}

TEST_F(CallMediaTest, RedundancyStartsWhenTheRoundTripIsTooLongForRetransmission)
{
    startMedia(true, true);
    ASSERT_TRUE(waitUntil([&] {
        peer.drain();
        return peer.lastReportSentAtMs.has_value();
    }));
    const std::uint32_t echoed = *peer.lastReportSentAtMs;
    spinFor(60); // the report "travels" 60 ms: longer than a 10 ms frame allows for retransmission
    proto::MediaReport report;
    report.sentAtMs = 1;
    report.echoSentAtMs = echoed;
    report.lossPercent = 10;
    peer.send(proto::MediaKind::Report, proto::encodeReport(report), m_socket.port());
    ASSERT_TRUE(waitUntil([&] { return media->stats().sendingRedundancy; }));
    const std::size_t from = peer.audioSeen.size();
    waitForOriginals(peer.originals() + 20);
    std::size_t carried = 0;
    for (std::size_t i = from + 1; i < peer.audioSeen.size(); ++i) {
        const AudioSeen& audio = peer.audioSeen[i];
        const AudioSeen& before = peer.audioSeen[i - 1];
        if (audio.redundantOffset && audio.timestamp - before.timestamp == kFrameSamples) {
            EXPECT_EQ(*audio.redundantOffset, kFrameSamples);
            EXPECT_EQ(audio.redundantOpus, before.opus) << "the frame before, as it was sent";
            ++carried;
        }
    }
    EXPECT_GT(carried, 10U);
    EXPECT_GE(*media->stats().rttMs, 60.0);

    // A report without loss ends it.
    report.lossPercent = 0;
    peer.send(proto::MediaKind::Report, proto::encodeReport(report), m_socket.port());
    ASSERT_TRUE(waitUntil([&] { return !media->stats().sendingRedundancy; }));
}

TEST_F(CallMediaTest, WithoutRetransmissionRedundancyFollowsTheReportedLoss)
{
    startMedia(false, true);
    waitForOriginals(10);
    proto::MediaReport report;
    report.sentAtMs = 1;
    report.lossPercent = 5;
    peer.send(proto::MediaKind::Report, proto::encodeReport(report), m_socket.port());
    ASSERT_TRUE(waitUntil([&] { return media->stats().sendingRedundancy; }));
    waitForOriginals(peer.originals() + 20);
    EXPECT_TRUE(peer.audioSeen.back().redundantOffset.has_value() ||
                peer.audioSeen[peer.audioSeen.size() - 2].redundantOffset.has_value());
    ASSERT_TRUE(waitUntil([&] { return media->stats().redundancyKbps > 0; }));
}

TEST_F(CallMediaTest, ACallThatDidNotAgreeOnRedundancyNeverSendsIt)
{
    startMedia(false, false);
    waitForOriginals(10);
    proto::MediaReport report;
    report.sentAtMs = 1;
    report.lossPercent = 30;
    peer.send(proto::MediaKind::Report, proto::encodeReport(report), m_socket.port());
    ASSERT_TRUE(waitUntil([&] { return media->stats().packetsReceived >= 1; }));
    waitForOriginals(peer.originals() + 20);
    EXPECT_FALSE(media->stats().sendingRedundancy);
    for (const AudioSeen& audio : peer.audioSeen) {
        EXPECT_FALSE(audio.redundantOffset.has_value());
    }
}

TEST_F(CallMediaTest, MissingFramesAreAskedForAndTheAnswersTakenIn)
{
    startMedia(true);
    // Real Opus frames to send back: the tone CallMedia itself sent.
    waitForOriginals(60);
    std::vector<Bytes> opus;
    for (const AudioSeen& audio : peer.audioSeen) {
        opus.push_back(audio.opus);
    }
    // The peer talks at the real pace, and every seventh frame goes missing.
    const std::uint32_t first = 0x7fff0000;
    std::set<std::uint32_t> skipped;
    std::set<std::uint32_t> requested;
    std::map<std::uint32_t, std::size_t> frameOf;
    for (std::size_t k = 0; k < 60; ++k) {
        const std::uint32_t timestamp = first + static_cast<std::uint32_t>(k) * kFrameSamples;
        frameOf[timestamp] = k;
        if (k % 7 == 3) {
            skipped.insert(timestamp);
        } else {
            peer.send(proto::MediaKind::Audio, proto::encodeAudioPayload(timestamp, k == 0, opus[k]),
                      m_socket.port());
        }
        spinFor(10);
        peer.drain();
        // Answer what was asked for, as the real sender would.
        for (const auto& nack : peer.nacks) {
            for (const std::uint32_t asked : nack) {
                requested.insert(asked);
                if (const auto found = frameOf.find(asked); found != frameOf.end()) {
                    peer.send(proto::MediaKind::Audio,
                              proto::encodeAudioPayload(asked, false, opus[found->second], true),
                              m_socket.port());
                }
            }
        }
        peer.nacks.clear();
    }
    // Skipped frames were asked for. (Whether every one was depends on the
    // machine keeping pace: a frame found missing after its playout time is
    // given up, not asked for.) Nothing outside the stream was asked for but
    // the two frames after the newest, which the tracker may guess are lost.
    EXPECT_GT(media->stats().nacksSent, 0U);
    std::set<std::uint32_t> skippedAndAsked;
    std::set_intersection(skipped.begin(), skipped.end(), requested.begin(), requested.end(),
                          std::inserter(skippedAndAsked, skippedAndAsked.begin()));
    EXPECT_FALSE(skippedAndAsked.empty());
    for (const std::uint32_t asked : requested) {
        EXPECT_LT(asked - first, 62 * kFrameSamples) << asked;
    }
    EXPECT_EQ(media->stats().packetsRejected, 0U);
    EXPECT_GT(media->voiceStats().framesReceived, 50U);
}

} // namespace
} // namespace confab::calls
