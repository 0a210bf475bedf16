#include "sealed_content.h"

#include "byte_io.h"

#include <algorithm>

namespace confab::proto {

Result<Bytes, SealedContentError> encodeSealedContent(const SealedContent& content, std::size_t size)
{
    if (SealedContent::kOverhead + content.envelope.size() > size) {
        return SealedContentError::TooLarge;
    }
    Bytes out;
    out.reserve(size);
    ByteWriter writer(out);
    writer.raw(content.senderIdentityKey);
    writer.u32(static_cast<std::uint32_t>(content.envelope.size()));
    writer.raw(content.envelope);
    out.resize(size, 0);
    return out;
}

Result<SealedContent, SealedContentError> decodeSealedContent(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto key = reader.raw(32);
    const auto length = reader.u32();
    if (!key || !length) {
        return SealedContentError::Truncated;
    }
    const auto envelope = reader.raw(*length);
    if (!envelope) {
        return SealedContentError::BadLength;
    }
    const auto padding = reader.raw(reader.remaining());
    if (!std::all_of(padding->begin(), padding->end(), [](std::uint8_t b) { return b == 0; })) {
        return SealedContentError::BadPadding;
    }
    SealedContent content;
    std::copy(key->begin(), key->end(), content.senderIdentityKey.begin());
    content.envelope.assign(envelope->begin(), envelope->end());
    return content;
}

const char* toString(SealedContentError error)
{
    switch (error) {
    case SealedContentError::Truncated:
        return "sealed content too short";
    case SealedContentError::BadLength:
        return "sealed envelope length beyond the content";
    case SealedContentError::BadPadding:
        return "sealed content padding is not zeros";
    case SealedContentError::TooLarge:
        return "envelope too large to seal";
    }
    return "unknown sealed content error";
}

} // namespace confab::proto
