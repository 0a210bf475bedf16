// Decodes arbitrary bytes both as a room message and as the content a room
// message carries once decrypted. Both encodings have one form, so what
// decodes must re-encode to the very input.
//
// Checked besides: ciphertexts within their bounds, the header and signed
// bytes cut from the input where the layout says, and content bodies valid
// for their kind.
#include "proto/limits.h"
#include "proto/room_message.h"
#include "proto/utf8.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace confab;
using namespace confab::proto;

namespace {

constexpr std::string_view kLabel = "confab room message v1";

bool sameBytes(const Bytes& a, ByteView b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void checkMessage(ByteView input)
{
    const auto decoded = decodeRoomMessage(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    const RoomMessage& message = decoded.value();
    if (message.ciphertext.size() < kAeadTagSize || message.ciphertext.size() > kMaxRoomCiphertextBytes) {
        std::abort();
    }
    const Bytes encoded = encodeRoomMessage(message);
    if (!sameBytes(encoded, input)) {
        std::abort();
    }
    if (!sameBytes(roomMessageHeaderBytes(message), input.first(RoomMessage::kHeaderSize))) {
        std::abort();
    }
    const Bytes signedBytes = roomMessageSignedBytes(message);
    const ByteView label = asBytes(kLabel);
    const ByteView unsignedPart = input.first(input.size() - message.signature.size());
    if (signedBytes.size() != label.size() + unsignedPart.size() ||
        !std::equal(label.begin(), label.end(), signedBytes.begin()) ||
        !std::equal(unsignedPart.begin(), unsignedPart.end(),
                    signedBytes.begin() + static_cast<std::ptrdiff_t>(label.size()))) {
        std::abort();
    }
    const auto again = decodeRoomMessage(encoded);
    if (!again || !(again.value() == message)) {
        std::abort();
    }
}

void checkContent(ByteView input)
{
    const auto decoded = decodeRoomContent(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    const RoomContent& content = decoded.value();
    switch (content.kind) {
    case RoomContentKind::Text:
        if (content.body.size() > kMaxTextBytes || !isValidUtf8(content.body)) {
            std::abort();
        }
        break;
    default:
        std::abort();
    }
    const Bytes encoded = encodeRoomContent(content);
    if (!sameBytes(encoded, input)) {
        std::abort();
    }
    const auto again = decodeRoomContent(encoded);
    if (!again || !(again.value() == content)) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    checkMessage(input);
    checkContent(input);
    return 0;
}
