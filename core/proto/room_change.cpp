#include "room_change.h"

#include "byte_io.h"
#include "utf8.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace confab::proto {
namespace {

using Error = RoomChangeError;

constexpr std::string_view kSignatureLabel = "confab room change v1";

bool isKnownKind(std::uint8_t code)
{
    switch (static_cast<RoomChangeKind>(code)) {
    case RoomChangeKind::Create:
    case RoomChangeKind::Add:
    case RoomChangeKind::Remove:
    case RoomChangeKind::Promote:
    case RoomChangeKind::Rename:
        return true;
    }
    return false;
}

bool hasName(RoomChangeKind kind)
{
    return kind == RoomChangeKind::Create || kind == RoomChangeKind::Rename;
}

bool parentCountFits(RoomChangeKind kind, std::size_t count)
{
    if (kind == RoomChangeKind::Create) {
        return count == 0;
    }
    return count >= 1 && count <= kMaxRoomChangeParents;
}

// C0 controls, DEL and C1 controls. The bytes are valid UTF-8, so 0xc2 is
// always a lead byte, and C1 (U+0080..U+009F) is exactly 0xc2 0x80..0x9f.
bool hasControlCharacter(ByteView name)
{
    for (std::size_t i = 0; i < name.size(); ++i) {
        const std::uint8_t b = name[i];
        if (b < 0x20 || b == 0x7f) {
            return true;
        }
        if (b == 0xc2 && i + 1 < name.size() && name[i + 1] <= 0x9f) {
            return true;
        }
    }
    return false;
}

bool isValidName(ByteView name)
{
    return !name.empty() && name.size() <= kMaxRoomNameBytes && isValidUtf8(name) &&
           !hasControlCharacter(name);
}

template <std::size_t N> void copyInto(std::array<std::uint8_t, N>& out, ByteView bytes)
{
    std::copy(bytes.begin(), bytes.end(), out.begin());
}

// Every field but the signature, as on the wire.
void writeFields(ByteWriter& writer, const RoomChange& change)
{
    writer.u8(RoomChange::kVersion);
    writer.u8(static_cast<std::uint8_t>(change.kind));
    writer.raw(change.room);
    writer.raw(change.author);
    writer.u64(change.timestampMs);
    // Callers keep parents within their limit; clamping only keeps the count
    // and the hashes that follow it consistent.
    const std::size_t parents = std::min(change.parents.size(), kMaxRoomChangeParents);
    writer.u8(static_cast<std::uint8_t>(parents));
    for (std::size_t i = 0; i < parents; ++i) {
        writer.raw(change.parents[i]);
    }
    if (hasName(change.kind)) {
        // Same for the name: cut at a character boundary, never mid-sequence.
        const std::string_view name = truncateUtf8(change.name, kMaxRoomNameBytes);
        writer.u8(static_cast<std::uint8_t>(name.size()));
        writer.raw(asBytes(name));
    } else {
        writer.raw(change.member);
    }
}

} // namespace

Bytes roomChangeSignedBytes(const RoomChange& change)
{
    Bytes out;
    ByteWriter writer(out);
    writer.raw(asBytes(kSignatureLabel));
    writeFields(writer, change);
    return out;
}

Bytes encodeRoomChange(const RoomChange& change)
{
    Bytes out;
    ByteWriter writer(out);
    writeFields(writer, change);
    writer.raw(change.signature);
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<RoomChange, RoomChangeError> decodeRoomChange(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != RoomChange::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto kindCode = reader.u8();
    if (!kindCode) {
        return Error::Truncated;
    }
    if (!isKnownKind(*kindCode)) {
        return Error::UnknownKind;
    }
    const auto kind = static_cast<RoomChangeKind>(*kindCode);
    const auto room = reader.raw(kRoomIdSize);
    const auto author = reader.raw(32);
    const auto timestampMs = reader.u64();
    const auto parentCount = reader.u8();
    if (!room || !author || !timestampMs || !parentCount) {
        return Error::Truncated;
    }
    if (!parentCountFits(kind, *parentCount)) {
        return Error::BadParents;
    }
    const auto parents = reader.raw(std::size_t{*parentCount} * kRoomChangeHashSize);
    if (!parents) {
        return Error::Truncated;
    }

    RoomChange change;
    change.kind = kind;
    copyInto(change.room, *room);
    copyInto(change.author, *author);
    change.timestampMs = *timestampMs;
    change.parents.resize(*parentCount);
    for (std::size_t i = 0; i < change.parents.size(); ++i) {
        copyInto(change.parents[i], parents->subspan(i * kRoomChangeHashSize, kRoomChangeHashSize));
    }

    if (hasName(kind)) {
        const auto nameSize = reader.u8();
        if (!nameSize) {
            return Error::Truncated;
        }
        // Refused before its bytes are looked for.
        if (*nameSize == 0 || *nameSize > kMaxRoomNameBytes) {
            return Error::BadName;
        }
        const auto name = reader.raw(*nameSize);
        if (!name) {
            return Error::Truncated;
        }
        if (!isValidName(*name)) {
            return Error::BadName;
        }
        change.name = std::string(asText(*name));
    } else {
        const auto member = reader.raw(change.member.size());
        if (!member) {
            return Error::Truncated;
        }
        copyInto(change.member, *member);
    }

    const auto signature = reader.raw(change.signature.size());
    if (!signature) {
        return Error::Truncated;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    copyInto(change.signature, *signature);
    return change;
}

const char* toString(RoomChangeError error)
{
    switch (error) {
    case Error::Truncated:
        return "room change truncated";
    case Error::UnsupportedVersion:
        return "unsupported room change version";
    case Error::UnknownKind:
        return "unknown room change kind";
    case Error::BadParents:
        return "room change with a wrong number of parents";
    case Error::BadName:
        return "room name empty, too long, not UTF-8 or with control characters";
    case Error::TrailingBytes:
        return "trailing bytes after room change";
    }
    return "unknown room change error";
}

} // namespace confab::proto
