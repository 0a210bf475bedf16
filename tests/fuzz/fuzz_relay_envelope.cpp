// Decodes arbitrary bytes as a relayed envelope (routing header and sealed
// part) and, as the recipient would, opens the sealed part and decodes what
// is inside. The same bytes are also read as a custody list.
//
// Checked: whatever decodes has a hop limit of 1..7 and a sealed part of a
// size class, and re-encodes to the very input; the prologue is the
// documented 71 or 87 bytes; an opened box holds exactly sealed length - 96
// bytes, and its content and envelope re-encode to what was sealed.
//
// The recipient has a fixed key, so seeds sealed to it by
// fuzz_relay_seeds get past the authentication and reach the content.
#include "crypto/sealed_box.h"
#include "proto/envelope.h"
#include "proto/relay_envelope.h"
#include "proto/sealed_content.h"
#include "relay_fuzz_keys.h"

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

void checkOpened(const crypto::OpenedBox& opened, const RelayEnvelope& envelope)
{
    if (opened.plaintext.size() + crypto::kSealOverhead != envelope.sealed.size()) {
        std::abort();
    }
    const auto content = decodeSealedContent(opened.plaintext);
    if (!content) {
        return;
    }
    const auto again = encodeSealedContent(content.value(), opened.plaintext.size());
    if (!again || again.value() != opened.plaintext) {
        std::abort();
    }
    const auto inner = decodeEnvelope(content.value().envelope);
    if (inner && encodeEnvelope(inner.value()) != content.value().envelope) {
        std::abort();
    }
}

void checkEnvelope(const RelayEnvelope& envelope, ByteView input)
{
    const RelayHeader& header = envelope.header;
    if (header.hopLimit == 0 || header.hopLimit > kMaxHopLimit) {
        std::abort();
    }
    if (std::find(kSealedSizeClasses.begin(), kSealedSizeClasses.end(), envelope.sealed.size()) ==
        kSealedSizeClasses.end()) {
        std::abort();
    }
    if (!sameBytes(encodeRelayEnvelope(envelope), input)) {
        std::abort();
    }
    const Bytes prologue = relayPrologue(header);
    if (prologue.size() != (header.acknowledges ? 87U : 71U)) {
        std::abort();
    }
    const auto opened = crypto::openBox(fuzz::relayRecipient(), prologue, envelope.sealed);
    if (opened) {
        checkOpened(opened.value(), envelope);
    } else if (crypto::toString(opened.error()) == nullptr) {
        std::abort();
    }
}

void checkCustody(ByteView input)
{
    const auto ids = decodeRelayCustody(input);
    if (!ids) {
        if (toString(ids.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    if (ids.value().empty() || ids.value().size() > kMaxCustodyIds ||
        !sameBytes(encodeRelayCustody(ids.value()), input)) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeRelayEnvelope(input);
    if (decoded) {
        checkEnvelope(decoded.value(), input);
    } else if (toString(decoded.error()) == nullptr) {
        std::abort();
    }
    checkCustody(input);
    return 0;
}
