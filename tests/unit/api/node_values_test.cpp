#include "api/node_values.h"
#include "audio/voice_engine.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

TEST(NodeValues, MessageStatesKeepTheirMeaningAndWords)
{
    EXPECT_EQ(toApi(storage::MessageState::Queued), MessageState::Queued);
    EXPECT_EQ(toApi(storage::MessageState::Sent), MessageState::Sent);
    EXPECT_EQ(toApi(storage::MessageState::Relayed), MessageState::Relayed);
    EXPECT_EQ(toApi(storage::MessageState::Delivered), MessageState::Delivered);
    EXPECT_EQ(toApi(storage::MessageState::Read), MessageState::Read);
    EXPECT_EQ(toApi(storage::MessageState::Unread), MessageState::Unread);
    EXPECT_EQ(toApi(storage::MessageState::ReadIncoming), MessageState::ReadIncoming);

    EXPECT_STREQ(toString(MessageState::Queued), "queued");
    EXPECT_STREQ(toString(MessageState::Sent), "sent");
    EXPECT_STREQ(toString(MessageState::Relayed), "relayed");
    EXPECT_STREQ(toString(MessageState::Delivered), "delivered");
    EXPECT_STREQ(toString(MessageState::Read), "read");
    EXPECT_STREQ(toString(MessageState::Unread), "unread");
    EXPECT_STREQ(toString(MessageState::ReadIncoming), "read");
}

TEST(NodeValues, AStoredMessageArrivesWhole)
{
    storage::StoredMessage stored;
    stored.seq = 42;
    stored.id = MessageId({1, 2, 3});
    stored.peer = PeerId({9, 8, 7});
    stored.outgoing = true;
    stored.body = QStringLiteral("hello");
    stored.sentMs = 1000;
    stored.storedMs = 1001;
    stored.state = storage::MessageState::Delivered;

    const StoredMessage message = toApi(stored);
    EXPECT_EQ(message.seq, 42);
    EXPECT_EQ(message.id, stored.id);
    EXPECT_EQ(message.peer, stored.peer);
    EXPECT_TRUE(message.outgoing);
    EXPECT_EQ(message.body, QStringLiteral("hello"));
    EXPECT_EQ(message.sentMs, 1000);
    EXPECT_EQ(message.storedMs, 1001);
    EXPECT_EQ(message.state, MessageState::Delivered);
}

TEST(NodeValues, SettingsSurviveTheRoundTrip)
{
    const ProfileSettings settings{QStringLiteral("Ada"),
                                   QStringLiteral("/home/ada/Downloads"),
                                   true,
                                   QStringLiteral("embedded"),
                                   QStringLiteral("mic"),
                                   QStringLiteral("speakers"),
                                   false,
                                   12,
                                   true};
    const ProfileSettings back = toApi(toStorage(settings));
    EXPECT_EQ(back.displayName, settings.displayName);
    EXPECT_EQ(back.downloadFolder, settings.downloadFolder);
    EXPECT_EQ(back.startMinimised, settings.startMinimised);
    EXPECT_EQ(back.discoveryMode, settings.discoveryMode);
    EXPECT_EQ(back.audioInputDevice, settings.audioInputDevice);
    EXPECT_EQ(back.audioOutputDevice, settings.audioOutputDevice);
    EXPECT_EQ(back.relayCarry, settings.relayCarry);
    EXPECT_EQ(back.relayStoreMb, settings.relayStoreMb);
    EXPECT_EQ(back.autoAcceptVerified, settings.autoAcceptVerified);
}

TEST(NodeValues, ACallKeepsItsPhaseReasonAndFigures)
{
    calls::CallView call;
    call.direction = proto::CallDirection::Incoming;
    call.phase = proto::CallPhase::Ended;
    call.endReason = proto::CallEndReason::ReplacedByGlare;
    call.voice.inputLevel = 0.5;
    call.voice.framesPlayed = 123;
    call.media.packetsSent = 77;

    const CallView view = toApi(call);
    EXPECT_EQ(view.direction, CallDirection::Incoming);
    EXPECT_EQ(view.phase, CallPhase::Ended);
    EXPECT_EQ(view.endReason, CallEndReason::ReplacedByGlare);
    EXPECT_STREQ(toString(view.phase), "ended");
    EXPECT_DOUBLE_EQ(view.inputLevel, 0.5);
    EXPECT_EQ(view.stats.value(QStringLiteral("frames_played")).toInteger(), 123);
    EXPECT_EQ(view.stats.value(QStringLiteral("packets_sent")).toInteger(), 77);
}

TEST(NodeValues, AddressesPrintAsTheyAreDialed)
{
    EXPECT_EQ((NetworkAddress{QStringLiteral("10.0.0.2"), 7300}).toString(), QStringLiteral("10.0.0.2:7300"));
    EXPECT_EQ((NetworkAddress{QStringLiteral("fe80::1"), 7300}).toString(), QStringLiteral("[fe80::1]:7300"));
}

} // namespace
} // namespace confab::api
