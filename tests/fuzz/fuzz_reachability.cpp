// Decodes arbitrary bytes as a Reachability message and checks each
// statement's signature and key binding as a receiver does. Every field has
// one encoding, so what decodes must re-encode to the very input.
//
// Checked besides: counts, hops and names within their limits; the signed
// bytes are the label and every field but hops and the signature; and a
// statement never verifies for a peer id its key does not derive.
#include "crypto/identity.h"
#include "proto/limits.h"
#include "proto/reachability.h"
#include "proto/relay_envelope.h"
#include "relay_fuzz_keys.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

// 22 label bytes, 20 + 32 + 8 + 8 + 4 bytes of fields, the name and its length.
constexpr std::size_t kSignedFixedSize = 22 + 72 + 1;

void checkStatement(const ReachabilityEntry& entry)
{
    const ReachabilityStatement& statement = entry.statement;
    if (entry.hops >= kMaxHopLimit && entry.hops != ReachabilityEntry::kWithdrawn) {
        std::abort();
    }
    if (statement.displayName.size() > kMaxDisplayNameBytes) {
        std::abort();
    }
    const Bytes signedBytes = reachabilitySignedBytes(statement);
    if (signedBytes.size() != kSignedFixedSize + statement.displayName.size()) {
        std::abort();
    }
    const bool bound = crypto::derivePeerId(statement.identityKey) == statement.peer;
    const bool signedByKey = crypto::verifySignature(statement.identityKey, signedBytes, statement.signature);
    // Only the fixed subject's genuine seeds can be both.
    if (bound && signedByKey && statement.identityKey != fuzz::relaySender().publicKey()) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeReachability(input);
    if (!decoded) {
        if (toString(decoded.error()) == nullptr) {
            std::abort();
        }
        return 0;
    }
    const auto& entries = decoded.value();
    if (entries.empty() || entries.size() > kMaxReachabilityEntries) {
        std::abort();
    }
    for (const ReachabilityEntry& entry : entries) {
        checkStatement(entry);
    }
    const Bytes encoded = encodeReachability(entries);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
    return 0;
}
