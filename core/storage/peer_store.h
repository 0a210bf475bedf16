#pragma once

#include "crypto/secret.h"
#include "records.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// Known peers, the identity key pinned for each (trust on first use) and the
// addresses the user added by hand.
class PeerStore {
public:
    explicit PeerStore(Database& db) : m_db(db) {}

    std::vector<PeerRecord> peers();
    std::optional<PeerRecord> peer(const PeerId& id);
    // Inserts the peer or updates its name, address and last-seen time.
    bool recordSeen(const PeerId& id, const QString& displayName, const QString& address, std::int64_t nowMs);
    bool setVerified(const PeerId& id, bool verified);
    // The name the user knows the peer by, shown instead of the one it
    // announces; empty clears it. False for a peer not known.
    bool setNickname(const PeerId& id, const QString& nickname);
    // Blocks the peer since `sinceMs`, or (nullopt) lifts the block. A peer
    // not known yet is added: it can be blocked before it is ever met.
    bool setBlocked(const PeerId& id, std::optional<std::int64_t> sinceMs);
    std::vector<PeerId> blockedPeers();
    // Forgets the peer and all that is kept about it — its conversation
    // with the messages and the outgoing queue, its pinned key and key
    // warning — in one transaction. A blocked peer stays listed, blocked
    // (and no longer verified). How many messages went, or nullopt if the
    // transaction failed (then nothing went).
    std::optional<std::int64_t> removePeer(const PeerId& id);

    std::optional<crypto::PublicKey> pinnedKey(const PeerId& id);
    bool pinKey(const PeerId& id, const crypto::PublicKey& key, std::int64_t nowMs);

    QStringList staticAddresses();
    bool addStaticAddress(const QString& address, std::int64_t nowMs);
    // Forgets an address added by hand; false if it was not there.
    bool removeStaticAddress(const QString& address);

private:
    Database& m_db;
};

} // namespace confab::storage
