#include "noise.h"
#include "random.h"

#include <algorithm>
#include <array>
#include <limits>
#include <sodium.h>

namespace confab::crypto {

namespace {

constexpr std::uint64_t kReservedNonce = std::numeric_limits<std::uint64_t>::max();
constexpr std::size_t kTagSize = crypto_aead_chacha20poly1305_ietf_ABYTES;

using Nonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

// Noise's ChaChaPoly nonce: 32 zero bits, then the counter little-endian.
Nonce makeNonce(std::uint64_t counter)
{
    Nonce nonce{};
    for (std::size_t i = 0; i < 8; ++i) {
        nonce[4 + i] = static_cast<std::uint8_t>(counter >> (8 * i));
    }
    return nonce;
}

Bytes aeadEncrypt(const Secret<32>& key, std::uint64_t counter, ByteView ad, ByteView plaintext)
{
    const Nonce nonce = makeNonce(counter);
    Bytes ciphertext(plaintext.size() + kTagSize);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(ciphertext.data(), &written, plaintext.data(), plaintext.size(),
                                              ad.data(), ad.size(), nullptr, nonce.data(), key.data());
    return ciphertext;
}

} // namespace

void CipherState::initializeKey(const Secret<32>& key)
{
    m_key = key;
    m_hasKey = true;
    m_nonce = 0;
}

Result<Bytes, NoiseError> CipherState::encryptWithAd(ByteView ad, ByteView plaintext)
{
    if (!m_hasKey) {
        if (plaintext.size() > kNoiseMaxMessageSize) {
            return NoiseError::MessageTooLarge;
        }
        return Bytes(plaintext.begin(), plaintext.end());
    }
    if (plaintext.size() > kNoiseMaxMessageSize - kTagSize) {
        return NoiseError::MessageTooLarge;
    }
    // 2^64-1 is reserved for Rekey(); using it for data would reuse that
    // key stream, so the key is spent.
    if (m_nonce == kReservedNonce) {
        return NoiseError::NonceExhausted;
    }
    Bytes ciphertext = aeadEncrypt(m_key, m_nonce, ad, plaintext);
    ++m_nonce;
    return ciphertext;
}

Result<Bytes, NoiseError> CipherState::decryptWithAd(ByteView ad, ByteView ciphertext)
{
    if (ciphertext.size() > kNoiseMaxMessageSize) {
        return NoiseError::MessageTooLarge;
    }
    if (!m_hasKey) {
        return Bytes(ciphertext.begin(), ciphertext.end());
    }
    if (m_nonce == kReservedNonce) {
        return NoiseError::NonceExhausted;
    }
    if (ciphertext.size() < kTagSize) {
        return NoiseError::BadMessage;
    }
    const Nonce nonce = makeNonce(m_nonce);
    Bytes plaintext(ciphertext.size() - kTagSize);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(plaintext.data(), &written, nullptr, ciphertext.data(),
                                                  ciphertext.size(), ad.data(), ad.size(), nonce.data(),
                                                  m_key.data()) != 0) {
        // The spec keeps n unchanged on failure, so a forged message cannot
        // desynchronise the receiver.
        return NoiseError::DecryptFailed;
    }
    ++m_nonce;
    return plaintext;
}

void CipherState::rekey()
{
    if (!m_hasKey) {
        return;
    }
    const std::array<std::uint8_t, 32> zeros{};
    Bytes output = aeadEncrypt(m_key, kReservedNonce, {}, zeros);
    Secret<32> newKey;
    std::copy_n(output.begin(), newKey.size(), newKey.data());
    wipe(output);
    m_key = newKey;
}

Secret<32> CipherState::deriveKey(std::string_view label) const
{
    Secret<32> derived;
    if (!m_hasKey) {
        randomBytes(derived.mutableView());
        return derived;
    }
    const ByteView message = asBytes(label);
    crypto_generichash(derived.data(), derived.size(), message.data(), message.size(), m_key.data(),
                       m_key.size());
    return derived;
}

} // namespace confab::crypto
