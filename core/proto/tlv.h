#pragma once

#include "base/bytes.h"
#include "byte_io.h"

#include <cstdint>
#include <optional>

namespace confab::proto {

// The TLV field layout that extensible bodies share (the handshake payload,
// call signals): u8 type, u16 big-endian length, then `length` value bytes.
struct TlvField {
    std::uint8_t type = 0;
    ByteView value;
};

// The next field, or nullopt when the header or the value is cut short.
std::optional<TlvField> readTlvField(ByteReader& reader);
void writeTlvHeader(ByteWriter& writer, std::uint8_t type, std::size_t length);

} // namespace confab::proto
