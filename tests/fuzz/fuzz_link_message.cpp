// Decodes arbitrary bytes as a link message and its body with the decoder of
// its type. Everything that decodes must re-encode to the input.
#include "proto/avatar.h"
#include "proto/call_signal.h"
#include "proto/envelope.h"
#include "proto/link_message.h"
#include "proto/peer_exchange.h"
#include "proto/presence.h"
#include "proto/reachability.h"
#include "proto/relay_envelope.h"

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

std::uint64_t tokenOf(const Bytes& body)
{
    std::uint64_t token = 0;
    for (const std::uint8_t b : body) {
        token = (token << 8) | b;
    }
    return token;
}

void checkTypedEncoders(const LinkMessage& message, ByteView input)
{
    switch (message.type) {
    case LinkMessageType::Ping:
    case LinkMessageType::Pong:
        if (message.body.size() != 8 || !sameBytes(encodePing(message.type, tokenOf(message.body)), input)) {
            std::abort();
        }
        break;
    case LinkMessageType::Goodbye:
        if (message.body.size() != 1 ||
            !sameBytes(encodeGoodbye(static_cast<GoodbyeReason>(message.body[0])), input)) {
            std::abort();
        }
        break;
    case LinkMessageType::PeerExchange: {
        const auto entries = decodePeerExchange(message.body);
        if (entries && encodePeerExchange(entries.value()) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::Call: {
        // Field order and unknown fields are free on the wire, so the value
        // (not the bytes) must survive a round trip.
        const auto signal = decodeCallSignal(message.body);
        if (signal) {
            const auto again = decodeCallSignal(encodeCallSignal(signal.value()));
            if (!again || !(again.value() == signal.value())) {
                std::abort();
            }
        }
        break;
    }
    case LinkMessageType::Envelope: {
        if (message.body.empty()) {
            std::abort();
        }
        const auto envelope = decodeEnvelope(message.body);
        if (envelope && encodeEnvelope(envelope.value()) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::RelayEnvelope: {
        const auto envelope = decodeRelayEnvelope(message.body);
        if (envelope && encodeRelayEnvelope(envelope.value()) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::Reachability: {
        const auto entries = decodeReachability(message.body);
        if (entries && encodeReachability(entries.value()) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::RelayCustody: {
        const auto ids = decodeRelayCustody(message.body);
        if (ids && encodeRelayCustody(ids.value()) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::Presence: {
        // The link decoder let only one known state through.
        const auto state = decodePresenceState(message.body);
        if (!state || encodePresenceState(*state) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::Typing: {
        const auto state = decodeTypingState(message.body);
        if (!state || encodeTypingState(*state) != message.body) {
            std::abort();
        }
        break;
    }
    case LinkMessageType::Avatar:
        // The link decoder let only a picture of the right kind and size through.
        if (!isValidAvatarBody(message.body) || message.body.size() > kMaxAvatarBytes) {
            std::abort();
        }
        break;
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    const auto decoded = decodeLinkMessage(input);
    if (!decoded) {
        return 0;
    }
    const LinkMessage& message = decoded.value();
    if (!sameBytes(encodeLinkMessage(message.type, message.body), input)) {
        std::abort();
    }
    checkTypedEncoders(message, input);
    return 0;
}
