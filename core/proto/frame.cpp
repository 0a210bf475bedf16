#include "frame.h"

#include "byte_io.h"
#include "limits.h"

#include <cstdint>

namespace confab::proto {

namespace {

// Drops consumed bytes once they are at least as many as the bytes still
// pending, so each byte is moved at most a constant number of times on average
// however small the frames are.
void compact(Bytes& buffer, std::size_t& readPos)
{
    if (readPos == 0) {
        return;
    }
    const std::size_t pending = buffer.size() - readPos;
    if (pending == 0) {
        buffer.clear();
        readPos = 0;
        return;
    }
    if (readPos < pending) {
        return;
    }
    buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(readPos));
    readPos = 0;
}

} // namespace

Bytes encodeFrame(ByteView payload)
{
    Bytes out;
    out.reserve(kFrameHeaderSize + payload.size());
    ByteWriter writer(out);
    // Callers never pass more than kMaxFrameSize, far below the u32 range.
    writer.u32(static_cast<std::uint32_t>(payload.size()));
    writer.raw(payload);
    return out;
}

FrameDecoder::FrameDecoder(std::size_t maxFrameSize) : m_maxFrameSize(maxFrameSize)
{
}

void FrameDecoder::feed(ByteView data)
{
    // After a fatal error nothing more will be decoded; buffering would only
    // let a hostile peer grow our memory.
    if (m_error != Status::NeedMore) {
        return;
    }
    compact(m_buffer, m_readPos);
    m_buffer.insert(m_buffer.end(), data.begin(), data.end());
}

FrameDecoder::Status FrameDecoder::next(Bytes& out)
{
    if (m_error != Status::NeedMore) {
        return m_error;
    }
    ByteReader reader(ByteView(m_buffer).subspan(m_readPos));
    const auto length = reader.u32();
    if (!length) {
        return Status::NeedMore;
    }
    if (*length == 0) {
        m_error = Status::Empty;
        return m_error;
    }
    if (*length > m_maxFrameSize) {
        m_error = Status::TooLarge;
        return m_error;
    }
    const auto payload = reader.raw(*length);
    if (!payload) {
        return Status::NeedMore;
    }
    out.assign(payload->begin(), payload->end());
    m_readPos += kFrameHeaderSize + *length;
    return Status::Frame;
}

} // namespace confab::proto
