#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/result.h"

#include <cstdint>
#include <vector>

namespace confab::proto {

enum class ReceiptState : std::uint8_t {
    Delivered = 1, // stored by the recipient
    Read = 2,      // shown to the recipient by a front end
};

// Body of an EnvelopeKind::Receipt: u8 state | u16 count | count * 16-byte ids.
struct Receipt {
    ReceiptState state = ReceiptState::Delivered;
    std::vector<MessageId> ids; // 1 .. kMaxReceiptIds

    bool operator==(const Receipt&) const = default;
};

enum class ReceiptError { Truncated, UnknownState, BadCount, TrailingBytes };

Bytes encodeReceipt(const Receipt& receipt);
Result<Receipt, ReceiptError> decodeReceipt(ByteView bytes);

} // namespace confab::proto
