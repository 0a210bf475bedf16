#include "media_cipher.h"

#include <algorithm>
#include <array>
#include <limits>
#include <sodium.h>
#include <utility>

namespace confab::crypto {

namespace {

using Nonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == proto::kMediaTagBytes);

// 4 zero bytes, then the counter big-endian: the counter as it is on the wire.
Nonce makeNonce(std::uint64_t counter)
{
    Nonce nonce{};
    for (std::size_t i = 0; i < 8; ++i) {
        nonce[4 + i] = static_cast<std::uint8_t>(counter >> (8 * (7 - i)));
    }
    return nonce;
}

} // namespace

int clampEpochBits(int epochBits)
{
    return std::clamp(epochBits, 1, 63);
}

const char* toString(MediaDropReason reason)
{
    switch (reason) {
    case MediaDropReason::Malformed:
        return "malformed media datagram";
    case MediaDropReason::TooOld:
        return "media datagram behind the replay window";
    case MediaDropReason::Duplicate:
        return "media datagram already received";
    case MediaDropReason::EpochOutOfRange:
        return "media datagram from an unexpected key epoch";
    case MediaDropReason::Unauthentic:
        return "media datagram failed authentication";
    }
    return "unknown media drop reason";
}

MediaSender::MediaSender(const Secret<32>& directionKey, int epochBits)
    : m_key(directionKey), m_epochBits(clampEpochBits(epochBits))
{
}

Bytes MediaSender::seal(proto::MediaKind kind, std::uint32_t receiveTag, ByteView plaintext)
{
    if (m_exhausted || !proto::mediaPlaintextFits(kind, plaintext.size())) {
        return {};
    }
    const std::uint64_t counter = m_counter;
    // Counters advance one at a time, so the epoch moves at most one step.
    const std::uint64_t epoch = counter >> m_epochBits;
    while (m_epoch < epoch) {
        m_key = nextEpochKey(m_key);
        ++m_epoch;
    }

    const proto::MediaHeaderBytes header = proto::encodeMediaHeader({kind, receiveTag, counter});
    Bytes datagram(header.size() + plaintext.size() + proto::kMediaTagBytes);
    std::copy(header.begin(), header.end(), datagram.begin());
    const Nonce nonce = makeNonce(counter);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(datagram.data() + header.size(), &written, plaintext.data(),
                                              plaintext.size(), header.data(), header.size(), nullptr,
                                              nonce.data(), m_key.data());

    if (counter == std::numeric_limits<std::uint64_t>::max()) {
        m_exhausted = true;
    } else {
        m_counter = counter + 1;
    }
    return datagram;
}

MediaReceiver::MediaReceiver(const Secret<32>& directionKey, int epochBits, std::size_t replayWindowPackets)
    : m_current(directionKey), m_epochBits(clampEpochBits(epochBits)), m_replay(replayWindowPackets)
{
}

std::optional<Bytes> MediaReceiver::open(ByteView datagram)
{
    auto result = tryOpen(datagram);
    if (!result) {
        return std::nullopt;
    }
    return std::move(result).value();
}

Result<Bytes, MediaDropReason> MediaReceiver::tryOpen(ByteView datagram)
{
    auto result = openUncounted(datagram);
    if (result) {
        ++m_stats.opened;
    } else {
        count(result.error());
    }
    return result;
}

void MediaReceiver::count(MediaDropReason reason)
{
    switch (reason) {
    case MediaDropReason::Malformed:
        ++m_stats.malformed;
        return;
    case MediaDropReason::TooOld:
        ++m_stats.tooOld;
        return;
    case MediaDropReason::Duplicate:
        ++m_stats.duplicate;
        return;
    case MediaDropReason::EpochOutOfRange:
        ++m_stats.epochOutOfRange;
        return;
    case MediaDropReason::Unauthentic:
        ++m_stats.unauthentic;
        return;
    }
}

Result<Bytes, MediaDropReason> MediaReceiver::openUncounted(ByteView datagram)
{
    const auto header = proto::decodeMediaHeader(datagram);
    if (!header) {
        return MediaDropReason::Malformed;
    }
    const std::uint64_t counter = header.value().counter;
    switch (m_replay.check(counter)) {
    case proto::ReplayVerdict::Fresh:
        break;
    case proto::ReplayVerdict::Duplicate:
        return MediaDropReason::Duplicate;
    case proto::ReplayVerdict::TooOld:
        return MediaDropReason::TooOld;
    }

    const std::uint64_t epoch = counter >> m_epochBits;
    const Secret<32>* key = nullptr;
    if (epoch == m_epoch) {
        key = &m_current;
    } else if (m_epoch > 0 && epoch == m_epoch - 1 && m_previous) {
        key = &*m_previous;
    } else if (epoch == m_epoch + 1) {
        if (!m_next) {
            m_next = nextEpochKey(m_current);
        }
        key = &*m_next;
    } else {
        return MediaDropReason::EpochOutOfRange;
    }

    const ByteView ad = datagram.first(proto::kMediaHeaderBytes);
    const ByteView ciphertext = datagram.subspan(proto::kMediaHeaderBytes);
    Bytes plaintext(ciphertext.size() - proto::kMediaTagBytes);
    const Nonce nonce = makeNonce(counter);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(plaintext.data(), &written, nullptr, ciphertext.data(),
                                                  ciphertext.size(), ad.data(), ad.size(), nonce.data(),
                                                  key->data()) != 0) {
        return MediaDropReason::Unauthentic;
    }

    // Only an authentic datagram moves the epoch: the previous key is
    // overwritten (and so wiped) by the current one.
    if (epoch == m_epoch + 1) {
        // Secret copies (its bytes cannot move); reset() wipes the source.
        m_previous = m_current;
        m_current = *m_next;
        m_next.reset();
        ++m_epoch;
    }
    m_replay.accept(counter);
    return plaintext;
}

} // namespace confab::crypto
