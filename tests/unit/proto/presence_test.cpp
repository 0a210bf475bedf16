#include "proto/link_message.h"
#include "proto/presence.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

TEST(Presence, EncodesOneByteCodes)
{
    EXPECT_EQ(encodePresenceState(PresenceState::Available), hex("01"));
    EXPECT_EQ(encodePresenceState(PresenceState::Away), hex("02"));
    EXPECT_EQ(encodePresenceState(PresenceState::Busy), hex("03"));
    EXPECT_EQ(encodeTypingState(TypingState::Typing), hex("01"));
    EXPECT_EQ(encodeTypingState(TypingState::Stopped), hex("02"));
    EXPECT_EQ(encodeLinkMessage(LinkMessageType::Presence, encodePresenceState(PresenceState::Busy)),
              hex("0a 03"));
    EXPECT_EQ(encodeLinkMessage(LinkMessageType::Typing, encodeTypingState(TypingState::Typing)),
              hex("0b 01"));
}

TEST(Presence, DecodesWhatItEncodes)
{
    for (const auto state : {PresenceState::Available, PresenceState::Away, PresenceState::Busy}) {
        EXPECT_EQ(decodePresenceState(encodePresenceState(state)), state);
    }
    for (const auto state : {TypingState::Typing, TypingState::Stopped}) {
        EXPECT_EQ(decodeTypingState(encodeTypingState(state)), state);
    }
}

TEST(Presence, RefusesBodiesThatAreNotOneKnownCode)
{
    for (const Bytes& body : {hex(""), hex("00"), hex("04"), hex("ff"), hex("0101"), hex("01 00")}) {
        EXPECT_FALSE(decodePresenceState(body).has_value());
    }
    for (const Bytes& body : {hex(""), hex("00"), hex("03"), hex("0101")}) {
        EXPECT_FALSE(decodeTypingState(body).has_value());
    }
}

TEST(Presence, LinkMessageDecoderChecksTheBody)
{
    const auto presence = decodeLinkMessage(hex("0a 02"));
    ASSERT_TRUE(presence.ok());
    EXPECT_EQ(presence.value().type, LinkMessageType::Presence);
    EXPECT_EQ(presence.value().body, hex("02"));
    const auto typing = decodeLinkMessage(hex("0b 02"));
    ASSERT_TRUE(typing.ok());
    EXPECT_EQ(typing.value().type, LinkMessageType::Typing);

    for (const Bytes& bytes :
         {hex("0a"), hex("0a 00"), hex("0a 04"), hex("0a 0101"), hex("0b"), hex("0b 03")}) {
        const auto decoded = decodeLinkMessage(bytes);
        ASSERT_FALSE(decoded.ok());
        EXPECT_EQ(decoded.error(), LinkMessageError::BadBody);
    }
}

} // namespace
} // namespace confab::proto
