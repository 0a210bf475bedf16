#include "relay_envelope.h"

#include "byte_io.h"

#include <algorithm>
#include <string_view>

namespace confab::proto {
namespace {

constexpr std::string_view kPrologueLabel = "confab relayed envelope v1";

} // namespace

Bytes relayPrologue(const RelayHeader& header)
{
    Bytes out;
    ByteWriter writer(out);
    writer.raw(asBytes(kPrologueLabel));
    writer.raw(header.routingId.bytes());
    writer.raw(header.recipient.bytes());
    writer.u64(header.expiresMs);
    writer.u8(header.acknowledges ? RelayHeader::kFlagReceipt : 0);
    if (header.acknowledges) {
        writer.raw(header.acknowledges->bytes());
    }
    return out;
}

std::optional<std::uint32_t> sealedSizeClass(std::size_t size)
{
    for (const std::uint32_t sizeClass : kSealedSizeClasses) {
        if (size <= sizeClass) {
            return sizeClass;
        }
    }
    return std::nullopt;
}

Bytes encodeRelayEnvelope(const RelayEnvelope& envelope)
{
    const RelayHeader& header = envelope.header;
    Bytes out;
    out.reserve(80 + envelope.sealed.size());
    ByteWriter writer(out);
    writer.u8(RelayHeader::kVersion);
    writer.u8(static_cast<std::uint8_t>((header.acknowledges ? RelayHeader::kFlagReceipt : 0) |
                                        (header.flood ? RelayHeader::kFlagFlood : 0)));
    writer.raw(header.routingId.bytes());
    writer.raw(header.recipient.bytes());
    writer.u8(header.hopLimit);
    writer.u64(header.expiresMs);
    if (header.acknowledges) {
        writer.raw(header.acknowledges->bytes());
    }
    writer.u32(static_cast<std::uint32_t>(envelope.sealed.size()));
    writer.raw(envelope.sealed);
    return out;
}

Result<RelayEnvelope, RelayEnvelopeError> decodeRelayEnvelope(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto version = reader.u8();
    const auto flags = reader.u8();
    if (!version || !flags) {
        return RelayEnvelopeError::Truncated;
    }
    if (*version != RelayHeader::kVersion) {
        return RelayEnvelopeError::UnsupportedVersion;
    }
    if ((*flags & ~(RelayHeader::kFlagReceipt | RelayHeader::kFlagFlood)) != 0) {
        return RelayEnvelopeError::UnknownFlags;
    }
    const auto routingId = reader.raw(MessageId::kSize);
    const auto recipient = reader.raw(PeerId::kSize);
    const auto hopLimit = reader.u8();
    const auto expires = reader.u64();
    if (!routingId || !recipient || !hopLimit || !expires) {
        return RelayEnvelopeError::Truncated;
    }
    if (*hopLimit == 0 || *hopLimit > kMaxHopLimit) {
        return RelayEnvelopeError::BadHopLimit;
    }
    RelayEnvelope envelope;
    envelope.header.routingId = *MessageId::fromBytes(*routingId);
    envelope.header.recipient = *PeerId::fromBytes(*recipient);
    envelope.header.hopLimit = *hopLimit;
    envelope.header.expiresMs = *expires;
    envelope.header.flood = (*flags & RelayHeader::kFlagFlood) != 0;
    if ((*flags & RelayHeader::kFlagReceipt) != 0) {
        const auto acknowledged = reader.raw(MessageId::kSize);
        if (!acknowledged) {
            return RelayEnvelopeError::Truncated;
        }
        envelope.header.acknowledges = *MessageId::fromBytes(*acknowledged);
    }
    const auto sealedSize = reader.u32();
    if (!sealedSize) {
        return RelayEnvelopeError::Truncated;
    }
    // Only the size classes: a length is never trusted beyond them.
    if (std::find(kSealedSizeClasses.begin(), kSealedSizeClasses.end(), *sealedSize) ==
        kSealedSizeClasses.end()) {
        return RelayEnvelopeError::BadSealedSize;
    }
    const auto sealed = reader.raw(*sealedSize);
    if (!sealed) {
        return RelayEnvelopeError::Truncated;
    }
    if (!reader.atEnd()) {
        return RelayEnvelopeError::TrailingBytes;
    }
    envelope.sealed.assign(sealed->begin(), sealed->end());
    return envelope;
}

Bytes encodeRelayCustody(const std::vector<MessageId>& routingIds)
{
    Bytes out;
    ByteWriter writer(out);
    const std::size_t count = std::min(routingIds.size(), kMaxCustodyIds);
    writer.u8(static_cast<std::uint8_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        writer.raw(routingIds[i].bytes());
    }
    return out;
}

Result<std::vector<MessageId>, RelayEnvelopeError> decodeRelayCustody(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto count = reader.u8();
    if (!count) {
        return RelayEnvelopeError::Truncated;
    }
    if (*count == 0 || *count > kMaxCustodyIds) {
        return RelayEnvelopeError::BadCount;
    }
    std::vector<MessageId> ids;
    ids.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        const auto id = reader.raw(MessageId::kSize);
        if (!id) {
            return RelayEnvelopeError::Truncated;
        }
        ids.push_back(*MessageId::fromBytes(*id));
    }
    if (!reader.atEnd()) {
        return RelayEnvelopeError::TrailingBytes;
    }
    return ids;
}

const char* toString(RelayEnvelopeError error)
{
    switch (error) {
    case RelayEnvelopeError::Truncated:
        return "truncated relayed envelope";
    case RelayEnvelopeError::UnsupportedVersion:
        return "unsupported relayed envelope version";
    case RelayEnvelopeError::UnknownFlags:
        return "unknown relayed envelope flags";
    case RelayEnvelopeError::BadHopLimit:
        return "hop limit outside 1..7";
    case RelayEnvelopeError::BadSealedSize:
        return "sealed size that is not a size class";
    case RelayEnvelopeError::BadCount:
        return "custody list with no ids or more than 64";
    case RelayEnvelopeError::TrailingBytes:
        return "bytes after the relayed envelope";
    }
    return "unknown relayed envelope error";
}

} // namespace confab::proto
