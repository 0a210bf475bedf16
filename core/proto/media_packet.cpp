#include "media_packet.h"

#include "byte_io.h"

#include <algorithm>

namespace confab::proto {

namespace {

using Error = MediaPacketError;

constexpr std::size_t kMinAudioPlaintextBytes = kAudioPayloadHeaderBytes + 1;
constexpr std::uint8_t kKnownAudioFlags = kAudioMarkerFlag | kAudioRetransmissionFlag | kAudioRedundancyFlag;
constexpr std::size_t kTimestampBytes = 4;
constexpr std::size_t kMemberBytes = 8;
constexpr std::size_t kMemberLevelBytes = kMemberBytes + 1;

bool isKnownKind(std::uint8_t code)
{
    return code >= static_cast<std::uint8_t>(MediaKind::Audio) &&
           code <= static_cast<std::uint8_t>(MediaKind::LeaveOut);
}

// A count byte and `count` entries of `entryBytes`, count in minCount..maxCount.
bool countedListFits(std::size_t plaintextBytes, std::size_t entryBytes, std::size_t minCount,
                     std::size_t maxCount)
{
    if (plaintextBytes < 1 || (plaintextBytes - 1) % entryBytes != 0) {
        return false;
    }
    const std::size_t count = (plaintextBytes - 1) / entryBytes;
    return count >= minCount && count <= maxCount;
}

} // namespace

bool mediaPlaintextFits(MediaKind kind, std::size_t plaintextBytes)
{
    switch (kind) {
    case MediaKind::Audio:
        return plaintextBytes >= kMinAudioPlaintextBytes && plaintextBytes <= kMaxMediaPlaintextBytes;
    case MediaKind::Report:
        return plaintextBytes == kMediaReportBytes;
    case MediaKind::Nack:
        return countedListFits(plaintextBytes, kTimestampBytes, 1, kMaxNackTimestamps);
    case MediaKind::Levels:
        return countedListFits(plaintextBytes, kMemberLevelBytes, 1, kMaxMixedMembers);
    case MediaKind::LeaveOut:
        return countedListFits(plaintextBytes, kMemberBytes, 0, kMaxLeftOutMembers);
    }
    return false;
}

MediaHeaderBytes encodeMediaHeader(const MediaHeader& header)
{
    Bytes out;
    out.reserve(kMediaHeaderBytes);
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(header.kind));
    writer.u32(header.receiveTag);
    writer.u64(header.counter);
    MediaHeaderBytes bytes{};
    std::copy(out.begin(), out.end(), bytes.begin());
    return bytes;
}

Result<MediaHeader, MediaPacketError> decodeMediaHeader(ByteView datagram)
{
    if (datagram.size() > kMaxMediaDatagramBytes) {
        return Error::TooLarge;
    }
    ByteReader reader(datagram);
    const auto kind = reader.u8();
    const auto receiveTag = reader.u32();
    const auto counter = reader.u64();
    if (!kind || !receiveTag || !counter) {
        return Error::Truncated;
    }
    if (!isKnownKind(*kind)) {
        return Error::UnknownKind;
    }
    if (reader.remaining() < kMediaTagBytes) {
        return Error::Truncated;
    }
    const MediaHeader header{static_cast<MediaKind>(*kind), *receiveTag, *counter};
    // Rejecting impossible sizes here spares the receiver a decryption.
    if (!mediaPlaintextFits(header.kind, reader.remaining() - kMediaTagBytes)) {
        return Error::BadPayloadLength;
    }
    return header;
}

std::size_t audioPayloadBytes(const AudioPayload& payload)
{
    const std::size_t redundant =
        payload.redundant ? kRedundancyHeaderBytes + payload.redundant->opus.size() : 0;
    return kAudioPayloadHeaderBytes + redundant + payload.opus.size();
}

Bytes encodeAudioPayload(const AudioPayload& payload)
{
    Bytes out;
    out.reserve(audioPayloadBytes(payload));
    ByteWriter writer(out);
    writer.u32(payload.timestamp);
    writer.u8(static_cast<std::uint8_t>((payload.marker ? kAudioMarkerFlag : 0) |
                                        (payload.retransmission ? kAudioRetransmissionFlag : 0) |
                                        (payload.redundant ? kAudioRedundancyFlag : 0)));
    if (payload.redundant) {
        writer.u16(payload.redundant->offset);
        writer.u16(static_cast<std::uint16_t>(payload.redundant->opus.size()));
        writer.raw(payload.redundant->opus);
    }
    writer.raw(payload.opus);
    return out;
}

Bytes encodeAudioPayload(std::uint32_t timestamp, bool marker, ByteView opus, bool retransmission)
{
    return encodeAudioPayload(AudioPayload{timestamp, marker, retransmission, std::nullopt, opus});
}

Result<AudioPayload, MediaPacketError> decodeAudioPayload(ByteView plaintext)
{
    if (plaintext.size() > kMaxMediaPlaintextBytes) {
        return Error::TooLarge; // no datagram carries more, whatever the parts say
    }
    ByteReader reader(plaintext);
    const auto timestamp = reader.u32();
    const auto flags = reader.u8();
    if (!timestamp || !flags) {
        return Error::Truncated;
    }
    if ((*flags & ~kKnownAudioFlags) != 0) {
        return Error::BadFlags;
    }
    AudioPayload payload;
    payload.timestamp = *timestamp;
    payload.marker = (*flags & kAudioMarkerFlag) != 0;
    payload.retransmission = (*flags & kAudioRetransmissionFlag) != 0;
    if ((*flags & kAudioRedundancyFlag) != 0) {
        const auto offset = reader.u16();
        const auto length = reader.u16();
        if (!offset || !length) {
            return Error::Truncated;
        }
        if (*offset == 0 || *length == 0 || *length > kMaxOpusPacketBytes || reader.remaining() <= *length) {
            return Error::BadRedundancy;
        }
        payload.redundant = RedundantFrame{*offset, *reader.raw(*length)};
    }
    payload.opus = plaintext.subspan(plaintext.size() - reader.remaining());
    if (payload.opus.empty()) {
        return Error::EmptyAudio;
    }
    if (payload.opus.size() > kMaxOpusPacketBytes) {
        return Error::TooLarge;
    }
    return payload;
}

Bytes encodeReport(const MediaReport& report)
{
    Bytes out;
    out.reserve(kMediaReportBytes);
    ByteWriter writer(out);
    writer.u32(report.sentAtMs);
    writer.u32(report.echoSentAtMs);
    writer.u32(report.echoHoldMs);
    writer.u8(report.lossPercent);
    writer.u16(report.jitterTenthsMs);
    writer.u16(report.playoutDelayTenthsMs);
    return out;
}

Result<MediaReport, MediaPacketError> decodeReport(ByteView plaintext)
{
    if (plaintext.size() != kMediaReportBytes) {
        return Error::BadPayloadLength;
    }
    ByteReader reader(plaintext);
    MediaReport report;
    report.sentAtMs = *reader.u32();
    report.echoSentAtMs = *reader.u32();
    report.echoHoldMs = *reader.u32();
    report.lossPercent = *reader.u8();
    report.jitterTenthsMs = *reader.u16();
    report.playoutDelayTenthsMs = *reader.u16();
    if (report.lossPercent > 100) {
        return Error::BadLossPercent;
    }
    return report;
}

Bytes encodeNack(std::span<const std::uint32_t> timestamps)
{
    Bytes out;
    out.reserve(1 + kTimestampBytes * timestamps.size());
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(timestamps.size()));
    for (const std::uint32_t timestamp : timestamps) {
        writer.u32(timestamp);
    }
    return out;
}

Result<std::vector<std::uint32_t>, MediaPacketError> decodeNack(ByteView plaintext)
{
    ByteReader reader(plaintext);
    const auto count = reader.u8();
    if (!count) {
        return Error::Truncated;
    }
    if (*count == 0 || *count > kMaxNackTimestamps || reader.remaining() != *count * kTimestampBytes) {
        return Error::BadNackCount;
    }
    std::vector<std::uint32_t> timestamps;
    timestamps.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        timestamps.push_back(*reader.u32());
    }
    return timestamps;
}

Bytes encodeLevels(std::span<const MemberLevel> levels)
{
    Bytes out;
    out.reserve(1 + kMemberLevelBytes * levels.size());
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(levels.size()));
    for (const MemberLevel& entry : levels) {
        writer.u64(entry.member);
        writer.u8(entry.level);
    }
    return out;
}

Result<std::vector<MemberLevel>, MediaPacketError> decodeLevels(ByteView plaintext)
{
    ByteReader reader(plaintext);
    const auto count = reader.u8();
    if (!count) {
        return Error::Truncated;
    }
    if (*count == 0 || *count > kMaxMixedMembers || reader.remaining() != *count * kMemberLevelBytes) {
        return Error::BadMemberCount;
    }
    std::vector<MemberLevel> levels;
    levels.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        const MixMember member = *reader.u64();
        levels.push_back({member, *reader.u8()});
    }
    return levels;
}

Bytes encodeLeaveOut(std::span<const MixMember> members)
{
    Bytes out;
    out.reserve(1 + kMemberBytes * members.size());
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(members.size()));
    for (const MixMember member : members) {
        writer.u64(member);
    }
    return out;
}

Result<std::vector<MixMember>, MediaPacketError> decodeLeaveOut(ByteView plaintext)
{
    ByteReader reader(plaintext);
    const auto count = reader.u8();
    if (!count) {
        return Error::Truncated;
    }
    if (*count > kMaxLeftOutMembers || reader.remaining() != *count * kMemberBytes) {
        return Error::BadMemberCount;
    }
    std::vector<MixMember> members;
    members.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        members.push_back(*reader.u64());
    }
    return members;
}

const char* toString(MediaPacketError error)
{
    switch (error) {
    case Error::TooLarge:
        return "media datagram too large";
    case Error::Truncated:
        return "media datagram truncated";
    case Error::UnknownKind:
        return "unknown media datagram kind";
    case Error::BadPayloadLength:
        return "media payload has the wrong length for its kind";
    case Error::BadFlags:
        return "unknown audio flags set";
    case Error::EmptyAudio:
        return "audio payload without an Opus packet";
    case Error::BadLossPercent:
        return "report loss over 100 percent";
    case Error::BadNackCount:
        return "Nack count does not match its timestamps";
    case Error::BadRedundancy:
        return "bad redundant frame in audio payload";
    case Error::BadMemberCount:
        return "member count does not match its entries";
    }
    return "unknown media datagram error";
}

const char* toString(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Audio:
        return "audio";
    case MediaKind::Report:
        return "report";
    case MediaKind::Nack:
        return "nack";
    case MediaKind::Levels:
        return "levels";
    case MediaKind::LeaveOut:
        return "leave-out";
    }
    return "unknown";
}

} // namespace confab::proto
