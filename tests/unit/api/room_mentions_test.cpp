#include "api/room_mentions.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

TEST(RoomMentions, AnAtBeforeTheNameMentionsItInAnyCase)
{
    EXPECT_TRUE(mentionsName(QStringLiteral("@Ann can you look?"), QStringLiteral("Ann")));
    EXPECT_TRUE(mentionsName(QStringLiteral("thanks @ann"), QStringLiteral("Ann")));
    EXPECT_TRUE(mentionsName(QStringLiteral("ping @Ann Lee, please"), QStringLiteral("Ann Lee")));
    EXPECT_TRUE(mentionsName(QStringLiteral("(@Ann)"), QStringLiteral(" Ann ")));
}

TEST(RoomMentions, ALongerNameOrAnAddressIsNoMention)
{
    EXPECT_FALSE(mentionsName(QStringLiteral("@Anna look"), QStringLiteral("Ann")));
    EXPECT_FALSE(mentionsName(QStringLiteral("Ann, look"), QStringLiteral("Ann")));
    EXPECT_FALSE(mentionsName(QStringLiteral("write to team@ann.example"), QStringLiteral("Ann")));
    EXPECT_FALSE(mentionsName(QStringLiteral("@"), QStringLiteral("Ann")));
    EXPECT_FALSE(mentionsName(QStringLiteral("@An"), QStringLiteral("Ann")));
    EXPECT_FALSE(mentionsName(QStringLiteral("@Ann"), QString()));
}

TEST(RoomMentions, AllAndRoomMentionEveryone)
{
    EXPECT_TRUE(mentionsName(QStringLiteral("@all lunch?"), QStringLiteral("Ann")));
    EXPECT_TRUE(mentionsName(QStringLiteral("@Room: we start at 10"), QString()));
    EXPECT_FALSE(mentionsName(QStringLiteral("@alligator"), QStringLiteral("Ann")));
}

TEST(RoomMentions, ALaterAtIsFoundAfterAnEarlierOneThatMissed)
{
    EXPECT_TRUE(mentionsName(QStringLiteral("@Bob and @Ann"), QStringLiteral("Ann")));
    EXPECT_TRUE(mentionsName(QStringLiteral("mail x@y and @Ann"), QStringLiteral("Ann")));
}

} // namespace
} // namespace confab::api
