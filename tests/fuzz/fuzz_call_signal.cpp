// Decodes arbitrary bytes as a call signal; whatever decodes must re-encode
// to bytes that decode to the same signal.
#include "proto/call_signal.h"

#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeCallSignal(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const CallSignal& signal = decoded.value();
    const bool setup = carriesMediaSetup(signal.kind);
    if (setup != (signal.secret && signal.receiveTag && signal.codec)) {
        std::abort();
    }
    if (!setup && (signal.secret || signal.receiveTag || signal.codec)) {
        std::abort();
    }
    if (signal.codec && !isValidCodec(*signal.codec)) {
        std::abort();
    }
    const Bytes encoded = encodeCallSignal(signal);
    // Re-encoding drops unknown fields and never adds anything.
    if (encoded.size() > input.size()) {
        std::abort();
    }
    const auto again = decodeCallSignal(encoded);
    if (!again || !(again.value() == signal)) {
        std::abort();
    }
    if (encodeCallSignal(again.value()) != encoded) {
        std::abort();
    }
    return 0;
}
