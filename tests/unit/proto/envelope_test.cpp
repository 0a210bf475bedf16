#include "proto/envelope.h"
#include "proto/file_drop.h"
#include "proto/limits.h"
#include "proto/receipt.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>

namespace confab::proto {
namespace {

using Error = EnvelopeError;
using test::concat;
using test::hex;

template <typename Id> Id idOf(const Bytes& bytes)
{
    return *Id::fromBytes(bytes);
}

// The worked example of the protocol documentation.
Envelope sampleText()
{
    Envelope envelope;
    envelope.kind = EnvelopeKind::Text;
    envelope.id = idOf<MessageId>(test::sequence(0x00, 16));
    envelope.sender = idOf<PeerId>(test::sequence(0xa0, 20));
    envelope.recipientType = RecipientType::Peer;
    envelope.recipient = idOf<PeerId>(test::sequence(0xc0, 20));
    envelope.timestampMs = 1700000000000; // 2023-11-14T22:13:20Z
    envelope.body = test::toBytes("hi");
    return envelope;
}

const Bytes kSampleTextBytes = hex("01"                                       // version
                                   "01"                                       // kind: Text
                                   "000102030405060708090a0b0c0d0e0f"         // id
                                   "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3" // sender
                                   "01"                                       // recipient type: Peer
                                   "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3" // recipient
                                   "0000018bcfe56800"                         // timestamp ms
                                   "00000002"                                 // body length
                                   "6869");                                   // body: "hi"

Bytes withByte(Bytes bytes, std::size_t offset, std::uint8_t value)
{
    bytes.at(offset) = value;
    return bytes;
}

Bytes header(std::uint8_t kind, std::uint32_t bodyLength)
{
    Bytes out = withByte(Bytes(kSampleTextBytes.begin(), kSampleTextBytes.begin() + 71), 1, kind);
    out[67] = static_cast<std::uint8_t>(bodyLength >> 24);
    out[68] = static_cast<std::uint8_t>(bodyLength >> 16);
    out[69] = static_cast<std::uint8_t>(bodyLength >> 8);
    out[70] = static_cast<std::uint8_t>(bodyLength);
    return out;
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeEnvelope(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::Truncated : result.error();
}

TEST(Envelope, HeaderSizeMatchesLayout)
{
    EXPECT_EQ(Envelope::kHeaderSize, 71U);
    EXPECT_EQ(kSampleTextBytes.size(), 73U);
}

TEST(Envelope, EncodesGoldenBytes)
{
    EXPECT_EQ(encodeEnvelope(sampleText()), kSampleTextBytes);
}

TEST(Envelope, DecodesGoldenBytes)
{
    const auto decoded = decodeEnvelope(kSampleTextBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleText());
}

TEST(Envelope, ReceiptGolden)
{
    Envelope envelope = sampleText();
    envelope.kind = EnvelopeKind::Receipt;
    envelope.recipientType = RecipientType::Group;
    envelope.timestampMs = 0xffffffffffffffff;
    envelope.body = concat({hex("01 0001"), test::sequence(0x30, 16)});
    const Bytes expected = concat({hex("01 02"), test::sequence(0x00, 16), test::sequence(0xa0, 20),
                                   hex("02"), test::sequence(0xc0, 20),
                                   hex("ffffffffffffffff 00000013 01 0001"), test::sequence(0x30, 16)});
    EXPECT_EQ(encodeEnvelope(envelope), expected);
    const auto decoded = decodeEnvelope(expected);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), envelope);
}

TEST(Envelope, RoundTripsEdgeBodies)
{
    Envelope envelope = sampleText();
    for (const Bytes& body :
         {Bytes{}, Bytes(kMaxTextBytes, 'x'), test::toBytes("\xe2\x82\xac \xf0\x9f\x98\x80"), Bytes(1, 0)}) {
        envelope.body = body;
        const auto decoded = decodeEnvelope(encodeEnvelope(envelope));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), envelope);
    }
}

TEST(Envelope, RoundTripsLargestReceipt)
{
    Receipt receipt;
    receipt.state = ReceiptState::Read;
    for (std::size_t i = 0; i < kMaxReceiptIds; ++i) {
        receipt.ids.push_back(idOf<MessageId>(test::sequence(static_cast<std::uint8_t>(i), 16)));
    }
    Envelope envelope = sampleText();
    envelope.kind = EnvelopeKind::Receipt;
    envelope.body = encodeReceipt(receipt);
    const auto decoded = decodeEnvelope(encodeEnvelope(envelope));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), envelope);
}

TEST(Envelope, EveryPrefixIsTruncated)
{
    EXPECT_EQ(decodeError({}), Error::Truncated);
    for (std::size_t cut = 1; cut < kSampleTextBytes.size(); ++cut) {
        EXPECT_EQ(decodeError(ByteView(kSampleTextBytes).first(cut)), Error::Truncated) << cut;
    }
}

TEST(Envelope, UnsupportedVersion)
{
    for (const int version : {0x00, 0x02, 0xff}) {
        EXPECT_EQ(decodeError(withByte(kSampleTextBytes, 0, static_cast<std::uint8_t>(version))),
                  Error::UnsupportedVersion);
    }
    // The version is judged before the length: a later version may be shorter.
    EXPECT_EQ(decodeError(hex("02")), Error::UnsupportedVersion);
}

TEST(Envelope, UnknownKind)
{
    EXPECT_EQ(decodeError(withByte(kSampleTextBytes, 1, 0)), Error::UnknownKind);
    EXPECT_EQ(decodeError(withByte(kSampleTextBytes, 1, 14)), Error::UnknownKind);
    EXPECT_EQ(decodeError(hex("01 ff")), Error::UnknownKind);
}

TEST(Envelope, UnknownRecipientType)
{
    EXPECT_EQ(decodeError(withByte(kSampleTextBytes, 38, 0)), Error::UnknownRecipientType);
    EXPECT_EQ(decodeError(withByte(kSampleTextBytes, 38, 3)), Error::UnknownRecipientType);
}

TEST(Envelope, BodyTooLarge)
{
    // The declared length alone is enough; no body bytes follow.
    EXPECT_EQ(decodeError(header(1, kMaxEnvelopeBodySize + 1)), Error::BodyTooLarge);
    EXPECT_EQ(decodeError(header(2, 0xffffffff)), Error::BodyTooLarge);
    // Text has its own, lower limit.
    EXPECT_EQ(decodeError(concat({header(1, kMaxTextBytes + 1), Bytes(kMaxTextBytes + 1, 'x')})),
              Error::BodyTooLarge);
    EXPECT_EQ(decodeError(concat({header(1, kMaxEnvelopeBodySize), Bytes(kMaxEnvelopeBodySize, 'x')})),
              Error::BodyTooLarge);
}

TEST(Envelope, LargestBodyLengthIsNotTooLarge)
{
    // At the envelope limit the length passes; the receipt inside is then judged.
    EXPECT_EQ(decodeError(concat({header(2, kMaxEnvelopeBodySize), Bytes(kMaxEnvelopeBodySize, 1)})),
              Error::BadReceipt);
    EXPECT_EQ(decodeError(header(2, kMaxEnvelopeBodySize)), Error::Truncated);
}

TEST(Envelope, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({kSampleTextBytes, hex("00")})), Error::TrailingBytes);
    EXPECT_EQ(decodeError(concat({header(1, 0), hex("6869")})), Error::TrailingBytes);
}

TEST(Envelope, BadUtf8)
{
    EXPECT_EQ(decodeError(concat({header(1, 1), hex("ff")})), Error::BadUtf8);
    EXPECT_EQ(decodeError(concat({header(1, 2), hex("c0af")})), Error::BadUtf8);
    EXPECT_EQ(decodeError(concat({header(1, 3), hex("68 e282")})), Error::BadUtf8);
}

TEST(Envelope, BadReceipt)
{
    EXPECT_EQ(decodeError(header(2, 0)), Error::BadReceipt);
    EXPECT_EQ(decodeError(concat({header(2, 3), hex("01 0000")})), Error::BadReceipt);
    EXPECT_EQ(decodeError(concat({header(2, 19), hex("07 0001"), Bytes(16, 0)})), Error::BadReceipt);
    EXPECT_EQ(decodeError(concat({header(2, 20), hex("01 0001"), Bytes(17, 0)})), Error::BadReceipt);
    // Text is not checked as a receipt, nor a receipt as text.
    EXPECT_TRUE(decodeEnvelope(concat({header(1, 3), hex("01 0000")})).ok());
    EXPECT_TRUE(decodeEnvelope(concat({header(2, 19), hex("01 0001"), Bytes(16, 0xff)})).ok());
}

// A drop's offer and answers travel as envelopes of kinds 3 and 4, their
// bodies checked by the file drop decoders.
TEST(Envelope, FileOfferAndAnswerBodies)
{
    FileOffer offer;
    offer.transferId = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                        0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
    offer.totalBytes = 3;
    offer.fileCount = 1;
    offer.manifestLength = 63;
    offer.names = {"a.txt"};
    const FileAnswer answer{offer.transferId, FileAnswerKind::Decline, DropReason::DiskFull};

    Envelope envelope = sampleText();
    envelope.kind = EnvelopeKind::FileOffer;
    envelope.body = encodeFileOffer(offer);
    const Bytes offerBytes = encodeEnvelope(envelope);
    EXPECT_EQ(offerBytes, concat({header(3, 77), envelope.body}));
    const auto decodedOffer = decodeEnvelope(offerBytes);
    ASSERT_TRUE(decodedOffer.ok()) << toString(decodedOffer.error());
    EXPECT_EQ(decodedOffer.value(), envelope);

    envelope.kind = EnvelopeKind::FileAnswer;
    envelope.body = encodeFileAnswer(answer);
    const Bytes answerBytes = encodeEnvelope(envelope);
    EXPECT_EQ(answerBytes, concat({header(4, 19), hex("01"), test::sequence(0x10, 16), hex("02 01")}));
    const auto decodedAnswer = decodeEnvelope(answerBytes);
    ASSERT_TRUE(decodedAnswer.ok()) << toString(decodedAnswer.error());
    EXPECT_EQ(decodedAnswer.value(), envelope);

    // Each kind's body is judged by its own decoder.
    EXPECT_EQ(decodeError(concat({header(3, 19), encodeFileAnswer(answer)})), Error::BadFileOffer);
    EXPECT_EQ(decodeError(concat({header(4, 77), encodeFileOffer(offer)})), Error::BadFileAnswer);
    EXPECT_EQ(decodeError(header(3, 0)), Error::BadFileOffer);
    EXPECT_EQ(decodeError(header(4, 0)), Error::BadFileAnswer);
    EXPECT_EQ(decodeError(concat({header(4, 19), hex("01"), test::sequence(0x10, 16), hex("09 00")})),
              Error::BadFileAnswer);
    EXPECT_EQ(decodeError(concat({header(3, 2), hex("6869")})), Error::BadFileOffer);
    // Each room kind's body goes through its own decoder.
    for (const int kind : {5, 6, 7, 8, 9}) {
        EXPECT_EQ(decodeError(concat({header(static_cast<std::uint8_t>(kind), 2), hex("0102")})),
                  Error::BadRoomBody)
            << kind;
    }
    // A room receipt: 16 room id, then a receipt.
    const Bytes roomReceipt = concat({Bytes(16, 0x10), hex("01 0001"), test::sequence(0x30, 16)});
    EXPECT_TRUE(decodeEnvelope(concat({header(9, 35), roomReceipt})).ok());
    // An edit: a target id and new text; a delete: the target id alone.
    const Bytes target = test::sequence(0x40, 16);
    EXPECT_TRUE(decodeEnvelope(concat({header(10, 18), target, hex("6869")})).ok());
    EXPECT_EQ(decodeError(concat({header(10, 16), target})), Error::BadMessageChange);
    EXPECT_EQ(decodeError(concat({header(10, 17), target, hex("ff")})), Error::BadMessageChange);
    EXPECT_TRUE(decodeEnvelope(concat({header(11, 16), target})).ok());
    EXPECT_EQ(decodeError(concat({header(11, 17), target, hex("68")})), Error::BadMessageChange);
    EXPECT_EQ(decodeError(concat({header(11, 15), Bytes(15, 0x40)})), Error::BadMessageChange);
    // A reaction: an emoji or nothing; a reply: the quoted id and text.
    EXPECT_TRUE(decodeEnvelope(concat({header(12, 20), target, hex("f09f918d")})).ok());
    EXPECT_TRUE(decodeEnvelope(concat({header(12, 16), target})).ok());
    EXPECT_EQ(decodeError(concat({header(12, 49), target, Bytes(33, 'x')})), Error::BadMessageChange);
    EXPECT_TRUE(decodeEnvelope(concat({header(13, 18), target, hex("6869")})).ok());
    EXPECT_EQ(decodeError(concat({header(13, 16), target})), Error::BadMessageChange);
}

TEST(Envelope, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error :
         {Error::Truncated, Error::UnsupportedVersion, Error::UnknownKind, Error::UnknownRecipientType,
          Error::BodyTooLarge, Error::TrailingBytes, Error::BadUtf8, Error::BadReceipt, Error::BadFileOffer,
          Error::BadFileAnswer, Error::BadRoomBody, Error::BadMessageChange}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
