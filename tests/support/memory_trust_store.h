#pragma once

#include "session/peer_authenticator.h"

#include <map>

namespace confab::test {

// Pinned keys in a map, with a count of pin() calls so tests can check that
// nothing was pinned when a handshake was refused.
class MemoryTrustStore : public session::TrustStore {
public:
    std::optional<crypto::PublicKey> pinnedKey(const PeerId& peer) override
    {
        const auto it = m_pins.find(peer);
        return it == m_pins.end() ? std::nullopt : std::optional<crypto::PublicKey>(it->second);
    }
    void pin(const PeerId& peer, const crypto::PublicKey& identityKey) override
    {
        ++m_pinCalls;
        m_pins.emplace(peer, identityKey);
    }

    void preset(const PeerId& peer, const crypto::PublicKey& identityKey) { m_pins[peer] = identityKey; }
    [[nodiscard]] int pinCalls() const { return m_pinCalls; }
    [[nodiscard]] std::size_t size() const { return m_pins.size(); }

private:
    std::map<PeerId, crypto::PublicKey> m_pins;
    int m_pinCalls = 0;
};

} // namespace confab::test
