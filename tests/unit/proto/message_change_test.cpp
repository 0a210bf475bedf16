#include "proto/limits.h"
#include "proto/message_change.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::concat;
using test::hex;

const Bytes kTarget = test::sequence(0x40, 16);

TargetedText targeted(const std::string& text)
{
    return {*MessageId::fromBytes(kTarget), test::toBytes(text)};
}

TEST(TargetedText, IsTheTargetThenTheText)
{
    EXPECT_EQ(encodeTargetedText(targeted("hi")), concat({kTarget, hex("6869")}));
    EXPECT_EQ(encodeTargetedText(targeted("")), kTarget);
    EXPECT_EQ(decodeMessageEdit(concat({kTarget, hex("6869")})), targeted("hi"));
    EXPECT_EQ(decodeMessageReply(concat({kTarget, hex("6869")})), targeted("hi"));
    EXPECT_EQ(decodeMessageDelete(kTarget), targeted(""));
    EXPECT_EQ(decodeMessageReaction(concat({kTarget, hex("f09f918d")})), targeted("\xf0\x9f\x91\x8d"));
    EXPECT_EQ(decodeMessageReaction(kTarget), targeted("")); // taken back
}

TEST(TargetedText, EditsAndRepliesNeedTextOfAllowedLengthInUtf8)
{
    for (const auto decode : {decodeMessageEdit, decodeMessageReply}) {
        EXPECT_FALSE(decode(kTarget)); // no text
        EXPECT_FALSE(decode(Bytes(15, 0x40)));
        EXPECT_FALSE(decode(concat({kTarget, hex("c3")}))); // a cut UTF-8 sequence
        EXPECT_TRUE(decode(concat({kTarget, Bytes(kMaxTextBytes, 'x')})));
        EXPECT_FALSE(decode(concat({kTarget, Bytes(kMaxTextBytes + 1, 'x')})));
    }
}

TEST(TargetedText, ADeleteCarriesNothingElse)
{
    EXPECT_FALSE(decodeMessageDelete({}));
    EXPECT_FALSE(decodeMessageDelete(Bytes(15, 0x40)));
    EXPECT_FALSE(decodeMessageDelete(concat({kTarget, hex("00")})));
}

TEST(TargetedText, AReactionIsShortUtf8)
{
    EXPECT_TRUE(decodeMessageReaction(concat({kTarget, Bytes(kMaxReactionBytes, 'x')})));
    EXPECT_FALSE(decodeMessageReaction(concat({kTarget, Bytes(kMaxReactionBytes + 1, 'x')})));
    EXPECT_FALSE(decodeMessageReaction(concat({kTarget, hex("f09f91")})));
    EXPECT_FALSE(decodeMessageReaction(Bytes(15, 0x40)));
}

} // namespace
} // namespace confab::proto
