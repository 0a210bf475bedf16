#include "proto/limits.h"
#include "proto/relay_envelope.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = RelayEnvelopeError;
using test::concat;
using test::hex;

template <typename Id> Id idOf(const Bytes& bytes)
{
    return *Id::fromBytes(bytes);
}

// The example of docs/PROTOCOL.md ("Relayed envelope"): routing id 10..1f,
// recipient c0..d3, hop limit 7, sealed at 1700000000000 for 24 h, 512 bytes.
RelayEnvelope sampleEnvelope()
{
    RelayEnvelope envelope;
    envelope.header.routingId = idOf<MessageId>(test::sequence(0x10, 16));
    envelope.header.recipient = idOf<PeerId>(test::sequence(0xc0, 20));
    envelope.header.hopLimit = 7;
    envelope.header.expiresMs = 1700086400000;
    envelope.sealed = test::sequence(0x55, 512);
    return envelope;
}

const Bytes kSampleHeader = hex("01"                                       // version
                                "00"                                       // flags: none
                                "101112131415161718191a1b1c1d1e1f"         // routing id
                                "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3" // recipient
                                "07"                                       // hop limit
                                "0000018bd50bc400"                         // expires ms
                                "00000200");                               // sealed length 512

RelayEnvelope sampleReceipt()
{
    RelayEnvelope envelope = sampleEnvelope();
    envelope.header.acknowledges = idOf<MessageId>(test::sequence(0x80, 16));
    envelope.header.hopLimit = 3;
    return envelope;
}

const Bytes kReceiptHeader = concat({hex("01 01"), test::sequence(0x10, 16), test::sequence(0xc0, 20),
                                     hex("03 0000018bd50bc400"), test::sequence(0x80, 16), hex("00000200")});

Bytes sampleBytes()
{
    return concat({kSampleHeader, test::sequence(0x55, 512)});
}

Bytes withByte(Bytes bytes, std::size_t offset, std::uint8_t value)
{
    bytes.at(offset) = value;
    return bytes;
}

// The sample with its sealed length field (offset 47) replaced; `sealed` bytes follow.
Bytes withSealedLength(std::uint32_t length, std::size_t sealed)
{
    return concat({Bytes(kSampleHeader.begin(), kSampleHeader.begin() + 47),
                   Bytes{static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
                         static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)},
                   Bytes(sealed, 0xaa)});
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeRelayEnvelope(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::BadCount : result.error();
}

TEST(RelayEnvelope, HeaderSizesMatchTheLayout)
{
    EXPECT_EQ(kSampleHeader.size(), 51U);
    EXPECT_EQ(kReceiptHeader.size(), 67U);
    // The largest relayed envelope, as a link message, fits in one frame.
    EXPECT_LE(1 + 67 + kSealedSizeClasses.back(), kMaxLinkMessageSize);
}

TEST(RelayEnvelope, EncodesTheDocumentedExample)
{
    EXPECT_EQ(encodeRelayEnvelope(sampleEnvelope()), sampleBytes());
}

TEST(RelayEnvelope, DecodesTheDocumentedExample)
{
    const auto decoded = decodeRelayEnvelope(sampleBytes());
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleEnvelope());
    EXPECT_FALSE(decoded.value().header.acknowledges.has_value());
}

TEST(RelayEnvelope, ReceiptCarriesTheAcknowledgedRoutingId)
{
    const Bytes bytes = concat({kReceiptHeader, test::sequence(0x55, 512)});
    EXPECT_EQ(encodeRelayEnvelope(sampleReceipt()), bytes);
    const auto decoded = decodeRelayEnvelope(bytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleReceipt());
}

TEST(RelayEnvelope, RoundTripsEverySizeClassAndHopLimit)
{
    for (const std::uint32_t size : kSealedSizeClasses) {
        for (std::uint8_t hops = 1; hops <= kMaxHopLimit; ++hops) {
            for (const bool receipt : {false, true}) {
                RelayEnvelope envelope = receipt ? sampleReceipt() : sampleEnvelope();
                envelope.header.hopLimit = hops;
                envelope.header.expiresMs = 0xfedcba9876543210;
                envelope.sealed = test::sequence(static_cast<std::uint8_t>(size), size);
                const auto decoded = decodeRelayEnvelope(encodeRelayEnvelope(envelope));
                ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
                EXPECT_EQ(decoded.value(), envelope);
            }
        }
    }
}

TEST(RelayEnvelope, EveryCutIsTruncated)
{
    for (const Bytes& full : {sampleBytes(), concat({kReceiptHeader, test::sequence(0x55, 512)})}) {
        for (std::size_t size = 0; size < full.size(); ++size) {
            EXPECT_EQ(decodeError(ByteView(full.data(), size)), Error::Truncated) << "cut at " << size;
        }
    }
}

TEST(RelayEnvelope, UnsupportedVersion)
{
    for (const std::uint8_t version : std::initializer_list<std::uint8_t>{0x00, 0x02, 0x7f, 0xff}) {
        EXPECT_EQ(decodeError(withByte(sampleBytes(), 0, version)), Error::UnsupportedVersion);
    }
    // The version is judged first, as soon as it is there.
    EXPECT_EQ(decodeError(hex("02 ff")), Error::UnsupportedVersion);
}

TEST(RelayEnvelope, UnknownFlags)
{
    for (const std::uint8_t flags : std::initializer_list<std::uint8_t>{0x04, 0x07, 0x80, 0xff}) {
        EXPECT_EQ(decodeError(withByte(sampleBytes(), 1, flags)), Error::UnknownFlags);
    }
    EXPECT_EQ(decodeError(hex("01 04")), Error::UnknownFlags);
}

TEST(RelayEnvelope, FloodFlagIsBitTwoOfTheFlags)
{
    RelayEnvelope flooded = sampleEnvelope();
    flooded.header.flood = true;
    const Bytes encoded = encodeRelayEnvelope(flooded);
    EXPECT_EQ(encoded, withByte(sampleBytes(), 1, 0x02));
    const auto decoded = decodeRelayEnvelope(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), flooded);

    // With a receipt's flag too.
    RelayEnvelope receipt = sampleReceipt();
    receipt.header.flood = true;
    const Bytes receiptBytes = encodeRelayEnvelope(receipt);
    EXPECT_EQ(receiptBytes.at(1), 0x03);
    const auto decodedReceipt = decodeRelayEnvelope(receiptBytes);
    ASSERT_TRUE(decodedReceipt.ok()) << toString(decodedReceipt.error());
    EXPECT_EQ(decodedReceipt.value(), receipt);
}

TEST(RelayEnvelope, HopLimitOutsideOneToSeven)
{
    for (const std::uint8_t hops : std::initializer_list<std::uint8_t>{0x00, 0x08, 0x09, 0x80, 0xff}) {
        EXPECT_EQ(decodeError(withByte(sampleBytes(), 38, hops)), Error::BadHopLimit) << int{hops};
    }
    // Judged before the rest is looked for.
    const Bytes bad = withByte(sampleBytes(), 38, 8);
    EXPECT_EQ(decodeError(ByteView(bad.data(), 47)), Error::BadHopLimit);
}

TEST(RelayEnvelope, SealedLengthMustBeASizeClass)
{
    for (const std::uint32_t length : {0U, 1U, 96U, 511U, 513U, 2047U, 4096U, 65279U, 65281U, 65535U}) {
        EXPECT_EQ(decodeError(withSealedLength(length, length)), Error::BadSealedSize) << length;
    }
    // An oversized length is refused without looking for its bytes.
    EXPECT_EQ(decodeError(withSealedLength(0xffffffff, 0)), Error::BadSealedSize);
    EXPECT_EQ(decodeError(withSealedLength(0x80000200, 512)), Error::BadSealedSize);
    // A size class with too few bytes is merely truncated.
    EXPECT_EQ(decodeError(withSealedLength(65280, 65279)), Error::Truncated);
    EXPECT_TRUE(decodeRelayEnvelope(withSealedLength(65280, 65280)).ok());
}

TEST(RelayEnvelope, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({sampleBytes(), hex("00")})), Error::TrailingBytes);
    EXPECT_EQ(decodeError(withSealedLength(512, 2048)), Error::TrailingBytes);
}

TEST(RelayEnvelope, SizeClassIsTheSmallestThatHolds)
{
    EXPECT_EQ(sealedSizeClass(0), 512U);
    EXPECT_EQ(sealedSizeClass(512), 512U);
    EXPECT_EQ(sealedSizeClass(513), 2048U);
    EXPECT_EQ(sealedSizeClass(2048), 2048U);
    EXPECT_EQ(sealedSizeClass(8193), 32768U);
    EXPECT_EQ(sealedSizeClass(65280), 65280U);
    EXPECT_FALSE(sealedSizeClass(65281).has_value());
}

TEST(RelayEnvelope, PrologueMatchesTheDocumentation)
{
    const Bytes expected = concat({test::toBytes("confab relayed envelope v1"), test::sequence(0x10, 16),
                                   test::sequence(0xc0, 20), hex("0000018bd50bc400 00")});
    EXPECT_EQ(expected.size(), 71U);
    EXPECT_EQ(relayPrologue(sampleEnvelope().header), expected);
    const Bytes receipt =
        concat({test::toBytes("confab relayed envelope v1"), test::sequence(0x10, 16),
                test::sequence(0xc0, 20), hex("0000018bd50bc400 01"), test::sequence(0x80, 16)});
    EXPECT_EQ(relayPrologue(sampleReceipt().header), receipt);
}

TEST(RelayEnvelope, PrologueCoversEverythingButTheHopLimitAndTheFloodFlag)
{
    const RelayHeader header = sampleReceipt().header;
    const Bytes prologue = relayPrologue(header);

    RelayHeader lowered = header;
    lowered.hopLimit = 1;
    EXPECT_EQ(relayPrologue(lowered), prologue);
    RelayHeader flooded = header;
    flooded.flood = true;
    EXPECT_EQ(relayPrologue(flooded), prologue);

    RelayHeader changed = header;
    changed.routingId = idOf<MessageId>(test::sequence(0x11, 16));
    EXPECT_NE(relayPrologue(changed), prologue);
    changed = header;
    changed.recipient = idOf<PeerId>(test::sequence(0xc1, 20));
    EXPECT_NE(relayPrologue(changed), prologue);
    changed = header;
    changed.expiresMs += 1;
    EXPECT_NE(relayPrologue(changed), prologue);
    changed = header;
    changed.acknowledges = idOf<MessageId>(test::sequence(0x81, 16));
    EXPECT_NE(relayPrologue(changed), prologue);
    changed = header;
    changed.acknowledges.reset();
    EXPECT_NE(relayPrologue(changed), prologue);
}

TEST(RelayCustody, RoundTrips)
{
    std::vector<MessageId> ids;
    for (std::size_t count = 1; count <= kMaxCustodyIds; count += 21) {
        ids.clear();
        for (std::size_t i = 0; i < count; ++i) {
            ids.push_back(idOf<MessageId>(test::sequence(static_cast<std::uint8_t>(i), 16)));
        }
        const Bytes encoded = encodeRelayCustody(ids);
        EXPECT_EQ(encoded.size(), 1 + 16 * count);
        const auto decoded = decodeRelayCustody(encoded);
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), ids);
    }
    EXPECT_EQ(encodeRelayCustody({idOf<MessageId>(test::sequence(0x10, 16))}),
              concat({hex("01"), test::sequence(0x10, 16)}));
}

TEST(RelayCustody, EncoderKeepsTheFirst64)
{
    std::vector<MessageId> ids(kMaxCustodyIds + 5, idOf<MessageId>(test::sequence(1, 16)));
    const auto decoded = decodeRelayCustody(encodeRelayCustody(ids));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().size(), kMaxCustodyIds);
}

TEST(RelayCustody, MalformedIsRefused)
{
    const auto error = [](const Bytes& bytes) {
        const auto result = decodeRelayCustody(bytes);
        EXPECT_FALSE(result.ok());
        return result.ok() ? Error::UnsupportedVersion : result.error();
    };
    EXPECT_EQ(error({}), Error::Truncated);
    EXPECT_EQ(error(hex("00")), Error::BadCount);
    EXPECT_EQ(error(concat({hex("41"), Bytes(std::size_t{65} * 16, 1)})), Error::BadCount);
    EXPECT_EQ(error(hex("ff")), Error::BadCount);
    EXPECT_EQ(error(concat({hex("02"), Bytes(31, 1)})), Error::Truncated);
    EXPECT_EQ(error(concat({hex("01"), Bytes(17, 1)})), Error::TrailingBytes);
    const Bytes full = concat({hex("03"), Bytes(48, 7)});
    for (std::size_t size = 1; size < full.size(); ++size) {
        EXPECT_EQ(error(Bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size))),
                  Error::Truncated);
    }
}

TEST(RelayEnvelope, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error :
         {Error::Truncated, Error::UnsupportedVersion, Error::UnknownFlags, Error::BadHopLimit,
          Error::BadSealedSize, Error::BadCount, Error::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
