#include "proto/call_signal.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = CallSignalError;
using test::concat;
using test::hex;
using test::sequence;

const Bytes kCallIdBytes = hex("000102030405060708090a0b0c0d0e0f");
const Bytes kSecretField = concat({hex("01 0020"), Bytes(32, 0x5a)});
const Bytes kReceiveTagField = hex("02 0004 01020304");
const Bytes kCodecField = hex("03 0006 01 14 00007d00"); // Opus, 20 ms, 32000 bit/s
const Bytes kSetupFields = concat({kSecretField, kReceiveTagField, kCodecField});

CallId sampleCallId()
{
    CallId id{};
    for (std::size_t i = 0; i < id.size(); ++i) {
        id[i] = static_cast<std::uint8_t>(i);
    }
    return id;
}

CallSignal sampleInvite()
{
    CallSignal signal;
    signal.kind = CallSignalKind::Invite;
    signal.callId = sampleCallId();
    signal.secret.emplace();
    signal.secret->fill(0x5a);
    signal.receiveTag = 0x01020304;
    signal.codec = CallCodec{1, 20, 32000};
    return signal;
}

CallSignal bare(CallSignalKind kind)
{
    CallSignal signal;
    signal.kind = kind;
    signal.callId = sampleCallId();
    return signal;
}

Bytes header(std::uint8_t kind)
{
    return concat({Bytes{kind}, kCallIdBytes});
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeCallSignal(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

TEST(CallSignal, EncodesInviteGoldenBytes)
{
    EXPECT_EQ(encodeCallSignal(sampleInvite()), concat({header(0x01), kSetupFields}));
}

TEST(CallSignal, EncodesAcceptGoldenBytes)
{
    CallSignal accept = sampleInvite();
    accept.kind = CallSignalKind::Accept;
    accept.secret->fill(0xa5);
    accept.receiveTag = 0xfffffffe;
    accept.codec = CallCodec{1, 10, 510000};
    EXPECT_EQ(encodeCallSignal(accept), concat({header(0x03), hex("01 0020"), Bytes(32, 0xa5),
                                                hex("02 0004 fffffffe"), hex("03 0006 01 0a 0007c830")}));
}

TEST(CallSignal, EncodesBareKindsAsKindAndCallId)
{
    const struct {
        CallSignalKind kind;
        std::uint8_t code;
    } cases[] = {{CallSignalKind::Ringing, 2}, {CallSignalKind::Decline, 4}, {CallSignalKind::Busy, 5},
                 {CallSignalKind::Cancel, 6},  {CallSignalKind::Hangup, 7},  {CallSignalKind::Timeout, 8}};
    for (const auto& c : cases) {
        EXPECT_EQ(encodeCallSignal(bare(c.kind)), header(c.code)) << toString(c.kind);
    }
}

TEST(CallSignal, DecodesGoldenBytes)
{
    const auto decoded = decodeCallSignal(concat({header(0x01), kSetupFields}));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleInvite());

    const auto hangup = decodeCallSignal(header(0x07));
    ASSERT_TRUE(hangup.ok()) << toString(hangup.error());
    EXPECT_EQ(hangup.value(), bare(CallSignalKind::Hangup));
}

TEST(CallSignal, RoundTripsEveryKind)
{
    for (std::uint8_t code = 1; code <= 8; ++code) {
        const auto kind = static_cast<CallSignalKind>(code);
        CallSignal signal = carriesMediaSetup(kind) ? sampleInvite() : bare(kind);
        signal.kind = kind;
        signal.callId[15] = code;
        const Bytes encoded = encodeCallSignal(signal);
        EXPECT_LE(encoded.size(), kMaxCallSignalBytes);
        const auto decoded = decodeCallSignal(encoded);
        ASSERT_TRUE(decoded.ok()) << toString(kind) << ": " << toString(decoded.error());
        EXPECT_EQ(decoded.value(), signal) << toString(kind);
    }
}

TEST(CallSignal, AcceptsFieldsInAnyOrder)
{
    const auto decoded =
        decodeCallSignal(concat({header(0x01), kCodecField, kSecretField, kReceiveTagField}));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleInvite());
}

TEST(CallSignal, SkipsUnknownFieldsEvenRepeated)
{
    const Bytes unknown = hex("09 0003 aabbcc");
    const auto invite =
        decodeCallSignal(concat({header(0x01), unknown, kSetupFields, unknown, hex("ff 0000")}));
    ASSERT_TRUE(invite.ok()) << toString(invite.error());
    EXPECT_EQ(invite.value(), sampleInvite());

    // A later version may add fields to any kind.
    const auto hangup = decodeCallSignal(concat({header(0x07), unknown}));
    ASSERT_TRUE(hangup.ok()) << toString(hangup.error());
    EXPECT_EQ(hangup.value(), bare(CallSignalKind::Hangup));
}

TEST(CallSignal, AcceptsCodecLimits)
{
    for (const Bytes& field : {hex("03 0006 01 0a 00001770"), hex("03 0006 01 14 0007c830")}) {
        const auto decoded = decodeCallSignal(concat({header(0x01), kSecretField, kReceiveTagField, field}));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    }
}

TEST(CallSignal, RejectsTooLarge)
{
    // Padding with an unknown field: 256 bytes decode, 257 do not.
    const Bytes base = concat({header(0x07), hex("09")});
    const std::size_t room = kMaxCallSignalBytes - base.size() - 2;
    const Bytes fits = concat({base, hex("00"), Bytes{static_cast<std::uint8_t>(room)}, Bytes(room, 0)});
    ASSERT_EQ(fits.size(), kMaxCallSignalBytes);
    EXPECT_TRUE(decodeCallSignal(fits).ok());
    const Bytes over =
        concat({base, hex("00"), Bytes{static_cast<std::uint8_t>(room + 1)}, Bytes(room + 1, 0)});
    ASSERT_EQ(over.size(), kMaxCallSignalBytes + 1);
    EXPECT_EQ(decodeError(over), Error::TooLarge);
}

TEST(CallSignal, RejectsTruncated)
{
    EXPECT_EQ(decodeError({}), Error::Truncated);
    EXPECT_EQ(decodeError(hex("07")), Error::Truncated);
    EXPECT_EQ(decodeError(concat({hex("07"), sequence(0, 15)})), Error::Truncated);
    EXPECT_EQ(decodeError(concat({header(0x07), hex("09 00")})), Error::Truncated);
    EXPECT_EQ(decodeError(concat({header(0x07), hex("09 0003 aabb")})), Error::Truncated);
    const Bytes invite = concat({header(0x01), kSetupFields});
    EXPECT_EQ(decodeError(ByteView(invite).first(invite.size() - 1)), Error::Truncated);
}

TEST(CallSignal, RejectsUnknownKind)
{
    for (const std::uint8_t code : std::initializer_list<std::uint8_t>{0x00, 0x09, 0xff}) {
        EXPECT_EQ(decodeError(header(code)), Error::UnknownKind) << int{code};
    }
    // The kind is checked before the call id is read.
    EXPECT_EQ(decodeError(hex("00")), Error::UnknownKind);
}

TEST(CallSignal, RejectsDuplicateField)
{
    EXPECT_EQ(decodeError(concat({header(0x01), kSetupFields, hex("02 0004 00000001")})),
              Error::DuplicateField);
    // Fields are processed in order: the duplicate comes before the truncation.
    EXPECT_EQ(decodeError(concat({header(0x01), kSecretField, kSecretField, hex("02 00")})),
              Error::DuplicateField);
}

TEST(CallSignal, RejectsMissingField)
{
    EXPECT_EQ(decodeError(header(0x01)), Error::MissingField);
    EXPECT_EQ(decodeError(concat({header(0x01), kSecretField, kReceiveTagField})), Error::MissingField);
    EXPECT_EQ(decodeError(concat({header(0x03), kReceiveTagField, kCodecField})), Error::MissingField);
    EXPECT_EQ(decodeError(concat({header(0x03), kSecretField, kCodecField})), Error::MissingField);
}

TEST(CallSignal, RejectsMediaSetupFieldsOutsideInviteAndAccept)
{
    for (const std::uint8_t code : std::initializer_list<std::uint8_t>{2, 4, 5, 6, 7, 8}) {
        EXPECT_EQ(decodeError(concat({header(code), kSecretField})), Error::UnexpectedField) << int{code};
        EXPECT_EQ(decodeError(concat({header(code), kReceiveTagField})), Error::UnexpectedField) << int{code};
        EXPECT_EQ(decodeError(concat({header(code), kCodecField})), Error::UnexpectedField) << int{code};
    }
    // An encoder given such a signal writes what it was given, which a
    // receiver refuses.
    CallSignal hangup = bare(CallSignalKind::Hangup);
    hangup.secret.emplace();
    EXPECT_EQ(decodeError(encodeCallSignal(hangup)), Error::UnexpectedField);
}

TEST(CallSignal, RejectsBadFieldLength)
{
    EXPECT_EQ(decodeError(concat({header(0x01), hex("01 001f"), Bytes(31, 0x5a)})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), hex("01 0021"), Bytes(33, 0x5a)})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), hex("02 0003 010203")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), hex("02 0000")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), hex("03 0005 01 14 00007d")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), hex("03 0007 01 14 00007d00 00")})), Error::BadFieldLength);
}

TEST(CallSignal, RejectsBadCodec)
{
    for (const Bytes& field : {
             hex("03 0006 02 14 00007d00"), // not Opus
             hex("03 0006 00 14 00007d00"),
             hex("03 0006 01 04 00007d00"), // 4 ms
             hex("03 0006 01 0f 00007d00"), // 15 ms
             hex("03 0006 01 28 00007d00"), // 40 ms
             hex("03 0006 01 00 00007d00"),
             hex("03 0006 01 14 0000176f"), // 5999 bit/s
             hex("03 0006 01 14 0007c831"), // 510001 bit/s
             hex("03 0006 01 14 ffffffff"),
         }) {
        EXPECT_EQ(decodeError(concat({header(0x01), kSecretField, kReceiveTagField, field})),
                  Error::BadCodec);
    }
}

TEST(CallSignal, ValidatesCodecsLikeTheDecoder)
{
    EXPECT_TRUE(isValidCodec(CallCodec{}));
    EXPECT_TRUE(isValidCodec(CallCodec{1, 10, 6000}));
    EXPECT_FALSE(isValidCodec(CallCodec{1, 20, 5999}));
    EXPECT_FALSE(isValidCodec(CallCodec{2, 20, 32000}));
    EXPECT_FALSE(isValidCodec(CallCodec{1, 30, 32000}));
}

TEST(CallSignal, NamesEveryKindAndError)
{
    const char* const expected[] = {"invite", "ringing", "accept", "decline",
                                    "busy",   "cancel",  "hangup", "timeout"};
    for (std::uint8_t code = 1; code <= 8; ++code) {
        EXPECT_STREQ(toString(static_cast<CallSignalKind>(code)), expected[code - 1]);
    }
    std::set<std::string> messages;
    for (const Error error :
         {Error::TooLarge, Error::Truncated, Error::UnknownKind, Error::DuplicateField, Error::MissingField,
          Error::UnexpectedField, Error::BadFieldLength, Error::BadCodec}) {
        messages.insert(toString(error));
    }
    EXPECT_EQ(messages.size(), 8u);
}

TEST(CallSignal, CarriesMediaFeaturesInInviteAndAccept)
{
    CallSignal accept = sampleInvite();
    accept.kind = CallSignalKind::Accept;
    accept.mediaFeatures = static_cast<std::uint32_t>(MediaFeature::Retransmission);
    const Bytes encoded = encodeCallSignal(accept);
    EXPECT_EQ(encoded, concat({header(0x03), kSetupFields, hex("04 0004 00000001")}));
    const auto decoded = decodeCallSignal(encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), accept);
    EXPECT_TRUE(announces(decoded.value(), MediaFeature::Retransmission));
    // Absent, or without the bit (unknown bits are ignored): not announced.
    EXPECT_FALSE(announces(sampleInvite(), MediaFeature::Retransmission));
    EXPECT_FALSE(announces(decoded.value(), MediaFeature::Redundancy));
    accept.mediaFeatures = 0xfffffffeU;
    EXPECT_FALSE(announces(accept, MediaFeature::Retransmission));
    EXPECT_TRUE(announces(accept, MediaFeature::Redundancy));
}

TEST(CallSignal, RejectsMediaFeaturesOfTheWrongLengthOrKind)
{
    EXPECT_EQ(decodeError(concat({header(0x01), kSetupFields, hex("04 0001 01")})), Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x01), kSetupFields, hex("04 0005 0000000100")})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x07), hex("04 0004 00000001")})), Error::UnexpectedField);
    EXPECT_EQ(decodeError(concat({header(0x01), kSetupFields, hex("04 0004 00000001 04 0004 00000001")})),
              Error::DuplicateField);
}

TEST(CallSignal, CarriesTheRoomCallItBelongsTo)
{
    CallSignal invite = sampleInvite();
    CallGroup group;
    group.room.fill(0xaa);
    group.groupCall.fill(0xbb);
    invite.group = group;
    const Bytes encoded = encodeCallSignal(invite);
    EXPECT_EQ(encoded,
              concat({header(0x01), kSetupFields, hex("05 0020"), Bytes(16, 0xaa), Bytes(16, 0xbb)}));
    const auto decoded = decodeCallSignal(encoded);
    ASSERT_TRUE(decoded.ok());
    ASSERT_TRUE(decoded.value().group.has_value());
    EXPECT_EQ(decoded.value().group->room, group.room);
    EXPECT_EQ(decoded.value().group->groupCall, group.groupCall);
    EXPECT_FALSE(decodeCallSignal(concat({header(0x01), kSetupFields})).value().group.has_value());
}

TEST(CallSignal, RejectsAGroupOfTheWrongLengthOrKind)
{
    EXPECT_EQ(decodeError(concat({header(0x01), kSetupFields, hex("05 001f"), Bytes(31, 1)})),
              Error::BadFieldLength);
    EXPECT_EQ(decodeError(concat({header(0x07), hex("05 0020"), Bytes(32, 1)})), Error::UnexpectedField);
    EXPECT_EQ(decodeError(concat(
                  {header(0x01), kSetupFields, hex("05 0020"), Bytes(32, 1), hex("05 0020"), Bytes(32, 2)})),
              Error::DuplicateField);
}

} // namespace
} // namespace confab::proto
