// FileOffer and FileAnswer, the envelope bodies of a drop, and the text form
// of a transfer id. The manifest and the transfer records have tests of
// their own.
#include "proto/file_drop.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = FileDropError;
using test::concat;
using test::hex;

TransferId sampleId()
{
    TransferId id{};
    for (std::size_t i = 0; i < id.size(); ++i) {
        id[i] = static_cast<std::uint8_t>(i);
    }
    return id;
}

// The example of docs/PROTOCOL.md ("FileOffer"): the drop of the manifest
// example, a folder "photos" holding a.txt, and big.bin.
FileOffer sampleOffer()
{
    FileOffer offer;
    offer.transferId = sampleId();
    offer.totalBytes = 3 + 1048577;
    offer.fileCount = 2;
    offer.folderCount = 1;
    const Bytes hash = hex("aa07ccd9842095eed94fa08c0528061a4ae78c5658e33fc817148fe2a421a340");
    std::copy(hash.begin(), hash.end(), offer.manifestHash.begin());
    offer.manifestLength = 211;
    offer.names = {"photos", "big.bin"};
    return offer;
}

const Bytes kSampleOfferBytes =
    hex("01"                                                               // version
        "000102030405060708090a0b0c0d0e0f"                                 // transfer id
        "0000000000100004"                                                 // total bytes 1048580
        "00000002"                                                         // file count
        "00000001"                                                         // folder count
        "aa07ccd9842095eed94fa08c0528061a4ae78c5658e33fc817148fe2a421a340" // manifest hash
        "000000d3"                                                         // manifest length 211
        "02"                                                               // name count
        "0006 70686f746f73"                                                // "photos"
        "0007 6269672e62696e");                                            // "big.bin"

// Offset of the name count in an offer.
constexpr std::size_t kNameCountOffset = 69;

Bytes offerHeader(std::uint32_t fileCount, std::uint32_t folderCount, std::uint32_t manifestLength,
                  std::uint8_t nameCount)
{
    FileOffer offer = sampleOffer();
    offer.fileCount = fileCount;
    offer.folderCount = folderCount;
    offer.manifestLength = manifestLength;
    offer.names.clear();
    Bytes out = encodeFileOffer(offer);
    out.back() = nameCount;
    return out;
}

Error offerError(ByteView bytes)
{
    const auto result = decodeFileOffer(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::BadRecord : result.error();
}

Error answerError(ByteView bytes)
{
    const auto result = decodeFileAnswer(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::BadRecord : result.error();
}

FileOffer roundTrip(const FileOffer& offer)
{
    const auto decoded = decodeFileOffer(encodeFileOffer(offer));
    EXPECT_TRUE(decoded.ok()) << toString(decoded.error());
    return decoded.ok() ? decoded.value() : FileOffer{};
}

TEST(FileOffer, EncodesGoldenBytes)
{
    EXPECT_EQ(kSampleOfferBytes.size(), 87U);
    EXPECT_EQ(encodeFileOffer(sampleOffer()), kSampleOfferBytes);
}

TEST(FileOffer, DecodesGoldenBytes)
{
    const auto decoded = decodeFileOffer(kSampleOfferBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleOffer());
}

TEST(FileOffer, RoundTripsAtTheLimits)
{
    FileOffer offer = sampleOffer();
    offer.totalBytes = 0xffffffffffffffff;
    offer.fileCount = kMaxManifestEntries;
    offer.folderCount = 0;
    offer.manifestLength = kMaxManifestSize;
    offer.names.clear();
    for (std::size_t i = 0; i < kMaxOfferNames; ++i) {
        // A letter, 84 three-byte characters and two more letters: 255 bytes.
        std::string name(1, static_cast<char>('a' + i));
        for (std::size_t c = 0; c < 84; ++c) {
            name += "\xe2\x82\xac";
        }
        name += "xy";
        ASSERT_EQ(name.size(), kMaxDropNameBytes);
        offer.names.push_back(name);
    }
    EXPECT_EQ(roundTrip(offer), offer);

    offer.fileCount = 0;
    offer.folderCount = kMaxManifestEntries;
    offer.manifestLength = 1;
    offer.names = {std::string(1, '\0')};
    EXPECT_EQ(roundTrip(offer), offer);
}

TEST(FileOffer, EncoderKeepsToTheNameLimits)
{
    FileOffer offer = sampleOffer();
    offer.names.clear();
    for (std::size_t i = 0; i < kMaxOfferNames + 3; ++i) {
        offer.names.push_back("n" + std::to_string(i));
    }
    // 128 two-byte characters: cut to 127 of them, not into the middle of one.
    offer.names[0].clear();
    for (int c = 0; c < 128; ++c) {
        offer.names[0] += "\xc3\xa9";
    }
    const auto decoded = decodeFileOffer(encodeFileOffer(offer));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    ASSERT_EQ(decoded.value().names.size(), kMaxOfferNames);
    EXPECT_EQ(decoded.value().names[0], offer.names[0].substr(0, 254));
    EXPECT_EQ(decoded.value().names[kMaxOfferNames - 1], "n15");
}

TEST(FileOffer, EveryPrefixIsTruncated)
{
    EXPECT_EQ(offerError({}), Error::Truncated);
    for (std::size_t cut = 1; cut < kSampleOfferBytes.size(); ++cut) {
        EXPECT_EQ(offerError(ByteView(kSampleOfferBytes).first(cut)), Error::Truncated) << cut;
    }
}

TEST(FileOffer, UnsupportedVersion)
{
    for (const int version : {0x00, 0x02, 0xff}) {
        Bytes bytes = kSampleOfferBytes;
        bytes[0] = static_cast<std::uint8_t>(version);
        EXPECT_EQ(offerError(bytes), Error::UnsupportedVersion);
    }
    // Judged before the length: a later version may be shorter.
    EXPECT_EQ(offerError(hex("02")), Error::UnsupportedVersion);
}

TEST(FileOffer, EntryCounts)
{
    EXPECT_EQ(offerError(offerHeader(0, 0, 211, 1)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(kMaxManifestEntries, 1, 211, 1)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(500'001, 500'000, 211, 1)), Error::BadCount);
    // The sum is taken without wrapping around.
    EXPECT_EQ(offerError(offerHeader(0xffffffff, 1, 211, 1)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(0xffffffff, 0xffffffff, 211, 1)), Error::BadCount);
    // At the limit, the count passes: the missing name is what is wrong.
    EXPECT_EQ(offerError(offerHeader(500'000, 500'000, 211, 1)), Error::Truncated);
    EXPECT_EQ(offerError(offerHeader(1, 0, 211, 1)), Error::Truncated);
}

TEST(FileOffer, ManifestLength)
{
    EXPECT_EQ(offerError(offerHeader(1, 0, 0, 1)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(1, 0, kMaxManifestSize + 1, 1)), Error::TooLarge);
    EXPECT_EQ(offerError(offerHeader(1, 0, 0xffffffff, 1)), Error::TooLarge);
    EXPECT_EQ(offerError(offerHeader(1, 0, kMaxManifestSize, 1)), Error::Truncated);
}

TEST(FileOffer, NameCount)
{
    EXPECT_EQ(offerError(offerHeader(1, 0, 211, 0)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(1, 0, 211, kMaxOfferNames + 1)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(1, 0, 211, 0xff)), Error::BadCount);
    EXPECT_EQ(offerError(offerHeader(1, 0, 211, kMaxOfferNames)), Error::Truncated);
}

TEST(FileOffer, BadNames)
{
    const Bytes header = offerHeader(1, 0, 211, 1);
    ASSERT_EQ(header.size(), kNameCountOffset + 1);
    EXPECT_EQ(offerError(concat({header, hex("0000")})), Error::BadName);
    EXPECT_EQ(offerError(concat({header, hex("0100"), Bytes(256, 'x')})), Error::BadName);
    EXPECT_EQ(offerError(concat({header, hex("ffff"), Bytes(0xffff, 'x')})), Error::BadName);
    EXPECT_EQ(offerError(concat({header, hex("0002 c0af")})), Error::BadName);
    EXPECT_EQ(offerError(concat({header, hex("0003 eda080")})), Error::BadName); // a surrogate
    EXPECT_EQ(offerError(concat({header, hex("0002 68e2")})), Error::BadName);   // cut short
    EXPECT_TRUE(decodeFileOffer(concat({header, hex("00ff"), Bytes(255, 'x')})).ok());
    // The second name is judged like the first.
    Bytes two = kSampleOfferBytes;
    two.back() = 0xff;
    EXPECT_EQ(offerError(two), Error::BadName);
}

TEST(FileOffer, TrailingBytes)
{
    EXPECT_EQ(offerError(concat({kSampleOfferBytes, hex("00")})), Error::TrailingBytes);
    // One name fewer than the bytes hold.
    Bytes fewer = kSampleOfferBytes;
    fewer[kNameCountOffset] = 1;
    EXPECT_EQ(offerError(fewer), Error::TrailingBytes);
}

// The example of docs/PROTOCOL.md ("FileAnswer"): the receiver's disk is full.
const Bytes kFailedBytes = hex("01"                               // version
                               "000102030405060708090a0b0c0d0e0f" // transfer id
                               "07"                               // answer: Failed
                               "01");                             // reason: DiskFull

Bytes answerBytes(std::uint8_t answer, std::uint8_t reason)
{
    return concat({hex("01"), test::sequence(0x00, 16), Bytes{answer, reason}});
}

TEST(FileAnswer, GoldenBytes)
{
    const FileAnswer failed{sampleId(), FileAnswerKind::Failed, DropReason::DiskFull};
    EXPECT_EQ(encodeFileAnswer(failed), kFailedBytes);
    const auto decoded = decodeFileAnswer(kFailedBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), failed);
    EXPECT_EQ(encodeFileAnswer({sampleId(), FileAnswerKind::Accept, DropReason::None}), answerBytes(1, 0));
}

TEST(FileAnswer, RoundTripsEveryAnswerWithoutAReason)
{
    for (std::uint8_t answer = 1; answer <= 7; ++answer) {
        const FileAnswer value{sampleId(), static_cast<FileAnswerKind>(answer), DropReason::None};
        const Bytes bytes = encodeFileAnswer(value);
        EXPECT_EQ(bytes, answerBytes(answer, 0));
        const auto decoded = decodeFileAnswer(bytes);
        ASSERT_TRUE(decoded.ok()) << int{answer};
        EXPECT_EQ(decoded.value(), value);
    }
}

TEST(FileAnswer, ReasonsOnlyWhereTheAnswerEndsOrPausesTheDrop)
{
    for (std::uint8_t answer = 1; answer <= 7; ++answer) {
        const auto kind = static_cast<FileAnswerKind>(answer);
        const bool saysWhy = kind == FileAnswerKind::Decline || kind == FileAnswerKind::Cancel ||
                             kind == FileAnswerKind::Pause || kind == FileAnswerKind::Failed;
        for (std::uint8_t reason = 1; reason <= 6; ++reason) {
            const auto decoded = decodeFileAnswer(answerBytes(answer, reason));
            if (saysWhy) {
                ASSERT_TRUE(decoded.ok()) << int{answer} << " " << int{reason};
                EXPECT_EQ(decoded.value().reason, static_cast<DropReason>(reason));
                EXPECT_EQ(encodeFileAnswer(decoded.value()), answerBytes(answer, reason));
            } else {
                EXPECT_EQ(answerError(answerBytes(answer, reason)), Error::BadReason)
                    << int{answer} << " " << int{reason};
            }
        }
        // Paused and Cancelled belong to Stop records; nothing past them is known.
        for (const std::uint8_t reason :
             {std::uint8_t{7}, std::uint8_t{8}, std::uint8_t{9}, std::uint8_t{0xff}}) {
            EXPECT_EQ(answerError(answerBytes(answer, reason)), Error::BadReason);
        }
    }
}

TEST(FileAnswer, BadAnswer)
{
    EXPECT_EQ(answerError(answerBytes(0, 0)), Error::BadAnswer);
    EXPECT_EQ(answerError(answerBytes(8, 0)), Error::BadAnswer);
    EXPECT_EQ(answerError(answerBytes(0xff, 0)), Error::BadAnswer);
    // The answer is judged before the reason is looked for.
    EXPECT_EQ(answerError(ByteView(answerBytes(8, 0)).first(18)), Error::BadAnswer);
}

TEST(FileAnswer, TruncatedVersionAndTrailing)
{
    EXPECT_EQ(answerError({}), Error::Truncated);
    for (std::size_t cut = 1; cut < kFailedBytes.size(); ++cut) {
        EXPECT_EQ(answerError(ByteView(kFailedBytes).first(cut)), Error::Truncated) << cut;
    }
    EXPECT_EQ(answerError(hex("02")), Error::UnsupportedVersion);
    Bytes unversioned = kFailedBytes;
    unversioned[0] = 0;
    EXPECT_EQ(answerError(unversioned), Error::UnsupportedVersion);
    EXPECT_EQ(answerError(concat({kFailedBytes, hex("00")})), Error::TrailingBytes);
}

TEST(TransferId, HexForm)
{
    EXPECT_EQ(transferIdToHex(sampleId()), "000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(transferIdFromHex("000102030405060708090A0B0C0D0E0F"), sampleId());
    EXPECT_EQ(transferIdFromHex("000102030405060708090a0b0c0d0e0"), std::nullopt);
    EXPECT_EQ(transferIdFromHex("000102030405060708090a0b0c0d0e0f0"), std::nullopt);
    EXPECT_EQ(transferIdFromHex("000102030405060708090a0b0c0d0e0g"), std::nullopt);
    EXPECT_EQ(transferIdFromHex(""), std::nullopt);
}

TEST(FileDropError, StringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error :
         {Error::Truncated, Error::UnsupportedVersion, Error::TrailingBytes, Error::BadCount, Error::BadName,
          Error::BadAnswer, Error::BadReason, Error::BadChunkSize, Error::BadKind, Error::DuplicatePath,
          Error::WrongChunkHashCount, Error::TooLarge, Error::BadRecord}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
