#include "proto/byte_io.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

TEST(ByteWriter, WritesBigEndianIntegersAndRawBytes)
{
    Bytes out;
    ByteWriter writer(out);
    writer.u8(0xab);
    writer.u16(0x1234);
    writer.u32(0xdeadbeef);
    writer.u64(0x0102030405060708);
    writer.raw(hex("ff 00"));
    writer.raw({});
    EXPECT_EQ(out, hex("ab 1234 deadbeef 0102030405060708 ff00"));
}

TEST(ByteWriter, AppendsToExistingContent)
{
    Bytes out = hex("99");
    ByteWriter writer(out);
    writer.u16(0x0001);
    EXPECT_EQ(out, hex("99 0001"));
}

TEST(ByteWriter, WritesExtremeValues)
{
    Bytes out;
    ByteWriter writer(out);
    writer.u16(0xffff);
    writer.u32(0);
    writer.u64(0xffffffffffffffff);
    EXPECT_EQ(out, hex("ffff 00000000 ffffffffffffffff"));
}

TEST(ByteReader, ReadsBigEndianIntegersAndRawBytes)
{
    const Bytes in = hex("ab 1234 deadbeef 0102030405060708 ff00");
    ByteReader reader(in);
    EXPECT_EQ(reader.remaining(), in.size());
    EXPECT_EQ(reader.u8(), 0xab);
    EXPECT_EQ(reader.u16(), 0x1234);
    EXPECT_EQ(reader.u32(), 0xdeadbeefU);
    EXPECT_EQ(reader.u64(), 0x0102030405060708U);
    const auto tail = reader.raw(2);
    ASSERT_TRUE(tail.has_value());
    EXPECT_EQ(Bytes(tail->begin(), tail->end()), hex("ff00"));
    EXPECT_TRUE(reader.atEnd());
    EXPECT_EQ(reader.remaining(), 0U);
}

TEST(ByteReader, FailedReadDoesNotConsume)
{
    const Bytes in = hex("01 02 03");
    ByteReader reader(in);
    EXPECT_FALSE(reader.u32().has_value());
    EXPECT_FALSE(reader.u64().has_value());
    EXPECT_FALSE(reader.raw(4).has_value());
    EXPECT_EQ(reader.remaining(), 3U);
    EXPECT_EQ(reader.u16(), 0x0102);
    EXPECT_FALSE(reader.u16().has_value());
    EXPECT_EQ(reader.u8(), 0x03);
    EXPECT_FALSE(reader.u8().has_value());
    EXPECT_TRUE(reader.atEnd());
}

TEST(ByteReader, EmptyInput)
{
    ByteReader reader(ByteView{});
    EXPECT_TRUE(reader.atEnd());
    EXPECT_FALSE(reader.u8().has_value());
    const auto none = reader.raw(0);
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->empty());
}

TEST(ByteReader, RawRejectsHugeCounts)
{
    const Bytes in = hex("01 02");
    ByteReader reader(in);
    EXPECT_FALSE(reader.raw(SIZE_MAX).has_value());
    EXPECT_FALSE(reader.raw(3).has_value());
    EXPECT_EQ(reader.remaining(), 2U);
}

TEST(ByteReader, RoundTripsWriterOutput)
{
    Bytes out;
    ByteWriter writer(out);
    for (std::uint64_t v = 1; v != 0; v <<= 1) {
        writer.u64(v);
    }
    ByteReader reader(out);
    for (std::uint64_t v = 1; v != 0; v <<= 1) {
        EXPECT_EQ(reader.u64(), v);
    }
    EXPECT_TRUE(reader.atEnd());
}

} // namespace
} // namespace confab::proto
