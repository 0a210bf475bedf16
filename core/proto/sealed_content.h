#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <cstdint>

namespace confab::proto {

// The plaintext inside a sealed envelope: who sent it (their identity key,
// so a recipient who never linked to them can check and pin it) and the
// envelope itself, padded with zeros to `size`.
//   32 sender identity key | u32 envelope length | envelope | zero padding
struct SealedContent {
    static constexpr std::size_t kOverhead = 32 + 4;

    std::array<std::uint8_t, 32> senderIdentityKey{};
    Bytes envelope; // an encoded Envelope

    bool operator==(const SealedContent&) const = default;
};

enum class SealedContentError { Truncated, BadLength, BadPadding, TooLarge };

// TooLarge when the envelope does not fit in `size` bytes.
Result<Bytes, SealedContentError> encodeSealedContent(const SealedContent& content, std::size_t size);
Result<SealedContent, SealedContentError> decodeSealedContent(ByteView bytes);
const char* toString(SealedContentError error);

} // namespace confab::proto
