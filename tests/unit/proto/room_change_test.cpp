#include "proto/room_change.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = RoomChangeError;
using test::concat;
using test::hex;

template <std::size_t N> std::array<std::uint8_t, N> arrayOf(std::uint8_t first)
{
    std::array<std::uint8_t, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = static_cast<std::uint8_t>(first + i);
    }
    return out;
}

RoomChange sampleAdd()
{
    RoomChange change;
    change.kind = RoomChangeKind::Add;
    change.room = arrayOf<kRoomIdSize>(0x10);
    change.author = arrayOf<32>(0x20);
    change.timestampMs = 1700000000000;
    change.parents = {arrayOf<kRoomChangeHashSize>(0x40), arrayOf<kRoomChangeHashSize>(0x60)};
    change.member = arrayOf<32>(0xa0);
    change.signature = arrayOf<64>(0xc0);
    return change;
}

RoomChange sampleCreate()
{
    RoomChange change;
    change.kind = RoomChangeKind::Create;
    change.room = arrayOf<kRoomIdSize>(0x10);
    change.author = arrayOf<32>(0x20);
    change.timestampMs = 1700000000000;
    change.name = "Caf\xc3\xa9";
    change.signature = arrayOf<64>(0xc0);
    return change;
}

// The sample's fields up to the parent count, with `kind` and `parents` hashes of 0x77.
Bytes head(std::uint8_t kind, std::size_t parents, std::uint8_t version = 1)
{
    return concat({Bytes{version, kind}, test::sequence(0x10, 16), test::sequence(0x20, 32),
                   hex("0000018bcfe56800"), Bytes{static_cast<std::uint8_t>(parents)},
                   Bytes(parents * 32, 0x77)});
}

Bytes nameBody(const Bytes& name)
{
    return concat({Bytes{static_cast<std::uint8_t>(name.size())}, name});
}

const Bytes kSignature = test::sequence(0xc0, 64);

const Bytes kAddBytes = concat({hex("01"                  // version
                                    "02"),                // kind: Add
                                test::sequence(0x10, 16), // room
                                test::sequence(0x20, 32), // author
                                hex("0000018bcfe56800"    // timestamp ms
                                    "02"),                // parent count
                                test::sequence(0x40, 32), // parent 1
                                test::sequence(0x60, 32), // parent 2
                                test::sequence(0xa0, 32), // member
                                kSignature});

const Bytes kCreateBytes = concat({hex("01 01"), test::sequence(0x10, 16), test::sequence(0x20, 32),
                                   hex("0000018bcfe56800"
                                       "00"            // no parents
                                       "05 436166c3a9" // name "Café"
                                       ),
                                   kSignature});

Error decodeError(ByteView bytes)
{
    const auto result = decodeRoomChange(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

TEST(RoomChange, EncodesTheAddLayout)
{
    EXPECT_EQ(kAddBytes.size(), 1 + 1 + 16 + 32 + 8 + 1 + 2 * 32 + 32 + 64U);
    const Bytes encoded = encodeRoomChange(sampleAdd());
    EXPECT_EQ(encoded, kAddBytes);
    // A few offsets by hand: kind, first room byte, first author byte, the
    // timestamp's last byte, the parent count, the member and signature starts.
    ASSERT_EQ(encoded.size(), 219U);
    EXPECT_EQ(encoded[1], 0x02);
    EXPECT_EQ(encoded[2], 0x10);
    EXPECT_EQ(encoded[17], 0x1f);
    EXPECT_EQ(encoded[18], 0x20);
    EXPECT_EQ(encoded[53], 0x8b);
    EXPECT_EQ(encoded[57], 0x00);
    EXPECT_EQ(encoded[58], 0x02);
    EXPECT_EQ(encoded[59], 0x40);
    EXPECT_EQ(encoded[91], 0x60);
    EXPECT_EQ(encoded[123], 0xa0);
    EXPECT_EQ(encoded[155], 0xc0);
    EXPECT_EQ(encoded[218], 0xff);
}

TEST(RoomChange, EncodesTheCreateLayout)
{
    EXPECT_EQ(kCreateBytes.size(), 1 + 1 + 16 + 32 + 8 + 1 + 1 + 5 + 64U);
    EXPECT_EQ(encodeRoomChange(sampleCreate()), kCreateBytes);
}

TEST(RoomChange, DecodesGoldenBytes)
{
    const auto add = decodeRoomChange(kAddBytes);
    ASSERT_TRUE(add.ok()) << toString(add.error());
    EXPECT_EQ(add.value(), sampleAdd());
    EXPECT_EQ(add.value().parents[1][31], 0x7f);
    EXPECT_TRUE(add.value().name.empty());

    const auto create = decodeRoomChange(kCreateBytes);
    ASSERT_TRUE(create.ok()) << toString(create.error());
    EXPECT_EQ(create.value(), sampleCreate());
    EXPECT_EQ(create.value().name, "Caf\xc3\xa9");
    EXPECT_TRUE(create.value().parents.empty());
}

TEST(RoomChange, RoundTripsEveryKind)
{
    for (const auto kind : {RoomChangeKind::Create, RoomChangeKind::Add, RoomChangeKind::Remove,
                            RoomChangeKind::Promote, RoomChangeKind::Rename}) {
        RoomChange change =
            kind == RoomChangeKind::Create || kind == RoomChangeKind::Rename ? sampleCreate() : sampleAdd();
        change.kind = kind;
        if (kind != RoomChangeKind::Create) {
            change.parents = {arrayOf<kRoomChangeHashSize>(static_cast<std::uint8_t>(kind))};
        }
        change.timestampMs = 0xfedcba9876543210U - static_cast<std::uint8_t>(kind);
        const Bytes encoded = encodeRoomChange(change);
        EXPECT_EQ(encoded[1], static_cast<std::uint8_t>(kind));
        const auto decoded = decodeRoomChange(encoded);
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), change) << int{static_cast<std::uint8_t>(kind)};
    }
}

TEST(RoomChange, RoundTripsEightParentsAndTheLongestName)
{
    RoomChange rename = sampleCreate();
    rename.kind = RoomChangeKind::Rename;
    for (std::uint8_t i = 0; i < kMaxRoomChangeParents; ++i) {
        rename.parents.push_back(arrayOf<kRoomChangeHashSize>(static_cast<std::uint8_t>(i * 32)));
    }
    // 16 four-byte characters: exactly 64 bytes.
    rename.name.clear();
    for (int i = 0; i < 16; ++i) {
        rename.name += "\xf0\x9f\x98\x80";
    }
    ASSERT_EQ(rename.name.size(), kMaxRoomNameBytes);
    const Bytes encoded = encodeRoomChange(rename);
    EXPECT_EQ(encoded.size(), 59 + 8 * 32 + 1 + 64 + 64U);
    const auto decoded = decodeRoomChange(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), rename);
}

TEST(RoomChange, SignedBytesAreTheLabelAndEveryFieldButTheSignature)
{
    for (const RoomChange& change : {sampleAdd(), sampleCreate()}) {
        const Bytes encoded = encodeRoomChange(change);
        const Bytes expected =
            concat({test::toBytes("confab room change v1"), Bytes(encoded.begin(), encoded.end() - 64)});
        EXPECT_EQ(roomChangeSignedBytes(change), expected);
        // The signature itself is not signed.
        RoomChange other = change;
        other.signature.fill(0);
        EXPECT_EQ(roomChangeSignedBytes(other), roomChangeSignedBytes(change));
    }
    const Bytes signedAdd = roomChangeSignedBytes(sampleAdd());
    ASSERT_EQ(signedAdd.size(), 21 + 219 - 64U);
    EXPECT_EQ(Bytes(signedAdd.begin(), signedAdd.begin() + 21), test::toBytes("confab room change v1"));
    EXPECT_EQ(signedAdd[21], 0x01);    // the version follows the label
    EXPECT_EQ(signedAdd.back(), 0xbf); // the member's last byte
    // Every field is covered.
    RoomChange moved = sampleAdd();
    moved.member[31] ^= 1;
    EXPECT_NE(roomChangeSignedBytes(moved), signedAdd);
    moved = sampleAdd();
    moved.parents[0][0] ^= 1;
    EXPECT_NE(roomChangeSignedBytes(moved), signedAdd);
    moved = sampleAdd();
    moved.timestampMs += 1;
    EXPECT_NE(roomChangeSignedBytes(moved), signedAdd);
}

TEST(RoomChange, EveryCutIsTruncated)
{
    RoomChange rename = sampleCreate();
    rename.kind = RoomChangeKind::Rename;
    rename.parents = {arrayOf<kRoomChangeHashSize>(1)};
    for (const Bytes& full : {kAddBytes, kCreateBytes, encodeRoomChange(rename)}) {
        for (std::size_t size = 0; size < full.size(); ++size) {
            EXPECT_EQ(decodeError(ByteView(full.data(), size)), Error::Truncated) << "cut at " << size;
        }
    }
}

TEST(RoomChange, UnsupportedVersion)
{
    for (const std::uint8_t version : std::initializer_list<std::uint8_t>{0, 2, 255}) {
        Bytes bytes = kAddBytes;
        bytes[0] = version;
        EXPECT_EQ(decodeError(bytes), Error::UnsupportedVersion) << int{version};
    }
    EXPECT_EQ(decodeError(hex("02")), Error::UnsupportedVersion);
}

TEST(RoomChange, UnknownKind)
{
    for (const std::uint8_t kind : std::initializer_list<std::uint8_t>{0, 6, 255}) {
        Bytes bytes = kAddBytes;
        bytes[1] = kind;
        EXPECT_EQ(decodeError(bytes), Error::UnknownKind) << int{kind};
    }
    EXPECT_EQ(decodeError(hex("01 06")), Error::UnknownKind);
}

TEST(RoomChange, ParentCounts)
{
    const Bytes member(32, 0x55);
    const Bytes name = nameBody(test::toBytes("r"));
    // A Create has none.
    EXPECT_TRUE(decodeRoomChange(concat({head(1, 0), name, kSignature})).ok());
    EXPECT_EQ(decodeError(concat({head(1, 1), name, kSignature})), Error::BadParents);
    for (const std::uint8_t kind : std::initializer_list<std::uint8_t>{2, 3, 4}) {
        EXPECT_EQ(decodeError(concat({head(kind, 0), member, kSignature})), Error::BadParents) << int{kind};
        EXPECT_TRUE(decodeRoomChange(concat({head(kind, 1), member, kSignature})).ok()) << int{kind};
        EXPECT_TRUE(decodeRoomChange(concat({head(kind, 8), member, kSignature})).ok()) << int{kind};
        EXPECT_EQ(decodeError(concat({head(kind, 9), member, kSignature})), Error::BadParents) << int{kind};
    }
    EXPECT_EQ(decodeError(concat({head(5, 0), name, kSignature})), Error::BadParents);
    EXPECT_TRUE(decodeRoomChange(concat({head(5, 8), name, kSignature})).ok());
    EXPECT_EQ(decodeError(concat({head(5, 9), name, kSignature})), Error::BadParents);
    // Refused before the parents' bytes are looked for.
    EXPECT_EQ(decodeError(head(2, 0)), Error::BadParents);
    const Bytes nine = head(2, 9);
    EXPECT_EQ(decodeError(ByteView(nine.data(), 59)), Error::BadParents);
    const Bytes one = head(1, 1);
    EXPECT_EQ(decodeError(ByteView(one.data(), 59)), Error::BadParents);
}

TEST(RoomChange, NameLengths)
{
    for (const std::uint8_t kind : std::initializer_list<std::uint8_t>{1, 5}) {
        const Bytes start = head(kind, kind == 1 ? std::size_t{0} : std::size_t{1});
        // Empty.
        EXPECT_EQ(decodeError(concat({start, hex("00"), kSignature})), Error::BadName) << int{kind};
        // 64 bytes is the most.
        const auto longest = decodeRoomChange(concat({start, nameBody(Bytes(64, 'n')), kSignature}));
        ASSERT_TRUE(longest.ok()) << toString(longest.error());
        EXPECT_EQ(longest.value().name, std::string(64, 'n'));
        EXPECT_EQ(decodeError(concat({start, nameBody(Bytes(65, 'n')), kSignature})), Error::BadName);
        EXPECT_EQ(decodeError(concat({start, nameBody(Bytes(255, 'n')), kSignature})), Error::BadName);
        // Refused before its bytes are looked for.
        EXPECT_EQ(decodeError(concat({start, hex("41")})), Error::BadName);
        EXPECT_EQ(decodeError(concat({start, hex("00")})), Error::BadName);
        // One byte is enough.
        EXPECT_TRUE(decodeRoomChange(concat({start, nameBody(Bytes{'x'}), kSignature})).ok());
    }
}

TEST(RoomChange, NameThatIsNotUtf8)
{
    for (const Bytes& name : {hex("c0af"), hex("ff"), hex("eda080"), hex("e282"), hex("f4908080"), hex("80"),
                              concat({test::toBytes("ok"), hex("c3")})}) {
        EXPECT_EQ(decodeError(concat({head(1, 0), nameBody(name), kSignature})), Error::BadName);
        EXPECT_EQ(decodeError(concat({head(5, 2), nameBody(name), kSignature})), Error::BadName);
    }
}

TEST(RoomChange, NameWithControlCharacters)
{
    for (const Bytes& name : {hex("00"), hex("0a"), hex("1f"), hex("7f"), hex("c280"), hex("c29f"),
                              concat({test::toBytes("a"), hex("09"), test::toBytes("b")}),
                              concat({test::toBytes("tail"), hex("c285")})}) {
        EXPECT_EQ(decodeError(concat({head(1, 0), nameBody(name), kSignature})), Error::BadName);
        EXPECT_EQ(decodeError(concat({head(5, 1), nameBody(name), kSignature})), Error::BadName);
    }
    // Just outside the control ranges: space, '~', U+00A0, and a 0x80..0x9f
    // continuation byte of another character.
    for (const Bytes& name :
         {hex("20"), hex("7e"), hex("c2a0"), hex("c3bf"), hex("e28094"), hex("f09f9880")}) {
        const auto decoded = decodeRoomChange(concat({head(1, 0), nameBody(name), kSignature}));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value().name, std::string(name.begin(), name.end()));
    }
}

TEST(RoomChange, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({kAddBytes, hex("00")})), Error::TrailingBytes);
    EXPECT_EQ(decodeError(concat({kCreateBytes, kSignature})), Error::TrailingBytes);
}

TEST(RoomChange, LongNameIsCutTheSameWayForSigningAndSending)
{
    RoomChange change = sampleCreate();
    // 63 ASCII bytes, then a 3-byte character across the 64-byte limit.
    change.name = std::string(63, 'a') + "\xe2\x82\xac" + "tail";
    const auto decoded = decodeRoomChange(encodeRoomChange(change));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value().name, std::string(63, 'a'));
    EXPECT_EQ(roomChangeSignedBytes(decoded.value()), roomChangeSignedBytes(change));
}

TEST(RoomChange, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {Error::Truncated, Error::UnsupportedVersion, Error::UnknownKind,
                             Error::BadParents, Error::BadName, Error::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_FALSE(std::string(text).empty());
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
