#include "byte_io.h"

namespace confab::proto {

namespace {

template <typename T> void writeBigEndian(Bytes& out, T value)
{
    for (std::size_t shift = sizeof(T) * 8; shift > 0;) {
        shift -= 8;
        out.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

template <typename T> std::optional<T> readBigEndian(ByteView in, std::size_t& pos)
{
    if (in.size() - pos < sizeof(T)) {
        return std::nullopt;
    }
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        value = static_cast<T>((static_cast<std::uint64_t>(value) << 8) | in[pos + i]);
    }
    pos += sizeof(T);
    return value;
}

} // namespace

void ByteWriter::u8(std::uint8_t v)
{
    m_out.push_back(v);
}

void ByteWriter::u16(std::uint16_t v)
{
    writeBigEndian(m_out, v);
}

void ByteWriter::u32(std::uint32_t v)
{
    writeBigEndian(m_out, v);
}

void ByteWriter::u64(std::uint64_t v)
{
    writeBigEndian(m_out, v);
}

void ByteWriter::raw(ByteView bytes)
{
    m_out.insert(m_out.end(), bytes.begin(), bytes.end());
}

std::optional<std::uint8_t> ByteReader::u8()
{
    return readBigEndian<std::uint8_t>(m_in, m_pos);
}

std::optional<std::uint16_t> ByteReader::u16()
{
    return readBigEndian<std::uint16_t>(m_in, m_pos);
}

std::optional<std::uint32_t> ByteReader::u32()
{
    return readBigEndian<std::uint32_t>(m_in, m_pos);
}

std::optional<std::uint64_t> ByteReader::u64()
{
    return readBigEndian<std::uint64_t>(m_in, m_pos);
}

std::optional<ByteView> ByteReader::raw(std::size_t count)
{
    if (count > remaining()) {
        return std::nullopt;
    }
    const ByteView out = m_in.subspan(m_pos, count);
    m_pos += count;
    return out;
}

} // namespace confab::proto
