// Decodes arbitrary bytes as a room membership change. Every field has one
// encoding, so what decodes must re-encode to the very input.
//
// Checked besides: parent counts and names within their rules for the kind,
// and the signed bytes are the label and the input without its signature.
#include "proto/room_change.h"
#include "proto/utf8.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace confab;
using namespace confab::proto;

namespace {

constexpr std::string_view kLabel = "confab room change v1";

void checkFields(const RoomChange& change)
{
    const bool named = change.kind == RoomChangeKind::Create || change.kind == RoomChangeKind::Rename;
    if (change.kind == RoomChangeKind::Create) {
        if (!change.parents.empty()) {
            std::abort();
        }
    } else if (change.parents.empty() || change.parents.size() > kMaxRoomChangeParents) {
        std::abort();
    }
    if (named) {
        if (change.name.empty() || change.name.size() > kMaxRoomNameBytes ||
            !isValidUtf8(asBytes(change.name))) {
            std::abort();
        }
        // No C0 control or DEL, and no C1 control (0xc2 0x80..0x9f).
        const ByteView name = asBytes(change.name);
        for (std::size_t i = 0; i < name.size(); ++i) {
            if (name[i] < 0x20 || name[i] == 0x7f) {
                std::abort();
            }
            if (name[i] == 0xc2 && i + 1 < name.size() && name[i + 1] < 0xa0) {
                std::abort();
            }
        }
    } else if (!change.name.empty()) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeRoomChange(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const RoomChange& change = decoded.value();
    checkFields(change);
    const Bytes encoded = encodeRoomChange(change);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
    const Bytes signedBytes = roomChangeSignedBytes(change);
    const ByteView label = asBytes(kLabel);
    const ByteView unsignedPart = input.first(input.size() - change.signature.size());
    if (signedBytes.size() != label.size() + unsignedPart.size() ||
        !std::equal(label.begin(), label.end(), signedBytes.begin()) ||
        !std::equal(unsignedPart.begin(), unsignedPart.end(),
                    signedBytes.begin() + static_cast<std::ptrdiff_t>(label.size()))) {
        std::abort();
    }
    const auto again = decodeRoomChange(encoded);
    if (!again || !(again.value() == change)) {
        std::abort();
    }
    return 0;
}
