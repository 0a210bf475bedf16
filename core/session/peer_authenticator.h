#pragma once

#include "crypto/secret.h"
#include "proto/handshake_payload.h"

#include <QString>

#include <map>
#include <optional>

namespace confab::session {

// Where pinned identity keys live (the store, or a map in tests).
class TrustStore {
public:
    virtual ~TrustStore() = default;
    virtual std::optional<crypto::PublicKey> pinnedKey(const PeerId& peer) = 0;
    virtual void pin(const PeerId& peer, const crypto::PublicKey& identityKey) = 0;
};

struct AuthDecision {
    enum class Verdict { Accept, Reject, SecurityViolation };
    Verdict verdict = Verdict::Accept;
    QString reason; // empty when accepted

    [[nodiscard]] bool accepted() const { return verdict == Verdict::Accept; }
};

// Decides whether the identity a peer presented in the handshake is
// acceptable: the identity key must own the Noise static key, the ID must
// belong to the key, and a known ID must present the key pinned for it.
class PeerAuthenticator {
public:
    PeerAuthenticator(PeerId self, TrustStore& trust) : m_self(self), m_trust(trust) {}

    AuthDecision check(const proto::HandshakePayload& payload, const crypto::PublicKey& noiseRemoteStatic,
                       const std::optional<PeerId>& expectedPeer);

private:
    // The X25519 twin of an identity key; remembered, since every link to a
    // peer needs the same (costly) conversion again.
    std::optional<crypto::PublicKey> noiseKeyOf(const crypto::PublicKey& identityKey);

    static constexpr std::size_t kMaxRememberedKeys = 1024;

    PeerId m_self;
    TrustStore& m_trust;
    std::map<crypto::PublicKey, crypto::PublicKey> m_noiseKeys;
};

} // namespace confab::session
