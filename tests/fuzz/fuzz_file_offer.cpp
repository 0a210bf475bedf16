// Decodes arbitrary bytes as the two envelope bodies of a drop, a file offer
// and a file answer. Each has exactly one encoding, so whatever decodes must
// re-encode to the very input, within the documented limits.
#include "proto/file_drop.h"

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

void checkOffer(ByteView input)
{
    const auto decoded = decodeFileOffer(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    const FileOffer& offer = decoded.value();
    const std::uint64_t entries = std::uint64_t{offer.fileCount} + offer.folderCount;
    if (entries == 0 || entries > kMaxManifestEntries || offer.manifestLength == 0 ||
        offer.manifestLength > kMaxManifestSize || offer.names.empty() ||
        offer.names.size() > kMaxOfferNames) {
        std::abort();
    }
    for (const std::string& name : offer.names) {
        if (name.empty() || name.size() > kMaxDropNameBytes) {
            std::abort();
        }
    }
    if (!sameBytes(encodeFileOffer(offer), input)) {
        std::abort();
    }
}

void checkAnswer(ByteView input)
{
    const auto decoded = decodeFileAnswer(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    if (decoded.value().reason > DropReason::Refused ||
        !sameBytes(encodeFileAnswer(decoded.value()), input)) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    checkOffer(input);
    checkAnswer(input);
    return 0;
}
