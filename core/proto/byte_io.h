#pragma once

#include "base/bytes.h"

#include <cstdint>
#include <optional>

namespace confab::proto {

// Appends big-endian integers and raw bytes to a buffer.
class ByteWriter {
public:
    explicit ByteWriter(Bytes& out) : m_out(out) {}

    void u8(std::uint8_t v);
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void u64(std::uint64_t v);
    void raw(ByteView bytes);

private:
    Bytes& m_out;
};

// Reads big-endian integers and raw bytes; every read is bounds-checked and
// returns nullopt instead of reading past the end.
class ByteReader {
public:
    explicit ByteReader(ByteView in) : m_in(in) {}

    std::optional<std::uint8_t> u8();
    std::optional<std::uint16_t> u16();
    std::optional<std::uint32_t> u32();
    std::optional<std::uint64_t> u64();
    std::optional<ByteView> raw(std::size_t count);

    [[nodiscard]] std::size_t remaining() const { return m_in.size() - m_pos; }
    [[nodiscard]] bool atEnd() const { return remaining() == 0; }

private:
    ByteView m_in;
    std::size_t m_pos = 0;
};

} // namespace confab::proto
