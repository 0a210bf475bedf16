// Decodes arbitrary bytes as the plaintext of a transfer connection record.
// The encoding has exactly one form, so anything that decodes must re-encode
// to the very same bytes, and keep the limits of its type.
#include "proto/file_drop.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

bool keepsItsLimits(const TransferRecord& record)
{
    switch (record.type) {
    case TransferRecordType::ManifestPart:
        return !record.data.empty() && record.data.size() <= kMaxManifestPartSize && record.swarm.empty();
    case TransferRecordType::Chunk:
        return !record.data.empty() && record.data.size() <= kMaxChunkSize && record.swarm.empty();
    case TransferRecordType::Want:
    case TransferRecordType::Have:
        return !record.ranges.empty() && record.ranges.size() <= kMaxWantRanges && record.data.empty() &&
               record.swarm.empty() &&
               std::all_of(record.ranges.begin(), record.ranges.end(), [](const ChunkRange& range) {
                   return range.chunkCount >= 1 &&
                          std::uint64_t{range.firstChunk} + range.chunkCount <= 1ULL << 32;
               });
    case TransferRecordType::Swarm:
        return record.swarm.size() <= kMaxSwarmPeers && record.data.empty() && record.ranges.empty();
    case TransferRecordType::Hello:
    case TransferRecordType::Done:
    case TransferRecordType::Stop:
        return record.data.empty() && record.ranges.empty() && record.swarm.empty();
    }
    return false;
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeTransferRecord(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    if (input.size() > kMaxRecordSize || !keepsItsLimits(decoded.value())) {
        std::abort();
    }
    const Bytes encoded = encodeTransferRecord(decoded.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
    // The bytes alone decide the record, its swarm and ranges included.
    const auto again = decodeTransferRecord(encoded);
    if (!again || !(again.value() == decoded.value())) {
        std::abort();
    }
    return 0;
}
