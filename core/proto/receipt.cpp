#include "receipt.h"

#include "byte_io.h"
#include "limits.h"

#include <algorithm>
#include <limits>

namespace confab::proto {

namespace {

bool isKnownState(std::uint8_t code)
{
    switch (static_cast<ReceiptState>(code)) {
    case ReceiptState::Delivered:
    case ReceiptState::Read:
        return true;
    }
    return false;
}

} // namespace

Bytes encodeReceipt(const Receipt& receipt)
{
    // Callers keep ids within 1..kMaxReceiptIds; clamping to the u16 range only
    // keeps the count field and the ids that follow it consistent.
    const std::size_t count =
        std::min<std::size_t>(receipt.ids.size(), std::numeric_limits<std::uint16_t>::max());
    Bytes out;
    out.reserve(1 + 2 + count * MessageId::kSize);
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(receipt.state));
    writer.u16(static_cast<std::uint16_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        writer.raw(receipt.ids[i].bytes());
    }
    return out;
}

Result<Receipt, ReceiptError> decodeReceipt(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto state = reader.u8();
    if (!state) {
        return ReceiptError::Truncated;
    }
    if (!isKnownState(*state)) {
        return ReceiptError::UnknownState;
    }
    const auto count = reader.u16();
    if (!count) {
        return ReceiptError::Truncated;
    }
    if (*count == 0 || *count > kMaxReceiptIds) {
        return ReceiptError::BadCount;
    }
    const auto ids = reader.raw(std::size_t{*count} * MessageId::kSize);
    if (!ids) {
        return ReceiptError::Truncated;
    }
    if (!reader.atEnd()) {
        return ReceiptError::TrailingBytes;
    }
    Receipt receipt;
    receipt.state = static_cast<ReceiptState>(*state);
    receipt.ids.reserve(*count);
    for (std::size_t offset = 0; offset < ids->size(); offset += MessageId::kSize) {
        receipt.ids.push_back(*MessageId::fromBytes(ids->subspan(offset, MessageId::kSize)));
    }
    return receipt;
}

} // namespace confab::proto
