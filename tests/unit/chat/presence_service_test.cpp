#include "chat/presence_service.h"
#include "crypto/identity.h"
#include "support/fake_port.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>

namespace confab::chat {
namespace {

using confab::test::FakePort;
using confab::test::runFor;
using proto::LinkMessageType;
using proto::PresenceState;
using proto::TypingState;

constexpr auto kPresence = static_cast<std::uint32_t>(proto::Capability::Presence);

class PresenceServiceTest : public ::testing::Test {
protected:
    PresenceServiceTest()
    {
        QObject::connect(&service, &PresenceService::changed,
                         [this](const PeerId& peer) { changes.push_back(peer); });
    }

    // What was said to `to` with messages of `type`, decoded, in order.
    [[nodiscard]] std::vector<std::uint8_t> said(const PeerId& to, LinkMessageType type) const
    {
        std::vector<std::uint8_t> codes;
        for (const FakePort::Sent& message : port.sent) {
            if (message.to == to && message.type == type) {
                EXPECT_EQ(message.body.size(), 1U);
                codes.push_back(message.body.at(0));
            }
        }
        return codes;
    }
    [[nodiscard]] std::vector<std::uint8_t> typingTo(const PeerId& to) const
    {
        return said(to, LinkMessageType::Typing);
    }

    void tell(const PeerId& from, PresenceState state)
    {
        port.deliver(from, LinkMessageType::Presence, proto::encodePresenceState(state));
    }
    void tellTyping(const PeerId& from, TypingState state)
    {
        port.deliver(from, LinkMessageType::Typing, proto::encodeTypingState(state));
    }

    static constexpr auto kTyping = static_cast<std::uint8_t>(TypingState::Typing);
    static constexpr auto kStopped = static_cast<std::uint8_t>(TypingState::Stopped);

    confab::test::VirtualClock clock;
    const PeerId self = crypto::IdentityKeyPair::generate().peerId();
    const PeerId bob = crypto::IdentityKeyPair::generate().peerId();
    const PeerId carol = crypto::IdentityKeyPair::generate().peerId();
    FakePort port{self};
    PresenceService service{port, clock};
    std::vector<PeerId> changes;
};

TEST_F(PresenceServiceTest, TellsEachNewLinkAndEveryChange)
{
    service.setOwnState(PresenceState::Busy);
    port.link(bob, kPresence);
    EXPECT_EQ(said(bob, LinkMessageType::Presence), std::vector<std::uint8_t>{3});

    port.link(carol, kPresence);
    service.setOwnState(PresenceState::Away);
    service.setOwnState(PresenceState::Away); // no change, nothing said
    EXPECT_EQ(said(bob, LinkMessageType::Presence), (std::vector<std::uint8_t>{3, 2}));
    EXPECT_EQ(said(carol, LinkMessageType::Presence), (std::vector<std::uint8_t>{3, 2}));
    EXPECT_EQ(service.ownState(), PresenceState::Away);
}

TEST_F(PresenceServiceTest, SaysNothingToPeersThatDoNotSpeakIt)
{
    port.link(bob, 0);
    service.setOwnState(PresenceState::Busy);
    service.setTyping(bob, true);
    service.setTyping(bob, false);
    EXPECT_TRUE(port.sent.empty());
    EXPECT_FALSE(service.peerState(bob).has_value());

    // And one that sends them anyway is misbehaving.
    tell(bob, PresenceState::Away);
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, bob);
}

TEST_F(PresenceServiceTest, KeepsWhatPeersSayForTheLengthOfTheirLink)
{
    port.link(bob, kPresence);
    EXPECT_EQ(service.peerState(bob), PresenceState::Available);
    tell(bob, PresenceState::Busy);
    EXPECT_EQ(service.peerState(bob), PresenceState::Busy);
    tell(bob, PresenceState::Busy); // the same again is no change
    EXPECT_EQ(changes, (std::vector<PeerId>{bob, bob}));

    port.unlink(bob);
    EXPECT_FALSE(service.peerState(bob).has_value());
    EXPECT_EQ(changes.size(), 3U);

    port.link(bob, kPresence); // a new link starts from Available again
    EXPECT_EQ(service.peerState(bob), PresenceState::Available);
}

TEST_F(PresenceServiceTest, TypingIsThrottledAndStopsByItself)
{
    port.link(bob, kPresence);
    service.setTyping(bob, true);
    for (int i = 0; i < 10; ++i) { // a keystroke every 200 ms for two seconds
        runFor(clock, 200);
        service.setTyping(bob, true);
    }
    EXPECT_EQ(typingTo(bob), std::vector<std::uint8_t>{kTyping});

    runFor(clock, 1000); // three seconds after the first: said again
    service.setTyping(bob, true);
    EXPECT_EQ(typingTo(bob), (std::vector<std::uint8_t>{kTyping, kTyping}));

    // No keystroke for kTypingIdleMs: Stopped, once.
    runFor(clock, PresenceService::kTypingIdleMs - 1);
    EXPECT_EQ(typingTo(bob).size(), 2U);
    runFor(clock, 1);
    EXPECT_EQ(typingTo(bob), (std::vector<std::uint8_t>{kTyping, kTyping, kStopped}));
    service.setTyping(bob, false);
    EXPECT_EQ(typingTo(bob).size(), 3U);
}

TEST_F(PresenceServiceTest, SendingOrLeavingSaysStoppedAtOnce)
{
    port.link(bob, kPresence);
    port.link(carol, kPresence);
    service.setTyping(bob, true);
    service.setTyping(bob, false);
    EXPECT_EQ(typingTo(bob), (std::vector<std::uint8_t>{kTyping, kStopped}));
    EXPECT_TRUE(typingTo(carol).empty());

    service.setTyping(bob, true); // typing again says so at once
    EXPECT_EQ(typingTo(bob).size(), 3U);
    runFor(clock, 60000);
    EXPECT_EQ(typingTo(bob), (std::vector<std::uint8_t>{kTyping, kStopped, kTyping, kStopped}));
}

TEST_F(PresenceServiceTest, PeerTypingEndsOnStoppedMessageSilenceOrLink)
{
    port.link(bob, kPresence);
    changes.clear();
    tellTyping(bob, TypingState::Typing);
    EXPECT_TRUE(service.isTyping(bob));
    tellTyping(bob, TypingState::Stopped);
    EXPECT_FALSE(service.isTyping(bob));
    EXPECT_EQ(changes.size(), 2U);

    // A lost Stopped: the indicator goes after kTypingShownMs of silence.
    tellTyping(bob, TypingState::Typing);
    runFor(clock, PresenceService::kTypingShownMs - 1);
    EXPECT_TRUE(service.isTyping(bob));
    runFor(clock, 1);
    EXPECT_FALSE(service.isTyping(bob));
    EXPECT_EQ(changes.size(), 4U);

    // The message it typed arrives.
    tellTyping(bob, TypingState::Typing);
    service.messageArrived(bob);
    EXPECT_FALSE(service.isTyping(bob));

    // Its link goes.
    tellTyping(bob, TypingState::Typing);
    port.unlink(bob);
    EXPECT_FALSE(service.isTyping(bob));
    EXPECT_TRUE(port.dropped.empty());
}

TEST_F(PresenceServiceTest, APeerThatFloodsLosesItsLinkOthersStay)
{
    port.link(bob, kPresence);
    port.link(carol, kPresence);
    for (int i = 0; i < PresenceService::kMaxMessagesPerSecond; ++i) {
        tellTyping(bob, i % 2 == 0 ? TypingState::Typing : TypingState::Stopped);
    }
    EXPECT_TRUE(port.dropped.empty());
    runFor(clock, 1000); // a new second, a new allowance
    for (int i = 0; i <= PresenceService::kMaxMessagesPerSecond; ++i) {
        tell(bob, i % 2 == 0 ? PresenceState::Away : PresenceState::Busy);
    }
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, bob);
    EXPECT_TRUE(port.dropped[0].second.contains(QStringLiteral("in a second")));

    tell(carol, PresenceState::Busy);
    EXPECT_EQ(service.peerState(carol), PresenceState::Busy);
    EXPECT_EQ(port.dropped.size(), 1U);
}

} // namespace
} // namespace confab::chat
