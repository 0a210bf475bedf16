#include "noise_symmetric_state.h"

#include <algorithm>

namespace confab::crypto::detail {

namespace {

// Keys from HKDF are HASHLEN bytes; ChaChaPoly takes the first 32.
Secret<32> truncateKey(const Secret<kMaxHashLen>& key)
{
    Secret<32> truncated;
    std::copy_n(key.data(), truncated.size(), truncated.data());
    return truncated;
}

} // namespace

SymmetricState::SymmetricState(NoiseHash hash, std::string_view protocolName) : m_hash(hash)
{
    const std::size_t length = m_hash.hashLen();
    const ByteView name = asBytes(protocolName);
    const std::span<std::uint8_t> h = std::span(m_handshakeHash).first(length);
    if (name.size() <= length) {
        std::copy(name.begin(), name.end(), h.begin());
    } else {
        m_hash.hash({name}, h);
    }
    std::copy(h.begin(), h.end(), m_chainingKey.data());
}

void SymmetricState::mixKey(ByteView inputKeyMaterial)
{
    const std::size_t length = m_hash.hashLen();
    Secret<kMaxHashLen> tempKey;
    // hkdf() reads the chaining key before writing output1, so updating it in
    // place is safe.
    m_hash.hkdf(m_chainingKey.view().first(length), inputKeyMaterial,
                m_chainingKey.mutableView().first(length), tempKey.mutableView().first(length));
    m_cipher.initializeKey(truncateKey(tempKey));
}

void SymmetricState::mixHash(ByteView data)
{
    const std::span<std::uint8_t> h = std::span(m_handshakeHash).first(m_hash.hashLen());
    std::array<std::uint8_t, kMaxHashLen> previous = m_handshakeHash;
    m_hash.hash({std::span<const std::uint8_t>(previous).first(h.size()), data}, h);
}

Result<Bytes, NoiseError> SymmetricState::encryptAndHash(ByteView plaintext)
{
    auto ciphertext = m_cipher.encryptWithAd(handshakeHash(), plaintext);
    if (ciphertext.ok()) {
        mixHash(ciphertext.value());
    }
    return ciphertext;
}

Result<Bytes, NoiseError> SymmetricState::decryptAndHash(ByteView ciphertext)
{
    auto plaintext = m_cipher.decryptWithAd(handshakeHash(), ciphertext);
    if (plaintext.ok()) {
        mixHash(ciphertext);
    }
    return plaintext;
}

ByteView SymmetricState::handshakeHash() const
{
    return std::span<const std::uint8_t>(m_handshakeHash).first(m_hash.hashLen());
}

std::pair<CipherState, CipherState> SymmetricState::split()
{
    const std::size_t length = m_hash.hashLen();
    Secret<kMaxHashLen> tempKey1;
    Secret<kMaxHashLen> tempKey2;
    m_hash.hkdf(m_chainingKey.view().first(length), {}, tempKey1.mutableView().first(length),
                tempKey2.mutableView().first(length));
    wipeKeys();

    std::pair<CipherState, CipherState> ciphers;
    ciphers.first.initializeKey(truncateKey(tempKey1));
    ciphers.second.initializeKey(truncateKey(tempKey2));
    return ciphers;
}

void SymmetricState::wipeKeys()
{
    m_chainingKey = Secret<kMaxHashLen>();
    m_cipher = CipherState();
}

} // namespace confab::crypto::detail
