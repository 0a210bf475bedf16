// Input: u8 k | k chunk-size bytes | stream. The stream is fed to a
// FrameDecoder in chunks cycling through the given sizes, and the result is
// compared with a straightforward parse of the whole stream.
#include "proto/frame.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

using confab::Bytes;
using confab::ByteView;
using confab::proto::FrameDecoder;
using Status = FrameDecoder::Status;

constexpr std::size_t kMaxFrame = 65535;

struct Outcome {
    std::vector<Bytes> frames;
    Status last = Status::NeedMore;
    std::size_t leftover = 0; // bytes not consumed as frames when last is NeedMore
};

Outcome referenceParse(ByteView stream)
{
    Outcome outcome;
    std::size_t pos = 0;
    while (true) {
        const std::size_t left = stream.size() - pos;
        if (left < 4) {
            outcome.leftover = left;
            return outcome;
        }
        const std::uint32_t length = (std::uint32_t{stream[pos]} << 24) |
                                     (std::uint32_t{stream[pos + 1]} << 16) |
                                     (std::uint32_t{stream[pos + 2]} << 8) | std::uint32_t{stream[pos + 3]};
        if (length == 0) {
            outcome.last = Status::Empty;
            return outcome;
        }
        if (length > kMaxFrame) {
            outcome.last = Status::TooLarge;
            return outcome;
        }
        if (left - 4 < length) {
            outcome.leftover = left;
            return outcome;
        }
        outcome.frames.emplace_back(stream.begin() + static_cast<std::ptrdiff_t>(pos + 4),
                                    stream.begin() + static_cast<std::ptrdiff_t>(pos + 4 + length));
        pos += 4 + length;
    }
}

std::size_t chunkSize(std::uint8_t code, std::size_t left)
{
    // 0xff stands for "everything left", so one-shot feeds are covered too.
    return code == 0xff ? left : std::min<std::size_t>(code + 1U, left);
}

Outcome decodeInChunks(ByteView stream, ByteView chunkCodes)
{
    FrameDecoder decoder(kMaxFrame);
    Outcome outcome;
    Bytes frame;
    std::size_t pos = 0;
    std::size_t next = 0;
    while (pos < stream.size()) {
        const std::size_t size = chunkSize(chunkCodes[next++ % chunkCodes.size()], stream.size() - pos);
        decoder.feed(stream.subspan(pos, size));
        pos += size;
        while ((outcome.last = decoder.next(frame)) == Status::Frame) {
            if (frame.empty() || frame.size() > kMaxFrame) {
                std::abort();
            }
            outcome.frames.push_back(frame);
        }
        if (outcome.last != Status::NeedMore) {
            // Errors are sticky whatever arrives afterwards.
            decoder.feed(stream.subspan(pos));
            if (decoder.next(frame) != outcome.last) {
                std::abort();
            }
            return outcome;
        }
    }
    outcome.leftover = decoder.buffered();
    return outcome;
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const ByteView input(data, size);
    const std::size_t codeCount = (input[0] & 0x07U) + 1;
    if (size < 1 + codeCount) {
        return 0;
    }
    const ByteView codes = input.subspan(1, codeCount);
    const ByteView stream = input.subspan(1 + codeCount);

    const Outcome expected = referenceParse(stream);
    const Outcome actual = decodeInChunks(stream, codes);
    if (actual.frames != expected.frames || actual.last != expected.last) {
        std::abort();
    }
    if (expected.last == Status::NeedMore && actual.leftover != expected.leftover) {
        std::abort();
    }
    return 0;
}
