#include "envelope.h"

#include "byte_io.h"
#include "file_drop.h"
#include "limits.h"
#include "message_change.h"
#include "receipt.h"
#include "room_message.h"
#include "room_sync.h"
#include "utf8.h"

#include <optional>

namespace confab::proto {

namespace {

using Error = EnvelopeError;

bool isKnownKind(std::uint8_t code)
{
    switch (static_cast<EnvelopeKind>(code)) {
    case EnvelopeKind::Text:
    case EnvelopeKind::Receipt:
    case EnvelopeKind::FileOffer:
    case EnvelopeKind::FileAnswer:
    case EnvelopeKind::RoomChanges:
    case EnvelopeKind::RoomSenderKey:
    case EnvelopeKind::RoomMessage:
    case EnvelopeKind::RoomSummary:
    case EnvelopeKind::RoomReceipt:
    case EnvelopeKind::Edit:
    case EnvelopeKind::Delete:
    case EnvelopeKind::Reaction:
    case EnvelopeKind::Reply:
        return true;
    }
    return false;
}

bool isKnownRecipientType(std::uint8_t code)
{
    switch (static_cast<RecipientType>(code)) {
    case RecipientType::Peer:
    case RecipientType::Group:
        return true;
    }
    return false;
}

std::optional<Error> validateBody(EnvelopeKind kind, ByteView body)
{
    switch (kind) {
    case EnvelopeKind::Text:
        if (body.size() > kMaxTextBytes) {
            return Error::BodyTooLarge;
        }
        if (!isValidUtf8(body)) {
            return Error::BadUtf8;
        }
        return std::nullopt;
    case EnvelopeKind::Receipt:
        if (!decodeReceipt(body)) {
            return Error::BadReceipt;
        }
        return std::nullopt;
    case EnvelopeKind::FileOffer:
        if (!decodeFileOffer(body)) {
            return Error::BadFileOffer;
        }
        return std::nullopt;
    case EnvelopeKind::FileAnswer:
        if (!decodeFileAnswer(body)) {
            return Error::BadFileAnswer;
        }
        return std::nullopt;
    case EnvelopeKind::RoomChanges:
        return decodeRoomChangeBatch(body) ? std::nullopt : std::optional(Error::BadRoomBody);
    case EnvelopeKind::RoomSenderKey:
        return decodeRoomSenderKey(body) ? std::nullopt : std::optional(Error::BadRoomBody);
    case EnvelopeKind::RoomMessage:
        return decodeRoomMessage(body) ? std::nullopt : std::optional(Error::BadRoomBody);
    case EnvelopeKind::RoomSummary:
        return decodeRoomSummary(body) ? std::nullopt : std::optional(Error::BadRoomBody);
    case EnvelopeKind::RoomReceipt:
        return decodeRoomReceipt(body) ? std::nullopt : std::optional(Error::BadRoomBody);
    case EnvelopeKind::Edit:
        return decodeMessageEdit(body) ? std::nullopt : std::optional(Error::BadMessageChange);
    case EnvelopeKind::Delete:
        return decodeMessageDelete(body) ? std::nullopt : std::optional(Error::BadMessageChange);
    case EnvelopeKind::Reaction:
        return decodeMessageReaction(body) ? std::nullopt : std::optional(Error::BadMessageChange);
    case EnvelopeKind::Reply:
        return decodeMessageReply(body) ? std::nullopt : std::optional(Error::BadMessageChange);
    }
    return Error::UnknownKind;
}

} // namespace

Bytes encodeEnvelope(const Envelope& envelope)
{
    Bytes out;
    out.reserve(Envelope::kHeaderSize + envelope.body.size());
    ByteWriter writer(out);
    writer.u8(Envelope::kVersion);
    writer.u8(static_cast<std::uint8_t>(envelope.kind));
    writer.raw(envelope.id.bytes());
    writer.raw(envelope.sender.bytes());
    writer.u8(static_cast<std::uint8_t>(envelope.recipientType));
    writer.raw(envelope.recipient.bytes());
    writer.u64(envelope.timestampMs);
    // Bodies are bounded by kMaxEnvelopeBodySize, far below the u32 range.
    writer.u32(static_cast<std::uint32_t>(envelope.body.size()));
    writer.raw(envelope.body);
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<Envelope, EnvelopeError> decodeEnvelope(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != Envelope::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto kind = reader.u8();
    if (!kind) {
        return Error::Truncated;
    }
    if (!isKnownKind(*kind)) {
        return Error::UnknownKind;
    }
    const auto id = reader.raw(MessageId::kSize);
    const auto sender = reader.raw(PeerId::kSize);
    const auto recipientType = reader.u8();
    if (!id || !sender || !recipientType) {
        return Error::Truncated;
    }
    if (!isKnownRecipientType(*recipientType)) {
        return Error::UnknownRecipientType;
    }
    const auto recipient = reader.raw(PeerId::kSize);
    const auto timestampMs = reader.u64();
    const auto bodyLength = reader.u32();
    if (!recipient || !timestampMs || !bodyLength) {
        return Error::Truncated;
    }
    if (*bodyLength > kMaxEnvelopeBodySize) {
        return Error::BodyTooLarge;
    }
    const auto body = reader.raw(*bodyLength);
    if (!body) {
        return Error::Truncated;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    if (const auto error = validateBody(static_cast<EnvelopeKind>(*kind), *body)) {
        return *error;
    }

    Envelope envelope;
    envelope.kind = static_cast<EnvelopeKind>(*kind);
    envelope.id = *MessageId::fromBytes(*id);
    envelope.sender = *PeerId::fromBytes(*sender);
    envelope.recipientType = static_cast<RecipientType>(*recipientType);
    envelope.recipient = *PeerId::fromBytes(*recipient);
    envelope.timestampMs = *timestampMs;
    envelope.body.assign(body->begin(), body->end());
    return envelope;
}

const char* toString(EnvelopeError error)
{
    switch (error) {
    case Error::Truncated:
        return "envelope truncated";
    case Error::UnsupportedVersion:
        return "unsupported envelope version";
    case Error::UnknownKind:
        return "unknown envelope kind";
    case Error::UnknownRecipientType:
        return "unknown recipient type";
    case Error::BodyTooLarge:
        return "envelope body too large";
    case Error::TrailingBytes:
        return "trailing bytes after envelope body";
    case Error::BadUtf8:
        return "text body is not valid UTF-8";
    case Error::BadReceipt:
        return "malformed receipt body";
    case Error::BadFileOffer:
        return "malformed file offer body";
    case Error::BadFileAnswer:
        return "malformed file answer body";
    case Error::BadRoomBody:
        return "malformed room body";
    case Error::BadMessageChange:
        return "malformed edit, delete, reaction or reply body";
    }
    return "unknown envelope error";
}

} // namespace confab::proto
