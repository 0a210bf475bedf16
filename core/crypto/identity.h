#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "secret.h"

#include <array>
#include <optional>

namespace confab::crypto {

// An X25519 key pair, as Noise uses for static and ephemeral keys.
struct DhKeyPair {
    Secret<32> secretKey;
    PublicKey publicKey{};

    static DhKeyPair generate();
    // Computes the public key from a secret (used for fixed test vectors).
    static DhKeyPair fromSecret(const Secret<32>& secretKey);
};

// The long-term identity of a profile: an Ed25519 key pair made from a 32-byte
// seed. Its X25519 twin (libsodium's ed25519 -> curve25519 conversion) is the
// Noise static key, so a handshake proves possession of the identity key.
class IdentityKeyPair {
public:
    static IdentityKeyPair generate();
    static IdentityKeyPair fromSeed(const Secret<32>& seed);

    [[nodiscard]] const PublicKey& publicKey() const { return m_publicKey; }
    // The seed is what the profile stores (in a 0600 file).
    [[nodiscard]] const Secret<32>& seed() const { return m_seed; }
    [[nodiscard]] const DhKeyPair& noiseStaticKey() const { return m_noiseStatic; }
    [[nodiscard]] const PeerId& peerId() const { return m_peerId; }
    [[nodiscard]] std::array<std::uint8_t, 64> sign(ByteView message) const;

private:
    IdentityKeyPair() = default;
    Secret<32> m_seed;
    Secret<64> m_secretKey;
    PublicKey m_publicKey{};
    // Derived once: every handshake and every message needs them.
    DhKeyPair m_noiseStatic;
    PeerId m_peerId;
};

bool verifySignature(const PublicKey& identityKey, ByteView message,
                     const std::array<std::uint8_t, 64>& signature);

// X25519 public key that belongs to an Ed25519 identity key; nullopt for a
// key that is not a valid Ed25519 point.
std::optional<PublicKey> identityToNoiseKey(const PublicKey& identityKey);

// PeerId = first 20 bytes of BLAKE2b-256("confab peer id v1" || identityKey).
PeerId derivePeerId(const PublicKey& identityKey);

} // namespace confab::crypto
