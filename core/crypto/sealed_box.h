#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "identity.h"
#include "noise.h"

namespace confab::crypto {

// One message sealed to a recipient's identity with the one-way Noise
// pattern Noise_X_25519_ChaChaPoly_BLAKE2b: only the recipient can open it,
// and opening it proves which static key sealed it. Each seal uses a fresh
// ephemeral key. 96 bytes longer than the plaintext.
inline constexpr std::size_t kSealOverhead = 32 + 32 + 16 + 16;

Result<Bytes, NoiseError> seal(const IdentityKeyPair& sender, const PublicKey& recipientIdentityKey,
                               ByteView prologue, ByteView plaintext);

struct OpenedBox {
    PublicKey senderStatic{}; // the sender's Noise (X25519) static key
    Bytes plaintext;
};
// Fails (DecryptFailed) when the box was not sealed to `recipient`, was
// altered, or `prologue` differs from the one it was sealed with.
Result<OpenedBox, NoiseError> openBox(const IdentityKeyPair& recipient, ByteView prologue, ByteView sealed);

} // namespace confab::crypto
