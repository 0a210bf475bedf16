#include "room_message.h"

#include "byte_io.h"
#include "limits.h"
#include "utf8.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace confab::proto {
namespace {

constexpr std::string_view kSignatureLabel = "confab room message v1";

void writeHeader(ByteWriter& writer, const RoomMessage& message)
{
    writer.u8(RoomMessage::kVersion);
    writer.raw(message.room);
    writer.raw(message.id.bytes());
    writer.raw(message.sender.bytes());
    writer.u32(message.epoch);
    writer.u32(message.keyId);
    writer.u32(message.chainIndex);
}

// Every field but the signature, as on the wire.
void writeFields(ByteWriter& writer, const RoomMessage& message)
{
    writeHeader(writer, message);
    // Ciphertexts are bounded by kMaxRoomCiphertextBytes, far below the u32 range.
    writer.u32(static_cast<std::uint32_t>(message.ciphertext.size()));
    writer.raw(message.ciphertext);
}

bool isKnownContentKind(std::uint8_t code)
{
    switch (static_cast<RoomContentKind>(code)) {
    case RoomContentKind::Text:
        return true;
    }
    return false;
}

std::optional<RoomContentError> validateBody(RoomContentKind kind, ByteView body)
{
    switch (kind) {
    case RoomContentKind::Text:
        if (body.size() > kMaxTextBytes) {
            return RoomContentError::TooLarge;
        }
        if (!isValidUtf8(body)) {
            return RoomContentError::BadBody;
        }
        return std::nullopt;
    }
    return RoomContentError::UnknownKind;
}

} // namespace

Bytes roomMessageHeaderBytes(const RoomMessage& message)
{
    Bytes out;
    out.reserve(RoomMessage::kHeaderSize);
    ByteWriter writer(out);
    writeHeader(writer, message);
    return out;
}

Bytes roomMessageSignedBytes(const RoomMessage& message)
{
    Bytes out;
    out.reserve(kSignatureLabel.size() + RoomMessage::kHeaderSize + 4 + message.ciphertext.size());
    ByteWriter writer(out);
    writer.raw(asBytes(kSignatureLabel));
    writeFields(writer, message);
    return out;
}

Bytes encodeRoomMessage(const RoomMessage& message)
{
    Bytes out;
    out.reserve(RoomMessage::kHeaderSize + 4 + message.ciphertext.size() + message.signature.size());
    ByteWriter writer(out);
    writeFields(writer, message);
    writer.raw(message.signature);
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<RoomMessage, RoomMessageError> decodeRoomMessage(ByteView bytes)
{
    using Error = RoomMessageError;
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != RoomMessage::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto room = reader.raw(kRoomIdSize);
    const auto id = reader.raw(MessageId::kSize);
    const auto sender = reader.raw(PeerId::kSize);
    const auto epoch = reader.u32();
    const auto keyId = reader.u32();
    const auto chainIndex = reader.u32();
    const auto ciphertextLength = reader.u32();
    if (!room || !id || !sender || !epoch || !keyId || !chainIndex || !ciphertextLength) {
        return Error::Truncated;
    }
    if (*ciphertextLength > kMaxRoomCiphertextBytes) {
        return Error::TooLarge;
    }
    // Every ciphertext carries at least the AEAD tag.
    if (*ciphertextLength < kAeadTagSize) {
        return Error::Truncated;
    }
    const auto ciphertext = reader.raw(*ciphertextLength);
    RoomMessage message;
    const auto signature = reader.raw(message.signature.size());
    if (!ciphertext || !signature) {
        return Error::Truncated;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    std::copy(room->begin(), room->end(), message.room.begin());
    message.id = *MessageId::fromBytes(*id);
    message.sender = *PeerId::fromBytes(*sender);
    message.epoch = *epoch;
    message.keyId = *keyId;
    message.chainIndex = *chainIndex;
    message.ciphertext.assign(ciphertext->begin(), ciphertext->end());
    std::copy(signature->begin(), signature->end(), message.signature.begin());
    return message;
}

const char* toString(RoomMessageError error)
{
    switch (error) {
    case RoomMessageError::Truncated:
        return "room message truncated";
    case RoomMessageError::UnsupportedVersion:
        return "unsupported room message version";
    case RoomMessageError::TooLarge:
        return "room message ciphertext too large";
    case RoomMessageError::TrailingBytes:
        return "trailing bytes after room message";
    }
    return "unknown room message error";
}

Bytes encodeRoomContent(const RoomContent& content)
{
    Bytes out;
    out.reserve(1 + 8 + 4 + content.body.size());
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(content.kind));
    writer.u64(content.timestampMs);
    // Bodies are bounded by kMaxEnvelopeBodySize, far below the u32 range.
    writer.u32(static_cast<std::uint32_t>(content.body.size()));
    writer.raw(content.body);
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<RoomContent, RoomContentError> decodeRoomContent(ByteView bytes)
{
    using Error = RoomContentError;
    ByteReader reader(bytes);
    const auto kind = reader.u8();
    if (!kind) {
        return Error::Truncated;
    }
    if (!isKnownContentKind(*kind)) {
        return Error::UnknownKind;
    }
    const auto timestampMs = reader.u64();
    const auto bodyLength = reader.u32();
    if (!timestampMs || !bodyLength) {
        return Error::Truncated;
    }
    if (*bodyLength > kMaxEnvelopeBodySize) {
        return Error::TooLarge;
    }
    const auto body = reader.raw(*bodyLength);
    if (!body) {
        return Error::Truncated;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    if (const auto error = validateBody(static_cast<RoomContentKind>(*kind), *body)) {
        return *error;
    }
    RoomContent content;
    content.kind = static_cast<RoomContentKind>(*kind);
    content.timestampMs = *timestampMs;
    content.body.assign(body->begin(), body->end());
    return content;
}

const char* toString(RoomContentError error)
{
    switch (error) {
    case RoomContentError::Truncated:
        return "room content truncated";
    case RoomContentError::UnknownKind:
        return "unknown room content kind";
    case RoomContentError::BadBody:
        return "malformed room content body";
    case RoomContentError::TooLarge:
        return "room content body too large";
    case RoomContentError::TrailingBytes:
        return "trailing bytes after room content body";
    }
    return "unknown room content error";
}

} // namespace confab::proto
