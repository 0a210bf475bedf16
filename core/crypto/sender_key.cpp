#include "sender_key.h"

#include "random.h"

#include <algorithm>
#include <array>
#include <limits>
#include <sodium.h>
#include <string_view>

namespace confab::crypto {

namespace {

static_assert(kSenderKeyTagBytes == crypto_aead_chacha20poly1305_ietf_ABYTES);
static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == 32);

constexpr std::string_view kMessageKeyLabel = "confab room message key";
constexpr std::string_view kChainKeyLabel = "confab room chain key";

// nextIndex() must stay representable, so the last index is never read; no
// chain comes near 2^32 messages.
constexpr std::uint32_t kLastIndex = std::numeric_limits<std::uint32_t>::max();

// Every message key encrypts exactly one message, so the nonce never repeats
// under a key.
constexpr std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES> kZeroNonce{};

Secret<32> keyedHash(const Secret<32>& key, std::string_view label)
{
    Secret<32> out;
    const ByteView message = asBytes(label);
    crypto_generichash(out.data(), out.size(), message.data(), message.size(), key.data(), key.size());
    return out;
}

Secret<32> deriveMessageKey(const Secret<32>& chainKey)
{
    return keyedHash(chainKey, kMessageKeyLabel);
}

Secret<32> deriveNextChainKey(const Secret<32>& chainKey)
{
    return keyedHash(chainKey, kChainKeyLabel);
}

Bytes sealMessage(const Secret<32>& key, ByteView associatedData, ByteView plaintext)
{
    Bytes ciphertext(plaintext.size() + kSenderKeyTagBytes);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(ciphertext.data(), &written, plaintext.data(), plaintext.size(),
                                              associatedData.data(), associatedData.size(), nullptr,
                                              kZeroNonce.data(), key.data());
    return ciphertext;
}

Result<Bytes, SenderKeyError> openMessage(const Secret<32>& key, ByteView associatedData, ByteView ciphertext)
{
    if (ciphertext.size() < kSenderKeyTagBytes) {
        return SenderKeyError::DecryptFailed;
    }
    Bytes plaintext(ciphertext.size() - kSenderKeyTagBytes);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(
            plaintext.data(), &written, nullptr, ciphertext.data(), ciphertext.size(), associatedData.data(),
            associatedData.size(), kZeroNonce.data(), key.data()) != 0) {
        return SenderKeyError::DecryptFailed;
    }
    return plaintext;
}

} // namespace

const char* toString(SenderKeyError error)
{
    switch (error) {
    case SenderKeyError::AlreadyUsed:
        return "message key already used";
    case SenderKeyError::TooFarAhead:
        return "index too far ahead";
    case SenderKeyError::TooManySkipped:
        return "too many skipped keys";
    case SenderKeyError::DecryptFailed:
        return "decryption failed";
    case SenderKeyError::BeforeFirst:
        return "index before the first key";
    }
    return "unknown sender key error";
}

SenderChain SenderChain::generate()
{
    Secret<32> chainKey;
    randomBytes(chainKey.mutableView());
    return SenderChain(chainKey, 0);
}

SenderChain SenderChain::fromKey(const Secret<32>& chainKey, std::uint32_t index)
{
    return SenderChain(chainKey, index);
}

SenderChain::Sealed SenderChain::encrypt(ByteView associatedData, ByteView plaintext)
{
    const Secret<32> key = deriveMessageKey(m_chainKey);
    Sealed sealed{m_index, sealMessage(key, associatedData, plaintext)};
    m_chainKey = deriveNextChainKey(m_chainKey);
    ++m_index;
    return sealed;
}

ReceiverChain::ReceiverChain(const Secret<32>& chainKey, std::uint32_t firstIndex)
    : m_chainKey(chainKey), m_index(firstIndex), m_firstIndex(firstIndex)
{
}

ReceiverChain ReceiverChain::restore(const Secret<32>& chainKey, std::uint32_t nextIndex,
                                     std::uint32_t firstIndex)
{
    ReceiverChain chain(chainKey, nextIndex);
    chain.m_firstIndex = std::min(firstIndex, nextIndex);
    return chain;
}

void ReceiverChain::restoreSkippedKey(std::uint32_t index, const Secret<32>& messageKey)
{
    if (index < m_firstIndex || index >= m_index) {
        return;
    }
    m_skipped.insert_or_assign(index, messageKey);
}

Result<Bytes, SenderKeyError> ReceiverChain::decrypt(std::uint32_t index, ByteView associatedData,
                                                     ByteView ciphertext)
{
    if (index < m_firstIndex) {
        return SenderKeyError::BeforeFirst;
    }
    if (index < m_index) {
        const auto kept = m_skipped.find(index);
        if (kept == m_skipped.end()) {
            return SenderKeyError::AlreadyUsed;
        }
        auto plaintext = openMessage(kept->second, associatedData, ciphertext);
        if (plaintext) {
            m_skipped.erase(kept);
        }
        return plaintext;
    }
    const std::uint32_t ahead = index - m_index;
    if (ahead > kMaxSkip || index == kLastIndex) {
        return SenderKeyError::TooFarAhead;
    }
    if (m_skipped.size() + ahead > kMaxSkippedKeys) {
        return SenderKeyError::TooManySkipped;
    }

    // Walk the chain on copies; nothing is kept unless the message opens, so
    // a forgery at a high index moves nothing.
    Secret<32> chainKey = m_chainKey;
    std::map<std::uint32_t, Secret<32>> skipped;
    for (std::uint32_t i = m_index; i < index; ++i) {
        skipped.emplace_hint(skipped.end(), i, deriveMessageKey(chainKey));
        chainKey = deriveNextChainKey(chainKey);
    }
    auto plaintext = openMessage(deriveMessageKey(chainKey), associatedData, ciphertext);
    if (!plaintext) {
        return plaintext;
    }
    m_chainKey = deriveNextChainKey(chainKey);
    m_index = index + 1;
    m_skipped.merge(skipped);
    return plaintext;
}

} // namespace confab::crypto
