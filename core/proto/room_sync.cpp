#include "room_sync.h"

#include "byte_io.h"

#include <algorithm>
#include <array>
#include <utility>

namespace confab::proto {
namespace {

using Error = RoomSyncError;

// 20 sender | u32 epoch | u32 key id | u32 contiguous | u8 extra count.
constexpr std::size_t kMinChainSize = PeerId::kSize + 4 + 4 + 4 + 1;

template <std::size_t N> void copyInto(std::array<std::uint8_t, N>& out, ByteView bytes)
{
    std::copy(bytes.begin(), bytes.end(), out.begin());
}

} // namespace

Bytes encodeRoomChangeBatch(const RoomChangeBatch& batch)
{
    // Callers keep the batch within its limit; clamping only keeps the count
    // and the changes that follow it consistent.
    const std::size_t count = std::min(batch.changes.size(), kMaxRoomChangesPerBatch);
    Bytes out;
    ByteWriter writer(out);
    writer.raw(batch.room);
    writer.u16(static_cast<std::uint16_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        // An encoded change is a few hundred bytes, far below the u16 range.
        writer.u16(static_cast<std::uint16_t>(batch.changes[i].size()));
        writer.raw(batch.changes[i]);
    }
    return out;
}

Result<RoomChangeBatch, RoomSyncError> decodeRoomChangeBatch(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto room = reader.raw(kRoomIdSize);
    const auto count = reader.u16();
    if (!room || !count) {
        return Error::Truncated;
    }
    if (*count == 0 || *count > kMaxRoomChangesPerBatch) {
        return Error::BadCount;
    }
    RoomChangeBatch batch;
    copyInto(batch.room, *room);
    batch.changes.reserve(*count);
    for (std::uint16_t i = 0; i < *count; ++i) {
        const auto length = reader.u16();
        if (!length) {
            return Error::Truncated;
        }
        const auto encoded = reader.raw(*length);
        if (!encoded) {
            return Error::Truncated;
        }
        const auto change = decodeRoomChange(*encoded);
        if (!change || change.value().room != batch.room) {
            return Error::BadChange;
        }
        batch.changes.emplace_back(encoded->begin(), encoded->end());
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    return batch;
}

Bytes encodeRoomSenderKey(const RoomSenderKey& key)
{
    Bytes out;
    out.reserve(RoomSenderKey::kSize);
    ByteWriter writer(out);
    writer.raw(key.room);
    writer.u32(key.epoch);
    writer.u32(key.keyId);
    writer.u32(key.firstIndex);
    writer.raw(key.chainKey);
    return out;
}

Bytes encodeRoomReceipt(const RoomReceipt& receipt)
{
    Bytes out;
    ByteWriter writer(out);
    writer.raw(receipt.room);
    writer.raw(encodeReceipt(receipt.receipt));
    return out;
}

Result<RoomReceipt, RoomSyncError> decodeRoomReceipt(ByteView bytes)
{
    if (bytes.size() < kRoomIdSize) {
        return Error::Truncated;
    }
    auto decoded = decodeReceipt(bytes.subspan(kRoomIdSize));
    if (!decoded) {
        return Error::BadReceipt;
    }
    RoomReceipt receipt;
    copyInto(receipt.room, bytes.first(kRoomIdSize));
    receipt.receipt = std::move(decoded).value();
    return receipt;
}

Result<RoomSenderKey, RoomSyncError> decodeRoomSenderKey(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto room = reader.raw(kRoomIdSize);
    const auto epoch = reader.u32();
    const auto keyId = reader.u32();
    const auto firstIndex = reader.u32();
    RoomSenderKey key;
    const auto chainKey = reader.raw(key.chainKey.size());
    if (!room || !epoch || !keyId || !firstIndex || !chainKey) {
        return Error::Truncated;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    copyInto(key.room, *room);
    key.epoch = *epoch;
    key.keyId = *keyId;
    key.firstIndex = *firstIndex;
    copyInto(key.chainKey, *chainKey);
    return key;
}

Bytes encodeRoomSummary(const RoomSummary& summary)
{
    // Callers keep every list within its limit; clamping only keeps each
    // count and the entries that follow it consistent.
    const std::size_t heads = std::min(summary.heads.size(), kMaxRoomSummaryHeads);
    const std::size_t chains = std::min(summary.chains.size(), kMaxRoomSummaryChains);
    Bytes out;
    ByteWriter writer(out);
    writer.raw(summary.room);
    writer.u8(static_cast<std::uint8_t>(heads));
    for (std::size_t i = 0; i < heads; ++i) {
        writer.raw(summary.heads[i]);
    }
    writer.u16(static_cast<std::uint16_t>(chains));
    for (std::size_t i = 0; i < chains; ++i) {
        const RoomChainHolding& chain = summary.chains[i];
        writer.raw(chain.sender.bytes());
        writer.u32(chain.epoch);
        writer.u32(chain.keyId);
        writer.u32(chain.contiguous);
        const std::size_t extras = std::min(chain.extras.size(), kMaxRoomSummaryExtras);
        writer.u8(static_cast<std::uint8_t>(extras));
        for (std::size_t j = 0; j < extras; ++j) {
            writer.u32(chain.extras[j]);
        }
    }
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<RoomSummary, RoomSyncError> decodeRoomSummary(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto room = reader.raw(kRoomIdSize);
    const auto headCount = reader.u8();
    if (!room || !headCount) {
        return Error::Truncated;
    }
    if (*headCount == 0 || *headCount > kMaxRoomSummaryHeads) {
        return Error::BadCount;
    }
    const auto heads = reader.raw(std::size_t{*headCount} * kRoomChangeHashSize);
    const auto chainCount = reader.u16();
    if (!heads || !chainCount) {
        return Error::Truncated;
    }
    if (*chainCount > kMaxRoomSummaryChains) {
        return Error::BadCount;
    }

    RoomSummary summary;
    copyInto(summary.room, *room);
    summary.heads.resize(*headCount);
    for (std::size_t i = 0; i < summary.heads.size(); ++i) {
        copyInto(summary.heads[i], heads->subspan(i * kRoomChangeHashSize, kRoomChangeHashSize));
    }
    // No more chains than the bytes left could hold.
    summary.chains.reserve(std::min<std::size_t>(*chainCount, reader.remaining() / kMinChainSize));
    for (std::uint16_t i = 0; i < *chainCount; ++i) {
        const auto sender = reader.raw(PeerId::kSize);
        const auto epoch = reader.u32();
        const auto keyId = reader.u32();
        const auto contiguous = reader.u32();
        const auto extraCount = reader.u8();
        if (!sender || !epoch || !keyId || !contiguous || !extraCount) {
            return Error::Truncated;
        }
        if (*extraCount > kMaxRoomSummaryExtras) {
            return Error::BadCount;
        }
        RoomChainHolding chain;
        chain.sender = *PeerId::fromBytes(*sender);
        chain.epoch = *epoch;
        chain.keyId = *keyId;
        chain.contiguous = *contiguous;
        chain.extras.reserve(*extraCount);
        // Each extra must be above the one before it, the first above
        // `contiguous`: an index equal to it would extend the contiguous run.
        std::uint32_t below = *contiguous;
        for (std::uint8_t j = 0; j < *extraCount; ++j) {
            const auto index = reader.u32();
            if (!index) {
                return Error::Truncated;
            }
            if (*index <= below) {
                return Error::BadExtras;
            }
            below = *index;
            chain.extras.push_back(*index);
        }
        summary.chains.push_back(std::move(chain));
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    return summary;
}

const char* toString(RoomSyncError error)
{
    switch (error) {
    case Error::Truncated:
        return "room sync message truncated";
    case Error::BadCount:
        return "room sync count of zero or above its limit";
    case Error::BadChange:
        return "malformed room change or one of another room";
    case Error::BadExtras:
        return "chain extras not ascending or not above the contiguous index";
    case Error::BadReceipt:
        return "malformed room receipt";
    case Error::TrailingBytes:
        return "trailing bytes after room sync message";
    }
    return "unknown room sync error";
}

} // namespace confab::proto
