// Decodes arbitrary bytes as the plaintext of a sealed envelope, and the
// envelope inside it. The plaintext has one encoding for its size, so what
// decodes must re-encode, at the input's size, to the very input.
#include "proto/envelope.h"
#include "proto/sealed_content.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeSealedContent(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const SealedContent& content = decoded.value();
    if (SealedContent::kOverhead + content.envelope.size() > size) {
        std::abort();
    }
    const auto encoded = encodeSealedContent(content, size);
    if (!encoded || !std::equal(encoded.value().begin(), encoded.value().end(), input.begin(), input.end())) {
        std::abort();
    }
    // One byte less no longer holds it when there was no padding.
    const bool padded = SealedContent::kOverhead + content.envelope.size() < size;
    if (encodeSealedContent(content, size - 1).ok() != padded) {
        std::abort();
    }
    const auto envelope = decodeEnvelope(content.envelope);
    if (envelope && encodeEnvelope(envelope.value()) != content.envelope) {
        std::abort();
    }
    return 0;
}
