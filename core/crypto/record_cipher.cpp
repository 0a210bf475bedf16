#include "record_cipher.h"

#include <array>
#include <limits>
#include <sodium.h>

namespace confab::crypto {

namespace {

static_assert(kRecordTagSize == crypto_aead_chacha20poly1305_ietf_ABYTES);

// Like Noise's last nonce, the last counter is never used: a counter that
// could wrap would one day reuse a nonce.
constexpr std::uint64_t kLastCounter = std::numeric_limits<std::uint64_t>::max();

using Nonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

Nonce makeNonce(std::uint64_t counter)
{
    Nonce nonce{};
    for (std::size_t i = 0; i < 8; ++i) {
        nonce[4 + i] = static_cast<std::uint8_t>(counter >> (8 * i));
    }
    return nonce;
}

} // namespace

Result<Bytes, NoiseError> RecordCipher::seal(ByteView plaintext)
{
    if (m_counter == kLastCounter) {
        return NoiseError::NonceExhausted;
    }
    const Nonce nonce = makeNonce(m_counter);
    Bytes ciphertext(plaintext.size() + kRecordTagSize);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(ciphertext.data(), &written, plaintext.data(), plaintext.size(),
                                              nullptr, 0, nullptr, nonce.data(), m_key.data());
    ++m_counter;
    return ciphertext;
}

Result<Bytes, NoiseError> RecordCipher::open(ByteView ciphertext)
{
    if (m_counter == kLastCounter) {
        return NoiseError::NonceExhausted;
    }
    if (ciphertext.size() < kRecordTagSize) {
        return NoiseError::BadMessage;
    }
    const Nonce nonce = makeNonce(m_counter);
    Bytes plaintext(ciphertext.size() - kRecordTagSize);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(plaintext.data(), &written, nullptr, ciphertext.data(),
                                                  ciphertext.size(), nullptr, 0, nonce.data(),
                                                  m_key.data()) != 0) {
        return NoiseError::DecryptFailed;
    }
    ++m_counter;
    return plaintext;
}

std::pair<RecordCipher, RecordCipher> recordCiphers(TransportState& transport)
{
    return {RecordCipher(transport.sendCipher().deriveKey(kRecordKeyLabel)),
            RecordCipher(transport.receiveCipher().deriveKey(kRecordKeyLabel))};
}

} // namespace confab::crypto
