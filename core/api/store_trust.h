#pragma once

#include "base/clock.h"
#include "session/peer_authenticator.h"
#include "storage/peer_store.h"

namespace confab::api {

// Pinned keys kept in the profile's database.
class StoreTrust : public session::TrustStore {
public:
    StoreTrust(storage::PeerStore& peers, const Clock& clock) : m_peers(peers), m_clock(clock) {}

    std::optional<crypto::PublicKey> pinnedKey(const PeerId& peer) override;
    void pin(const PeerId& peer, const crypto::PublicKey& identityKey) override;

private:
    storage::PeerStore& m_peers;
    const Clock& m_clock;
};

} // namespace confab::api
