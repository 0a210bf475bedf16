// Decodes arbitrary bytes as one of the room sync messages, chosen by the
// first byte (0: change batch, 1: sender key, 2: summary, 3: receipt, and so
// on round).
// Every field has one encoding, so what decodes must re-encode to the very
// rest of the input.
//
// Checked besides: counts within their limits, every change of a batch
// decodes and is of the batch's room, extras ascend above `contiguous`, and a
// receipt's state is known.
#include "proto/limits.h"
#include "proto/receipt.h"
#include "proto/room_change.h"
#include "proto/room_sync.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

bool sameBytes(const Bytes& a, ByteView b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// Decodes `input`, checks the value, and that it re-encodes to the input and
// decodes again to the same value.
template <typename Decode, typename Encode, typename Check>
void roundTrip(ByteView input, Decode decode, Encode encode, Check check)
{
    const auto decoded = decode(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    check(decoded.value());
    const Bytes encoded = encode(decoded.value());
    if (!sameBytes(encoded, input)) {
        std::abort();
    }
    const auto again = decode(encoded);
    if (!again || !(again.value() == decoded.value())) {
        std::abort();
    }
}

void checkBatch(const RoomChangeBatch& batch)
{
    if (batch.changes.empty() || batch.changes.size() > kMaxRoomChangesPerBatch) {
        std::abort();
    }
    for (const Bytes& encoded : batch.changes) {
        const auto change = decodeRoomChange(encoded);
        if (!change || change.value().room != batch.room || encodeRoomChange(change.value()) != encoded) {
            std::abort();
        }
    }
}

void checkSummary(const RoomSummary& summary)
{
    if (summary.heads.empty() || summary.heads.size() > kMaxRoomSummaryHeads ||
        summary.chains.size() > kMaxRoomSummaryChains) {
        std::abort();
    }
    for (const RoomChainHolding& chain : summary.chains) {
        if (chain.extras.size() > kMaxRoomSummaryExtras) {
            std::abort();
        }
        std::uint32_t below = chain.contiguous;
        for (const std::uint32_t index : chain.extras) {
            if (index <= below) {
                std::abort();
            }
            below = index;
        }
    }
}

void checkReceipt(const RoomReceipt& receipt)
{
    const auto state = receipt.receipt.state;
    if ((state != ReceiptState::Delivered && state != ReceiptState::Read) || receipt.receipt.ids.empty() ||
        receipt.receipt.ids.size() > kMaxReceiptIds) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const ByteView input(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        roundTrip(input, decodeRoomChangeBatch, encodeRoomChangeBatch, checkBatch);
        break;
    case 1:
        roundTrip(input, decodeRoomSenderKey, encodeRoomSenderKey, [](const RoomSenderKey&) {});
        break;
    case 2:
        roundTrip(input, decodeRoomSummary, encodeRoomSummary, checkSummary);
        break;
    default:
        roundTrip(input, decodeRoomReceipt, encodeRoomReceipt, checkReceipt);
        break;
    }
    return 0;
}
