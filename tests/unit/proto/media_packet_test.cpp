#include "proto/media_packet.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

namespace confab::proto {
namespace {

using Error = MediaPacketError;
using test::concat;
using test::hex;
using test::sequence;

const Bytes kAudioHeader = hex("01 01020304 0a0b0c0d0e0f1011");
const Bytes kReportHeader = hex("02 fffffffe 0000000000000000");

// A datagram whose ciphertext holds `plaintextBytes` plus the tag; the
// header decoder never looks inside it.
Bytes datagram(const Bytes& header, std::size_t plaintextBytes)
{
    return concat({header, Bytes(plaintextBytes + kMediaTagBytes, 0xee)});
}

Error headerError(ByteView bytes)
{
    const auto result = decodeMediaHeader(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

Error audioError(ByteView bytes)
{
    const auto result = decodeAudioPayload(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

Error reportError(ByteView bytes)
{
    const auto result = decodeReport(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TooLarge : result.error();
}

MediaReport sampleReport()
{
    MediaReport report;
    report.sentAtMs = 0x01020304;
    report.echoSentAtMs = 0x05060708;
    report.echoHoldMs = 10;
    report.lossPercent = 7;
    report.jitterTenthsMs = 0x0123;
    report.playoutDelayTenthsMs = 0x0456;
    return report;
}

const Bytes kReportBytes = hex("01020304 05060708 0000000a 07 0123 0456");

TEST(MediaPacket, EncodesHeaderGoldenBytes)
{
    const MediaHeaderBytes audio = encodeMediaHeader({MediaKind::Audio, 0x01020304, 0x0a0b0c0d0e0f1011});
    EXPECT_EQ(Bytes(audio.begin(), audio.end()), kAudioHeader);
    const MediaHeaderBytes report = encodeMediaHeader({MediaKind::Report, 0xfffffffe, 0});
    EXPECT_EQ(Bytes(report.begin(), report.end()), kReportHeader);
    EXPECT_EQ(audio.size(), kMediaHeaderBytes);
}

TEST(MediaPacket, DecodesHeaderGoldenBytes)
{
    const auto audio = decodeMediaHeader(datagram(kAudioHeader, 100));
    ASSERT_TRUE(audio.ok()) << toString(audio.error());
    EXPECT_EQ(audio.value(), (MediaHeader{MediaKind::Audio, 0x01020304, 0x0a0b0c0d0e0f1011}));
    const auto report = decodeMediaHeader(datagram(kReportHeader, kMediaReportBytes));
    ASSERT_TRUE(report.ok()) << toString(report.error());
    EXPECT_EQ(report.value(), (MediaHeader{MediaKind::Report, 0xfffffffe, 0}));
}

TEST(MediaPacket, HeaderRoundTripsExtremeValues)
{
    for (const MediaHeader& header : {MediaHeader{MediaKind::Audio, 0, 0},
                                      MediaHeader{MediaKind::Report, 0xffffffff, 0xffffffffffffffff}}) {
        const MediaHeaderBytes bytes = encodeMediaHeader(header);
        const std::size_t plaintext = header.kind == MediaKind::Audio ? 6 : kMediaReportBytes;
        const auto decoded = decodeMediaHeader(datagram(Bytes(bytes.begin(), bytes.end()), plaintext));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), header);
    }
}

TEST(MediaPacket, HeaderAcceptsPayloadSizeLimits)
{
    EXPECT_TRUE(decodeMediaHeader(datagram(kAudioHeader, 6)).ok());
    EXPECT_TRUE(
        decodeMediaHeader(datagram(kAudioHeader, kAudioPayloadHeaderBytes + kMaxOpusPacketBytes)).ok());
    // With a redundant frame an audio plaintext may fill the datagram.
    EXPECT_TRUE(decodeMediaHeader(datagram(kAudioHeader, kMaxMediaPlaintextBytes)).ok());
    EXPECT_TRUE(decodeMediaHeader(datagram(kReportHeader, 17)).ok());
}

TEST(MediaPacket, HeaderRejectsTooLarge)
{
    EXPECT_EQ(headerError(Bytes(kMaxMediaDatagramBytes + 1, 0x01)), Error::TooLarge);
    // Size is checked before anything else, even a bad kind.
    EXPECT_EQ(headerError(Bytes(kMaxMediaDatagramBytes + 1, 0x00)), Error::TooLarge);
    // 1400 bytes are not too large, but no report is that long.
    EXPECT_EQ(headerError(datagram(kReportHeader, kMaxMediaPlaintextBytes)), Error::BadPayloadLength);
    EXPECT_EQ(datagram(kAudioHeader, kMaxMediaPlaintextBytes).size(), kMaxMediaDatagramBytes);
}

TEST(MediaPacket, HeaderRejectsTruncated)
{
    EXPECT_EQ(headerError({}), Error::Truncated);
    EXPECT_EQ(headerError(ByteView(kAudioHeader).first(12)), Error::Truncated);
    // A header without room for a tag.
    EXPECT_EQ(headerError(kAudioHeader), Error::Truncated);
    EXPECT_EQ(headerError(concat({kAudioHeader, Bytes(kMediaTagBytes - 1, 0)})), Error::Truncated);
}

TEST(MediaPacket, HeaderRejectsUnknownKind)
{
    for (const std::uint8_t kind : std::initializer_list<std::uint8_t>{0x00, 0x06, 0xff}) {
        Bytes bytes = datagram(kAudioHeader, 100);
        bytes[0] = kind;
        EXPECT_EQ(headerError(bytes), Error::UnknownKind) << int{kind};
    }
}

TEST(MediaPacket, HeaderRejectsImpossiblePayloadLength)
{
    EXPECT_EQ(headerError(datagram(kAudioHeader, 0)), Error::BadPayloadLength);
    EXPECT_EQ(headerError(datagram(kAudioHeader, 5)), Error::BadPayloadLength);
    EXPECT_EQ(headerError(datagram(kReportHeader, 16)), Error::BadPayloadLength);
    EXPECT_EQ(headerError(datagram(kReportHeader, 18)), Error::BadPayloadLength);
    EXPECT_EQ(headerError(datagram(kReportHeader, 0)), Error::BadPayloadLength);
}

TEST(MediaPacket, PlaintextFitsMatchesTheLayout)
{
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Audio, 5));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Audio, 6));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Audio, 1280));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Audio, kMaxMediaPlaintextBytes)); // with a redundant frame
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Audio, kMaxMediaPlaintextBytes + 1));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Report, 17));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Report, 19));
    EXPECT_FALSE(mediaPlaintextFits(static_cast<MediaKind>(6), 17));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Nack, 1));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Nack, 5));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Nack, 6));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Nack, 65));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Nack, 69));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Levels, 1));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Levels, 10));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Levels, 11));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Levels, 73));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::Levels, 82));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::LeaveOut, 1));
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::LeaveOut, 57));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::LeaveOut, 8));
    EXPECT_FALSE(mediaPlaintextFits(MediaKind::LeaveOut, 65));
}

TEST(MediaPacket, EncodesAudioGoldenBytes)
{
    EXPECT_EQ(encodeAudioPayload(0x00003c00, true, hex("fcfffe")), hex("00003c00 01 fcfffe"));
    EXPECT_EQ(encodeAudioPayload(0xffffffff, false, hex("78")), hex("ffffffff 00 78"));
}

TEST(MediaPacket, DecodesAudioGoldenBytes)
{
    const Bytes bytes = hex("00003c00 01 fcfffe");
    const auto decoded = decodeAudioPayload(bytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value().timestamp, 0x3c00u);
    EXPECT_TRUE(decoded.value().marker);
    EXPECT_EQ(Bytes(decoded.value().opus.begin(), decoded.value().opus.end()), hex("fcfffe"));
    // The Opus packet is a view into the plaintext, not a copy.
    EXPECT_EQ(decoded.value().opus.data(), bytes.data() + 5);

    const auto unmarked = decodeAudioPayload(hex("00000000 00 01"));
    ASSERT_TRUE(unmarked.ok());
    EXPECT_FALSE(unmarked.value().marker);
}

TEST(MediaPacket, AudioRoundTripsLargestOpusPacket)
{
    const Bytes opus = sequence(0x10, kMaxOpusPacketBytes);
    const Bytes encoded = encodeAudioPayload(48000, false, opus);
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Audio, encoded.size()));
    const auto decoded = decodeAudioPayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value().timestamp, 48000u);
    EXPECT_EQ(Bytes(decoded.value().opus.begin(), decoded.value().opus.end()), opus);
}

TEST(MediaPacket, AudioRejectsBadPayloads)
{
    EXPECT_EQ(audioError({}), Error::Truncated);
    EXPECT_EQ(audioError(hex("00003c00")), Error::Truncated);
    EXPECT_EQ(audioError(hex("00003c00 08 fc")), Error::BadFlags);
    EXPECT_EQ(audioError(hex("00003c00 81 fc")), Error::BadFlags);
    EXPECT_EQ(audioError(hex("00003c00 01")), Error::EmptyAudio);
    EXPECT_EQ(audioError(encodeAudioPayload(0, false, Bytes(kMaxOpusPacketBytes + 1, 0))), Error::TooLarge);
}

TEST(MediaPacket, RetransmittedAudioCarriesFlagBitOne)
{
    EXPECT_EQ(encodeAudioPayload(0x00003c00, false, hex("fcfffe"), true), hex("00003c00 02 fcfffe"));
    EXPECT_EQ(encodeAudioPayload(0x00003c00, true, hex("fcfffe"), true), hex("00003c00 03 fcfffe"));
    const auto decoded = decodeAudioPayload(hex("00003c00 03 fcfffe"));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_TRUE(decoded.value().marker);
    EXPECT_TRUE(decoded.value().retransmission);
    EXPECT_FALSE(decodeAudioPayload(hex("00003c00 01 fcfffe")).value().retransmission);
}

TEST(MediaPacket, RedundantFrameGoldenBytes)
{
    const Bytes earlier = hex("fc0102");
    const Bytes own = hex("fcfffe");
    AudioPayload payload{0x00003c00, false, false, RedundantFrame{480, earlier}, own};
    const Bytes encoded = encodeAudioPayload(payload);
    EXPECT_EQ(encoded, hex("00003c00 04 01e0 0003 fc0102 fcfffe"));
    EXPECT_EQ(audioPayloadBytes(payload), encoded.size());
    const auto decoded = decodeAudioPayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    ASSERT_TRUE(decoded.value().redundant.has_value());
    EXPECT_EQ(decoded.value().redundant->offset, 480);
    EXPECT_EQ(Bytes(decoded.value().redundant->opus.begin(), decoded.value().redundant->opus.end()), earlier);
    EXPECT_EQ(Bytes(decoded.value().opus.begin(), decoded.value().opus.end()), own);
    EXPECT_FALSE(decodeAudioPayload(hex("00003c00 00 fcfffe")).value().redundant.has_value());
}

TEST(MediaPacket, RedundantFramesOfBothLargestSizesFitOneDatagram)
{
    const Bytes earlier(kMaxOpusPacketBytes, 0x11);
    const Bytes own(kMaxMediaPlaintextBytes - kAudioPayloadHeaderBytes - kRedundancyHeaderBytes -
                        kMaxOpusPacketBytes,
                    0x22);
    const Bytes encoded =
        encodeAudioPayload(AudioPayload{1, true, true, RedundantFrame{65535, earlier}, own});
    EXPECT_EQ(encoded.size(), kMaxMediaPlaintextBytes);
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Audio, encoded.size()));
    const auto decoded = decodeAudioPayload(encoded);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_TRUE(decoded.value().marker);
    EXPECT_TRUE(decoded.value().retransmission);
    EXPECT_EQ(decoded.value().redundant->offset, 65535);
    EXPECT_EQ(decoded.value().opus.size(), own.size());
}

TEST(MediaPacket, BadRedundantFramesAreRejected)
{
    EXPECT_EQ(audioError(hex("00003c00 04 01e0")), Error::Truncated);
    EXPECT_EQ(audioError(hex("00003c00 04 0000 0001 aa bb")), Error::BadRedundancy); // offset 0
    EXPECT_EQ(audioError(hex("00003c00 04 01e0 0000 bb")), Error::BadRedundancy);    // empty
    EXPECT_EQ(audioError(hex("00003c00 04 01e0 0002 aa")), Error::BadRedundancy);    // past the end
    EXPECT_EQ(audioError(hex("00003c00 04 01e0 0001 aa")), Error::BadRedundancy);    // no own packet
    EXPECT_EQ(audioError(concat({hex("00003c00 04 01e0 04fc"), Bytes(1276, 0), hex("bb")})),
              Error::BadRedundancy); // over 1275 bytes
    // Two packets of 1275 bytes each are fine alone, but not in one datagram.
    EXPECT_EQ(audioError(concat({hex("00003c00 04 01e0 04fb"), Bytes(2 * kMaxOpusPacketBytes, 0)})),
              Error::TooLarge);
    // Without redundancy the own packet is still at most 1275 bytes.
    EXPECT_EQ(audioError(concat({hex("00003c00 00"), Bytes(1276, 0)})), Error::TooLarge);
}

TEST(MediaPacket, NackGoldenBytesAndLimits)
{
    const std::vector<std::uint32_t> asked{0x00003c00, 0xffffffff};
    EXPECT_EQ(encodeNack(asked), hex("02 00003c00 ffffffff"));
    const auto decoded = decodeNack(hex("02 00003c00 ffffffff"));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), asked);
    const std::vector<std::uint32_t> most(kMaxNackTimestamps, 7);
    const Bytes largest = encodeNack(most);
    EXPECT_EQ(largest.size(), 65U);
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Nack, largest.size()));
    EXPECT_EQ(decodeNack(largest).value(), most);

    const auto error = [](const Bytes& bytes) {
        const auto result = decodeNack(bytes);
        return result.ok() ? Error::TooLarge : result.error();
    };
    EXPECT_EQ(error({}), Error::Truncated);
    EXPECT_EQ(error(hex("00")), Error::BadNackCount);
    EXPECT_EQ(error(hex("01")), Error::BadNackCount);
    EXPECT_EQ(error(hex("02 00003c00")), Error::BadNackCount);
    EXPECT_EQ(error(hex("01 00003c00 00")), Error::BadNackCount);
    EXPECT_EQ(error(concat({hex("11"), Bytes(std::size_t{17} * 4, 0)})), Error::BadNackCount);
}

TEST(MediaPacket, EncodesReportGoldenBytes)
{
    EXPECT_EQ(encodeReport(sampleReport()), kReportBytes);
    EXPECT_EQ(kReportBytes.size(), kMediaReportBytes);
    EXPECT_EQ(encodeReport(MediaReport{}), Bytes(kMediaReportBytes, 0));
}

TEST(MediaPacket, DecodesReportGoldenBytes)
{
    const auto decoded = decodeReport(kReportBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleReport());
}

TEST(MediaPacket, ReportRoundTripsExtremeValues)
{
    const MediaReport report{0xffffffff, 0xfffffffe, 0xfffffffd, 100, 0xffff, 0xfffe};
    const auto decoded = decodeReport(encodeReport(report));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), report);
}

TEST(MediaPacket, ReportRejectsBadPayloads)
{
    EXPECT_EQ(reportError({}), Error::BadPayloadLength);
    EXPECT_EQ(reportError(ByteView(kReportBytes).first(16)), Error::BadPayloadLength);
    EXPECT_EQ(reportError(concat({kReportBytes, hex("00")})), Error::BadPayloadLength);
    Bytes loss = kReportBytes;
    loss[12] = 101;
    EXPECT_EQ(reportError(loss), Error::BadLossPercent);
}

TEST(MediaPacket, LevelsGoldenBytesAndLimits)
{
    const std::vector<MemberLevel> levels{{0x0102030405060708, 0}, {0xfffffffffffffffe, 255}};
    const Bytes golden = hex("02 0102030405060708 00 fffffffffffffffe ff");
    EXPECT_EQ(encodeLevels(levels), golden);
    EXPECT_TRUE(mediaPlaintextFits(MediaKind::Levels, golden.size()));
    EXPECT_EQ(decodeLevels(golden).value(), levels);

    const std::vector<MemberLevel> most(kMaxMixedMembers, MemberLevel{7, 9});
    EXPECT_EQ(decodeLevels(encodeLevels(most)).value(), most);
    const auto error = [](const Bytes& bytes) {
        const auto result = decodeLevels(bytes);
        return result.ok() ? Error::TooLarge : result.error();
    };
    EXPECT_EQ(error({}), Error::Truncated);
    EXPECT_EQ(error(hex("00")), Error::BadMemberCount);
    EXPECT_EQ(error(hex("01 0102030405060708")), Error::BadMemberCount);
    EXPECT_EQ(error(hex("01 0102030405060708 00 00")), Error::BadMemberCount);
    EXPECT_EQ(error(concat({hex("09"), Bytes(std::size_t{9} * 9, 0)})), Error::BadMemberCount);
}

TEST(MediaPacket, LeaveOutGoldenBytesAndLimits)
{
    const std::vector<MixMember> members{0x0102030405060708, 1};
    const Bytes golden = hex("02 0102030405060708 0000000000000001");
    EXPECT_EQ(encodeLeaveOut(members), golden);
    EXPECT_EQ(decodeLeaveOut(golden).value(), members);
    EXPECT_TRUE(decodeLeaveOut(hex("00")).value().empty()) << "nobody silenced any more";

    const std::vector<MixMember> most(kMaxLeftOutMembers, 3);
    EXPECT_EQ(decodeLeaveOut(encodeLeaveOut(most)).value(), most);
    const auto error = [](const Bytes& bytes) {
        const auto result = decodeLeaveOut(bytes);
        return result.ok() ? Error::TooLarge : result.error();
    };
    EXPECT_EQ(error({}), Error::Truncated);
    EXPECT_EQ(error(hex("01")), Error::BadMemberCount);
    EXPECT_EQ(error(hex("00 00")), Error::BadMemberCount);
    EXPECT_EQ(error(concat({hex("08"), Bytes(std::size_t{8} * 8, 0)})), Error::BadMemberCount);
}

TEST(MediaPacket, NamesEveryKindAndError)
{
    EXPECT_STREQ(toString(MediaKind::Audio), "audio");
    EXPECT_STREQ(toString(MediaKind::Report), "report");
    EXPECT_STREQ(toString(MediaKind::Nack), "nack");
    EXPECT_STREQ(toString(MediaKind::Levels), "levels");
    EXPECT_STREQ(toString(MediaKind::LeaveOut), "leave-out");
    std::set<std::string> messages;
    for (const Error error : {Error::TooLarge, Error::Truncated, Error::UnknownKind, Error::BadPayloadLength,
                              Error::BadFlags, Error::EmptyAudio, Error::BadLossPercent, Error::BadNackCount,
                              Error::BadRedundancy, Error::BadMemberCount}) {
        messages.insert(toString(error));
    }
    EXPECT_EQ(messages.size(), 10u);
}

} // namespace
} // namespace confab::proto
