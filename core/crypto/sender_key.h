#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "secret.h"

#include <cstdint>
#include <map>

// Sender keys for rooms (docs/PROTOCOL.md, "Rooms", "Encryption"): each
// member encrypts its room messages once, with a chain of message keys only
// the room's members hold; every message key is used once and then erased,
// and each chain step is one-way, so a key taken from a member today opens
// nothing that member had already read (forward secrecy within a chain).
//
//   message key i = BLAKE2b-256(key = chain key i, "confab room message key")
//   chain key i+1 = BLAKE2b-256(key = chain key i, "confab room chain key")
//   ciphertext    = ChaCha20-Poly1305-IETF(message key i, nonce 0, header as AD)
// A zero nonce is safe: every message key encrypts exactly one message.
namespace confab::crypto {

inline constexpr std::size_t kSenderKeyTagBytes = 16;

enum class SenderKeyError {
    AlreadyUsed,    // the index was read before (or its key erased): a replay
    TooFarAhead,    // more than kMaxSkip beyond what was read
    TooManySkipped, // reading it would keep more than kMaxSkippedKeys keys
    DecryptFailed,  // wrong key, altered ciphertext or associated data
    BeforeFirst,    // an index below the one the key was handed over at
};
const char* toString(SenderKeyError error);

// The sending side of one chain: this member's own key for one epoch.
class SenderChain {
public:
    // A fresh chain starting at index 0 from a random chain key.
    static SenderChain generate();
    static SenderChain fromKey(const Secret<32>& chainKey, std::uint32_t index);

    // The chain key and index to hand to a member (proto::RoomSenderKey), so
    // it can read this chain from the next message on.
    [[nodiscard]] const Secret<32>& chainKey() const { return m_chainKey; }
    [[nodiscard]] std::uint32_t nextIndex() const { return m_index; }

    // Encrypts with the next message key and moves the chain on.
    struct Sealed {
        std::uint32_t index = 0;
        Bytes ciphertext;
    };
    Sealed encrypt(ByteView associatedData, ByteView plaintext);

private:
    SenderChain(const Secret<32>& chainKey, std::uint32_t index) : m_chainKey(chainKey), m_index(index) {}
    Secret<32> m_chainKey;
    std::uint32_t m_index = 0;
};

// The receiving side of another member's chain. Messages may arrive out of
// order (catch-up brings them from anyone): the keys of skipped indices are
// kept, at most kMaxSkippedKeys of them, and erased once used.
class ReceiverChain {
public:
    // A jump of kMaxSkip from an empty set of kept keys must fit in it.
    static constexpr std::uint32_t kMaxSkip = 2048;
    static constexpr std::size_t kMaxSkippedKeys = 2048;
    static_assert(kMaxSkip <= kMaxSkippedKeys);

    ReceiverChain(const Secret<32>& chainKey, std::uint32_t firstIndex);
    // Back from storage: chainKey(), nextIndex() and firstIndex() as saved,
    // then restoreSkippedKey() for each of skippedKeys().
    static ReceiverChain restore(const Secret<32>& chainKey, std::uint32_t nextIndex,
                                 std::uint32_t firstIndex);

    Result<Bytes, SenderKeyError> decrypt(std::uint32_t index, ByteView associatedData, ByteView ciphertext);

    // For storage: the chain key at nextIndex(), and the kept skipped keys.
    [[nodiscard]] const Secret<32>& chainKey() const { return m_chainKey; }
    [[nodiscard]] std::uint32_t nextIndex() const { return m_index; }
    [[nodiscard]] const std::map<std::uint32_t, Secret<32>>& skippedKeys() const { return m_skipped; }
    [[nodiscard]] std::uint32_t firstIndex() const { return m_firstIndex; }
    // Ignored for an index outside [firstIndex(), nextIndex()).
    void restoreSkippedKey(std::uint32_t index, const Secret<32>& messageKey);

private:
    Secret<32> m_chainKey;
    std::uint32_t m_index = 0;
    std::uint32_t m_firstIndex = 0;
    std::map<std::uint32_t, Secret<32>> m_skipped;
};

} // namespace confab::crypto
