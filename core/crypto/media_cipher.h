#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "media_keys.h"
#include "proto/media_packet.h"
#include "proto/replay_window.h"
#include "secret.h"

#include <cstdint>
#include <optional>

// Per-datagram encryption of one direction of a call's media:
// ChaCha20-Poly1305 (IETF) with the nonce 4 zero bytes || u64 big-endian
// counter, the 13 header bytes as associated data, and a key ratcheted every
// 2^epochBits datagrams (media_keys.h). The receiver decodes the header,
// asks the replay window, picks the epoch key (previous, current or next;
// anything else is dropped unhashed), decrypts, and only then records the
// counter and moves the epoch.
namespace confab::crypto {

enum class MediaDropReason {
    Malformed,       // not a well-formed media datagram (see proto::MediaPacketError)
    TooOld,          // behind the replay window
    Duplicate,       // counter already accepted: a replay or a network duplicate
    EpochOutOfRange, // counter's epoch is neither previous, current nor next
    Unauthentic,     // AEAD check failed: tampered, forged or wrong key
};
const char* toString(MediaDropReason reason);

// epochBits outside 1..63 is clamped into that range.
int clampEpochBits(int epochBits);

class MediaSender {
public:
    explicit MediaSender(const Secret<32>& directionKey, int epochBits = kMediaEpochBits);

    // Header + ciphertext + tag, ready to send, with the next counter. Empty
    // when the plaintext is not a valid payload size for `kind`
    // (proto::mediaPlaintextFits) or every counter has been used: a counter
    // never wraps, because that would reuse a nonce.
    Bytes seal(proto::MediaKind kind, std::uint32_t receiveTag, ByteView plaintext);

    // The counter the next seal() uses.
    [[nodiscard]] std::uint64_t nextCounter() const { return m_counter; }
    [[nodiscard]] bool exhausted() const { return m_exhausted; }

private:
    Secret<32> m_key; // key of epoch m_epoch
    std::uint64_t m_epoch = 0;
    int m_epochBits;
    std::uint64_t m_counter = 0;
    bool m_exhausted = false;
};

struct MediaReceiverStats {
    std::uint64_t opened = 0;
    std::uint64_t malformed = 0;
    std::uint64_t tooOld = 0;
    std::uint64_t duplicate = 0;
    std::uint64_t epochOutOfRange = 0;
    std::uint64_t unauthentic = 0;

    [[nodiscard]] std::uint64_t dropped() const
    {
        return malformed + tooOld + duplicate + epochOutOfRange + unauthentic;
    }
};

class MediaReceiver {
public:
    explicit MediaReceiver(const Secret<32>& directionKey, int epochBits = kMediaEpochBits,
                           std::size_t replayWindowPackets = proto::kReplayWindowPackets);

    // The plaintext of an authentic datagram seen for the first time; nullopt
    // for anything else (counted in stats()). The caller decodes the header
    // first anyway, to find the call by its receive tag, and knows the kind.
    std::optional<Bytes> open(ByteView datagram);
    // The same, saying why a datagram was dropped.
    Result<Bytes, MediaDropReason> tryOpen(ByteView datagram);

    [[nodiscard]] const MediaReceiverStats& stats() const { return m_stats; }
    // The newest epoch an authentic datagram came from.
    [[nodiscard]] std::uint64_t epoch() const { return m_epoch; }

private:
    Result<Bytes, MediaDropReason> openUncounted(ByteView datagram);
    void count(MediaDropReason reason);

    // Keys of epochs m_epoch - 1, m_epoch and m_epoch + 1. Only the next one
    // is ever derived on demand, and only once, so a forged far-ahead counter
    // costs nothing and a flood of next-epoch forgeries costs one hash.
    std::optional<Secret<32>> m_previous;
    Secret<32> m_current;
    std::optional<Secret<32>> m_next;
    std::uint64_t m_epoch = 0;
    int m_epochBits;
    proto::ReplayWindow m_replay;
    MediaReceiverStats m_stats;
};

} // namespace confab::crypto
