#include "message_change.h"

#include "limits.h"
#include "utf8.h"

namespace confab::proto {
namespace {

// A target id, then valid UTF-8 of minBytes..maxBytes bytes.
std::optional<TargetedText> decodeTargeted(ByteView body, std::size_t minBytes, std::size_t maxBytes)
{
    if (body.size() < MessageId::kSize) {
        return std::nullopt;
    }
    const ByteView text = body.subspan(MessageId::kSize);
    if (text.size() < minBytes || text.size() > maxBytes || !isValidUtf8(text)) {
        return std::nullopt;
    }
    return TargetedText{*MessageId::fromBytes(body.first(MessageId::kSize)), Bytes(text.begin(), text.end())};
}

} // namespace

Bytes encodeTargetedText(const TargetedText& body)
{
    Bytes out(body.target.bytes().begin(), body.target.bytes().end());
    out.insert(out.end(), body.text.begin(), body.text.end());
    return out;
}

std::optional<TargetedText> decodeMessageEdit(ByteView body)
{
    return decodeTargeted(body, 1, kMaxTextBytes);
}

std::optional<TargetedText> decodeMessageDelete(ByteView body)
{
    return decodeTargeted(body, 0, 0);
}

std::optional<TargetedText> decodeMessageReaction(ByteView body)
{
    return decodeTargeted(body, 0, kMaxReactionBytes);
}

std::optional<TargetedText> decodeMessageReply(ByteView body)
{
    return decodeTargeted(body, 1, kMaxTextBytes);
}

} // namespace confab::proto
