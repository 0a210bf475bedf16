#include "proto/limits.h"
#include "proto/preamble.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using test::hex;

Bytes encoded(std::uint16_t version)
{
    const auto preamble = encodePreamble(version);
    return {preamble.begin(), preamble.end()};
}

TEST(Preamble, GoldenBytes)
{
    EXPECT_EQ(encoded(1), hex("434f4e464142 0001"));
    EXPECT_EQ(encoded(0x0203), hex("434f4e464142 0203"));
    EXPECT_EQ(encoded(0xffff), hex("434f4e464142 ffff"));
}

TEST(Preamble, DecodesHandWrittenBytes)
{
    const auto version = decodePreamble(hex("434f4e464142 0001"));
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version.value(), 1);
}

TEST(Preamble, RoundTripsCurrentAndFutureVersions)
{
    for (const std::uint16_t version :
         {kProtocolVersion, std::uint16_t{2}, std::uint16_t{0x0100}, std::uint16_t{0xffff}}) {
        const auto decoded = decodePreamble(encoded(version));
        ASSERT_TRUE(decoded.ok());
        EXPECT_EQ(decoded.value(), version);
    }
}

TEST(Preamble, ExaminesOnlyTheFirstEightBytes)
{
    const auto version = decodePreamble(hex("434f4e464142 0002 ffffff"));
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version.value(), 2);
}

TEST(Preamble, Truncated)
{
    EXPECT_EQ(decodePreamble({}).error(), PreambleError::Truncated);
    EXPECT_EQ(decodePreamble(hex("43")).error(), PreambleError::Truncated);
    EXPECT_EQ(decodePreamble(hex("434f4e464142 00")).error(), PreambleError::Truncated);
    // Short input is Truncated even when what is there is already wrong.
    EXPECT_EQ(decodePreamble(hex("474554202f20")).error(), PreambleError::Truncated);
}

TEST(Preamble, BadMagic)
{
    EXPECT_EQ(decodePreamble(hex("636f6e666162 0001")).error(), PreambleError::BadMagic); // "confab"
    EXPECT_EQ(decodePreamble(hex("434f4e464143 0001")).error(), PreambleError::BadMagic); // "CONFAC"
    EXPECT_EQ(decodePreamble(hex("00434f4e4641 4200")).error(), PreambleError::BadMagic);
    EXPECT_EQ(decodePreamble(test::toBytes("GET / HTTP/1.1\r\n")).error(), PreambleError::BadMagic);
}

TEST(Preamble, VersionZeroIsUnsupported)
{
    EXPECT_EQ(decodePreamble(hex("434f4e464142 0000")).error(), PreambleError::UnsupportedVersion);
}

TEST(Preamble, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error :
         {PreambleError::BadMagic, PreambleError::UnsupportedVersion, PreambleError::Truncated}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_FALSE(std::string(text).empty());
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
