#include "store_trust.h"

namespace confab::api {

std::optional<crypto::PublicKey> StoreTrust::pinnedKey(const PeerId& peer)
{
    return m_peers.pinnedKey(peer);
}

void StoreTrust::pin(const PeerId& peer, const crypto::PublicKey& identityKey)
{
    m_peers.pinKey(peer, identityKey, m_clock.wallMs());
}

} // namespace confab::api
