#pragma once

#include "base/bytes.h"
#include "base/message_id.h"

#include <cstddef>
#include <optional>

namespace confab::proto {

// A reaction is one emoji (a few code points at most).
inline constexpr std::size_t kMaxReactionBytes = 32;

// The body of the envelope kinds that concern an earlier 1:1 message
// (Capability::MessageChanges): 16 target message id | text (the rest).
//   Edit:     the sender's own message gets new text, 1..kMaxTextBytes of UTF-8.
//   Delete:   the sender's own message goes; no text.
//   Reaction: the sender reacts to a message of the conversation with one
//             emoji, 1..kMaxReactionBytes of UTF-8; no text takes it back.
//   Reply:    a new message quoting the target; text as an Edit's.
// A recipient applies an Edit or Delete only to a message it received from
// the envelope's sender (only the author changes a message).
struct TargetedText {
    MessageId target;
    Bytes text;

    bool operator==(const TargetedText&) const = default;
};

Bytes encodeTargetedText(const TargetedText& body);
// Each std::nullopt unless the body is a target id followed by text as its
// kind wants it (above).
std::optional<TargetedText> decodeMessageEdit(ByteView body);
std::optional<TargetedText> decodeMessageDelete(ByteView body);
std::optional<TargetedText> decodeMessageReaction(ByteView body);
std::optional<TargetedText> decodeMessageReply(ByteView body);

} // namespace confab::proto
