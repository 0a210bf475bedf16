#pragma once

// Internal to confab_crypto: the SymmetricState object of the Noise Protocol
// Framework (revision 34, section 5.2).

#include "base/bytes.h"
#include "base/result.h"
#include "noise.h"
#include "noise_hash.h"
#include "secret.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace confab::crypto::detail {

class SymmetricState {
public:
    SymmetricState(NoiseHash hash, std::string_view protocolName);

    void mixKey(ByteView inputKeyMaterial);
    void mixHash(ByteView data);
    Result<Bytes, NoiseError> encryptAndHash(ByteView plaintext);
    Result<Bytes, NoiseError> decryptAndHash(ByteView ciphertext);
    [[nodiscard]] bool hasKey() const { return m_cipher.hasKey(); }
    [[nodiscard]] ByteView handshakeHash() const;
    // Split(): (c1, c2). Wipes the chaining key and handshake cipher, which are
    // no longer needed once the transport keys exist.
    std::pair<CipherState, CipherState> split();
    // Forgets the chaining key and handshake cipher (after failure or Split()).
    void wipeKeys();

private:
    NoiseHashFunction m_hash;
    Secret<kMaxHashLen> m_chainingKey;
    std::array<std::uint8_t, kMaxHashLen> m_handshakeHash{};
    CipherState m_cipher;
};

} // namespace confab::crypto::detail
