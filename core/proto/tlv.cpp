#include "tlv.h"

namespace confab::proto {

std::optional<TlvField> readTlvField(ByteReader& reader)
{
    const auto type = reader.u8();
    const auto length = reader.u16();
    if (!type || !length) {
        return std::nullopt;
    }
    const auto value = reader.raw(*length);
    if (!value) {
        return std::nullopt;
    }
    return TlvField{*type, *value};
}

void writeTlvHeader(ByteWriter& writer, std::uint8_t type, std::size_t length)
{
    writer.u8(type);
    writer.u16(static_cast<std::uint16_t>(length));
}

} // namespace confab::proto
