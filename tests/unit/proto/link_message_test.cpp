#include "proto/envelope.h"
#include "proto/link_message.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

LinkMessageError decodeError(ByteView bytes)
{
    const auto result = decodeLinkMessage(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? LinkMessageError::Empty : result.error();
}

TEST(LinkMessage, EncodesGoldenBytes)
{
    EXPECT_EQ(encodePing(LinkMessageType::Ping, 0x0102030405060708), hex("02 0102030405060708"));
    EXPECT_EQ(encodePing(LinkMessageType::Pong, 0xfffffffffffffffe), hex("03 fffffffffffffffe"));
    EXPECT_EQ(encodeGoodbye(GoodbyeReason::Shutdown), hex("04 01"));
    EXPECT_EQ(encodeGoodbye(GoodbyeReason::DuplicateLink), hex("04 02"));
    EXPECT_EQ(encodeGoodbye(GoodbyeReason::ProtocolError), hex("04 03"));
    EXPECT_EQ(encodeLinkMessage(LinkMessageType::Envelope, hex("aabb")), hex("01 aabb"));
    EXPECT_EQ(encodeLinkMessage(LinkMessageType::Ping, hex("0000000000000000")), hex("02 0000000000000000"));
}

TEST(LinkMessage, DecodesEachType)
{
    const struct {
        Bytes bytes;
        LinkMessageType type;
        Bytes body;
    } cases[] = {
        {hex("01 aa"), LinkMessageType::Envelope, hex("aa")},
        {hex("02 0102030405060708"), LinkMessageType::Ping, hex("0102030405060708")},
        {hex("03 0000000000000000"), LinkMessageType::Pong, hex("0000000000000000")},
        {hex("04 02"), LinkMessageType::Goodbye, hex("02")},
        {hex("07 01aa"), LinkMessageType::RelayEnvelope, hex("01aa")},
        {hex("08 01"), LinkMessageType::Reachability, hex("01")},
        {hex("09 0102"), LinkMessageType::RelayCustody, hex("0102")},
    };
    for (const auto& c : cases) {
        const auto decoded = decodeLinkMessage(c.bytes);
        ASSERT_TRUE(decoded.ok());
        EXPECT_EQ(decoded.value().type, c.type);
        EXPECT_EQ(decoded.value().body, c.body);
    }
}

TEST(LinkMessage, CarriesAnEnvelope)
{
    Envelope envelope;
    envelope.id = *MessageId::fromBytes(test::sequence(1, 16));
    envelope.sender = *PeerId::fromBytes(test::sequence(2, 20));
    envelope.recipient = *PeerId::fromBytes(test::sequence(3, 20));
    envelope.body = test::toBytes("hello");
    const Bytes envelopeBytes = encodeEnvelope(envelope);
    const auto message = decodeLinkMessage(encodeLinkMessage(LinkMessageType::Envelope, envelopeBytes));
    ASSERT_TRUE(message.ok());
    EXPECT_EQ(message.value().body, envelopeBytes);
    const auto inner = decodeEnvelope(message.value().body);
    ASSERT_TRUE(inner.ok());
    EXPECT_EQ(inner.value(), envelope);
}

TEST(LinkMessage, Empty)
{
    EXPECT_EQ(decodeError({}), LinkMessageError::Empty);
}

TEST(LinkMessage, UnknownType)
{
    EXPECT_EQ(decodeError(hex("00")), LinkMessageError::UnknownType);
    EXPECT_EQ(decodeError(hex("0d 01")), LinkMessageError::UnknownType);
    EXPECT_EQ(decodeError(hex("7f 0102030405060708")), LinkMessageError::UnknownType);
    EXPECT_EQ(decodeError(hex("ff 01")), LinkMessageError::UnknownType);
}

TEST(LinkMessage, BadBody)
{
    EXPECT_EQ(decodeError(hex("01")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("02")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("02 01020304050607")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("02 010203040506070809")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("03")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("03 01020304050607")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("03 010203040506070809")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("04")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("04 0101")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("04 00")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("04 04")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("04 ff")), LinkMessageError::BadBody);
    // The relay types' bodies are judged by their decoders, but are never empty.
    EXPECT_EQ(decodeError(hex("07")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("08")), LinkMessageError::BadBody);
    EXPECT_EQ(decodeError(hex("09")), LinkMessageError::BadBody);
}

TEST(LinkMessage, RoundTripsPingTokens)
{
    for (const std::uint64_t token : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{0x8000000000000000},
                                      std::uint64_t{0xffffffffffffffff}}) {
        for (const auto type : {LinkMessageType::Ping, LinkMessageType::Pong}) {
            const auto decoded = decodeLinkMessage(encodePing(type, token));
            ASSERT_TRUE(decoded.ok());
            EXPECT_EQ(decoded.value().type, type);
            ASSERT_EQ(decoded.value().body.size(), 8U);
            std::uint64_t echoed = 0;
            for (const std::uint8_t b : decoded.value().body) {
                echoed = (echoed << 8) | b;
            }
            EXPECT_EQ(echoed, token);
        }
    }
}

} // namespace
} // namespace confab::proto
