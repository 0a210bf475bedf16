#include "proto/limits.h"
#include "proto/receipt.h"
#include "proto/room_change.h"
#include "proto/room_sync.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = RoomSyncError;
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

Bytes u16Bytes(std::size_t value)
{
    return {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

Bytes u32Bytes(std::uint32_t value)
{
    return {static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
            static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

const RoomId kRoom = arrayOf<kRoomIdSize>(0x10);

// An encoded change of `room`: a Create, or an Add naming one parent.
Bytes changeOf(const RoomId& room, RoomChangeKind kind, std::uint8_t seed)
{
    RoomChange change;
    change.kind = kind;
    change.room = room;
    change.author = arrayOf<32>(seed);
    change.timestampMs = 1700000000000 + seed;
    if (kind == RoomChangeKind::Create) {
        change.name = "room";
    } else {
        change.parents = {arrayOf<kRoomChangeHashSize>(seed)};
        change.member = arrayOf<32>(static_cast<std::uint8_t>(seed + 1));
    }
    change.signature = arrayOf<64>(seed);
    return encodeRoomChange(change);
}

Error batchError(ByteView bytes)
{
    const auto result = decodeRoomChangeBatch(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

Error keyError(ByteView bytes)
{
    const auto result = decodeRoomSenderKey(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

Error receiptError(ByteView bytes)
{
    const auto result = decodeRoomReceipt(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

Error summaryError(ByteView bytes)
{
    const auto result = decodeRoomSummary(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

// Change batches.

Bytes batchBytes(const std::vector<Bytes>& changes, std::size_t count)
{
    Bytes out = concat({test::sequence(0x10, 16), u16Bytes(count)});
    for (const Bytes& change : changes) {
        out = concat({out, u16Bytes(change.size()), change});
    }
    return out;
}

TEST(RoomChangeBatch, EncodesTheLayout)
{
    const Bytes create = changeOf(kRoom, RoomChangeKind::Create, 1);
    const Bytes add = changeOf(kRoom, RoomChangeKind::Add, 2);
    ASSERT_EQ(create.size(), 128U);
    ASSERT_EQ(add.size(), 187U);
    const RoomChangeBatch batch{kRoom, {create, add}};
    const Bytes expected =
        concat({test::sequence(0x10, 16), hex("0002"), hex("0080"), create, hex("00bb"), add});
    const Bytes encoded = encodeRoomChangeBatch(batch);
    EXPECT_EQ(encoded, expected);
    ASSERT_EQ(encoded.size(), 16 + 2 + 2 + 128 + 2 + 187U);
    EXPECT_EQ(encoded[17], 0x02);
    EXPECT_EQ(encoded[19], 0x80);
    EXPECT_EQ(encoded[20], 0x01); // the first change's version
    EXPECT_EQ(encoded[149], 0xbb);
    const auto decoded = decodeRoomChangeBatch(expected);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), batch);
}

TEST(RoomChangeBatch, CountLimits)
{
    std::vector<Bytes> changes;
    for (std::size_t i = 0; i < kMaxRoomChangesPerBatch; ++i) {
        changes.push_back(changeOf(kRoom, RoomChangeKind::Add, static_cast<std::uint8_t>(i)));
    }
    const auto largest = decodeRoomChangeBatch(batchBytes(changes, 256));
    ASSERT_TRUE(largest.ok()) << toString(largest.error());
    EXPECT_EQ(largest.value().changes, changes);
    EXPECT_EQ(decodeRoomChangeBatch(encodeRoomChangeBatch({kRoom, changes})).value().changes.size(), 256U);

    changes.push_back(changeOf(kRoom, RoomChangeKind::Add, 7));
    EXPECT_EQ(batchError(batchBytes(changes, 257)), Error::BadCount);
    // Refused before the changes are looked for.
    EXPECT_EQ(batchError(batchBytes({}, 257)), Error::BadCount);
    EXPECT_EQ(batchError(batchBytes({}, 0xffff)), Error::BadCount);
    EXPECT_EQ(batchError(batchBytes({}, 0)), Error::BadCount);
    EXPECT_EQ(batchError(batchBytes({changeOf(kRoom, RoomChangeKind::Create, 1)}, 0)), Error::BadCount);
}

TEST(RoomChangeBatch, ChangesMustDecodeAndBeOfTheRoom)
{
    const Bytes good = changeOf(kRoom, RoomChangeKind::Create, 1);
    const Bytes other = changeOf(arrayOf<kRoomIdSize>(0x11), RoomChangeKind::Add, 2);
    EXPECT_EQ(batchError(batchBytes({good, other}, 2)), Error::BadChange);
    EXPECT_EQ(batchError(batchBytes({other}, 1)), Error::BadChange);
    // Malformed: empty, cut short inside its length, extra bytes inside its length, bad version.
    EXPECT_EQ(batchError(batchBytes({Bytes{}}, 1)), Error::BadChange);
    EXPECT_EQ(batchError(batchBytes({Bytes(good.begin(), good.end() - 1)}, 1)), Error::BadChange);
    EXPECT_EQ(batchError(batchBytes({concat({good, hex("00")})}, 1)), Error::BadChange);
    Bytes badVersion = good;
    badVersion[0] = 2;
    EXPECT_EQ(batchError(batchBytes({good, badVersion}, 2)), Error::BadChange);
}

TEST(RoomChangeBatch, EveryCutIsTruncated)
{
    const Bytes full =
        batchBytes({changeOf(kRoom, RoomChangeKind::Create, 1), changeOf(kRoom, RoomChangeKind::Add, 2)}, 2);
    for (std::size_t size = 0; size < full.size(); ++size) {
        EXPECT_EQ(batchError(ByteView(full.data(), size)), Error::Truncated) << "cut at " << size;
    }
    // A count above the changes that follow.
    EXPECT_EQ(batchError(batchBytes({changeOf(kRoom, RoomChangeKind::Create, 1)}, 2)), Error::Truncated);
}

TEST(RoomChangeBatch, TrailingBytes)
{
    const Bytes create = changeOf(kRoom, RoomChangeKind::Create, 1);
    EXPECT_EQ(batchError(concat({batchBytes({create}, 1), hex("00")})), Error::TrailingBytes);
    EXPECT_EQ(batchError(batchBytes({create, create}, 1)), Error::TrailingBytes);
}

// Sender keys.

const Bytes kSenderKeyBytes = concat({test::sequence(0x10, 16),   // room
                                      hex("00000003"              // epoch
                                          "a1b2c3d4"              // key id
                                          "00000100"),            // first index
                                      test::sequence(0xe0, 32)}); // chain key

RoomSenderKey sampleSenderKey()
{
    return {kRoom, 3, 0xa1b2c3d4, 256, arrayOf<32>(0xe0)};
}

TEST(RoomSenderKey, EncodesTheLayout)
{
    EXPECT_EQ(RoomSenderKey::kSize, 60U);
    const Bytes encoded = encodeRoomSenderKey(sampleSenderKey());
    EXPECT_EQ(encoded, kSenderKeyBytes);
    ASSERT_EQ(encoded.size(), 60U);
    EXPECT_EQ(encoded[19], 0x03);
    EXPECT_EQ(encoded[20], 0xa1);
    EXPECT_EQ(encoded[26], 0x01);
    EXPECT_EQ(encoded[28], 0xe0);
    EXPECT_EQ(encoded[59], 0xff);
    const auto decoded = decodeRoomSenderKey(kSenderKeyBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleSenderKey());
}

TEST(RoomSenderKey, RoundTripsExtremes)
{
    const RoomSenderKey key{arrayOf<kRoomIdSize>(0xf8), 0xffffffff, 0, 0xfffffffe, arrayOf<32>(0x01)};
    const auto decoded = decodeRoomSenderKey(encodeRoomSenderKey(key));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), key);
}

TEST(RoomSenderKey, EveryCutIsTruncatedAndMoreIsTrailing)
{
    for (std::size_t size = 0; size < kSenderKeyBytes.size(); ++size) {
        EXPECT_EQ(keyError(ByteView(kSenderKeyBytes.data(), size)), Error::Truncated) << "cut at " << size;
    }
    EXPECT_EQ(keyError(concat({kSenderKeyBytes, hex("00")})), Error::TrailingBytes);
}

// Receipts.

const Bytes kReceiptBytes = concat({test::sequence(0x10, 16),   // room
                                    hex("02"                    // state: Read
                                        "0002"),                // id count
                                    test::sequence(0x00, 16),   // first id
                                    test::sequence(0x30, 16)}); // second id

RoomReceipt sampleReceipt()
{
    RoomReceipt receipt;
    receipt.room = kRoom;
    receipt.receipt.state = ReceiptState::Read;
    receipt.receipt.ids = {*MessageId::fromBytes(test::sequence(0x00, 16)),
                           *MessageId::fromBytes(test::sequence(0x30, 16))};
    return receipt;
}

TEST(RoomReceipt, EncodesTheLayout)
{
    const Bytes encoded = encodeRoomReceipt(sampleReceipt());
    EXPECT_EQ(encoded, kReceiptBytes);
    ASSERT_EQ(encoded.size(), 16 + 1 + 2 + 2 * 16U);
    EXPECT_EQ(encoded[0], 0x10); // room
    EXPECT_EQ(encoded[15], 0x1f);
    EXPECT_EQ(encoded[16], 0x02); // state
    EXPECT_EQ(encoded[17], 0x00); // id count
    EXPECT_EQ(encoded[18], 0x02);
    EXPECT_EQ(encoded[19], 0x00); // first id
    EXPECT_EQ(encoded[34], 0x0f);
    EXPECT_EQ(encoded[35], 0x30); // second id
    EXPECT_EQ(encoded[50], 0x3f);
    // After the room id, the receipt as receipt.h encodes it.
    EXPECT_EQ(Bytes(encoded.begin() + 16, encoded.end()), encodeReceipt(sampleReceipt().receipt));
    const auto decoded = decodeRoomReceipt(kReceiptBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleReceipt());
}

TEST(RoomReceipt, RoundTrips)
{
    RoomReceipt receipt;
    receipt.room = arrayOf<kRoomIdSize>(0xf8);
    receipt.receipt.state = ReceiptState::Delivered;
    receipt.receipt.ids = {*MessageId::fromBytes(Bytes(16, 0xff))};
    const Bytes encoded = encodeRoomReceipt(receipt);
    EXPECT_EQ(encoded.size(), 16 + 1 + 2 + 16U);
    const auto decoded = decodeRoomReceipt(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), receipt);
    EXPECT_EQ(decodeRoomReceipt(kReceiptBytes).value().room, kRoom);
}

TEST(RoomReceipt, RoundTripsTheLargestReceipt)
{
    RoomReceipt receipt;
    receipt.room = kRoom;
    for (std::size_t i = 0; i < kMaxReceiptIds; ++i) {
        receipt.receipt.ids.push_back(
            *MessageId::fromBytes(test::sequence(static_cast<std::uint8_t>(i), 16)));
    }
    const Bytes encoded = encodeRoomReceipt(receipt);
    EXPECT_EQ(encoded.size(), 16 + 1 + 2 + kMaxReceiptIds * 16);
    const auto decoded = decodeRoomReceipt(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), receipt);

    // One id more is refused.
    receipt.receipt.ids.push_back(*MessageId::fromBytes(Bytes(16, 0xee)));
    EXPECT_EQ(receiptError(encodeRoomReceipt(receipt)), Error::BadReceipt);
}

TEST(RoomReceipt, EveryCutFails)
{
    for (std::size_t size = 0; size < kReceiptBytes.size(); ++size) {
        const Error expected = size < kRoomIdSize ? Error::Truncated : Error::BadReceipt;
        EXPECT_EQ(receiptError(ByteView(kReceiptBytes.data(), size)), expected) << "cut at " << size;
    }
}

TEST(RoomReceipt, MalformedReceipt)
{
    const Bytes room = test::sequence(0x10, 16);
    const Bytes id = test::sequence(0x00, 16);
    EXPECT_TRUE(decodeRoomReceipt(concat({room, hex("01 0001"), id})).ok());
    EXPECT_EQ(receiptError(concat({room, hex("00 0001"), id})), Error::BadReceipt); // state
    EXPECT_EQ(receiptError(concat({room, hex("03 0001"), id})), Error::BadReceipt);
    EXPECT_EQ(receiptError(concat({room, hex("01 0000")})), Error::BadReceipt); // no ids
    EXPECT_EQ(receiptError(concat({room, hex("01 0401"), Bytes(std::size_t{1025} * 16, 0)})),
              Error::BadReceipt);                                                   // too many ids
    EXPECT_EQ(receiptError(concat({room, hex("01 0002"), id})), Error::BadReceipt); // an id short
}

TEST(RoomReceipt, TrailingBytesAreABadReceipt)
{
    EXPECT_EQ(receiptError(concat({kReceiptBytes, hex("00")})), Error::BadReceipt);
    // A count below the ids that follow leaves bytes over.
    Bytes fewer = kReceiptBytes;
    fewer[18] = 1;
    EXPECT_EQ(receiptError(fewer), Error::BadReceipt);
}

// Summaries.

RoomSummary sampleSummary()
{
    RoomSummary summary;
    summary.room = kRoom;
    summary.heads = {arrayOf<kRoomChangeHashSize>(0x40)};
    RoomChainHolding first;
    first.sender = *PeerId::fromBytes(test::sequence(0xa0, 20));
    first.epoch = 2;
    first.keyId = 0x01020304;
    first.contiguous = 10;
    first.extras = {12, 13, 0x10000};
    RoomChainHolding second;
    second.sender = *PeerId::fromBytes(test::sequence(0xb0, 20));
    second.epoch = 2;
    second.keyId = 9;
    second.contiguous = 0;
    summary.chains = {first, second};
    return summary;
}

const Bytes kSummaryBytes = concat({test::sequence(0x10, 16),            // room
                                    hex("01"), test::sequence(0x40, 32), // heads
                                    hex("0002"),                         // chain count
                                    test::sequence(0xa0, 20),            // sender
                                    hex("00000002"                       // epoch
                                        "01020304"                       // key id
                                        "0000000a"                       // contiguous
                                        "03"                             // extra count
                                        "0000000c 0000000d 00010000"),   // extras
                                    test::sequence(0xb0, 20), hex("00000002 00000009 00000000 00")});

// One chain: contiguous, then the extras.
Bytes summaryWith(std::uint32_t contiguous, const std::vector<std::uint32_t>& extras)
{
    Bytes out = concat({test::sequence(0x10, 16), hex("01"), Bytes(32, 0x40), hex("0001"), Bytes(20, 0xa0),
                        hex("00000001 00000002"), u32Bytes(contiguous),
                        Bytes{static_cast<std::uint8_t>(extras.size())}});
    for (const std::uint32_t index : extras) {
        out = concat({out, u32Bytes(index)});
    }
    return out;
}

TEST(RoomSummary, EncodesTheLayout)
{
    const Bytes encoded = encodeRoomSummary(sampleSummary());
    EXPECT_EQ(encoded, kSummaryBytes);
    ASSERT_EQ(encoded.size(), 16 + 1 + 32 + 2 + (33 + 12) + 33U);
    EXPECT_EQ(encoded[16], 0x01);
    EXPECT_EQ(encoded[17], 0x40);
    EXPECT_EQ(encoded[50], 0x02);
    EXPECT_EQ(encoded[51], 0xa0);
    EXPECT_EQ(encoded[82], 0x0a);
    EXPECT_EQ(encoded[83], 0x03);
    EXPECT_EQ(encoded[93], 0x01);
    EXPECT_EQ(encoded[96], 0xb0);
    EXPECT_EQ(encoded[128], 0x00);
    const auto decoded = decodeRoomSummary(kSummaryBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleSummary());
}

TEST(RoomSummary, HeadCountLimits)
{
    RoomSummary summary = sampleSummary();
    summary.heads.clear();
    for (std::size_t i = 0; i < kMaxRoomSummaryHeads; ++i) {
        summary.heads.push_back(arrayOf<kRoomChangeHashSize>(static_cast<std::uint8_t>(i)));
    }
    const Bytes largest = encodeRoomSummary(summary);
    ASSERT_EQ(largest[16], 16);
    const auto decoded = decodeRoomSummary(largest);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), summary);

    const Bytes room = test::sequence(0x10, 16);
    EXPECT_EQ(summaryError(concat({room, hex("00 0000")})), Error::BadCount);
    EXPECT_EQ(summaryError(concat({room, hex("11"), Bytes(std::size_t{17} * 32, 0), hex("0000")})),
              Error::BadCount);
    EXPECT_EQ(summaryError(concat({room, hex("11")})), Error::BadCount);
    EXPECT_EQ(summaryError(concat({room, hex("ff")})), Error::BadCount);
}

TEST(RoomSummary, ChainCountLimits)
{
    const Bytes start = concat({test::sequence(0x10, 16), hex("01"), Bytes(32, 0x40)});
    const auto none = decodeRoomSummary(concat({start, hex("0000")}));
    ASSERT_TRUE(none.ok()) << toString(none.error());
    EXPECT_TRUE(none.value().chains.empty());

    RoomSummary summary = sampleSummary();
    summary.chains.clear();
    for (std::uint32_t i = 0; i < kMaxRoomSummaryChains; ++i) {
        RoomChainHolding chain;
        chain.sender = *PeerId::fromBytes(test::sequence(static_cast<std::uint8_t>(i), 20));
        chain.keyId = i;
        chain.contiguous = i;
        chain.extras = {i + 1 + i % 3};
        summary.chains.push_back(chain);
    }
    const Bytes largest = encodeRoomSummary(summary);
    EXPECT_EQ(largest.size(), 16 + 1 + 32 + 2 + 1024 * (33 + 4U));
    const auto decoded = decodeRoomSummary(largest);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), summary);

    EXPECT_EQ(summaryError(concat({start, hex("0401"), Bytes(std::size_t{1025} * 33, 0)})), Error::BadCount);
    // Refused before the chains are looked for.
    EXPECT_EQ(summaryError(concat({start, hex("0401")})), Error::BadCount);
    EXPECT_EQ(summaryError(concat({start, hex("ffff")})), Error::BadCount);
}

TEST(RoomSummary, ExtraCountLimits)
{
    std::vector<std::uint32_t> extras;
    for (std::uint32_t i = 0; i < kMaxRoomSummaryExtras; ++i) {
        extras.push_back(100 + 2 * i);
    }
    const auto largest = decodeRoomSummary(summaryWith(50, extras));
    ASSERT_TRUE(largest.ok()) << toString(largest.error());
    EXPECT_EQ(largest.value().chains.at(0).extras, extras);

    extras.push_back(1000);
    EXPECT_EQ(summaryError(summaryWith(50, extras)), Error::BadCount);
    // Refused before the extras are looked for.
    const Bytes over = summaryWith(50, extras);
    EXPECT_EQ(summaryError(ByteView(over.data(), over.size() - std::size_t{65} * 4)), Error::BadCount);
}

TEST(RoomSummary, ExtrasMustBeAscendingAndAboveContiguous)
{
    // Just above contiguous, and the largest index.
    EXPECT_TRUE(decodeRoomSummary(summaryWith(5, {6})).ok());
    EXPECT_TRUE(decodeRoomSummary(summaryWith(0, {1, 2, 0xffffffff})).ok());
    EXPECT_TRUE(decodeRoomSummary(summaryWith(0xfffffffe, {0xffffffff})).ok());
    // Equal to contiguous would extend the contiguous run.
    EXPECT_EQ(summaryError(summaryWith(5, {5})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(5, {4})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(5, {0})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(0, {0})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(0xffffffff, {0xffffffff})), Error::BadExtras);
    // Repeated, descending, or out of order later on.
    EXPECT_EQ(summaryError(summaryWith(5, {7, 7})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(5, {9, 8})), Error::BadExtras);
    EXPECT_EQ(summaryError(summaryWith(5, {6, 8, 10, 9})), Error::BadExtras);
    // In a later chain too.
    const Bytes laterBad =
        concat({kSummaryBytes, test::sequence(0xc0, 20), hex("00000001 00000001 00000003 01 00000002")});
    Bytes counted = laterBad;
    counted[50] = 3;
    EXPECT_EQ(summaryError(counted), Error::BadExtras);
}

TEST(RoomSummary, EveryCutIsTruncated)
{
    for (std::size_t size = 0; size < kSummaryBytes.size(); ++size) {
        EXPECT_EQ(summaryError(ByteView(kSummaryBytes.data(), size)), Error::Truncated) << "cut at " << size;
    }
}

TEST(RoomSummary, TrailingBytes)
{
    EXPECT_EQ(summaryError(concat({kSummaryBytes, hex("00")})), Error::TrailingBytes);
    // A chain count below the chains that follow leaves bytes over.
    Bytes fewer = kSummaryBytes;
    fewer[50] = 1;
    EXPECT_EQ(summaryError(fewer), Error::TrailingBytes);
}

TEST(RoomSync, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {Error::Truncated, Error::BadCount, Error::BadChange, Error::BadExtras,
                             Error::BadReceipt, Error::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
