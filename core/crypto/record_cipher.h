#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "noise.h"
#include "secret.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

// One direction of a transfer connection's records (docs/PROTOCOL.md, "File
// drops", "Transfer connection"): ChaCha20-Poly1305 (IETF) under a key
// derived from the Noise CipherState of that direction, the nonce 4 zero
// bytes || u64 counter little-endian (Noise's layout), empty associated
// data. Records are far larger than Noise transport messages may be, so the
// Noise ciphers themselves are never used on a transfer connection.
namespace confab::crypto {

inline constexpr std::size_t kRecordTagSize = 16;
// The label both sides hash with each direction's Noise key.
inline constexpr std::string_view kRecordKeyLabel = "confab transfer records v1";

class RecordCipher {
public:
    explicit RecordCipher(const Secret<32>& key) : m_key(key) {}
    // Only for tests of the counter's end: starts at `firstCounter` instead of 0.
    RecordCipher(const Secret<32>& key, std::uint64_t firstCounter) : m_key(key), m_counter(firstCounter) {}

    // Ciphertext and tag of the next record. NonceExhausted once the counter
    // reaches 2^64 - 1 (never used, as in Noise).
    Result<Bytes, NoiseError> seal(ByteView plaintext);
    // The plaintext of the next record. DecryptFailed for anything not sealed
    // with this key and this counter (tampered, replayed, reordered, the
    // other direction); the counter moves only on success, so a forgery
    // cannot desynchronise the two sides.
    Result<Bytes, NoiseError> open(ByteView ciphertext);

    // The counter the next seal() or open() uses.
    [[nodiscard]] std::uint64_t counter() const { return m_counter; }

private:
    Secret<32> m_key;
    std::uint64_t m_counter = 0;
};

// The record ciphers of one side after Split(), as (send, receive): each
// keyed with deriveKey(kRecordKeyLabel) of that direction's CipherState.
std::pair<RecordCipher, RecordCipher> recordCiphers(TransportState& transport);

} // namespace confab::crypto
