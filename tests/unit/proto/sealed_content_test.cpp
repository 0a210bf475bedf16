#include "proto/relay_envelope.h"
#include "proto/sealed_content.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = SealedContentError;
using test::concat;
using test::hex;

// The seal adds this much (crypto::kSealOverhead; proto does not link crypto).
constexpr std::size_t kSealOverhead = 96;

SealedContent sampleContent()
{
    SealedContent content;
    for (std::size_t i = 0; i < content.senderIdentityKey.size(); ++i) {
        content.senderIdentityKey[i] = static_cast<std::uint8_t>(0x40 + i);
    }
    content.envelope = test::toBytes("an encoded envelope");
    return content;
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeSealedContent(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

Bytes encoded(const SealedContent& content, std::size_t size)
{
    auto result = encodeSealedContent(content, size);
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : Bytes{};
}

TEST(SealedContent, EncodesTheLayout)
{
    const Bytes expected = concat(
        {test::sequence(0x40, 32), hex("00000013"), test::toBytes("an encoded envelope"), Bytes(45, 0)});
    EXPECT_EQ(encoded(sampleContent(), 100), expected);
}

TEST(SealedContent, RoundTripsWithAndWithoutPadding)
{
    const SealedContent content = sampleContent();
    for (const std::size_t size : {SealedContent::kOverhead + content.envelope.size(), std::size_t{100},
                                   std::size_t{512 - kSealOverhead}, std::size_t{65280 - kSealOverhead}}) {
        const Bytes bytes = encoded(content, size);
        EXPECT_EQ(bytes.size(), size);
        const auto decoded = decodeSealedContent(bytes);
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), content);
    }
    SealedContent empty = content;
    empty.envelope.clear();
    const auto decoded = decodeSealedContent(encoded(empty, SealedContent::kOverhead));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), empty);
}

TEST(SealedContent, LargestEnvelopePerSizeClassFitsExactly)
{
    // docs/PROTOCOL.md ("Seal"): 380, 1916, 8060, 32636 and 65148 bytes.
    const std::size_t largest[] = {380, 1916, 8060, 32636, 65148};
    for (std::size_t i = 0; i < kSealedSizeClasses.size(); ++i) {
        SealedContent content = sampleContent();
        content.envelope.assign(largest[i], 0x7e);
        const std::size_t plaintext = kSealedSizeClasses[i] - kSealOverhead;
        EXPECT_TRUE(encodeSealedContent(content, plaintext).ok()) << kSealedSizeClasses[i];
        content.envelope.push_back(0x7e);
        const auto tooLarge = encodeSealedContent(content, plaintext);
        ASSERT_FALSE(tooLarge.ok());
        EXPECT_EQ(tooLarge.error(), Error::TooLarge);
    }
}

TEST(SealedContent, EveryCutOfTheFixedPartIsTruncated)
{
    const Bytes bytes = encoded(sampleContent(), 100);
    for (std::size_t size = 0; size < SealedContent::kOverhead; ++size) {
        EXPECT_EQ(decodeError(ByteView(bytes.data(), size)), Error::Truncated) << "cut at " << size;
    }
    // Cut inside the envelope: its length points beyond the end.
    for (std::size_t size = SealedContent::kOverhead; size < SealedContent::kOverhead + 19; ++size) {
        EXPECT_EQ(decodeError(ByteView(bytes.data(), size)), Error::BadLength) << "cut at " << size;
    }
}

TEST(SealedContent, LengthBeyondTheContent)
{
    for (const std::uint32_t length : {65U, 0x10000U, 0x7fffffffU, 0xffffffffU}) {
        Bytes bytes = encoded(sampleContent(), 100);
        bytes[32] = static_cast<std::uint8_t>(length >> 24);
        bytes[33] = static_cast<std::uint8_t>(length >> 16);
        bytes[34] = static_cast<std::uint8_t>(length >> 8);
        bytes[35] = static_cast<std::uint8_t>(length);
        EXPECT_EQ(decodeError(bytes), Error::BadLength) << length;
    }
}

TEST(SealedContent, AnyNonZeroPaddingByteIsRefused)
{
    const Bytes bytes = encoded(sampleContent(), 100);
    for (std::size_t offset = SealedContent::kOverhead + 19; offset < bytes.size(); ++offset) {
        Bytes altered = bytes;
        altered[offset] = 0x01;
        EXPECT_EQ(decodeError(altered), Error::BadPadding) << "at " << offset;
    }
}

TEST(SealedContent, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {Error::Truncated, Error::BadLength, Error::BadPadding, Error::TooLarge}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
