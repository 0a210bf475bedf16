// Decodes arbitrary bytes as an envelope. The encoding has exactly one form,
// so anything that decodes must re-encode to the very same bytes.
#include "proto/envelope.h"
#include "proto/file_drop.h"
#include "proto/limits.h"
#include "proto/message_change.h"
#include "proto/receipt.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

void checkReceiptBody(ByteView body)
{
    const auto receipt = decodeReceipt(body);
    if (!receipt) {
        std::abort();
    }
    const auto& ids = receipt.value().ids;
    if (ids.empty() || ids.size() > kMaxReceiptIds) {
        std::abort();
    }
    const Bytes reencoded = encodeReceipt(receipt.value());
    if (!std::equal(reencoded.begin(), reencoded.end(), body.begin(), body.end())) {
        std::abort();
    }
}

// The envelope decoder accepted the body, so its own decoder must too, and
// give back the same bytes.
template <typename Decode, typename Encode> void checkBody(ByteView body, Decode decode, Encode encode)
{
    const auto decoded = decode(body);
    if (!decoded) {
        std::abort();
    }
    const Bytes reencoded = encode(decoded.value());
    if (!std::equal(reencoded.begin(), reencoded.end(), body.begin(), body.end())) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeEnvelope(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const Envelope& envelope = decoded.value();
    if (envelope.body.size() > kMaxEnvelopeBodySize) {
        std::abort();
    }
    if (envelope.kind == EnvelopeKind::Receipt) {
        checkReceiptBody(envelope.body);
    }
    if (envelope.kind == EnvelopeKind::FileOffer) {
        checkBody(envelope.body, decodeFileOffer, encodeFileOffer);
    }
    if (envelope.kind == EnvelopeKind::FileAnswer) {
        checkBody(envelope.body, decodeFileAnswer, encodeFileAnswer);
    }
    if (envelope.kind == EnvelopeKind::Edit) {
        checkBody(envelope.body, decodeMessageEdit, encodeTargetedText);
    }
    if (envelope.kind == EnvelopeKind::Delete) {
        checkBody(envelope.body, decodeMessageDelete, encodeTargetedText);
    }
    if (envelope.kind == EnvelopeKind::Reaction) {
        checkBody(envelope.body, decodeMessageReaction, encodeTargetedText);
    }
    if (envelope.kind == EnvelopeKind::Reply) {
        checkBody(envelope.body, decodeMessageReply, encodeTargetedText);
    }
    const Bytes encoded = encodeEnvelope(envelope);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
    return 0;
}
