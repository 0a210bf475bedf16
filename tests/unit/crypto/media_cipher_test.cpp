#include "crypto/media_cipher.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <sodium.h>
#include <string>
#include <vector>

namespace confab::crypto {
namespace {

using proto::MediaKind;
using test::hex;
using test::hexArray;

constexpr std::uint32_t kTag = 0x01020304;

// The caller-to-callee key of media_keys_test's known answers.
Secret<32> sampleKey()
{
    return Secret<32>(hexArray<32>("765f62f6c0eda21ab8de268383b123423ce790ea062d6494507c0fb92b722750"));
}

Secret<32> otherKey()
{
    return Secret<32>(hexArray<32>("021b16a20c4e758cf2748aef9b69743b2a60c2fb2881c834d0581626405f9797"));
}

Bytes audio(std::uint32_t timestamp)
{
    return proto::encodeAudioPayload(timestamp, false, hex("fcfffe 0102030405"));
}

MediaDropReason dropReason(MediaReceiver& receiver, ByteView datagram)
{
    const auto result = receiver.tryOpen(datagram);
    EXPECT_FALSE(result.ok());
    return result.ok() ? MediaDropReason::Malformed : result.error();
}

// Seals with plain libsodium under any key and counter, the way a peer (or
// an attacker holding the key) would, independent of MediaSender.
Bytes rawSeal(const Secret<32>& key, MediaKind kind, std::uint64_t counter, ByteView plaintext)
{
    const proto::MediaHeaderBytes header = proto::encodeMediaHeader({kind, kTag, counter});
    std::array<std::uint8_t, 12> nonce{};
    for (std::size_t i = 0; i < 8; ++i) {
        nonce[4 + i] = static_cast<std::uint8_t>(counter >> (56 - 8 * i));
    }
    Bytes out(header.begin(), header.end());
    out.resize(header.size() + plaintext.size() + proto::kMediaTagBytes);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(out.data() + header.size(), &written, plaintext.data(),
                                              plaintext.size(), header.data(), header.size(), nullptr,
                                              nonce.data(), key.data());
    return out;
}

// A well-formed datagram with garbage where the ciphertext belongs.
Bytes forged(std::uint64_t counter)
{
    const proto::MediaHeaderBytes header = proto::encodeMediaHeader({MediaKind::Audio, kTag, counter});
    Bytes out(header.begin(), header.end());
    out.resize(header.size() + 20 + proto::kMediaTagBytes, 0x42);
    return out;
}

TEST(MediaCipher, SealsKnownAnswer)
{
    // Computed with Python's cryptography ChaCha20Poly1305 from the layout in
    // media_cipher.h: nonce 00000000 || counter, AD = the 13 header bytes.
    MediaSender sender(sampleKey());
    const Bytes datagram =
        sender.seal(MediaKind::Audio, kTag, proto::encodeAudioPayload(960, true, hex("fcfffe")));
    EXPECT_EQ(datagram,
              hex("01 01020304 0000000000000000 e103c410f38bf3f3 657cf1850e46bb73282d9a421e774008"));
}

TEST(MediaCipher, SealsKnownAnswerAfterRekey)
{
    // epochBits 1: counters 0 and 1 use the epoch-0 key, counter 2 the
    // epoch-1 key (c8e63d54...).
    MediaSender sender(sampleKey(), 1);
    ASSERT_FALSE(sender.seal(MediaKind::Audio, kTag, audio(0)).empty());
    ASSERT_FALSE(sender.seal(MediaKind::Audio, kTag, audio(960)).empty());
    const Bytes report = sender.seal(MediaKind::Report, kTag, Bytes(proto::kMediaReportBytes, 0));
    EXPECT_EQ(report, hex("02 01020304 0000000000000002 5838f8c0b3cb9041b771137bd46d14c0de45be"
                          "e7095d835dacc8851926da30ff3c"));
}

TEST(MediaCipher, RoundTripsBothKindsWithCountingNonces)
{
    MediaSender sender(sampleKey());
    MediaReceiver receiver(sampleKey());
    for (std::uint64_t i = 0; i < 10; ++i) {
        const bool report = i % 3 == 2;
        const Bytes plaintext = report
                                    ? proto::encodeReport({static_cast<std::uint32_t>(i), 0, 0, 5, 10, 400})
                                    : audio(static_cast<std::uint32_t>(i * 960));
        const MediaKind kind = report ? MediaKind::Report : MediaKind::Audio;
        EXPECT_EQ(sender.nextCounter(), i);
        const Bytes datagram = sender.seal(kind, kTag, plaintext);
        ASSERT_EQ(datagram.size(), proto::kMediaHeaderBytes + plaintext.size() + proto::kMediaTagBytes);
        const auto header = proto::decodeMediaHeader(datagram);
        ASSERT_TRUE(header.ok());
        EXPECT_EQ(header.value(), (proto::MediaHeader{kind, kTag, i}));
        const auto opened = receiver.open(datagram);
        ASSERT_TRUE(opened.has_value()) << i;
        EXPECT_EQ(*opened, plaintext);
    }
    EXPECT_EQ(receiver.stats().opened, 10u);
    EXPECT_EQ(receiver.stats().dropped(), 0u);
}

TEST(MediaCipher, BothDirectionsOfACallWorkAndDiffer)
{
    const MediaKeys keys = deriveMediaKeys(randomCallSecret(), randomCallSecret(), proto::CallId{});
    MediaSender callerOut(keys.sendKey(CallRole::Caller));
    MediaSender calleeOut(keys.sendKey(CallRole::Callee));
    MediaReceiver callerIn(keys.receiveKey(CallRole::Caller));
    MediaReceiver calleeIn(keys.receiveKey(CallRole::Callee));

    const Bytes toCallee = callerOut.seal(MediaKind::Audio, kTag, audio(1));
    const Bytes toCaller = calleeOut.seal(MediaKind::Audio, kTag, audio(1));
    // Same counter, tag and plaintext, different keys: different bytes.
    EXPECT_NE(toCallee, toCaller);
    // A datagram reflected back to its sender does not open there.
    EXPECT_EQ(dropReason(callerIn, toCallee), MediaDropReason::Unauthentic);
    EXPECT_EQ(dropReason(calleeIn, toCaller), MediaDropReason::Unauthentic);
    EXPECT_TRUE(calleeIn.open(toCallee).has_value());
    EXPECT_TRUE(callerIn.open(toCaller).has_value());
}

TEST(MediaCipher, DropsTamperedDatagrams)
{
    MediaSender sender(sampleKey());
    const Bytes datagram = sender.seal(MediaKind::Audio, kTag, audio(0));
    for (std::size_t i = 0; i < datagram.size(); ++i) {
        Bytes tampered = datagram;
        tampered[i] ^= 0x01;
        MediaReceiver receiver(sampleKey());
        const MediaDropReason reason = dropReason(receiver, tampered);
        if (i == 0) {
            // Kind 1 -> 0 is no kind at all.
            EXPECT_EQ(reason, MediaDropReason::Malformed);
        } else if (i >= 5 && i <= 9) {
            // Counter bits 2^24 and up: an epoch far from 0, refused unhashed.
            EXPECT_EQ(reason, MediaDropReason::EpochOutOfRange) << "byte " << i;
        } else {
            EXPECT_EQ(reason, MediaDropReason::Unauthentic) << "byte " << i;
        }
        // The genuine datagram still opens: the forgery moved nothing.
        EXPECT_TRUE(receiver.open(datagram).has_value()) << "byte " << i;
    }
}

TEST(MediaCipher, DropsKindSwapAndTruncation)
{
    MediaSender sender(sampleKey());
    MediaReceiver receiver(sampleKey());
    const Bytes report = sender.seal(MediaKind::Report, kTag, Bytes(proto::kMediaReportBytes, 7));
    Bytes asAudio = report;
    asAudio[0] = static_cast<std::uint8_t>(MediaKind::Audio);
    EXPECT_EQ(dropReason(receiver, asAudio), MediaDropReason::Unauthentic);
    EXPECT_EQ(dropReason(receiver, ByteView(report).first(report.size() - 1)), MediaDropReason::Malformed);
    EXPECT_EQ(dropReason(receiver, {}), MediaDropReason::Malformed);
    EXPECT_TRUE(receiver.open(report).has_value());
}

TEST(MediaCipher, DropsWrongKey)
{
    MediaSender sender(otherKey());
    MediaReceiver receiver(sampleKey());
    EXPECT_EQ(dropReason(receiver, sender.seal(MediaKind::Audio, kTag, audio(0))),
              MediaDropReason::Unauthentic);
    EXPECT_EQ(receiver.stats().unauthentic, 1u);
}

TEST(MediaCipher, DropsReplaysAndDatagramsBehindTheWindow)
{
    MediaSender sender(sampleKey());
    MediaReceiver receiver(sampleKey());
    std::vector<Bytes> sent;
    sent.reserve(3000);
    for (int i = 0; i < 3000; ++i) {
        sent.push_back(sender.seal(MediaKind::Audio, kTag, audio(static_cast<std::uint32_t>(i))));
    }
    ASSERT_TRUE(receiver.open(sent[0]).has_value());
    EXPECT_EQ(dropReason(receiver, sent[0]), MediaDropReason::Duplicate);
    ASSERT_TRUE(receiver.open(sent[2999]).has_value());
    EXPECT_EQ(dropReason(receiver, sent[2999]), MediaDropReason::Duplicate);
    // 2999 - 2048 = 951 is the newest counter that is too old.
    EXPECT_EQ(dropReason(receiver, sent[951]), MediaDropReason::TooOld);
    EXPECT_TRUE(receiver.open(sent[952]).has_value());
    EXPECT_EQ(receiver.stats().duplicate, 2u);
    EXPECT_EQ(receiver.stats().tooOld, 1u);
    EXPECT_EQ(receiver.stats().opened, 3u);
}

TEST(MediaCipher, RekeysAcrossManyEpochs)
{
    MediaSender sender(sampleKey(), 2); // a new key every 4 datagrams
    MediaReceiver receiver(sampleKey(), 2);
    for (std::uint32_t i = 0; i < 40; ++i) {
        const Bytes datagram = sender.seal(MediaKind::Audio, kTag, audio(i));
        const auto opened = receiver.open(datagram);
        ASSERT_TRUE(opened.has_value()) << i;
        EXPECT_EQ(*opened, audio(i));
    }
    EXPECT_EQ(receiver.epoch(), 9u);
}

TEST(MediaCipher, RekeyedDatagramsUseTheRatchetedKey)
{
    MediaSender sender(sampleKey(), 2);
    std::vector<Bytes> sent;
    for (std::uint32_t i = 0; i < 9; ++i) {
        sent.push_back(sender.seal(MediaKind::Audio, kTag, audio(i)));
    }
    const Secret<32> epoch1 = nextEpochKey(sampleKey());
    const Secret<32> epoch2 = nextEpochKey(epoch1);
    EXPECT_EQ(sent[3], rawSeal(sampleKey(), MediaKind::Audio, 3, audio(3)));
    EXPECT_EQ(sent[4], rawSeal(epoch1, MediaKind::Audio, 4, audio(4)));
    EXPECT_EQ(sent[7], rawSeal(epoch1, MediaKind::Audio, 7, audio(7)));
    EXPECT_EQ(sent[8], rawSeal(epoch2, MediaKind::Audio, 8, audio(8)));
}

TEST(MediaCipher, ReorderingAcrossAnEpochBoundary)
{
    MediaSender sender(sampleKey(), 2);
    MediaReceiver receiver(sampleKey(), 2);
    std::vector<Bytes> sent;
    for (std::uint32_t i = 0; i < 16; ++i) {
        sent.push_back(sender.seal(MediaKind::Audio, kTag, audio(i)));
    }
    // 4 and 5 (epoch 1) overtake 2 and 3 (epoch 0); 8 (epoch 2) overtakes 7.
    for (const std::size_t i : std::initializer_list<std::size_t>{0, 1, 4, 5, 2, 3, 6, 8, 7, 9}) {
        const auto opened = receiver.open(sent[i]);
        ASSERT_TRUE(opened.has_value()) << i;
        EXPECT_EQ(*opened, audio(static_cast<std::uint32_t>(i)));
    }
    EXPECT_EQ(receiver.epoch(), 2u);
    // Two epochs behind, a key is gone, even for a counter never seen.
    MediaReceiver late(sampleKey(), 2);
    for (const std::size_t i : std::initializer_list<std::size_t>{0, 4, 8}) {
        ASSERT_TRUE(late.open(sent[i]).has_value()) << i;
    }
    EXPECT_EQ(dropReason(late, sent[1]), MediaDropReason::EpochOutOfRange);
    EXPECT_TRUE(late.open(sent[5]).has_value()); // previous epoch still fine
}

TEST(MediaCipher, ForgedFarFutureCounterIsDroppedWithoutRatcheting)
{
    MediaSender sender(sampleKey());
    MediaReceiver receiver(sampleKey());
    ASSERT_TRUE(receiver.open(sender.seal(MediaKind::Audio, kTag, audio(0))).has_value());
    // Epoch 2^40: answering would take 2^40 hashes. It is refused before any.
    EXPECT_EQ(dropReason(receiver, forged(std::uint64_t{1} << 60)), MediaDropReason::EpochOutOfRange);
    EXPECT_EQ(dropReason(receiver, forged(~std::uint64_t{0})), MediaDropReason::EpochOutOfRange);
    EXPECT_EQ(dropReason(receiver, forged(std::uint64_t{2} << kMediaEpochBits)),
              MediaDropReason::EpochOutOfRange);
    EXPECT_EQ(receiver.epoch(), 0u);
    for (std::uint32_t i = 1; i < 20; ++i) {
        ASSERT_TRUE(receiver.open(sender.seal(MediaKind::Audio, kTag, audio(i))).has_value()) << i;
    }
    EXPECT_EQ(receiver.stats().epochOutOfRange, 3u);
}

TEST(MediaCipher, ForgeriesNeitherMoveTheWindowNorTheEpoch)
{
    MediaSender sender(sampleKey(), 2);
    MediaReceiver receiver(sampleKey(), 2);
    std::vector<Bytes> sent;
    for (std::uint32_t i = 0; i < 12; ++i) {
        sent.push_back(sender.seal(MediaKind::Audio, kTag, audio(i)));
    }
    ASSERT_TRUE(receiver.open(sent[0]).has_value());
    // A forgery in the next epoch costs a decryption and is refused.
    EXPECT_EQ(dropReason(receiver, forged(5)), MediaDropReason::Unauthentic);
    EXPECT_EQ(dropReason(receiver, forged(6)), MediaDropReason::Unauthentic);
    EXPECT_EQ(receiver.epoch(), 0u);
    // Nor in the current epoch far ahead (with a wide epoch).
    MediaSender wideSender(sampleKey());
    MediaReceiver wide(sampleKey());
    EXPECT_EQ(dropReason(wide, forged(100'000)), MediaDropReason::Unauthentic);
    for (std::uint32_t i = 0; i < 5; ++i) {
        ASSERT_TRUE(wide.open(wideSender.seal(MediaKind::Audio, kTag, audio(i))).has_value()) << i;
    }
    // The genuine datagrams with the forged counters still open.
    for (std::size_t i = 1; i < sent.size(); ++i) {
        ASSERT_TRUE(receiver.open(sent[i]).has_value()) << i;
    }
    EXPECT_EQ(receiver.epoch(), 2u);
}

TEST(MediaCipher, SenderRefusesPayloadsReceiversWouldDrop)
{
    MediaSender sender(sampleKey());
    EXPECT_TRUE(sender.seal(MediaKind::Report, kTag, Bytes(16, 0)).empty());
    EXPECT_TRUE(sender.seal(MediaKind::Audio, kTag, Bytes(5, 0)).empty());
    EXPECT_TRUE(sender.seal(MediaKind::Audio, kTag, Bytes(proto::kMaxMediaPlaintextBytes + 1, 0)).empty());
    EXPECT_TRUE(sender.seal(static_cast<MediaKind>(9), kTag, Bytes(17, 0)).empty());
    // Refusals use no counter.
    EXPECT_EQ(sender.nextCounter(), 0u);
    // The largest audio plaintext (with a redundant frame) fills a whole datagram.
    const Bytes largest = sender.seal(MediaKind::Audio, kTag, Bytes(proto::kMaxMediaPlaintextBytes, 1));
    EXPECT_EQ(largest.size(), proto::kMaxMediaDatagramBytes);
    EXPECT_EQ(sender.nextCounter(), 1u);
    EXPECT_FALSE(sender.exhausted());
}

TEST(MediaCipher, ClampsEpochBits)
{
    EXPECT_EQ(clampEpochBits(0), 1);
    EXPECT_EQ(clampEpochBits(-5), 1);
    EXPECT_EQ(clampEpochBits(20), 20);
    EXPECT_EQ(clampEpochBits(64), 63);
}

TEST(MediaCipher, NamesEveryDropReason)
{
    std::set<std::string> names;
    for (const MediaDropReason reason :
         {MediaDropReason::Malformed, MediaDropReason::TooOld, MediaDropReason::Duplicate,
          MediaDropReason::EpochOutOfRange, MediaDropReason::Unauthentic}) {
        names.insert(toString(reason));
    }
    EXPECT_EQ(names.size(), 5u);
}

} // namespace
} // namespace confab::crypto
