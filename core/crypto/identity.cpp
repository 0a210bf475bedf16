#include "identity.h"

#include "random.h"

#include <algorithm>
#include <sodium.h>
#include <string_view>

namespace confab::crypto {

namespace {

constexpr std::string_view kPeerIdLabel = "confab peer id v1";
constexpr std::size_t kPeerIdHashSize = 32;

} // namespace

DhKeyPair DhKeyPair::generate()
{
    Secret<32> secretKey;
    randomBytes(secretKey.mutableView());
    return fromSecret(secretKey);
}

DhKeyPair DhKeyPair::fromSecret(const Secret<32>& secretKey)
{
    DhKeyPair pair;
    pair.secretKey = secretKey;
    // X25519 clamps the scalar, so the base-point multiplication cannot yield
    // the all-zero point; an all-zero key would make every DH fail loudly anyway.
    if (crypto_scalarmult_base(pair.publicKey.data(), pair.secretKey.data()) != 0) {
        pair.publicKey.fill(0);
    }
    return pair;
}

IdentityKeyPair IdentityKeyPair::generate()
{
    Secret<32> seed;
    randomBytes(seed.mutableView());
    return fromSeed(seed);
}

IdentityKeyPair IdentityKeyPair::fromSeed(const Secret<32>& seed)
{
    IdentityKeyPair pair;
    pair.m_seed = seed;
    // Deterministic for a given seed; libsodium documents no failure case.
    crypto_sign_seed_keypair(pair.m_publicKey.data(), pair.m_secretKey.data(), pair.m_seed.data());
    crypto_sign_ed25519_sk_to_curve25519(pair.m_noiseStatic.secretKey.data(), pair.m_secretKey.data());
    if (crypto_sign_ed25519_pk_to_curve25519(pair.m_noiseStatic.publicKey.data(), pair.m_publicKey.data()) !=
        0) {
        // Our own key comes from crypto_sign_seed_keypair and is always a valid
        // point; should that ever fail, the base-point product is the same key.
        pair.m_noiseStatic = DhKeyPair::fromSecret(pair.m_noiseStatic.secretKey);
    }
    pair.m_peerId = derivePeerId(pair.m_publicKey);
    return pair;
}

std::array<std::uint8_t, 64> IdentityKeyPair::sign(ByteView message) const
{
    std::array<std::uint8_t, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), m_secretKey.data());
    return signature;
}

bool verifySignature(const PublicKey& identityKey, ByteView message,
                     const std::array<std::uint8_t, 64>& signature)
{
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       identityKey.data()) == 0;
}

std::optional<PublicKey> identityToNoiseKey(const PublicKey& identityKey)
{
    PublicKey noiseKey{};
    // libsodium rejects small-order, non-canonical and off-subgroup points.
    if (crypto_sign_ed25519_pk_to_curve25519(noiseKey.data(), identityKey.data()) != 0) {
        return std::nullopt;
    }
    return noiseKey;
}

PeerId derivePeerId(const PublicKey& identityKey)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kPeerIdHashSize);
    const ByteView label = asBytes(kPeerIdLabel);
    crypto_generichash_update(&state, label.data(), label.size());
    crypto_generichash_update(&state, identityKey.data(), identityKey.size());
    std::array<std::uint8_t, kPeerIdHashSize> digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());

    std::array<std::uint8_t, PeerId::kSize> idBytes{};
    std::copy_n(digest.begin(), idBytes.size(), idBytes.begin());
    return PeerId(idBytes);
}

} // namespace confab::crypto
