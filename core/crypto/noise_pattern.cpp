#include "noise_pattern.h"

namespace confab::crypto::detail {

namespace {

using enum Token;

constexpr HandshakePattern kNN{
    .name = "NN",
    .messages = {{{{E}, 1}, {{E, EE}, 2}}},
    .messageCount = 2,
};

constexpr HandshakePattern kKK{
    .name = "KK",
    .initiatorStaticPreMessage = true,
    .responderStaticPreMessage = true,
    .messages = {{{{E, ES, SS}, 3}, {{E, EE, SE}, 3}}},
    .messageCount = 2,
};

constexpr HandshakePattern kIK{
    .name = "IK",
    .responderStaticPreMessage = true,
    .messages = {{{{E, ES, S, SS}, 4}, {{E, EE, SE}, 3}}},
    .messageCount = 2,
};

constexpr HandshakePattern kX{
    .name = "X",
    .responderStaticPreMessage = true,
    .messages = {{{{E, ES, S, SS}, 4}}},
    .messageCount = 1,
};

constexpr HandshakePattern kXX{
    .name = "XX",
    .messages = {{{{E}, 1}, {{E, EE, S, ES}, 4}, {{S, SE}, 2}}},
    .messageCount = 3,
};

} // namespace

bool HandshakePattern::sendsStatic(bool initiator) const
{
    for (std::size_t index = 0; index < messageCount; ++index) {
        if (writtenByInitiator(index) != initiator) {
            continue;
        }
        for (const Token token : messages[index].view()) {
            if (token == S) {
                return true;
            }
        }
    }
    return false;
}

const HandshakePattern& handshakePattern(NoisePattern pattern)
{
    switch (pattern) {
    case NoisePattern::NN:
        return kNN;
    case NoisePattern::KK:
        return kKK;
    case NoisePattern::IK:
        return kIK;
    case NoisePattern::X:
        return kX;
    case NoisePattern::XX:
        break;
    }
    return kXX;
}

} // namespace confab::crypto::detail
