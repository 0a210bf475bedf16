#include "proto/handshake_payload.h"
#include "proto/limits.h"
#include "test_util.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>

namespace confab::proto {
namespace {

using Error = HandshakePayloadError;
using test::concat;
using test::hex;

HandshakePayload samplePayload()
{
    HandshakePayload payload;
    payload.protocolVersion = 1;
    payload.peerId =
        PeerId(std::array<std::uint8_t, 20>{0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                            0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11});
    payload.identityKey.fill(0x22);
    payload.displayName = "Al";
    payload.listenPort = 8080;
    return payload;
}

const Bytes kVersionField = hex("01 0002 0001");
const Bytes kPeerIdField = concat({hex("02 0014"), Bytes(20, 0x11)});
const Bytes kIdentityKeyField = concat({hex("03 0020"), Bytes(32, 0x22)});
const Bytes kNameField = hex("04 0002 416c");
const Bytes kPortField = hex("05 0002 1f90");
const Bytes kRequiredFields = concat({kVersionField, kPeerIdField, kIdentityKeyField});

Error decodeError(ByteView bytes)
{
    const auto result = decodeHandshakePayload(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

TEST(HandshakePayload, EncodesGoldenBytes)
{
    EXPECT_EQ(encodeHandshakePayload(samplePayload()), concat({kRequiredFields, kNameField, kPortField}));
}

TEST(HandshakePayload, OmitsEmptyNameAndZeroPort)
{
    HandshakePayload payload = samplePayload();
    payload.displayName.clear();
    payload.listenPort = 0;
    EXPECT_EQ(encodeHandshakePayload(payload), kRequiredFields);
}

TEST(HandshakePayload, DecodesGoldenBytes)
{
    const auto decoded = decodeHandshakePayload(concat({kRequiredFields, kNameField, kPortField}));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), samplePayload());
}

TEST(HandshakePayload, DecodesMinimalPayload)
{
    const auto decoded = decodeHandshakePayload(kRequiredFields);
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded.value().displayName.empty());
    EXPECT_EQ(decoded.value().listenPort, 0);
}

TEST(HandshakePayload, AcceptsFieldsInAnyOrder)
{
    const auto decoded = decodeHandshakePayload(
        concat({kPortField, kIdentityKeyField, kNameField, kPeerIdField, kVersionField}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), samplePayload());
}

TEST(HandshakePayload, SkipsUnknownFields)
{
    const Bytes unknown = concat({hex("00 0000"), hex("20 0003 78797a"), hex("ff 0001 00"), hex("30 0000")});
    const auto decoded =
        decodeHandshakePayload(concat({unknown, kRequiredFields, unknown, kNameField, kPortField}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), samplePayload());
}

TEST(HandshakePayload, RoundTrips)
{
    HandshakePayload payload = samplePayload();
    payload.protocolVersion = 0xfffe;
    payload.displayName = std::string(kMaxDisplayNameBytes - 4, 'x') + "\xf0\x9f\x98\x80";
    payload.listenPort = 65535;
    payload.mediaPort = 42043;
    const auto decoded = decodeHandshakePayload(encodeHandshakePayload(payload));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), payload);
}

TEST(HandshakePayload, EncoderClampsLongNamesAtCodePointBoundary)
{
    HandshakePayload payload = samplePayload();
    payload.displayName = std::string(70, 'a');
    auto decoded = decodeHandshakePayload(encodeHandshakePayload(payload));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().displayName, std::string(kMaxDisplayNameBytes, 'a'));

    // 63 bytes + a two-byte character: the character must go entirely.
    payload.displayName = std::string(63, 'a') + "\xc3\xa9";
    decoded = decodeHandshakePayload(encodeHandshakePayload(payload));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().displayName, std::string(63, 'a'));
}

TEST(HandshakePayload, AcceptsExactlyTheSizeLimit)
{
    // Pad with an unknown field so the total is exactly the limit.
    const std::size_t padding = kMaxHandshakePayloadSize - kRequiredFields.size() - 3;
    Bytes bytes = concat({kRequiredFields,
                          hex("7f"),
                          {static_cast<std::uint8_t>(padding >> 8)},
                          {static_cast<std::uint8_t>(padding & 0xff)},
                          Bytes(padding, 0)});
    ASSERT_EQ(bytes.size(), kMaxHandshakePayloadSize);
    EXPECT_TRUE(decodeHandshakePayload(bytes).ok());
    bytes.push_back(0);
    EXPECT_EQ(decodeError(bytes), Error::TooLarge);
}

TEST(HandshakePayload, TooLarge)
{
    EXPECT_EQ(decodeError(Bytes(kMaxHandshakePayloadSize + 1, 0)), Error::TooLarge);
    EXPECT_EQ(decodeError(Bytes(100000, 0xff)), Error::TooLarge);
}

TEST(HandshakePayload, Truncated)
{
    EXPECT_EQ(decodeError(hex("01")), Error::Truncated);
    EXPECT_EQ(decodeError(hex("01 00")), Error::Truncated);
    EXPECT_EQ(decodeError(hex("01 0002")), Error::Truncated);
    EXPECT_EQ(decodeError(hex("01 0002 00")), Error::Truncated);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0005 4142")})), Error::Truncated);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("09 ffff")})), Error::Truncated);
}

TEST(HandshakePayload, EveryCutInsideAFieldIsTruncated)
{
    const Bytes full = concat({kRequiredFields, kNameField, kPortField});
    const std::set<std::size_t> boundaries = {0,
                                              kVersionField.size(),
                                              kVersionField.size() + kPeerIdField.size(),
                                              kRequiredFields.size(),
                                              kRequiredFields.size() + kNameField.size(),
                                              full.size()};
    for (std::size_t cut = 1; cut < full.size(); ++cut) {
        if (boundaries.count(cut) == 0) {
            EXPECT_EQ(decodeError(ByteView(full).first(cut)), Error::Truncated) << cut;
        }
    }
}

TEST(HandshakePayload, DuplicateField)
{
    EXPECT_EQ(decodeError(concat({kRequiredFields, kVersionField})), Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kPeerIdField, kRequiredFields})), Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, kIdentityKeyField})), Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, kNameField, kNameField})), Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, kPortField, kPortField})), Error::DuplicateField);
    // An empty name is still a field.
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0000"), kNameField})), Error::DuplicateField);
    // Unknown types may repeat.
    EXPECT_TRUE(decodeHandshakePayload(concat({kRequiredFields, hex("30 0000 30 0000")})).ok());
}

TEST(HandshakePayload, MissingField)
{
    EXPECT_EQ(decodeError({}), Error::MissingField);
    EXPECT_EQ(decodeError(concat({kPeerIdField, kIdentityKeyField})), Error::MissingField);
    EXPECT_EQ(decodeError(concat({kVersionField, kIdentityKeyField})), Error::MissingField);
    EXPECT_EQ(decodeError(concat({kVersionField, kPeerIdField, kNameField, kPortField})),
              Error::MissingField);
    EXPECT_EQ(decodeError(hex("20 0000")), Error::MissingField);
}

TEST(HandshakePayload, BadFieldLength)
{
    EXPECT_EQ(decodeError(concat({hex("01 0001 01"), kPeerIdField, kIdentityKeyField})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({hex("01 0003 000100"), kPeerIdField, kIdentityKeyField})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kVersionField, hex("02 0013"), Bytes(19, 0x11), kIdentityKeyField})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kVersionField, kPeerIdField, hex("03 0021"), Bytes(33, 0x22)})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("05 0001 1f")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("05 0000")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0041"), Bytes(65, 'a')})), Error::BadFieldLength);
}

TEST(HandshakePayload, NameOfExactlyTheLimitIsAccepted)
{
    const auto decoded = decodeHandshakePayload(concat({kRequiredFields, hex("04 0040"), Bytes(64, 'a')}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().displayName, std::string(64, 'a'));
}

TEST(HandshakePayload, BadUtf8)
{
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0002 c0af")})), Error::BadUtf8);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0001 ff")})), Error::BadUtf8);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("04 0003 eda080")})), Error::BadUtf8);
}

TEST(HandshakePayload, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {Error::TooLarge, Error::Truncated, Error::DuplicateField, Error::MissingField,
                             Error::BadFieldLength, Error::BadUtf8}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
TEST(HandshakePayload, MediaPortIsAnOptionalU16Field)
{
    HandshakePayload payload = samplePayload();
    payload.mediaPort = 0xa41b;
    const Bytes encoded = encodeHandshakePayload(payload);
    const Bytes field = hex("06 0002 a41b");
    ASSERT_GE(encoded.size(), field.size());
    EXPECT_TRUE(
        std::equal(field.begin(), field.end(), encoded.end() - static_cast<std::ptrdiff_t>(field.size())));
    EXPECT_EQ(decodeHandshakePayload(encoded).value().mediaPort, 0xa41b);

    EXPECT_EQ(decodeHandshakePayload(concat({kRequiredFields, hex("06 0001 00")})).error(),
              HandshakePayloadError::BadFieldLength);
}

TEST(HandshakePayload, CapabilitiesAreAnOptionalU32Field)
{
    HandshakePayload payload = samplePayload();
    EXPECT_EQ(encodeHandshakePayload(payload), concat({kRequiredFields, kNameField, kPortField}));
    payload.capabilities = 0x00000003;
    const Bytes encoded = encodeHandshakePayload(payload);
    EXPECT_EQ(encoded, concat({kRequiredFields, kNameField, kPortField, hex("07 0004 00000003")}));
    const auto decoded = decodeHandshakePayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), payload);

    // Unknown bits are kept for the caller to ignore; every bit position reads back.
    const auto high = decodeHandshakePayload(concat({kRequiredFields, hex("07 0004 80000101")}));
    ASSERT_TRUE(high.ok());
    EXPECT_EQ(high.value().capabilities, 0x80000101U);
    // An explicit zero is the same as no field.
    const auto zero = decodeHandshakePayload(concat({kRequiredFields, hex("07 0004 00000000")}));
    ASSERT_TRUE(zero.ok());
    EXPECT_EQ(zero.value().capabilities, 0U);
}

TEST(HandshakePayload, MalformedCapabilities)
{
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("07 0000")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("07 0002 0003")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("07 0005 0000000003")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("07 0004 00000001 07 0004 00000003")})),
              Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("07 0004 000000")})), Error::Truncated);
}

TEST(HandshakePayload, CapabilityBits)
{
    EXPECT_EQ(static_cast<std::uint32_t>(Capability::Relay), 0x1U);
    EXPECT_EQ(static_cast<std::uint32_t>(Capability::RelayCarrier), 0x2U);
    EXPECT_EQ(static_cast<std::uint32_t>(Capability::RelayFlooding), 0x4U);
    EXPECT_EQ(static_cast<std::uint32_t>(Capability::FileDrops), 0x8U);
    EXPECT_EQ(static_cast<std::uint32_t>(Capability::TransferRelay), 0x10U);
    EXPECT_TRUE(hasCapability(0x8U, Capability::FileDrops));
    EXPECT_FALSE(hasCapability(0xfU, Capability::TransferRelay));
    EXPECT_FALSE(hasCapability(0x7U, Capability::FileDrops));
    EXPECT_FALSE(hasCapability(0, Capability::Relay));
    EXPECT_TRUE(hasCapability(1, Capability::Relay));
    EXPECT_FALSE(hasCapability(1, Capability::RelayCarrier));
    EXPECT_TRUE(hasCapability(3, Capability::RelayCarrier));
    EXPECT_FALSE(hasCapability(0xfffffffcU, Capability::Relay));
}

TEST(HandshakePayload, TransferIsAnOptionalSixteenByteField)
{
    HandshakePayload payload = samplePayload();
    payload.capabilities = 0x00000008;
    payload.transferId = std::array<std::uint8_t, 16>{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                                      0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    const Bytes encoded = encodeHandshakePayload(payload);
    // Last, in ascending type order.
    EXPECT_EQ(encoded, concat({kRequiredFields, kNameField, kPortField, hex("07 0004 00000008"),
                               hex("08 0010 000102030405060708090a0b0c0d0e0f")}));
    const auto decoded = decodeHandshakePayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), payload);

    // Absent on a link, and then not written at all.
    payload.transferId.reset();
    EXPECT_EQ(encodeHandshakePayload(payload),
              concat({kRequiredFields, kNameField, kPortField, hex("07 0004 00000008")}));
    const auto link = decodeHandshakePayload(kRequiredFields);
    ASSERT_TRUE(link.ok());
    EXPECT_FALSE(link.value().transferId);

    // Anywhere in the payload.
    const auto first = decodeHandshakePayload(concat({hex("08 0010"), Bytes(16, 0xab), kRequiredFields}));
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first.value().transferId);
    EXPECT_EQ(Bytes(first.value().transferId->begin(), first.value().transferId->end()), Bytes(16, 0xab));
}

TEST(HandshakePayload, MalformedTransfer)
{
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("08 0000")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("08 000f"), Bytes(15, 1)})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("08 0011"), Bytes(17, 1)})), Error::BadFieldLength);
    EXPECT_EQ(
        decodeError(concat({kRequiredFields, hex("08 0010"), Bytes(16, 1), hex("08 0010"), Bytes(16, 2)})),
        Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("08 0010"), Bytes(15, 1)})), Error::Truncated);
}

TEST(HandshakePayload, ForwardToNamesThePeerARelayPassesTheConnectionTo)
{
    HandshakePayload payload = samplePayload();
    payload.transferId = std::array<std::uint8_t, 16>{};
    payload.transferId->fill(0xab);
    std::array<std::uint8_t, PeerId::kSize> target{};
    target.fill(0x33);
    payload.forwardTo = PeerId(target);
    const Bytes encoded = encodeHandshakePayload(payload);
    // After Transfer, in ascending type order.
    EXPECT_EQ(encoded, concat({kRequiredFields, kNameField, kPortField, hex("08 0010"), Bytes(16, 0xab),
                               hex("09 0014"), Bytes(20, 0x33)}));
    const auto decoded = decodeHandshakePayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), payload);

    payload.forwardTo.reset();
    EXPECT_EQ(encodeHandshakePayload(payload),
              concat({kRequiredFields, kNameField, kPortField, hex("08 0010"), Bytes(16, 0xab)}));
    EXPECT_FALSE(decodeHandshakePayload(kRequiredFields).value().forwardTo);
}

TEST(HandshakePayload, MalformedForwardTo)
{
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("09 0000")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("09 0013"), Bytes(19, 1)})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("09 0015"), Bytes(21, 1)})), Error::BadFieldLength);
    EXPECT_EQ(
        decodeError(concat({kRequiredFields, hex("09 0014"), Bytes(20, 1), hex("09 0014"), Bytes(20, 2)})),
        Error::DuplicateField);
    EXPECT_EQ(decodeError(concat({kRequiredFields, hex("09 0014"), Bytes(19, 1)})), Error::Truncated);
}

} // namespace confab::proto
