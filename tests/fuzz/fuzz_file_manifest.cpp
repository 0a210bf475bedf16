// Decodes arbitrary bytes as a drop's manifest. Whatever decodes must keep
// the rules checkManifest() states, re-encode to the very input, and give
// chunk lengths that add up to each file's size.
#include "proto/file_drop.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

void checkChunks(const Manifest& manifest, std::size_t index)
{
    const ManifestEntry& entry = manifest.entries[index];
    const std::uint32_t count = manifest.chunkCount(index);
    if (entry.kind == ManifestEntryKind::Folder) {
        if (count != 0 || entry.size != 0 || !entry.chunkHashes.empty()) {
            std::abort();
        }
        return;
    }
    // A file lists a hash per chunk only when it has two or more.
    if (entry.chunkHashes.size() != (count >= 2 ? count : 0)) {
        std::abort();
    }
    std::uint64_t total = 0;
    for (std::uint32_t chunk = 0; chunk < count; ++chunk) {
        const std::uint32_t length = manifest.chunkLength(index, chunk);
        if (length == 0 || length > manifest.chunkSize) {
            std::abort();
        }
        total += length;
        const ContentHash& expected = count == 1 ? entry.fileHash : entry.chunkHashes[chunk];
        if (&manifest.chunkHash(index, chunk) != &expected) {
            std::abort();
        }
    }
    if (total != entry.size || manifest.chunkLength(index, count) != 0) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeManifest(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const Manifest& manifest = decoded.value();
    if (checkManifest(manifest)) {
        std::abort();
    }
    for (std::size_t i = 0; i < manifest.entries.size(); ++i) {
        checkChunks(manifest, i);
    }
    const Bytes encoded = encodeManifest(manifest);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
    return 0;
}
