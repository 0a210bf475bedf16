#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "identity.h"
#include "secret.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

// The Noise Protocol Framework (revision 34) on libsodium: X25519,
// ChaCha20-Poly1305 (IETF), BLAKE2b or SHA-256. A pure state machine: bytes
// in, bytes out, no sockets.
namespace confab::crypto {

enum class NoiseError {
    InvalidState,    // call out of turn, or after completion/failure
    MessageTooLarge, // above 65535 bytes
    BadMessage,      // too short for the pattern's tokens
    DecryptFailed,   // authentication tag mismatch (tamper, wrong key, replay)
    BadPublicKey,    // DH result all-zero (low-order point)
    MissingKey,      // pattern needs a static key that was not given
    NonceExhausted,  // 2^64 - 1 messages under one key
};
const char* toString(NoiseError error);

// X is one-way: a single message from an initiator that knows the
// responder's static key (sealed envelopes for relaying).
enum class NoisePattern { NN, KK, IK, XX, X };
enum class NoiseHash { Blake2b, Sha256 };

inline constexpr std::size_t kNoiseMaxMessageSize = 65535;

class CipherState {
public:
    void initializeKey(const Secret<32>& key);
    [[nodiscard]] bool hasKey() const { return m_hasKey; }
    void setNonce(std::uint64_t nonce) { m_nonce = nonce; }
    [[nodiscard]] std::uint64_t nonce() const { return m_nonce; }

    // Without a key these pass the bytes through, as the spec says.
    Result<Bytes, NoiseError> encryptWithAd(ByteView ad, ByteView plaintext);
    Result<Bytes, NoiseError> decryptWithAd(ByteView ad, ByteView ciphertext);
    // Rekey() from the spec: the key becomes ENCRYPT(k, 2^64-1, "", zeros).
    void rekey();
    // A key for another use of this direction (transfer records): keyed
    // BLAKE2b-256 of `label` with k as the key, so k itself never leaves.
    // Without a key, a random one nobody knows: nothing sealed under it can
    // be read, and nothing goes out under a key anyone could guess.
    [[nodiscard]] Secret<32> deriveKey(std::string_view label) const;

private:
    Secret<32> m_key;
    bool m_hasKey = false;
    std::uint64_t m_nonce = 0;
};

// The two CipherStates from Split(), oriented for one side.
class TransportState {
public:
    TransportState(CipherState send, CipherState receive)
        : m_send(std::move(send)), m_receive(std::move(receive))
    {
    }

    Result<Bytes, NoiseError> encrypt(ByteView plaintext) { return m_send.encryptWithAd({}, plaintext); }
    Result<Bytes, NoiseError> decrypt(ByteView ciphertext) { return m_receive.decryptWithAd({}, ciphertext); }
    void rekeySend() { m_send.rekey(); }
    void rekeyReceive() { m_receive.rekey(); }
    [[nodiscard]] CipherState& sendCipher() { return m_send; }
    [[nodiscard]] CipherState& receiveCipher() { return m_receive; }

private:
    CipherState m_send;
    CipherState m_receive;
};

struct HandshakeConfig {
    NoisePattern pattern = NoisePattern::XX;
    NoiseHash hash = NoiseHash::Blake2b;
    bool initiator = true;
    Bytes prologue;
    std::optional<DhKeyPair> localStatic;
    // Only for test vectors: a fixed ephemeral key instead of a fresh one.
    std::optional<DhKeyPair> localEphemeral;
    // Pre-known remote static key (responder's for IK/KK initiators, etc.).
    // Keys the pattern does not use (a remote key for XX, a static for NN) make
    // the first call fail with InvalidState; needed keys that are absent, with
    // MissingKey. XX learns the remote key: compare remoteStatic() afterwards.
    std::optional<PublicKey> remoteStatic;
};

class HandshakeState {
public:
    explicit HandshakeState(HandshakeConfig config);
    ~HandshakeState();
    HandshakeState(HandshakeState&&) noexcept;
    HandshakeState& operator=(HandshakeState&&) noexcept;

    // Produces the next handshake message carrying `payload` (encrypted once a
    // key exists). Any error leaves the state failed.
    Result<Bytes, NoiseError> writeMessage(ByteView payload);
    // Consumes the peer's next handshake message and returns its payload.
    Result<Bytes, NoiseError> readMessage(ByteView message);

    [[nodiscard]] bool isComplete() const;
    [[nodiscard]] bool isMyTurnToWrite() const;
    [[nodiscard]] std::optional<PublicKey> remoteStatic() const;
    [[nodiscard]] Bytes handshakeHash() const;
    // Valid once complete: send/receive ciphers for this side. Hands out the
    // keys once; called early or again, it returns ciphers that refuse every
    // message (NonceExhausted) rather than keyless pass-through ones.
    TransportState split();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace confab::crypto
