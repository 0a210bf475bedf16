#include "proto/avatar.h"
#include "proto/link_message.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

const Bytes kPngStart = hex("89504e470d0a1a0a 0000000d49484452");
const Bytes kJpegStart = hex("ffd8ffe0 0010 4a464946 00");

Bytes padded(Bytes start, std::size_t size)
{
    start.resize(size, 0x42);
    return start;
}

TEST(Avatar, KnowsPngAndJpegBySignature)
{
    EXPECT_EQ(avatarFormatOf(kPngStart), AvatarFormat::Png);
    EXPECT_EQ(avatarFormatOf(kJpegStart), AvatarFormat::Jpeg);
    for (const Bytes& other : {hex(""), hex("89504e47"), hex("ffd8"), hex("ffd8fe"), hex("47494638396101"),
                               hex("3c737667"), hex("424d")}) {
        EXPECT_FALSE(avatarFormatOf(other).has_value()) << other.size();
    }
}

TEST(Avatar, BodyIsNothingOrAPictureWithinTheLimit)
{
    EXPECT_TRUE(isValidAvatarBody({}));
    EXPECT_TRUE(isValidAvatarBody(padded(kPngStart, kMaxAvatarBytes)));
    EXPECT_TRUE(isValidAvatarBody(padded(kJpegStart, kMaxAvatarBytes)));
    EXPECT_FALSE(isValidAvatarBody(padded(kPngStart, kMaxAvatarBytes + 1)));
    EXPECT_FALSE(isValidAvatarBody(padded(kJpegStart, kMaxAvatarBytes + 1)));
    // A GIF, an SVG (a script could hide in it) and bytes of no kind at all.
    EXPECT_FALSE(isValidAvatarBody(hex("47494638396101000100")));
    EXPECT_FALSE(isValidAvatarBody(hex("3c3f786d6c203c737667")));
    EXPECT_FALSE(isValidAvatarBody(hex("00")));
}

TEST(Avatar, LinkMessageDecoderChecksTheBody)
{
    const Bytes picture = padded(kPngStart, 100);
    const Bytes message = encodeLinkMessage(LinkMessageType::Avatar, picture);
    EXPECT_EQ(message.front(), 0x0c);
    const auto decoded = decodeLinkMessage(message);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().type, LinkMessageType::Avatar);
    EXPECT_EQ(decoded.value().body, picture);

    const auto none = decodeLinkMessage(hex("0c"));
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none.value().body.empty());

    for (const Bytes& body : {hex("00"), padded(kJpegStart, kMaxAvatarBytes + 1)}) {
        const auto refused = decodeLinkMessage(encodeLinkMessage(LinkMessageType::Avatar, body));
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error(), LinkMessageError::BadBody);
    }
}

} // namespace
} // namespace confab::proto
