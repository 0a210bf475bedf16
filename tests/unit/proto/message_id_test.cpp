#include "base/message_id.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

std::array<std::uint8_t, MessageId::kSize> arrayOf(const Bytes& bytes)
{
    std::array<std::uint8_t, MessageId::kSize> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

TEST(MessageId, HexGolden)
{
    EXPECT_EQ(MessageId(arrayOf(test::sequence(0x00, 16))).toHex(), "000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(MessageId(arrayOf(test::sequence(0xf0, 16))).toHex(), "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    EXPECT_EQ(MessageId().toHex(), "00000000000000000000000000000000");
}

TEST(MessageId, FromHexAcceptsBothCases)
{
    const MessageId expected(arrayOf(test::hex("abcdef0123456789abcdef0123456789")));
    EXPECT_EQ(MessageId::fromHex("abcdef0123456789abcdef0123456789"), expected);
    EXPECT_EQ(MessageId::fromHex("ABCDEF0123456789ABCDEF0123456789"), expected);
    EXPECT_EQ(MessageId::fromHex("AbCdEf0123456789aBcDeF0123456789"), expected);
}

TEST(MessageId, FromHexRejectsWrongLength)
{
    EXPECT_FALSE(MessageId::fromHex("").has_value());
    EXPECT_FALSE(MessageId::fromHex("000102030405060708090a0b0c0d0e0").has_value());
    EXPECT_FALSE(MessageId::fromHex("000102030405060708090a0b0c0d0e0f0").has_value());
    EXPECT_FALSE(MessageId::fromHex("000102030405060708090a0b0c0d0e0f00").has_value());
}

TEST(MessageId, FromHexRejectsNonHexCharacters)
{
    EXPECT_FALSE(MessageId::fromHex("g00102030405060708090a0b0c0d0e0f").has_value());
    EXPECT_FALSE(MessageId::fromHex("000102030405060708090a0b0c0d0e0G").has_value());
    EXPECT_FALSE(MessageId::fromHex("00010203-0405-0607-0809-0a0b0c0d").has_value());
    EXPECT_FALSE(MessageId::fromHex(" 00102030405060708090a0b0c0d0e0f").has_value());
    EXPECT_FALSE(MessageId::fromHex("0x0102030405060708090a0b0c0d0e0f").has_value());
    EXPECT_FALSE(MessageId::fromHex(std::string_view("000102030405060708090a0b0c0d0e\0f", 32)).has_value());
}

TEST(MessageId, FromBytesRequiresExactSize)
{
    EXPECT_FALSE(MessageId::fromBytes(Bytes(15, 0)).has_value());
    EXPECT_FALSE(MessageId::fromBytes(Bytes(17, 0)).has_value());
    const auto id = MessageId::fromBytes(test::sequence(0x40, 16));
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->toHex(), "404142434445464748494a4b4c4d4e4f");
}

TEST(MessageId, RoundTripsEveryByteValue)
{
    for (int first = 0; first < 256; first += 16) {
        const MessageId id(arrayOf(test::sequence(static_cast<std::uint8_t>(first), 16)));
        EXPECT_EQ(MessageId::fromHex(id.toHex()), id);
    }
}

TEST(MessageId, OrdersByBytes)
{
    const MessageId a(arrayOf(test::sequence(0x00, 16)));
    const MessageId b(arrayOf(test::sequence(0x01, 16)));
    EXPECT_LT(a, b);
    EXPECT_NE(a, b);
}

} // namespace
} // namespace confab::proto
