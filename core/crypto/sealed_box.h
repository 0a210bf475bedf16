#pragma once

#include "identity.h"
#include "noise.h"
#include "proto/bytes.h"
#include "proto/result.h"

namespace confab::crypto {

// One message sealed to a recipient's identity with the one-way Noise
// pattern Noise_X_25519_ChaChaPoly_BLAKE2b: only the recipient can open it,
// and opening it proves which static key sealed it. Each seal uses a fresh
// ephemeral key. 96 bytes longer than the plaintext.
inline constexpr std::size_t kSealOverhead = 32 + 32 + 16 + 16;

proto::Result<proto::Bytes, NoiseError> seal(const IdentityKeyPair& sender, const PublicKey& recipientIdentityKey,
                                             proto::ByteView prologue, proto::ByteView plaintext);

struct OpenedBox {
    PublicKey senderStatic{}; // the sender's Noise (X25519) static key
    proto::Bytes plaintext;
};
// Fails (DecryptFailed) when the box was not sealed to `recipient`, was
// altered, or `prologue` differs from the one it was sealed with.
proto::Result<OpenedBox, NoiseError> openBox(const IdentityKeyPair& recipient, proto::ByteView prologue,
                                             proto::ByteView sealed);

} // namespace confab::crypto
