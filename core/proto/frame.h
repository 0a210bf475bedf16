#pragma once

#include "base/bytes.h"

#include <cstddef>

namespace confab::proto {

// Wire form: u32 big-endian length, then that many bytes. The decoder never
// trusts a length: anything above its limit is an error before any buffering.
Bytes encodeFrame(ByteView payload);

class FrameDecoder {
public:
    enum class Status { Frame, NeedMore, TooLarge, Empty };

    explicit FrameDecoder(std::size_t maxFrameSize);

    void setMaxFrameSize(std::size_t maxFrameSize) { m_maxFrameSize = maxFrameSize; }
    // Appends received bytes. Call next() until it returns NeedMore.
    void feed(ByteView data);
    // On Frame, `out` holds the next frame's payload. TooLarge and Empty (a
    // zero-length frame) are fatal for the link: the decoder stays in error.
    Status next(Bytes& out);
    // Bytes received but not yet returned as frames.
    [[nodiscard]] std::size_t buffered() const { return m_buffer.size() - m_readPos; }

private:
    Bytes m_buffer;
    std::size_t m_readPos = 0;
    std::size_t m_maxFrameSize;
    Status m_error = Status::NeedMore;
};

} // namespace confab::proto
