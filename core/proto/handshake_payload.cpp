#include "handshake_payload.h"

#include "byte_io.h"
#include "limits.h"
#include "tlv.h"
#include "utf8.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace confab::proto {

namespace {

using Error = HandshakePayloadError;

// One bit per known field type, to spot duplicates and missing fields.
using FieldSet = std::uint32_t;

constexpr FieldSet bitOf(HandshakeFieldType type)
{
    return FieldSet{1} << static_cast<unsigned>(type);
}

constexpr FieldSet kRequiredFields = bitOf(HandshakeFieldType::ProtocolVersion) |
                                     bitOf(HandshakeFieldType::PeerId) |
                                     bitOf(HandshakeFieldType::IdentityKey);

bool isKnownField(std::uint8_t code)
{
    switch (static_cast<HandshakeFieldType>(code)) {
    case HandshakeFieldType::ProtocolVersion:
    case HandshakeFieldType::PeerId:
    case HandshakeFieldType::IdentityKey:
    case HandshakeFieldType::DisplayName:
    case HandshakeFieldType::ListenPort:
    case HandshakeFieldType::MediaPort:
    case HandshakeFieldType::Capabilities:
    case HandshakeFieldType::Transfer:
    case HandshakeFieldType::ForwardTo:
        return true;
    }
    return false;
}

void writeHeader(ByteWriter& writer, HandshakeFieldType type, std::size_t length)
{
    writeTlvHeader(writer, static_cast<std::uint8_t>(type), length);
}

void writeU16Field(ByteWriter& writer, HandshakeFieldType type, std::uint16_t value)
{
    writeHeader(writer, type, sizeof(value));
    writer.u16(value);
}

void writeRawField(ByteWriter& writer, HandshakeFieldType type, ByteView value)
{
    writeHeader(writer, type, value.size());
    writer.raw(value);
}

std::optional<Error> readU16(ByteView value, std::uint16_t& out)
{
    if (value.size() != sizeof(std::uint16_t)) {
        return Error::BadFieldLength;
    }
    out = static_cast<std::uint16_t>((value[0] << 8) | value[1]);
    return std::nullopt;
}

template <std::size_t N> std::optional<Error> readFixed(ByteView value, std::array<std::uint8_t, N>& out)
{
    if (value.size() != N) {
        return Error::BadFieldLength;
    }
    std::copy(value.begin(), value.end(), out.begin());
    return std::nullopt;
}

std::optional<Error> readPeerId(ByteView value, PeerId& out)
{
    std::array<std::uint8_t, PeerId::kSize> raw{};
    const auto error = readFixed(value, raw);
    out = PeerId(raw);
    return error;
}

std::optional<Error> readDisplayName(ByteView value, std::string& out)
{
    if (value.size() > kMaxDisplayNameBytes) {
        return Error::BadFieldLength;
    }
    if (!isValidUtf8(value)) {
        return Error::BadUtf8;
    }
    out.assign(asText(value));
    return std::nullopt;
}

std::optional<Error> applyField(HandshakePayload& payload, HandshakeFieldType type, ByteView value)
{
    switch (type) {
    case HandshakeFieldType::ProtocolVersion:
        return readU16(value, payload.protocolVersion);
    case HandshakeFieldType::PeerId:
        return readPeerId(value, payload.peerId);
    case HandshakeFieldType::IdentityKey:
        return readFixed(value, payload.identityKey);
    case HandshakeFieldType::DisplayName:
        return readDisplayName(value, payload.displayName);
    case HandshakeFieldType::ListenPort:
        return readU16(value, payload.listenPort);
    case HandshakeFieldType::MediaPort:
        return readU16(value, payload.mediaPort);
    case HandshakeFieldType::Capabilities:
        if (value.size() != sizeof(std::uint32_t)) {
            return Error::BadFieldLength;
        }
        payload.capabilities = (std::uint32_t{value[0]} << 24) | (std::uint32_t{value[1]} << 16) |
                               (std::uint32_t{value[2]} << 8) | std::uint32_t{value[3]};
        return std::nullopt;
    case HandshakeFieldType::Transfer:
        return readFixed(value, payload.transferId.emplace());
    case HandshakeFieldType::ForwardTo:
        return readPeerId(value, payload.forwardTo.emplace());
    }
    return std::nullopt;
}

} // namespace

Bytes encodeHandshakePayload(const HandshakePayload& payload)
{
    Bytes out;
    ByteWriter writer(out);
    writeU16Field(writer, HandshakeFieldType::ProtocolVersion, payload.protocolVersion);
    writeRawField(writer, HandshakeFieldType::PeerId, payload.peerId.bytes());
    writeRawField(writer, HandshakeFieldType::IdentityKey, payload.identityKey);
    const std::string_view name = truncateUtf8(payload.displayName, kMaxDisplayNameBytes);
    if (!name.empty()) {
        writeRawField(writer, HandshakeFieldType::DisplayName, asBytes(name));
    }
    if (payload.listenPort != 0) {
        writeU16Field(writer, HandshakeFieldType::ListenPort, payload.listenPort);
    }
    if (payload.mediaPort != 0) {
        writeU16Field(writer, HandshakeFieldType::MediaPort, payload.mediaPort);
    }
    if (payload.capabilities != 0) {
        writeHeader(writer, HandshakeFieldType::Capabilities, sizeof(payload.capabilities));
        writer.u32(payload.capabilities);
    }
    if (payload.transferId) {
        writeRawField(writer, HandshakeFieldType::Transfer, *payload.transferId);
    }
    if (payload.forwardTo) {
        writeRawField(writer, HandshakeFieldType::ForwardTo, payload.forwardTo->bytes());
    }
    return out;
}

Result<HandshakePayload, HandshakePayloadError> decodeHandshakePayload(ByteView bytes)
{
    if (bytes.size() > kMaxHandshakePayloadSize) {
        return Error::TooLarge;
    }
    HandshakePayload payload;
    FieldSet seen = 0;
    ByteReader reader(bytes);
    while (!reader.atEnd()) {
        const auto field = readTlvField(reader);
        if (!field) {
            return Error::Truncated;
        }
        // Unknown types are fields added by later versions: skip them.
        if (!isKnownField(field->type)) {
            continue;
        }
        const auto type = static_cast<HandshakeFieldType>(field->type);
        const ByteView value = field->value;
        if ((seen & bitOf(type)) != 0) {
            return Error::DuplicateField;
        }
        seen |= bitOf(type);
        if (const auto error = applyField(payload, type, value)) {
            return *error;
        }
    }
    if ((seen & kRequiredFields) != kRequiredFields) {
        return Error::MissingField;
    }
    return payload;
}

const char* toString(HandshakePayloadError error)
{
    switch (error) {
    case Error::TooLarge:
        return "handshake payload too large";
    case Error::Truncated:
        return "handshake payload truncated";
    case Error::DuplicateField:
        return "duplicate field in handshake payload";
    case Error::MissingField:
        return "required field missing from handshake payload";
    case Error::BadFieldLength:
        return "bad field length in handshake payload";
    case Error::BadUtf8:
        return "display name is not valid UTF-8";
    }
    return "unknown handshake payload error";
}

} // namespace confab::proto
