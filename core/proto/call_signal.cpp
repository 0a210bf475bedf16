#include "call_signal.h"

#include "byte_io.h"
#include "tlv.h"

#include <algorithm>

namespace confab::proto {

namespace {

using Error = CallSignalError;

// One bit per known field type, to spot duplicates and missing fields.
using FieldSet = std::uint32_t;

constexpr FieldSet bitOf(CallFieldType type)
{
    return FieldSet{1} << static_cast<unsigned>(type);
}

constexpr FieldSet kMediaSetupFields =
    bitOf(CallFieldType::Secret) | bitOf(CallFieldType::ReceiveTag) | bitOf(CallFieldType::Codec);

constexpr std::size_t kCodecValueBytes = 6;                // u8 codec, u8 frameMs, u32 maxBitrate
constexpr std::size_t kGroupValueBytes = 2 * kCallIdBytes; // room id, group call id

bool isKnownKind(std::uint8_t code)
{
    return code >= static_cast<std::uint8_t>(CallSignalKind::Invite) &&
           code <= static_cast<std::uint8_t>(CallSignalKind::Timeout);
}

bool isKnownField(std::uint8_t code)
{
    switch (static_cast<CallFieldType>(code)) {
    case CallFieldType::Secret:
    case CallFieldType::ReceiveTag:
    case CallFieldType::Codec:
    case CallFieldType::MediaFeatures:
    case CallFieldType::Group:
        return true;
    }
    return false;
}

void writeHeader(ByteWriter& writer, CallFieldType type, std::size_t length)
{
    writeTlvHeader(writer, static_cast<std::uint8_t>(type), length);
}

Result<CallSignal, Error> applyField(CallSignal signal, CallFieldType type, ByteView value)
{
    ByteReader reader(value);
    switch (type) {
    case CallFieldType::Secret: {
        if (value.size() != kCallSecretBytes) {
            return Error::BadFieldLength;
        }
        std::array<std::uint8_t, kCallSecretBytes> secret{};
        std::copy(value.begin(), value.end(), secret.begin());
        signal.secret = secret;
        return signal;
    }
    case CallFieldType::ReceiveTag:
        if (value.size() != sizeof(std::uint32_t)) {
            return Error::BadFieldLength;
        }
        signal.receiveTag = *reader.u32();
        return signal;
    case CallFieldType::Codec: {
        if (value.size() != kCodecValueBytes) {
            return Error::BadFieldLength;
        }
        CallCodec codec;
        codec.codec = *reader.u8();
        codec.frameMs = *reader.u8();
        codec.maxBitrate = *reader.u32();
        if (!isValidCodec(codec)) {
            return Error::BadCodec;
        }
        signal.codec = codec;
        return signal;
    }
    case CallFieldType::MediaFeatures:
        if (value.size() != sizeof(std::uint32_t)) {
            return Error::BadFieldLength;
        }
        signal.mediaFeatures = *reader.u32();
        return signal;
    case CallFieldType::Group: {
        if (value.size() != kGroupValueBytes) {
            return Error::BadFieldLength;
        }
        CallGroup group;
        std::copy_n(value.begin(), group.room.size(), group.room.begin());
        std::copy_n(value.begin() + static_cast<std::ptrdiff_t>(group.room.size()), group.groupCall.size(),
                    group.groupCall.begin());
        signal.group = group;
        return signal;
    }
    }
    return signal;
}

} // namespace

bool carriesMediaSetup(CallSignalKind kind)
{
    return kind == CallSignalKind::Invite || kind == CallSignalKind::Accept;
}

bool announces(const CallSignal& signal, MediaFeature feature)
{
    return signal.mediaFeatures && (*signal.mediaFeatures & static_cast<std::uint32_t>(feature)) != 0;
}

bool isValidCodec(const CallCodec& codec)
{
    return codec.codec == kCallCodecOpus &&
           (codec.frameMs == kLowDelayFrameMs || codec.frameMs == 10 || codec.frameMs == 20) &&
           codec.maxBitrate >= kMinCallBitrate && codec.maxBitrate <= kMaxCallBitrate;
}

Bytes encodeCallSignal(const CallSignal& signal)
{
    Bytes out;
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(signal.kind));
    writer.raw(signal.callId);
    if (signal.secret) {
        writeHeader(writer, CallFieldType::Secret, kCallSecretBytes);
        writer.raw(*signal.secret);
    }
    if (signal.receiveTag) {
        writeHeader(writer, CallFieldType::ReceiveTag, sizeof(std::uint32_t));
        writer.u32(*signal.receiveTag);
    }
    if (signal.codec) {
        writeHeader(writer, CallFieldType::Codec, kCodecValueBytes);
        writer.u8(signal.codec->codec);
        writer.u8(signal.codec->frameMs);
        writer.u32(signal.codec->maxBitrate);
    }
    if (signal.mediaFeatures) {
        writeHeader(writer, CallFieldType::MediaFeatures, sizeof(std::uint32_t));
        writer.u32(*signal.mediaFeatures);
    }
    if (signal.group) {
        writeHeader(writer, CallFieldType::Group, kGroupValueBytes);
        writer.raw(signal.group->room);
        writer.raw(signal.group->groupCall);
    }
    return out;
}

Result<CallSignal, CallSignalError> decodeCallSignal(ByteView bytes)
{
    if (bytes.size() > kMaxCallSignalBytes) {
        return Error::TooLarge;
    }
    ByteReader reader(bytes);
    const auto kind = reader.u8();
    if (!kind) {
        return Error::Truncated;
    }
    if (!isKnownKind(*kind)) {
        return Error::UnknownKind;
    }
    const auto callId = reader.raw(kCallIdBytes);
    if (!callId) {
        return Error::Truncated;
    }
    CallSignal signal;
    signal.kind = static_cast<CallSignalKind>(*kind);
    std::copy(callId->begin(), callId->end(), signal.callId.begin());

    FieldSet seen = 0;
    while (!reader.atEnd()) {
        const auto field = readTlvField(reader);
        if (!field) {
            return Error::Truncated;
        }
        // Unknown types are fields added by later versions: skip them.
        if (!isKnownField(field->type)) {
            continue;
        }
        const auto type = static_cast<CallFieldType>(field->type);
        const ByteView value = field->value;
        if ((seen & bitOf(type)) != 0) {
            return Error::DuplicateField;
        }
        seen |= bitOf(type);
        // A secret outside Invite and Accept would be key material nobody
        // asked for; refusing it keeps every kind's meaning unambiguous.
        if (!carriesMediaSetup(signal.kind)) {
            return Error::UnexpectedField;
        }
        auto applied = applyField(signal, type, value);
        if (!applied) {
            return applied.error();
        }
        signal = applied.value();
    }
    if (carriesMediaSetup(signal.kind) && (seen & kMediaSetupFields) != kMediaSetupFields) {
        return Error::MissingField;
    }
    return signal;
}

const char* toString(CallSignalError error)
{
    switch (error) {
    case Error::TooLarge:
        return "call signal too large";
    case Error::Truncated:
        return "call signal truncated";
    case Error::UnknownKind:
        return "unknown call signal kind";
    case Error::DuplicateField:
        return "duplicate field in call signal";
    case Error::MissingField:
        return "required field missing from call signal";
    case Error::UnexpectedField:
        return "call signal carries a field its kind does not allow";
    case Error::BadFieldLength:
        return "bad field length in call signal";
    case Error::BadCodec:
        return "unsupported codec parameters in call signal";
    }
    return "unknown call signal error";
}

const char* toString(CallSignalKind kind)
{
    switch (kind) {
    case CallSignalKind::Invite:
        return "invite";
    case CallSignalKind::Ringing:
        return "ringing";
    case CallSignalKind::Accept:
        return "accept";
    case CallSignalKind::Decline:
        return "decline";
    case CallSignalKind::Busy:
        return "busy";
    case CallSignalKind::Cancel:
        return "cancel";
    case CallSignalKind::Hangup:
        return "hangup";
    case CallSignalKind::Timeout:
        return "timeout";
    }
    return "unknown";
}

} // namespace confab::proto
