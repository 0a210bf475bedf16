// Decodes arbitrary bytes as a handshake payload; whatever decodes must
// re-encode to bytes that decode to the same payload.
#include "proto/handshake_payload.h"
#include "proto/limits.h"

#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeHandshakePayload(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const HandshakePayload& payload = decoded.value();
    if (payload.displayName.size() > kMaxDisplayNameBytes) {
        std::abort();
    }
    const Bytes encoded = encodeHandshakePayload(payload);
    // Re-encoding drops unknown fields, an empty name and a zero port, and
    // never adds anything.
    if (encoded.size() > input.size()) {
        std::abort();
    }
    const auto again = decodeHandshakePayload(encoded);
    if (!again || !(again.value() == payload)) {
        std::abort();
    }
    if (encodeHandshakePayload(again.value()) != encoded) {
        std::abort();
    }
    return 0;
}
