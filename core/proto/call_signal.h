#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace confab::proto {

// The body of a Call link message: one step of setting up or ending a voice
// call (docs/PROTOCOL.md, "Voice calls"). Wire form:
//
//   u8  kind     CallSignalKind
//   16  call id  random, chosen by the caller
//   then TLV fields (u8 type, u16 big-endian length, value), as in the
//   handshake payload: unknown types are skipped, known types appear once.
//
// Secret, ReceiveTag and Codec are carried by Invite (the caller's offer) and
// Accept (the callee's choice) only, and are required there. The whole body is
// at most kMaxCallSignalBytes. Kind codes and field types are append-only.
enum class CallSignalKind : std::uint8_t {
    Invite = 1,
    Ringing,
    Accept,
    Decline,
    Busy,
    Cancel,
    Hangup,
    Timeout
};

enum class CallFieldType : std::uint8_t {
    Secret = 1,        // 32 bytes: this side's half of the media key material
    ReceiveTag = 2,    // u32: the tag the sender wants on media datagrams sent to it
    Codec = 3,         // u8 codec, u8 frameMs, u32 maxBitrate
    MediaFeatures = 4, // u32 bit set, MediaFeature; optional
    Group = 5,         // 16-byte room id, 16-byte group call id; optional (room calls)
};

// What a side's media handling takes beyond the first release's; bit
// positions are append-only, unknown bits are ignored.
enum class MediaFeature : std::uint32_t {
    Retransmission = 1U << 0U, // Nack datagrams and retransmitted audio
    Redundancy = 1U << 1U,     // audio carrying an earlier frame (flag bit 2)
    // 5 ms frames. In an Invite: the caller would rather use them than the
    // Codec's frame length, which stays for peers that do not know this bit;
    // an Accept that takes the offer says 5 in its Codec.
    LowDelay = 1U << 2U,
    // Takes part in mixing room calls above four members: sends its voice
    // to the mixer alone, mixes when chosen, takes Levels and LeaveOut
    // datagrams (docs/PROTOCOL.md, "A mixer above four members").
    Mixing = 1U << 3U,
};

// The frame length of the low-delay mode (MediaFeature::LowDelay).
inline constexpr std::uint8_t kLowDelayFrameMs = 5;

inline constexpr std::size_t kMaxCallSignalBytes = 256;
inline constexpr std::size_t kCallIdBytes = 16;
inline constexpr std::size_t kCallSecretBytes = 32;
inline constexpr std::uint8_t kCallCodecOpus = 1;
inline constexpr std::uint32_t kMinCallBitrate = 6000;
inline constexpr std::uint32_t kMaxCallBitrate = 510000;

using CallId = std::array<std::uint8_t, kCallIdBytes>;

struct CallCodec {
    std::uint8_t codec = kCallCodecOpus;
    std::uint8_t frameMs = 20; // 5, 10 or 20
    std::uint32_t maxBitrate = 32000;

    bool operator==(const CallCodec&) const = default;
};

// A pairwise call that is one link of a room's call: every member in the
// room call has such a call with every other member, all with the same
// group call id (docs/PROTOCOL.md, "Room calls").
struct CallGroup {
    std::array<std::uint8_t, kCallIdBytes> room{}; // the room's id (RoomId)
    CallId groupCall{};

    auto operator<=>(const CallGroup&) const = default;
};

struct CallSignal {
    CallSignalKind kind = CallSignalKind::Invite;
    CallId callId{};
    std::optional<std::array<std::uint8_t, kCallSecretBytes>> secret;
    std::optional<std::uint32_t> receiveTag;
    std::optional<CallCodec> codec;
    std::optional<std::uint32_t> mediaFeatures; // MediaFeature bits
    std::optional<CallGroup> group;             // the room call this call belongs to

    bool operator==(const CallSignal&) const = default;
};

// Checked in wire order; the first failure is reported.
enum class CallSignalError {
    TooLarge,        // body longer than kMaxCallSignalBytes
    Truncated,       // no kind, short call id, short TLV header or value
    UnknownKind,     // kind code not in CallSignalKind
    DuplicateField,  // a known field type appears twice
    MissingField,    // Invite or Accept lacks Secret, ReceiveTag or Codec
    UnexpectedField, // a media setup field in a kind other than Invite or Accept
    BadFieldLength,  // a known field's value has the wrong size
    BadCodec,        // codec not Opus, frameMs not 5, 10 or 20, or bitrate out of range
};

// Writes the fields that are present, in ascending type order. A signal that
// breaks the rules of its kind (an Invite without a secret, a Hangup with
// one) encodes to bytes that decodeCallSignal rejects; callers build signals
// with every required field.
Bytes encodeCallSignal(const CallSignal& signal);
Result<CallSignal, CallSignalError> decodeCallSignal(ByteView bytes);

// Whether a kind carries Secret, ReceiveTag and Codec (Invite and Accept).
bool carriesMediaSetup(CallSignalKind kind);
// Whether a signal's MediaFeatures field announces `feature`.
bool announces(const CallSignal& signal, MediaFeature feature);
bool isValidCodec(const CallCodec& codec);

const char* toString(CallSignalError error);
// Lower-case names for logs and the control API: "invite", "ringing", ...
const char* toString(CallSignalKind kind);

} // namespace confab::proto
