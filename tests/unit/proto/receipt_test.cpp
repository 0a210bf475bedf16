#include "proto/limits.h"
#include "proto/receipt.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::concat;
using test::hex;

MessageId idFrom(std::uint8_t first)
{
    return *MessageId::fromBytes(test::sequence(first, 16));
}

ReceiptError decodeError(ByteView bytes)
{
    const auto result = decodeReceipt(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? ReceiptError::Truncated : result.error();
}

const Bytes kTwoReadIds = hex("02 0002"
                              "000102030405060708090a0b0c0d0e0f"
                              "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");

TEST(Receipt, EncodesGoldenBytes)
{
    EXPECT_EQ(encodeReceipt({ReceiptState::Read, {idFrom(0x00), idFrom(0xf0)}}), kTwoReadIds);
    EXPECT_EQ(encodeReceipt({ReceiptState::Delivered, {idFrom(0x10)}}),
              hex("01 0001 101112131415161718191a1b1c1d1e1f"));
}

TEST(Receipt, DecodesGoldenBytes)
{
    const auto decoded = decodeReceipt(kTwoReadIds);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().state, ReceiptState::Read);
    ASSERT_EQ(decoded.value().ids.size(), 2U);
    EXPECT_EQ(decoded.value().ids[0], idFrom(0x00));
    EXPECT_EQ(decoded.value().ids[1], idFrom(0xf0));
}

TEST(Receipt, RoundTripsMaximumCount)
{
    Receipt receipt;
    receipt.state = ReceiptState::Delivered;
    for (std::size_t i = 0; i < kMaxReceiptIds; ++i) {
        receipt.ids.push_back(idFrom(static_cast<std::uint8_t>(i * 7)));
    }
    const Bytes encoded = encodeReceipt(receipt);
    EXPECT_EQ(encoded.size(), 3 + 16 * kMaxReceiptIds);
    const auto decoded = decodeReceipt(encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), receipt);
}

TEST(Receipt, Truncated)
{
    EXPECT_EQ(decodeError({}), ReceiptError::Truncated);
    EXPECT_EQ(decodeError(hex("01")), ReceiptError::Truncated);
    EXPECT_EQ(decodeError(hex("01 00")), ReceiptError::Truncated);
    EXPECT_EQ(decodeError(hex("01 0001")), ReceiptError::Truncated);
    EXPECT_EQ(decodeError(concat({hex("01 0001"), Bytes(15, 0)})), ReceiptError::Truncated);
    EXPECT_EQ(decodeError(concat({hex("01 0002"), Bytes(31, 0)})), ReceiptError::Truncated);
}

TEST(Receipt, UnknownState)
{
    EXPECT_EQ(decodeError(concat({hex("00 0001"), Bytes(16, 0)})), ReceiptError::UnknownState);
    EXPECT_EQ(decodeError(concat({hex("03 0001"), Bytes(16, 0)})), ReceiptError::UnknownState);
    EXPECT_EQ(decodeError(hex("ff")), ReceiptError::UnknownState);
}

TEST(Receipt, BadCount)
{
    EXPECT_EQ(decodeError(hex("01 0000")), ReceiptError::BadCount);
    // Judged before the ids are looked for.
    EXPECT_EQ(decodeError(hex("01 0401")), ReceiptError::BadCount); // 1025
    EXPECT_EQ(decodeError(hex("02 ffff")), ReceiptError::BadCount);
}

TEST(Receipt, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({kTwoReadIds, hex("00")})), ReceiptError::TrailingBytes);
    EXPECT_EQ(decodeError(concat({hex("01 0001"), Bytes(31, 0)})), ReceiptError::TrailingBytes);
}

} // namespace
} // namespace confab::proto
