#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace confab::proto {

// One UDP media datagram (docs/PROTOCOL.md, "Voice calls"). All integers
// big-endian.
//
//   header, 13 bytes, authenticated as AEAD associated data:
//     0   u8   kind        MediaKind
//     1   u32  receiveTag  the receiver's tag from signalling
//     5   u64  counter     per direction, from 0, +1 per datagram of any kind;
//                          the AEAD nonce
//   13  ciphertext: plaintext + 16-byte Poly1305 tag
//   whole datagram at most kMaxMediaDatagramBytes
//
//   Audio plaintext, 6..1371 bytes (1280 without redundancy):
//     0   u32  timestamp   48 kHz sample clock of the frame's first sample
//     4   u8   flags       bit 0 marker (first frame after silence),
//                          bit 1 retransmission (sent again for a Nack),
//                          bit 2 redundancy (an earlier frame rides along); other bits 0
//     with bit 2 only:
//     5   u16  offset      the earlier frame's timestamp is timestamp - offset (1..65535)
//     7   u16  length      of the earlier frame's Opus packet, 1..1275
//     9   ...  that Opus packet
//     then the frame's own Opus packet, 1..1275 bytes, to the end
//
//   Report plaintext, exactly 17 bytes:
//     0   u32  sentAtMs              sender's millisecond clock, wrapping
//     4   u32  echoSentAtMs          sentAtMs of the newest report received from
//                                    the other side, 0 if none yet
//     8   u32  echoHoldMs            ms between receiving that report and sending this one
//     12  u8   lossPercent           0..100, loss the sender of this report sees
//     13  u16  jitterTenthsMs        interarrival jitter the sender sees, 0.1 ms units
//     15  u16  playoutDelayTenthsMs  the sender's jitter-buffer delay, 0.1 ms units
//
//   Nack plaintext, 5..65 bytes: audio frames the sender of the Nack misses
//     0   u8   count       1..16
//     1   u32  timestamp   `count` times
//
//   Levels plaintext, 10..73 bytes: from a room call's mixer, how loud each
//   member it mixes sounds there (who is speaking)
//     0   u8   count       1..8
//     1   `count` times:   u64 member (the first 8 bytes of its peer id),
//                          u8 level (peak of the last 100 ms, 255 = full scale)
//
//   LeaveOut plaintext, 1..57 bytes: to a room call's mixer, the members the
//   sender silenced for itself, to leave out of what the mixer sends it
//     0   u8   count       0..7
//     1   u64  member      `count` times
enum class MediaKind : std::uint8_t { Audio = 1, Report = 2, Nack = 3, Levels = 4, LeaveOut = 5 };

inline constexpr std::size_t kMediaHeaderBytes = 13;
inline constexpr std::size_t kMediaTagBytes = 16;
inline constexpr std::size_t kMaxMediaDatagramBytes = 1400;
inline constexpr std::size_t kMaxMediaPlaintextBytes =
    kMaxMediaDatagramBytes - kMediaHeaderBytes - kMediaTagBytes;
inline constexpr std::size_t kAudioPayloadHeaderBytes = 5;
inline constexpr std::size_t kMaxOpusPacketBytes = 1275;
inline constexpr std::size_t kMediaReportBytes = 17;
inline constexpr std::uint8_t kAudioMarkerFlag = 0x01;
inline constexpr std::uint8_t kAudioRetransmissionFlag = 0x02;
inline constexpr std::uint8_t kAudioRedundancyFlag = 0x04;
inline constexpr std::size_t kRedundancyHeaderBytes = 4; // u16 offset, u16 length
inline constexpr std::size_t kMaxNackTimestamps = 16;
inline constexpr std::size_t kMaxMixedMembers = 8; // Levels entries: a room call's members
inline constexpr std::size_t kMaxLeftOutMembers = kMaxMixedMembers - 1;

using MediaHeaderBytes = std::array<std::uint8_t, kMediaHeaderBytes>;

struct MediaHeader {
    MediaKind kind = MediaKind::Audio;
    std::uint32_t receiveTag = 0;
    std::uint64_t counter = 0;

    bool operator==(const MediaHeader&) const = default;
};

// An earlier frame carried again in a later frame's datagram (RFC 2198's
// idea): when the earlier datagram was lost, this copy stands in for it.
struct RedundantFrame {
    std::uint16_t offset = 0; // samples before the carrying frame's timestamp
    ByteView opus;
};

// An audio plaintext; the views are into the buffer it was decoded from (or
// the caller's, for encoding).
struct AudioPayload {
    std::uint32_t timestamp = 0;
    bool marker = false;
    bool retransmission = false;
    std::optional<RedundantFrame> redundant;
    ByteView opus;
};

struct MediaReport {
    std::uint32_t sentAtMs = 0;
    std::uint32_t echoSentAtMs = 0;
    std::uint32_t echoHoldMs = 0;
    std::uint8_t lossPercent = 0;
    std::uint16_t jitterTenthsMs = 0;
    std::uint16_t playoutDelayTenthsMs = 0;

    bool operator==(const MediaReport&) const = default;
};

// A member of a room call on the media wire: the first 8 bytes of its peer
// id, read big-endian.
using MixMember = std::uint64_t;

struct MemberLevel {
    MixMember member = 0;
    std::uint8_t level = 0;

    bool operator==(const MemberLevel&) const = default;
};

// Checked in wire order; the first failure is reported.
enum class MediaPacketError {
    TooLarge,         // datagram over kMaxMediaDatagramBytes, audio plaintext over kMaxMediaPlaintextBytes,
                      // or Opus packet over 1275 bytes
    Truncated,        // shorter than a header plus a tag, or an audio plaintext without its 5 header bytes
    UnknownKind,      // kind code not in MediaKind
    BadPayloadLength, // ciphertext cannot hold a plaintext of this kind; report not 17 bytes
    BadFlags,         // an audio flag bit other than the marker is set
    EmptyAudio,       // audio plaintext without an Opus packet
    BadLossPercent,   // report lossPercent over 100
    BadNackCount,     // Nack count 0, over 16, or not the number of timestamps that follow
    BadRedundancy,    // redundant frame with offset 0, empty, over 1275 bytes, or leaving no Opus packet
    BadMemberCount,   // Levels count 0 or over 8, LeaveOut count over 7, or not the number of entries that
                      // follow
};

// Whether a plaintext of this size can be a valid payload of `kind`: audio
// 6..1371 bytes, report exactly 17, Nack 1 + 4n for n in 1..16. Senders
// refuse what receivers would drop.
bool mediaPlaintextFits(MediaKind kind, std::size_t plaintextBytes);

MediaHeaderBytes encodeMediaHeader(const MediaHeader& header);
// Everything a receiver can check before any cryptography: size limits, the
// kind, and that the ciphertext can hold a tag and a plaintext of that kind.
Result<MediaHeader, MediaPacketError> decodeMediaHeader(ByteView datagram);

// Encoders write what they are given; the caller keeps the Opus packets
// within 1..kMaxOpusPacketBytes and the whole within kMaxMediaPlaintextBytes
// (the decoder rejects anything else). Retransmission and redundancy are set
// only towards a peer that announced them (an older one refuses the flags).
Bytes encodeAudioPayload(const AudioPayload& payload);
Bytes encodeAudioPayload(std::uint32_t timestamp, bool marker, ByteView opus, bool retransmission = false);
// The plaintext size of `payload`, to check it fits before encoding.
std::size_t audioPayloadBytes(const AudioPayload& payload);
Result<AudioPayload, MediaPacketError> decodeAudioPayload(ByteView plaintext);

Bytes encodeReport(const MediaReport& report);
Result<MediaReport, MediaPacketError> decodeReport(ByteView plaintext);

// The caller passes 1..kMaxNackTimestamps timestamps.
Bytes encodeNack(std::span<const std::uint32_t> timestamps);
Result<std::vector<std::uint32_t>, MediaPacketError> decodeNack(ByteView plaintext);

// The caller passes 1..kMaxMixedMembers levels, and 0..kMaxLeftOutMembers
// members to leave out. Sent only to a peer that announced MediaFeature::Mixing.
Bytes encodeLevels(std::span<const MemberLevel> levels);
Result<std::vector<MemberLevel>, MediaPacketError> decodeLevels(ByteView plaintext);
Bytes encodeLeaveOut(std::span<const MixMember> members);
Result<std::vector<MixMember>, MediaPacketError> decodeLeaveOut(ByteView plaintext);

const char* toString(MediaPacketError error);
const char* toString(MediaKind kind); // "audio", "report", "nack", "levels", "leave-out"

} // namespace confab::proto
