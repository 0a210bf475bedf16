#include "calls/call_service.h"
#include "crypto/identity.h"
#include "net/qt_clock.h"
#include "net/tcp_network.h"
#include "proto/media_packet.h"
#include "session/link_manager.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/tone_device.h"
#include "support/wait.h"

#include <QUdpSocket>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <memory>

namespace confab::calls {
namespace {

using confab::test::spinFor;
using confab::test::ToneDevice;
using confab::test::waitUntil;
using proto::CallEndReason;
using proto::CallPhase;

// The invite and ring timeouts are what some cases here check, so they are
// short; still long enough that a loaded machine completes a happy path
// inside them. The media timeout is checked elsewhere: a minute here, so a
// machine that stalls the voice threads for a while does not end a call.
// Voice processing is off: both sides play the same steady tone, which is
// exactly what an echo canceller removes (the far end's identical signal)
// and what a noise suppressor learns as noise within seconds; how soon
// either happens depends on the machine's timing. The processing has tests
// of its own; these check signalling, encryption, Opus and the jitter buffer.
CallSettings quickSettings()
{
    CallSettings settings;
    settings.frameMs = 10;
    settings.voice.echoCancellation = false;
    settings.voice.noiseSuppression = false;
    settings.voice.autoGain = false;
    settings.timeouts.inviteMs = 2000;
    settings.timeouts.ringMs = 3000;
    settings.timeouts.incomingRingMs = 4000;
    settings.timeouts.mediaMs = 60000;
    return settings;
}

// One node's call stack: links, the media socket, a tone device, the service.
class Party {
public:
    explicit Party(const QString& name, bool withCalls = true, CallSettings settings = quickSettings())
        : m_identity(crypto::IdentityKeyPair::generate()),
          m_links(m_identity, m_trust, m_network, m_clock, session::LinkTimings{}),
          m_listener(m_network.createListener())
    {
        EXPECT_TRUE(m_listener->listen({QStringLiteral("127.0.0.1"), 0}, true));
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, &m_links,
                         &session::LinkManager::acceptIncoming);
        m_links.setOwnInfo(name, m_listener->port());
        EXPECT_TRUE(m_socket.bind(QHostAddress::LocalHost, 0).isEmpty());
        m_links.setMediaPort(m_socket.port());
        if (withCalls) {
            service = std::make_unique<CallService>(m_links, m_socket, device, m_clock, settings);
            QObject::connect(service.get(), &CallService::callChanged, service.get(),
                             [this](const CallView& view) { changes.push_back(view); });
            service->setRoomMembers([this](const proto::RoomId& room) -> std::optional<std::vector<PeerId>> {
                const auto it = rooms.find(room);
                return it != rooms.end() ? std::optional(it->second) : std::nullopt;
            });
        }
    }

    // The service (and a call\'s media on the socket) goes before the socket and links.
    ~Party() { service.reset(); }

    void connectTo(Party& other)
    {
        m_links.dial({QStringLiteral("127.0.0.1"), other.m_listener->port()}, other.id());
        ASSERT_TRUE(
            waitUntil([&] { return m_links.isConnected(other.id()) && other.m_links.isConnected(id()); }));
    }

    [[nodiscard]] PeerId id() const { return m_identity.peerId(); }
    session::LinkManager& links() { return m_links; }
    MediaSocket& socket() { return m_socket; }

    std::optional<CallView> callWith(const Party& other) const
    {
        for (const CallView& view : service->calls()) {
            if (view.peer == other.id()) {
                return view;
            }
        }
        return std::nullopt;
    }
    bool phaseWith(const Party& other, CallPhase phase) const
    {
        const auto view = callWith(other);
        return view && view->phase == phase;
    }

    // Ongoing calls that are part of a room call.
    [[nodiscard]] int roomCallLinks() const
    {
        int links = 0;
        for (const CallView& view : service->calls()) {
            links += view.group && view.phase == CallPhase::Active ? 1 : 0;
        }
        return links;
    }
    [[nodiscard]] bool ringing() const
    {
        const auto calls = service->calls();
        return std::any_of(calls.begin(), calls.end(),
                           [](const CallView& view) { return view.phase == CallPhase::Incoming; });
    }

    ToneDevice device;
    std::unique_ptr<CallService> service;
    std::vector<CallView> changes;
    std::map<proto::RoomId, std::vector<PeerId>> rooms; // the rooms this node is in: other members

private:
    crypto::IdentityKeyPair m_identity;
    confab::test::MemoryTrustStore m_trust;
    net::QtClock m_clock;
    net::TcpNetwork m_network;
    session::LinkManager m_links;
    std::unique_ptr<net::StreamListener> m_listener;
    MediaSocket m_socket;
};

// `caller` calls `callee`, who answers; returns when the caller's call is active.
void answeredCall(Party& caller, Party& callee)
{
    ASSERT_TRUE(caller.service->call(callee.id()));
    ASSERT_TRUE(waitUntil([&] { return callee.phaseWith(caller, CallPhase::Incoming); }));
    ASSERT_TRUE(waitUntil([&] { return caller.phaseWith(callee, CallPhase::Ringing); }));
    ASSERT_TRUE(callee.service->answer(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return caller.phaseWith(callee, CallPhase::Active); }));
}

class CallServiceTest : public ::testing::Test {
protected:
    void SetUp() override { alice.connectTo(bob); }
    void answeredCall() { calls::answeredCall(alice, bob); }

    Party alice{QStringLiteral("alice")};
    Party bob{QStringLiteral("bob")};
};

TEST_F(CallServiceTest, AnsweredCallCarriesAudioBothWaysAndHangsUp)
{
    answeredCall();
    // The tones cross in both directions, encrypted, through Opus and the jitter buffer.
    ASSERT_TRUE(waitUntil([&] { return bob.device.loudBlocks() > 50 && alice.device.loudBlocks() > 50; }));
    const CallView atBob = *bob.callWith(alice);
    EXPECT_GT(atBob.media.packetsReceived, 50U);
    EXPECT_EQ(atBob.media.packetsRejected, 0U);
    EXPECT_EQ(atBob.frameMs, 10);
    EXPECT_EQ(atBob.callId, alice.callWith(bob)->callId);
    ASSERT_TRUE(waitUntil([&] { return alice.callWith(bob)->media.rttMs.has_value(); }))
        << "reports give the round-trip time";

    ASSERT_TRUE(alice.service->hangUp(bob.id()));
    EXPECT_EQ(alice.callWith(bob)->endReason, CallEndReason::HungUp);
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Ended); }));
    EXPECT_EQ(bob.callWith(alice)->endReason, CallEndReason::RemoteHungUp);
    EXPECT_FALSE(alice.service->hangUp(std::nullopt)) << "nothing left to hang up";
}

CallSettings lowDelaySettings()
{
    CallSettings settings = quickSettings();
    settings.frameMs = proto::kLowDelayFrameMs;
    return settings;
}

TEST(CallServiceLowDelay, ACallerInLowDelayModeGetsFiveMillisecondFramesWhoeverAnswers)
{
    Party alice{QStringLiteral("alice"), true, lowDelaySettings()};
    Party bob{QStringLiteral("bob")}; // 10 ms frames of its own
    alice.connectTo(bob);
    answeredCall(alice, bob);
    EXPECT_EQ(alice.callWith(bob)->frameMs, 5);
    EXPECT_EQ(bob.callWith(alice)->frameMs, 5);
    ASSERT_TRUE(waitUntil([&] { return bob.device.loudBlocks() > 50 && alice.device.loudBlocks() > 50; }))
        << "5 ms frames cross both ways";
    EXPECT_EQ(bob.callWith(alice)->media.packetsRejected, 0U);
}

TEST(CallServiceLowDelay, ACallerWithoutLowDelayIsAnsweredWithItsOwnFrames)
{
    Party alice{QStringLiteral("alice")};
    Party bob{QStringLiteral("bob"), true, lowDelaySettings()}; // low delay is the caller's choice
    alice.connectTo(bob);
    answeredCall(alice, bob);
    EXPECT_EQ(alice.callWith(bob)->frameMs, 10);
    EXPECT_EQ(bob.callWith(alice)->frameMs, 10);
}

TEST(CallServiceLowDelay, OnlyTheNodeThatChoseShortFramesTurnsItsNoiseSuppressorOff)
{
    audio::VoiceSettings own;
    own.noiseSuppression = true;
    const proto::CallCodec lowDelay{proto::kCallCodecOpus, proto::kLowDelayFrameMs, 24000};
    const audio::VoiceSettings chosen = voiceForCall(own, lowDelay, true);
    EXPECT_FALSE(chosen.noiseSuppression) << "it holds the microphone back 6 ms";
    EXPECT_EQ(chosen.frameMs, 5);
    EXPECT_EQ(chosen.maxBitrate, 24000);
    EXPECT_TRUE(voiceForCall(own, lowDelay, false).noiseSuppression) << "the caller chose it, not us";

    // 10 ms frames: the caller's --frame-ms 10, or an older peer's answer to
    // its low-delay offer; either way the caller asked for a short delay.
    const proto::CallCodec tenMs{proto::kCallCodecOpus, 10, 24000};
    const audio::VoiceSettings ten = voiceForCall(own, tenMs, true);
    EXPECT_FALSE(ten.noiseSuppression);
    EXPECT_EQ(ten.frameMs, 10);
    EXPECT_TRUE(voiceForCall(own, tenMs, false).noiseSuppression);

    const proto::CallCodec standard{proto::kCallCodecOpus, 20, 32000};
    EXPECT_TRUE(voiceForCall(own, standard, true).noiseSuppression) << "the default keeps it";
    own.noiseSuppression = false;
    EXPECT_FALSE(voiceForCall(own, standard, true).noiseSuppression) << "nor turns it on";
}

TEST(CallServiceLowDelay, TheSettingStandsForFiveMillisecondFramesOrTheDefault)
{
    EXPECT_EQ(frameMsForLowLatency(true), proto::kLowDelayFrameMs);
    EXPECT_EQ(frameMsForLowLatency(false), CallSettings{}.frameMs);
}

TEST_F(CallServiceTest, DeclinedCall)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Incoming); }));
    ASSERT_TRUE(bob.service->decline(alice.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Ended); }));
    EXPECT_EQ(alice.callWith(bob)->endReason, CallEndReason::RemoteDeclined);
    EXPECT_EQ(bob.callWith(alice)->endReason, CallEndReason::Declined);
}

TEST_F(CallServiceTest, BusyWhileInAnotherCall)
{
    Party carol(QStringLiteral("carol"));
    carol.connectTo(bob);
    answeredCall();
    ASSERT_TRUE(carol.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return carol.phaseWith(bob, CallPhase::Ended); }));
    EXPECT_EQ(carol.callWith(bob)->endReason, CallEndReason::RemoteBusy);
    EXPECT_TRUE(bob.phaseWith(alice, CallPhase::Active)) << "the call in progress goes on";
    EXPECT_FALSE(bob.service->call(carol.id())) << "one call at a time";
}

TEST_F(CallServiceTest, BothSidesCallingAtOnceJoinOneCall)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(bob.service->call(alice.id()));
    ASSERT_TRUE(waitUntil(
        [&] { return alice.phaseWith(bob, CallPhase::Active) && bob.phaseWith(alice, CallPhase::Active); }));
    EXPECT_EQ(alice.callWith(bob)->callId, bob.callWith(alice)->callId);
    int ongoing = 0;
    for (const CallView& view : alice.service->calls()) {
        ongoing += view.phase != CallPhase::Ended ? 1 : 0;
    }
    EXPECT_EQ(ongoing, 1);
}

TEST_F(CallServiceTest, CallingBackARingingPeerAnswers)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Incoming); }));
    ASSERT_TRUE(bob.service->call(alice.id()));
    EXPECT_TRUE(bob.phaseWith(alice, CallPhase::Active));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Active); }));
}

TEST_F(CallServiceTest, UnansweredInviteTimesOutWhenThePeersDeviceNeverConfirms)
{
    Party mute(QStringLiteral("mute"), /*withCalls=*/false);
    // Takes call signals and never answers them (a device that hangs).
    mute.links().setHandler(proto::LinkMessageType::Call, [](const PeerId&, const std::vector<Bytes>&) {});
    alice.connectTo(mute);
    ASSERT_TRUE(alice.service->call(mute.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(mute, CallPhase::Ended); }));
    EXPECT_EQ(alice.callWith(mute)->endReason, CallEndReason::Unreachable);
}

TEST_F(CallServiceTest, APeerThatTakesNoCallsIsNotRungAndItsLinkStaysUp)
{
    Party mute(QStringLiteral("mute"), /*withCalls=*/false);
    mute.links().setMediaPort(0); // announces no media port: takes no calls
    alice.connectTo(mute);
    const auto outcome = alice.service->call(mute.id());
    ASSERT_FALSE(outcome);
    EXPECT_TRUE(outcome.error().contains(QStringLiteral("without calls"))) << outcome.error().toStdString();
    EXPECT_TRUE(alice.links().isConnected(mute.id()));
}

TEST_F(CallServiceTest, RingingTooLongEndsAsNoAnswerAndMissed)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Ended); }));
    EXPECT_EQ(alice.callWith(bob)->endReason, CallEndReason::NoAnswer);
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Ended); }));
    EXPECT_EQ(bob.callWith(alice)->endReason, CallEndReason::Missed);
}

TEST_F(CallServiceTest, CallingAnOfflinePeerSaysSo)
{
    Party stranger(QStringLiteral("stranger"));
    const auto outcome = alice.service->call(stranger.id());
    ASSERT_FALSE(outcome);
    EXPECT_TRUE(outcome.error().contains(QStringLiteral("not connected")));
}

TEST_F(CallServiceTest, MalformedCallSignalClosesOnlyThatLink)
{
    Party carol(QStringLiteral("carol"));
    carol.connectTo(bob);
    const Bytes garbage{0x63, 0x01, 0x02};
    ASSERT_TRUE(alice.links().send(bob.id(), proto::LinkMessageType::Call, garbage));
    ASSERT_TRUE(waitUntil([&] { return !bob.links().isConnected(alice.id()); }));
    EXPECT_TRUE(bob.links().isConnected(carol.id()));
}

TEST_F(CallServiceTest, StrayDatagramsAreDroppedBeforeCryptoAndTheCallGoesOn)
{
    answeredCall();
    const CallView before = *bob.callWith(alice);
    QUdpSocket attacker;
    std::array<std::uint8_t, 64> junk{};
    // Unknown tag: dropped by the socket before any crypto.
    for (int i = 0; i < 200; ++i) {
        junk[0] = 1;
        junk[1] = static_cast<std::uint8_t>(i);
        attacker.writeDatagram(reinterpret_cast<const char*>(junk.data()), junk.size(),
                               QHostAddress::LocalHost, bob.socket().port());
    }
    ASSERT_TRUE(waitUntil([&] { return bob.socket().strayDatagrams() >= 200; }));
    spinFor(500);
    const CallView after = *bob.callWith(alice);
    EXPECT_EQ(after.phase, CallPhase::Active);
    EXPECT_GT(after.media.packetsReceived, before.media.packetsReceived);
}

// Three members of one room, linked with each other.
class RoomCallTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        alice.connectTo(bob);
        alice.connectTo(carol);
        bob.connectTo(carol);
        room.fill(0x42);
        alice.rooms[room] = {bob.id(), carol.id()};
        bob.rooms[room] = {alice.id(), carol.id()};
        carol.rooms[room] = {alice.id(), bob.id()};
    }
    [[nodiscard]] bool meshed(int links) const
    {
        return alice.roomCallLinks() == links && bob.roomCallLinks() == links &&
               carol.roomCallLinks() == links;
    }

    Party alice{QStringLiteral("alice")};
    Party bob{QStringLiteral("bob")};
    Party carol{QStringLiteral("carol")};
    proto::RoomId room{};
};

TEST_F(RoomCallTest, EveryoneWhoAnswersTalksWithEveryoneAndTheCallOutlivesItsStarter)
{
    const auto started = alice.service->callRoom(room);
    ASSERT_TRUE(started) << started.error().toStdString();
    EXPECT_EQ(started.value(), 2);
    ASSERT_TRUE(waitUntil([&] { return bob.ringing() && carol.ringing(); }));
    ASSERT_TRUE(bob.service->answer(std::nullopt));
    // Bob joined: talks with Alice and invites Carol too, who still rings as one call.
    ASSERT_TRUE(waitUntil([&] { return carol.service->calls().size() == 2; }));
    EXPECT_TRUE(carol.ringing());
    ASSERT_TRUE(carol.service->answer(std::nullopt))
        << "the two invites of one room call are one call to answer";
    ASSERT_TRUE(waitUntil([&] { return meshed(2); }));
    const CallView aliceBob = *alice.callWith(bob);
    ASSERT_TRUE(aliceBob.group.has_value());
    EXPECT_EQ(aliceBob.group->room, room);
    EXPECT_EQ(carol.callWith(bob)->group, aliceBob.group) << "one group call id across the mesh";

    // Each hears both others: audio arrives on every link, mixed on one device.
    ASSERT_TRUE(waitUntil([&] {
        for (const Party* party : {&alice, &bob, &carol}) {
            for (const CallView& view : party->service->calls()) {
                if (view.phase == CallPhase::Active && view.media.packetsReceived < 50) {
                    return false;
                }
            }
        }
        return carol.device.loudBlocks() > 50;
    }));

    ASSERT_TRUE(alice.service->hangUp(std::nullopt)) << "leaving hangs up both of Alice's links";
    EXPECT_EQ(alice.roomCallLinks(), 0);
    ASSERT_TRUE(waitUntil([&] { return bob.roomCallLinks() == 1 && carol.roomCallLinks() == 1; }));
    EXPECT_TRUE(bob.phaseWith(carol, CallPhase::Active)) << "the others go on without the starter";
}

TEST_F(RoomCallTest, MuteActsOnTheWholeRoomCallAndSilenceOnOneMember)
{
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil([&] { return bob.ringing() && carol.ringing(); }));
    ASSERT_TRUE(bob.service->answer(std::nullopt));
    ASSERT_TRUE(carol.service->answer(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return meshed(2); }));
    ASSERT_TRUE(waitUntil([&] { return alice.callWith(bob)->playbackLevel > 0.05; }))
        << "Bob's tone plays here";
    ASSERT_TRUE(alice.service->setMuted(std::nullopt, true));
    EXPECT_TRUE(alice.callWith(bob)->muted);
    EXPECT_TRUE(alice.callWith(carol)->muted);
    ASSERT_TRUE(alice.service->setPeerSilenced(bob.id(), true));
    EXPECT_TRUE(alice.callWith(bob)->silenced);
    EXPECT_FALSE(alice.callWith(carol)->silenced);
    ASSERT_TRUE(waitUntil([&] { return alice.callWith(bob)->playbackLevel == 0.0; }))
        << "Bob is not played here any more";
    // Dave comes into the room and online: his link with Alice starts muted too.
    Party dave(QStringLiteral("dave"));
    for (Party* member : {&alice, &bob, &carol}) {
        member->rooms[room].push_back(dave.id());
    }
    dave.rooms[room] = {alice.id(), bob.id(), carol.id()};
    dave.connectTo(alice);
    ASSERT_TRUE(waitUntil([&] { return dave.ringing(); })) << "a member coming online is invited";
    ASSERT_TRUE(dave.service->answer(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(dave, CallPhase::Active); }));
    EXPECT_TRUE(alice.callWith(dave)->muted);
}

TEST_F(RoomCallTest, ADeclinedRoomCallDoesNotRingAgainWhenOthersJoin)
{
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil([&] { return bob.ringing() && carol.ringing(); }));
    ASSERT_TRUE(carol.service->decline(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(carol, CallPhase::Ended); }));
    ASSERT_TRUE(bob.service->answer(std::nullopt));
    // Bob's invite to Carol is declined without ringing her.
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(carol, CallPhase::Ended); }));
    EXPECT_EQ(bob.callWith(carol)->endReason, CallEndReason::RemoteDeclined);
    EXPECT_FALSE(carol.ringing());
    EXPECT_TRUE(alice.phaseWith(bob, CallPhase::Active));

    // Carol changes her mind: calling the room again joins the call that
    // runs there, without ringing anyone.
    const auto joined = carol.service->callRoom(room);
    ASSERT_TRUE(joined) << joined.error().toStdString();
    ASSERT_TRUE(waitUntil([&] { return meshed(2); }));
    EXPECT_FALSE(alice.ringing() || bob.ringing());
    EXPECT_EQ(carol.callWith(alice)->group->room, room);
}

TEST_F(RoomCallTest, CallingTheRoomAfterItsCallEndedRingsEveryoneAgain)
{
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil([&] { return bob.ringing() && carol.ringing(); }));
    ASSERT_TRUE(bob.service->answer(std::nullopt));
    ASSERT_TRUE(carol.service->answer(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return meshed(2); }));
    ASSERT_TRUE(alice.service->hangUp(std::nullopt));
    ASSERT_TRUE(bob.service->hangUp(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return carol.roomCallLinks() == 0; })) << "Carol was left alone: over";

    // Both who left ring for a new call, Carol too.
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil([&] { return bob.ringing() && carol.ringing(); }));
}

TEST_F(RoomCallTest, InvitesNamingARoomTheTwoDoNotShareAreDeclined)
{
    bob.rooms.clear(); // Bob is not (or no longer) in the room
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Ended); }));
    EXPECT_EQ(alice.callWith(bob)->endReason, CallEndReason::RemoteDeclined);
    EXPECT_FALSE(bob.ringing());
    EXPECT_TRUE(carol.ringing() || waitUntil([&] { return carol.ringing(); }));
    const auto outsider = bob.service->callRoom(room);
    ASSERT_FALSE(outsider);
    EXPECT_TRUE(outsider.error().contains(QStringLiteral("not a member")));
}

TEST_F(RoomCallTest, AOneToOneCallStaysBusyForRoomCalls)
{
    ASSERT_TRUE(bob.service->call(carol.id()));
    ASSERT_TRUE(waitUntil([&] { return carol.phaseWith(bob, CallPhase::Incoming); }));
    ASSERT_TRUE(carol.service->answer(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(carol, CallPhase::Active); }));
    ASSERT_TRUE(alice.service->callRoom(room));
    ASSERT_TRUE(waitUntil(
        [&] { return alice.phaseWith(bob, CallPhase::Ended) && alice.phaseWith(carol, CallPhase::Ended); }));
    EXPECT_EQ(alice.callWith(bob)->endReason, CallEndReason::RemoteBusy);
    EXPECT_TRUE(bob.phaseWith(carol, CallPhase::Active));
}

} // namespace
} // namespace confab::calls

namespace confab::calls {
namespace {

// Five members: one more than a mesh. The lowest id mixes; the others send
// their voice to it alone, and hear each other through it; it tells them
// who speaks and leaves out whom they silence.
class MixedRoomCallTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        room.fill(0x43);
        for (int i = 0; i < 5; ++i) {
            parties.push_back(std::make_unique<Party>(QStringLiteral("member%1").arg(i)));
        }
        std::sort(parties.begin(), parties.end(),
                  [](const auto& a, const auto& b) { return a->id() < b->id(); });
        for (std::size_t i = 0; i < parties.size(); ++i) {
            for (std::size_t j = i + 1; j < parties.size(); ++j) {
                parties[i]->connectTo(*parties[j]);
            }
            for (const auto& other : parties) {
                if (other != parties[i]) {
                    parties[i]->rooms[room].push_back(other->id());
                }
            }
        }
    }
    // Every member still in the call has `links` active links, all naming `mixer`.
    [[nodiscard]] bool arranged(std::size_t from, int links, const std::optional<PeerId>& mixer) const
    {
        for (std::size_t i = from; i < parties.size(); ++i) {
            if (parties[i]->roomCallLinks() != links) {
                return false;
            }
            for (const CallView& view : parties[i]->service->calls()) {
                if (view.phase == CallPhase::Active && view.mixer != mixer) {
                    return false;
                }
            }
        }
        return true;
    }

    std::vector<std::unique_ptr<Party>> parties; // by id: the first mixes
    proto::RoomId room{};
};

TEST_F(MixedRoomCallTest, TheLowestIdMixesUntilItLeavesAndFourGoOnAsAMesh)
{
    Party& mixer = *parties[0];
    Party& talker = *parties[4];
    Party& listener = *parties[3];
    for (const auto& party : parties) {
        party->device.setSilent(party.get() != &talker);
    }
    ASSERT_TRUE(talker.service->callRoom(room));
    for (std::size_t i = 0; i < 4; ++i) {
        ASSERT_TRUE(waitUntil([&] { return parties[i]->ringing(); }));
        ASSERT_TRUE(parties[i]->service->answer(std::nullopt));
    }
    ASSERT_TRUE(waitUntil([&] { return arranged(0, 4, mixer.id()); }));
    for (const CallView& view : listener.service->calls()) {
        if (view.phase == CallPhase::Active) {
            EXPECT_EQ(view.viaMixer, view.peer != mixer.id()) << "only the mixer's link carries our voice";
        }
    }
    for (const CallView& view : mixer.service->calls()) {
        EXPECT_FALSE(view.viaMixer) << "the mixer sends to everyone";
    }

    // The talker's voice reaches the listener through the mixer only: the
    // direct link stays quiet while the listener's speaker plays the tone.
    const auto audioFrom = [](const Party& at, const Party& peer) {
        return at.callWith(peer)->voice.framesPlayed;
    };
    const std::uint64_t directBefore = audioFrom(listener, talker);
    const int loudBefore = listener.device.loudBlocks();
    ASSERT_TRUE(waitUntil([&] { return listener.device.loudBlocks() > loudBefore + 50; }));
    EXPECT_LE(audioFrom(listener, talker), directBefore + 2) << "the talker sent to the listener directly";
    EXPECT_GT(audioFrom(listener, mixer), 50U);

    // Who speaks: the mixer says so. The loudness of its stream is everyone's, not its own voice.
    ASSERT_TRUE(waitUntil([&] { return listener.callWith(talker)->playbackLevel > 0.1; }));
    EXPECT_LT(listener.callWith(mixer)->playbackLevel, 0.05);

    // Silenced for the listener alone: the mixer leaves the talker out of
    // what it sends the listener, and the others still hear them.
    ASSERT_TRUE(listener.service->setPeerSilenced(talker.id(), true));
    const auto quiet = [&] {
        const int before = listener.device.loudBlocks();
        spinFor(300);
        return listener.device.loudBlocks() == before;
    };
    ASSERT_TRUE(waitUntil(quiet));
    const int otherBefore = parties[2]->device.loudBlocks();
    ASSERT_TRUE(waitUntil([&] { return parties[2]->device.loudBlocks() > otherBefore + 20; }));
    ASSERT_TRUE(listener.service->setPeerSilenced(talker.id(), false));
    const int unsilenced = listener.device.loudBlocks();
    ASSERT_TRUE(waitUntil([&] { return listener.device.loudBlocks() > unsilenced + 20; }));

    // The mixer leaves: four go on, as a mesh again.
    ASSERT_TRUE(mixer.service->hangUp(std::nullopt));
    ASSERT_TRUE(waitUntil([&] { return arranged(1, 3, std::nullopt); }))
        << "four members left: everyone sends to everyone again";
    const int loudAfter = listener.device.loudBlocks();
    ASSERT_TRUE(waitUntil([&] { return listener.device.loudBlocks() > loudAfter + 50; }));
    EXPECT_GT(audioFrom(listener, talker), directBefore + 20) << "in a mesh the talker sends directly";
}

} // namespace
} // namespace confab::calls
