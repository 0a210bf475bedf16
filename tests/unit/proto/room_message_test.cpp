#include "proto/limits.h"
#include "proto/room_message.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = RoomMessageError;
using ContentError = RoomContentError;
using test::concat;
using test::hex;

RoomMessage sampleMessage()
{
    RoomMessage message;
    for (std::size_t i = 0; i < message.room.size(); ++i) {
        message.room[i] = static_cast<std::uint8_t>(0x10 + i);
    }
    message.id = *MessageId::fromBytes(test::sequence(0x00, 16));
    message.sender = *PeerId::fromBytes(test::sequence(0xa0, 20));
    message.epoch = 7;
    message.keyId = 0xdeadbeef;
    message.chainIndex = 0x01020304;
    message.ciphertext = test::sequence(0x50, 20);
    for (std::size_t i = 0; i < message.signature.size(); ++i) {
        message.signature[i] = static_cast<std::uint8_t>(0xc0 + i);
    }
    return message;
}

const Bytes kSampleHeader = concat({hex("01"),                     // version
                                    test::sequence(0x10, 16),      // room
                                    test::sequence(0x00, 16),      // message id
                                    test::sequence(0xa0, 20),      // sender
                                    hex("00000007"                 // epoch
                                        "deadbeef"                 // key id
                                        "01020304")});             // chain index
const Bytes kSampleBytes = concat({kSampleHeader, hex("00000014"), // ciphertext length: 20
                                   test::sequence(0x50, 20), test::sequence(0xc0, 64)});

// The sample with a ciphertext length of `length` and `present` ciphertext bytes.
Bytes withCiphertext(std::uint32_t length, std::size_t present)
{
    return concat({kSampleHeader,
                   Bytes{static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
                         static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)},
                   Bytes(present, 0x5a), Bytes(64, 0x11)});
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeRoomMessage(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

ContentError contentError(ByteView bytes)
{
    const auto result = decodeRoomContent(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? ContentError::TrailingBytes : result.error();
}

TEST(RoomMessage, HeaderSizeMatchesLayout)
{
    EXPECT_EQ(RoomMessage::kHeaderSize, 65U);
    EXPECT_EQ(kSampleHeader.size(), 65U);
    EXPECT_EQ(kSampleBytes.size(), 65 + 4 + 20 + 64U);
}

TEST(RoomMessage, EncodesGoldenBytes)
{
    const Bytes encoded = encodeRoomMessage(sampleMessage());
    EXPECT_EQ(encoded, kSampleBytes);
    ASSERT_EQ(encoded.size(), 153U);
    EXPECT_EQ(encoded[0], 0x01);
    EXPECT_EQ(encoded[1], 0x10);  // room
    EXPECT_EQ(encoded[17], 0x00); // message id
    EXPECT_EQ(encoded[32], 0x0f);
    EXPECT_EQ(encoded[33], 0xa0); // sender
    EXPECT_EQ(encoded[52], 0xb3);
    EXPECT_EQ(encoded[56], 0x07); // epoch
    EXPECT_EQ(encoded[57], 0xde); // key id
    EXPECT_EQ(encoded[64], 0x04); // chain index
    EXPECT_EQ(encoded[68], 0x14); // ciphertext length
    EXPECT_EQ(encoded[69], 0x50); // ciphertext
    EXPECT_EQ(encoded[89], 0xc0); // signature
    EXPECT_EQ(encoded[152], 0xff);
}

TEST(RoomMessage, HeaderBytesStopBeforeTheCiphertextLength)
{
    const Bytes header = roomMessageHeaderBytes(sampleMessage());
    EXPECT_EQ(header, kSampleHeader);
    ASSERT_EQ(header.size(), RoomMessage::kHeaderSize);
    EXPECT_EQ(header[0], 0x01);
    EXPECT_EQ(header[16], 0x1f);
    EXPECT_EQ(header[53], 0x00);
    EXPECT_EQ(header[56], 0x07);
    EXPECT_EQ(header[60], 0xef);
    EXPECT_EQ(header[61], 0x01);
    EXPECT_EQ(header[64], 0x04);
    // The ciphertext and signature are not part of it.
    RoomMessage other = sampleMessage();
    other.ciphertext = Bytes(100, 0);
    other.signature.fill(0);
    EXPECT_EQ(roomMessageHeaderBytes(other), header);
    other.chainIndex += 1;
    EXPECT_NE(roomMessageHeaderBytes(other), header);
}

TEST(RoomMessage, SignedBytesAreTheLabelAndEverythingButTheSignature)
{
    const Bytes label = test::toBytes("confab room message v1");
    EXPECT_EQ(label.size(), 22U);
    const Bytes expected = concat({label, Bytes(kSampleBytes.begin(), kSampleBytes.end() - 64)});
    EXPECT_EQ(roomMessageSignedBytes(sampleMessage()), expected);
    EXPECT_EQ(expected.size(), 22 + 65 + 4 + 20U);
    RoomMessage other = sampleMessage();
    other.signature.fill(0);
    EXPECT_EQ(roomMessageSignedBytes(other), expected);
    // The ciphertext is signed.
    other.ciphertext[0] ^= 1;
    EXPECT_NE(roomMessageSignedBytes(other), expected);
}

TEST(RoomMessage, DecodesGoldenBytes)
{
    const auto decoded = decodeRoomMessage(kSampleBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleMessage());
    EXPECT_EQ(decoded.value().keyId, 0xdeadbeefU);
    EXPECT_EQ(decoded.value().chainIndex, 0x01020304U);
}

TEST(RoomMessage, RoundTripsSmallestAndLargestCiphertext)
{
    for (const std::size_t size : {kAeadTagSize, std::size_t{1000}, kMaxRoomCiphertextBytes}) {
        RoomMessage message = sampleMessage();
        message.ciphertext = test::sequence(0x33, size);
        message.epoch = 0xffffffff;
        const Bytes encoded = encodeRoomMessage(message);
        EXPECT_EQ(encoded.size(), 65 + 4 + size + 64);
        const auto decoded = decodeRoomMessage(encoded);
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), message);
    }
    EXPECT_TRUE(decodeRoomMessage(withCiphertext(40000, 40000)).ok());
    EXPECT_TRUE(decodeRoomMessage(withCiphertext(16, 16)).ok());
}

TEST(RoomMessage, CiphertextTooLarge)
{
    EXPECT_EQ(decodeError(withCiphertext(40001, 40001)), Error::TooLarge);
    // Refused before its bytes are looked for.
    EXPECT_EQ(decodeError(withCiphertext(40001, 0)), Error::TooLarge);
    EXPECT_EQ(decodeError(withCiphertext(0xffffffff, 0)), Error::TooLarge);
}

TEST(RoomMessage, CiphertextShorterThanTheTag)
{
    EXPECT_EQ(decodeError(withCiphertext(15, 15)), Error::Truncated);
    EXPECT_EQ(decodeError(withCiphertext(0, 0)), Error::Truncated);
    EXPECT_EQ(decodeError(withCiphertext(1, 1)), Error::Truncated);
}

TEST(RoomMessage, EveryCutIsTruncated)
{
    for (std::size_t size = 0; size < kSampleBytes.size(); ++size) {
        EXPECT_EQ(decodeError(ByteView(kSampleBytes.data(), size)), Error::Truncated) << "cut at " << size;
    }
}

TEST(RoomMessage, UnsupportedVersion)
{
    for (const std::uint8_t version : std::initializer_list<std::uint8_t>{0, 2, 255}) {
        Bytes bytes = kSampleBytes;
        bytes[0] = version;
        EXPECT_EQ(decodeError(bytes), Error::UnsupportedVersion) << int{version};
    }
}

TEST(RoomMessage, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({kSampleBytes, hex("00")})), Error::TrailingBytes);
    // A length shorter than the ciphertext that follows leaves bytes over.
    EXPECT_EQ(decodeError(withCiphertext(16, 17)), Error::TrailingBytes);
}

TEST(RoomMessage, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error :
         {Error::Truncated, Error::UnsupportedVersion, Error::TooLarge, Error::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

// Room content: the plaintext of a room message.

const Bytes kTextContent = hex("01"               // kind: Text
                               "0000018bcfe56800" // timestamp ms
                               "00000002"         // body length
                               "6869");           // "hi"

Bytes contentBytes(std::uint8_t kind, const Bytes& body)
{
    const auto length = static_cast<std::uint32_t>(body.size());
    return concat({Bytes{kind}, hex("0000018bcfe56800"),
                   Bytes{static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
                         static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)},
                   body});
}

TEST(RoomContent, TextGolden)
{
    const RoomContent content{RoomContentKind::Text, 1700000000000, test::toBytes("hi")};
    EXPECT_EQ(encodeRoomContent(content), kTextContent);
    const auto decoded = decodeRoomContent(kTextContent);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), content);
}

TEST(RoomContent, RoundTripsEdgeBodies)
{
    for (const Bytes& body :
         {Bytes{}, test::toBytes("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), Bytes(kMaxTextBytes, 'a')}) {
        const RoomContent content{RoomContentKind::Text, 0xffffffffffffffffU, body};
        const auto decoded = decodeRoomContent(encodeRoomContent(content));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), content);
    }
}

TEST(RoomContent, TextLimit)
{
    EXPECT_TRUE(decodeRoomContent(contentBytes(1, Bytes(kMaxTextBytes, 'a'))).ok());
    EXPECT_EQ(contentError(contentBytes(1, Bytes(kMaxTextBytes + 1, 'a'))), ContentError::TooLarge);
}

TEST(RoomContent, BodyLengthLimit)
{
    // At the limit the length is taken: the body is looked for, then judged by its kind.
    const Bytes atLimit = contentBytes(1, Bytes(kMaxEnvelopeBodySize, 'a'));
    EXPECT_EQ(contentError(atLimit), ContentError::TooLarge);
    EXPECT_EQ(contentError(ByteView(atLimit.data(), 13)), ContentError::Truncated);
    // One past it, refused before the body is looked for.
    const Bytes over = contentBytes(1, Bytes(kMaxEnvelopeBodySize + 1, 'a'));
    EXPECT_EQ(contentError(over), ContentError::TooLarge);
    EXPECT_EQ(contentError(ByteView(over.data(), 13)), ContentError::TooLarge);
    EXPECT_EQ(contentError(hex("01 0000000000000000 ffffffff")), ContentError::TooLarge);
}

TEST(RoomContent, TextThatIsNotUtf8)
{
    for (const Bytes& body : {hex("c0af"), hex("ff"), hex("eda080"), hex("e282"), hex("f4908080")}) {
        EXPECT_EQ(contentError(contentBytes(1, body)), ContentError::BadBody);
    }
}

TEST(RoomContent, UnknownKind)
{
    for (const std::uint8_t kind : std::initializer_list<std::uint8_t>{0, 2, 3, 255}) {
        EXPECT_EQ(contentError(contentBytes(kind, test::toBytes("hi"))), ContentError::UnknownKind)
            << int{kind};
    }
    EXPECT_EQ(contentError(hex("02")), ContentError::UnknownKind);
    EXPECT_EQ(contentError(hex("03")), ContentError::UnknownKind);
}

// Receipts travel pairwise (room_sync.h), not as room content: kind 2 is
// refused whatever its body, before the length is looked at.
TEST(RoomContent, KindTwoIsUnknown)
{
    const Bytes receipt = concat({hex("01 0001"), test::sequence(0x00, 16)});
    EXPECT_EQ(contentError(contentBytes(2, receipt)), ContentError::UnknownKind);
    EXPECT_EQ(contentError(contentBytes(2, {})), ContentError::UnknownKind);
    EXPECT_EQ(contentError(contentBytes(2, Bytes(kMaxEnvelopeBodySize + 1, 0))), ContentError::UnknownKind);
    EXPECT_EQ(contentError(hex("02 0000000000000000 ffffffff")), ContentError::UnknownKind);
    EXPECT_EQ(contentError(concat({contentBytes(2, receipt), hex("00")})), ContentError::UnknownKind);
    // The same bytes as Text decode: only the kind is refused.
    EXPECT_TRUE(decodeRoomContent(contentBytes(1, receipt)).ok());
}

TEST(RoomContent, EveryCutIsTruncated)
{
    const Bytes empty = contentBytes(1, {});
    const Bytes utf8 = contentBytes(1, test::toBytes("h\xc3\xa9 \xf0\x9f\x98\x80"));
    for (const Bytes& full : {kTextContent, empty, utf8}) {
        for (std::size_t size = 0; size < full.size(); ++size) {
            EXPECT_EQ(contentError(ByteView(full.data(), size)), ContentError::Truncated)
                << "cut at " << size;
        }
    }
}

TEST(RoomContent, TrailingBytes)
{
    EXPECT_EQ(contentError(concat({kTextContent, hex("00")})), ContentError::TrailingBytes);
}

TEST(RoomContent, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {ContentError::Truncated, ContentError::UnknownKind, ContentError::BadBody,
                             ContentError::TooLarge, ContentError::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
