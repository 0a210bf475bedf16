#include "crypto/sender_key.h"
#include "test_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <gtest/gtest.h>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <sodium.h>
#include <string>
#include <string_view>
#include <vector>

namespace confab::crypto {
namespace {

using test::hex;
using test::hexArray;

using Key = std::array<std::uint8_t, 32>;

constexpr std::uint32_t kMaxSkip = ReceiverChain::kMaxSkip;
constexpr std::size_t kMaxSkippedKeys = ReceiverChain::kMaxSkippedKeys;

Key bytesOf(const Secret<32>& secret)
{
    Key out{};
    std::copy(secret.view().begin(), secret.view().end(), out.begin());
    return out;
}

Bytes bytesOfText(std::string_view text)
{
    const ByteView bytes = asBytes(text);
    return Bytes(bytes.begin(), bytes.end());
}

struct Message {
    std::uint32_t index = 0;
    Bytes associatedData;
    Bytes plaintext;
    Bytes ciphertext;
};

// `count` messages, each with its own header and text.
std::vector<Message> sendMany(SenderChain& sender, std::size_t count)
{
    std::vector<Message> messages;
    for (std::size_t i = 0; i < count; ++i) {
        Message message;
        message.associatedData = bytesOfText("header " + std::to_string(sender.nextIndex()));
        message.plaintext = bytesOfText("message " + std::to_string(sender.nextIndex()));
        SenderChain::Sealed sealed = sender.encrypt(message.associatedData, message.plaintext);
        message.index = sealed.index;
        message.ciphertext = std::move(sealed.ciphertext);
        messages.push_back(std::move(message));
    }
    return messages;
}

// Everything a receiver holds, to check that a failed decrypt changed nothing.
struct ChainState {
    Key chainKey{};
    std::uint32_t nextIndex = 0;
    std::uint32_t firstIndex = 0;
    std::map<std::uint32_t, Key> skipped;
    bool operator==(const ChainState&) const = default;
};

ChainState stateOf(const ReceiverChain& chain)
{
    ChainState state;
    state.chainKey = bytesOf(chain.chainKey());
    state.nextIndex = chain.nextIndex();
    state.firstIndex = chain.firstIndex();
    for (const auto& [index, key] : chain.skippedKeys()) {
        state.skipped.emplace(index, bytesOf(key));
    }
    return state;
}

std::set<std::uint32_t> skippedIndices(const ReceiverChain& chain)
{
    std::set<std::uint32_t> indices;
    for (const auto& entry : chain.skippedKeys()) {
        indices.insert(entry.first);
    }
    return indices;
}

// The plaintext, or an empty optional (and a test failure) on an error.
std::optional<Bytes> opened(ReceiverChain& chain, const Message& message)
{
    auto result = chain.decrypt(message.index, message.associatedData, message.ciphertext);
    EXPECT_TRUE(result.ok()) << "index " << message.index << ": " << toString(result.error());
    if (!result.ok()) {
        return std::nullopt;
    }
    return std::move(result).value();
}

void expectOpens(ReceiverChain& chain, const Message& message)
{
    EXPECT_EQ(opened(chain, message), message.plaintext) << "index " << message.index;
}

// The error, or an empty optional if the decrypt succeeded.
std::optional<SenderKeyError> errorOf(ReceiverChain& chain, std::uint32_t index, ByteView associatedData,
                                      ByteView ciphertext)
{
    const auto result = chain.decrypt(index, associatedData, ciphertext);
    if (result.ok()) {
        return std::nullopt;
    }
    return result.error();
}

std::optional<SenderKeyError> errorOf(ReceiverChain& chain, const Message& message)
{
    return errorOf(chain, message.index, message.associatedData, message.ciphertext);
}

// The derivations of sender_key.h spelled out with libsodium alone.
Key rawKeyedHash(const Key& key, std::string_view label)
{
    Key out{};
    EXPECT_EQ(crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(label.data()),
                                 label.size(), key.data(), key.size()),
              0);
    return out;
}

Key rawMessageKey(const Key& chainKey)
{
    return rawKeyedHash(chainKey, "confab room message key");
}

Key rawNextChainKey(const Key& chainKey)
{
    return rawKeyedHash(chainKey, "confab room chain key");
}

Bytes rawSeal(const Key& messageKey, ByteView associatedData, ByteView plaintext)
{
    const std::array<std::uint8_t, 12> nonce{};
    Bytes out(plaintext.size() + 16);
    unsigned long long written = 0;
    EXPECT_EQ(crypto_aead_chacha20poly1305_ietf_encrypt(
                  out.data(), &written, plaintext.data(), plaintext.size(), associatedData.data(),
                  associatedData.size(), nullptr, nonce.data(), messageKey.data()),
              0);
    EXPECT_EQ(written, out.size());
    return out;
}

const Key kChainKey0 = hexArray<32>("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

TEST(SenderKey, MatchesTheDerivationsWithRawLibsodium)
{
    // Python's hashlib.blake2b and cryptography's ChaCha20Poly1305 agree with
    // the libsodium reference below on the first message.
    EXPECT_EQ(rawMessageKey(kChainKey0),
              hexArray<32>("9b9fef53a253895b29eb04dcda546d91e4628933791b45666658eac3a65742df"));
    EXPECT_EQ(rawSeal(rawMessageKey(kChainKey0), asBytes("room header"), asBytes("hello room")),
              hex("483f5131650c98f4d876b033ab32059752c7a6bf9314031bd7a6"));

    const std::array<std::string_view, 3> headers = {"room header", "", "header 2"};
    const std::array<std::string_view, 3> texts = {"hello room", "second", ""};
    SenderChain sender = SenderChain::fromKey(Secret<32>(kChainKey0), 0);
    ReceiverChain receiver(Secret<32>(kChainKey0), 0);
    Key chainKey = kChainKey0;
    for (std::uint32_t i = 0; i < headers.size(); ++i) {
        const Bytes expected = rawSeal(rawMessageKey(chainKey), asBytes(headers[i]), asBytes(texts[i]));
        const SenderChain::Sealed sealed = sender.encrypt(asBytes(headers[i]), asBytes(texts[i]));
        EXPECT_EQ(sealed.index, i);
        EXPECT_EQ(sealed.ciphertext, expected) << "index " << i;

        chainKey = rawNextChainKey(chainKey);
        EXPECT_EQ(bytesOf(sender.chainKey()), chainKey) << "after index " << i;
        EXPECT_EQ(sender.nextIndex(), i + 1);

        const auto plaintext = receiver.decrypt(i, asBytes(headers[i]), expected);
        ASSERT_TRUE(plaintext.ok()) << "index " << i;
        EXPECT_EQ(plaintext.value(), bytesOfText(texts[i]));
        EXPECT_EQ(bytesOf(receiver.chainKey()), chainKey);
    }
}

TEST(SenderKey, TheIndexOnlyCountsTheChain)
{
    // The key at index 7 is whatever chain key was handed over with it: the
    // index itself goes into neither key nor nonce.
    SenderChain sender = SenderChain::fromKey(Secret<32>(kChainKey0), 7);
    const SenderChain::Sealed sealed = sender.encrypt(asBytes("room header"), asBytes("hello room"));
    EXPECT_EQ(sealed.index, 7U);
    EXPECT_EQ(sender.nextIndex(), 8U);
    EXPECT_EQ(sealed.ciphertext, hex("483f5131650c98f4d876b033ab32059752c7a6bf9314031bd7a6"));
}

TEST(SenderKey, GeneratedChainsAreFresh)
{
    SenderChain a = SenderChain::generate();
    SenderChain b = SenderChain::generate();
    EXPECT_EQ(a.nextIndex(), 0U);
    EXPECT_EQ(b.nextIndex(), 0U);
    EXPECT_NE(bytesOf(a.chainKey()), bytesOf(b.chainKey()));
    EXPECT_NE(bytesOf(a.chainKey()), Key{});
    EXPECT_NE(a.encrypt({}, asBytes("same")).ciphertext, b.encrypt({}, asBytes("same")).ciphertext);
}

TEST(SenderKey, RoundTripInOrder)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), sender.nextIndex());
    const std::vector<Message> messages = sendMany(sender, 5);
    for (std::uint32_t i = 0; i < messages.size(); ++i) {
        EXPECT_EQ(messages[i].index, i);
        EXPECT_EQ(messages[i].ciphertext.size(), messages[i].plaintext.size() + kSenderKeyTagBytes);
        expectOpens(receiver, messages[i]);
        EXPECT_EQ(receiver.nextIndex(), i + 1);
    }
    EXPECT_TRUE(receiver.skippedKeys().empty());
    EXPECT_EQ(bytesOf(receiver.chainKey()), bytesOf(sender.chainKey()));

    // Empty header and empty text.
    const SenderChain::Sealed empty = sender.encrypt({}, {});
    EXPECT_EQ(empty.index, 5U);
    EXPECT_EQ(empty.ciphertext.size(), kSenderKeyTagBytes);
    const auto plaintext = receiver.decrypt(empty.index, {}, empty.ciphertext);
    ASSERT_TRUE(plaintext.ok());
    EXPECT_TRUE(plaintext.value().empty());
}

TEST(SenderKey, OutOfOrder)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 7);
    expectOpens(receiver, messages[0]);
    expectOpens(receiver, messages[1]);

    expectOpens(receiver, messages[5]);
    EXPECT_EQ(receiver.nextIndex(), 6U);
    EXPECT_EQ(skippedIndices(receiver), (std::set<std::uint32_t>{2, 3, 4}));

    expectOpens(receiver, messages[3]);
    EXPECT_EQ(skippedIndices(receiver), (std::set<std::uint32_t>{2, 4}));
    expectOpens(receiver, messages[2]);
    expectOpens(receiver, messages[4]);
    EXPECT_TRUE(receiver.skippedKeys().empty());
    EXPECT_EQ(receiver.nextIndex(), 6U);

    expectOpens(receiver, messages[6]);
    EXPECT_TRUE(receiver.skippedKeys().empty());
}

TEST(SenderKey, ReplayIsAlreadyUsed)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 4);
    expectOpens(receiver, messages[0]);
    EXPECT_EQ(errorOf(receiver, messages[0]), SenderKeyError::AlreadyUsed);

    // A key kept for a skipped index is erased once used.
    expectOpens(receiver, messages[3]);
    expectOpens(receiver, messages[1]);
    EXPECT_EQ(errorOf(receiver, messages[1]), SenderKeyError::AlreadyUsed);
    EXPECT_EQ(errorOf(receiver, messages[3]), SenderKeyError::AlreadyUsed);
    EXPECT_EQ(skippedIndices(receiver), (std::set<std::uint32_t>{2}));
    expectOpens(receiver, messages[2]);
    EXPECT_EQ(errorOf(receiver, messages[2]), SenderKeyError::AlreadyUsed);
}

TEST(SenderKey, AlteredCiphertextChangesNothing)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 6);
    expectOpens(receiver, messages[0]);
    expectOpens(receiver, messages[2]); // keeps the key of 1
    const ChainState before = stateOf(receiver);

    // Index 1 is read with a kept key, index 5 by walking the chain.
    for (const std::size_t i : std::initializer_list<std::size_t>{1, 5}) {
        const Message& message = messages[i];
        for (const std::size_t at : {std::size_t{0}, message.ciphertext.size() - 1}) {
            Bytes altered = message.ciphertext;
            altered[at] ^= 0x01;
            EXPECT_EQ(errorOf(receiver, message.index, message.associatedData, altered),
                      SenderKeyError::DecryptFailed)
                << "index " << i << " byte " << at;
            EXPECT_EQ(stateOf(receiver), before) << "index " << i << " byte " << at;
        }
        const ByteView truncated = ByteView(message.ciphertext).first(kSenderKeyTagBytes - 1);
        EXPECT_EQ(errorOf(receiver, message.index, message.associatedData, truncated),
                  SenderKeyError::DecryptFailed);
        EXPECT_EQ(errorOf(receiver, message.index, message.associatedData, {}),
                  SenderKeyError::DecryptFailed);
        // Another message's ciphertext under this index.
        EXPECT_EQ(errorOf(receiver, message.index, message.associatedData, messages[3].ciphertext),
                  SenderKeyError::DecryptFailed);
        EXPECT_EQ(stateOf(receiver), before);
    }

    expectOpens(receiver, messages[1]);
    expectOpens(receiver, messages[5]);
}

TEST(SenderKey, AlteredAssociatedDataChangesNothing)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 6);
    expectOpens(receiver, messages[0]);
    expectOpens(receiver, messages[2]);
    const ChainState before = stateOf(receiver);

    for (const std::size_t i : std::initializer_list<std::size_t>{1, 5}) {
        const Message& message = messages[i];
        Bytes altered = message.associatedData;
        altered.back() ^= 0x01;
        EXPECT_EQ(errorOf(receiver, message.index, altered, message.ciphertext),
                  SenderKeyError::DecryptFailed);
        EXPECT_EQ(errorOf(receiver, message.index, {}, message.ciphertext), SenderKeyError::DecryptFailed);
        EXPECT_EQ(errorOf(receiver, message.index, messages[3].associatedData, message.ciphertext),
                  SenderKeyError::DecryptFailed);
        EXPECT_EQ(stateOf(receiver), before) << "index " << i;
    }

    expectOpens(receiver, messages[1]);
    expectOpens(receiver, messages[5]);
}

TEST(SenderKey, WrongChainKeyChangesNothing)
{
    SenderChain sender = SenderChain::generate();
    const std::vector<Message> messages = sendMany(sender, 4);

    SenderChain stranger = SenderChain::generate();
    ReceiverChain wrong(stranger.chainKey(), 0);
    const ChainState before = stateOf(wrong);
    EXPECT_EQ(errorOf(wrong, messages[0]), SenderKeyError::DecryptFailed);
    EXPECT_EQ(errorOf(wrong, messages[3]), SenderKeyError::DecryptFailed);
    EXPECT_EQ(stateOf(wrong), before);

    // The stranger's own messages still open there afterwards.
    for (const Message& message : sendMany(stranger, 4)) {
        expectOpens(wrong, message);
    }
}

TEST(SenderKey, ForgeryFarAheadChangesNothing)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 5);
    expectOpens(receiver, messages[0]);
    expectOpens(receiver, messages[1]);
    expectOpens(receiver, messages[3]); // keeps the key of 2
    const ChainState before = stateOf(receiver);

    const Bytes garbage(40, 0x42);
    // The last is as far as the kept keys leave room for.
    for (const std::uint32_t index :
         {std::uint32_t{4}, std::uint32_t{1000}, receiver.nextIndex() + kMaxSkip - 1}) {
        EXPECT_EQ(errorOf(receiver, index, asBytes("header"), garbage), SenderKeyError::DecryptFailed)
            << "index " << index;
        EXPECT_EQ(receiver.nextIndex(), before.nextIndex);
        EXPECT_EQ(skippedIndices(receiver), (std::set<std::uint32_t>{2}));
        EXPECT_EQ(stateOf(receiver), before);
    }
    // A forgery at the kept index does not erase its key.
    EXPECT_EQ(errorOf(receiver, 2, asBytes("header"), garbage), SenderKeyError::DecryptFailed);
    EXPECT_EQ(stateOf(receiver), before);

    expectOpens(receiver, messages[2]);
    expectOpens(receiver, messages[4]);
}

TEST(SenderKey, TooFarAheadBoundary)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, kMaxSkip + 3);
    expectOpens(receiver, messages[0]);
    const ChainState before = stateOf(receiver);

    // kMaxSkip + 1 beyond nextIndex() (1), not beyond 0.
    EXPECT_EQ(errorOf(receiver, messages[1 + kMaxSkip + 1]), SenderKeyError::TooFarAhead);
    EXPECT_EQ(stateOf(receiver), before);

    expectOpens(receiver, messages[1 + kMaxSkip]);
    EXPECT_EQ(receiver.nextIndex(), kMaxSkip + 2);
    EXPECT_EQ(receiver.skippedKeys().size(), std::size_t{kMaxSkip});
    expectOpens(receiver, messages[1 + kMaxSkip + 1]);
    expectOpens(receiver, messages[1]);
    expectOpens(receiver, messages[kMaxSkip]);
    EXPECT_EQ(receiver.skippedKeys().size(), std::size_t{kMaxSkip} - 2);
}

TEST(SenderKey, TooManySkipped)
{
    SenderChain sender = SenderChain::generate();
    ReceiverChain receiver(sender.chainKey(), 0);
    const std::vector<Message> messages = sendMany(sender, 2 * kMaxSkippedKeys + 8);

    // Fill the kept keys to the limit, in jumps of at most kMaxSkip.
    std::uint32_t next = 0;
    while (receiver.skippedKeys().size() < kMaxSkippedKeys) {
        const std::size_t room = kMaxSkippedKeys - receiver.skippedKeys().size();
        next += static_cast<std::uint32_t>(std::min<std::size_t>(room, kMaxSkip));
        ASSERT_TRUE(receiver.decrypt(next, messages[next].associatedData, messages[next].ciphertext).ok());
        ++next;
    }
    ASSERT_EQ(receiver.skippedKeys().size(), kMaxSkippedKeys);
    ASSERT_EQ(receiver.nextIndex(), next);

    // One step ahead would keep one key more.
    const ChainState full = stateOf(receiver);
    EXPECT_EQ(errorOf(receiver, messages[next + 1]), SenderKeyError::TooManySkipped);
    EXPECT_EQ(stateOf(receiver), full);

    // The next index keeps nothing, so it still opens.
    expectOpens(receiver, messages[next]);
    EXPECT_EQ(errorOf(receiver, messages[next + 2]), SenderKeyError::TooManySkipped);

    // Reading a kept key makes room for one.
    expectOpens(receiver, messages[0]);
    expectOpens(receiver, messages[next + 2]);
    EXPECT_EQ(receiver.skippedKeys().size(), kMaxSkippedKeys);
    EXPECT_TRUE(receiver.skippedKeys().contains(next + 1));
}

TEST(SenderKey, BeforeFirstForAKeyHandedOverLater)
{
    SenderChain sender = SenderChain::generate();
    const std::vector<Message> early = sendMany(sender, 10);
    ReceiverChain receiver(sender.chainKey(), sender.nextIndex());
    EXPECT_EQ(receiver.firstIndex(), 10U);
    EXPECT_EQ(receiver.nextIndex(), 10U);
    const std::vector<Message> later = sendMany(sender, 3);
    const ChainState before = stateOf(receiver);

    EXPECT_EQ(errorOf(receiver, early[9]), SenderKeyError::BeforeFirst);
    EXPECT_EQ(errorOf(receiver, early[0]), SenderKeyError::BeforeFirst);
    EXPECT_EQ(stateOf(receiver), before);

    expectOpens(receiver, later[1]);
    expectOpens(receiver, later[0]);
    expectOpens(receiver, later[2]);
    EXPECT_EQ(errorOf(receiver, early[9]), SenderKeyError::BeforeFirst);
    EXPECT_EQ(errorOf(receiver, later[0]), SenderKeyError::AlreadyUsed);
}

struct Outcome {
    std::optional<Bytes> plaintext;
    std::optional<SenderKeyError> error;
    bool operator==(const Outcome&) const = default;
};

Outcome outcomeOf(ReceiverChain& chain, const Message& message)
{
    auto result = chain.decrypt(message.index, message.associatedData, message.ciphertext);
    if (!result.ok()) {
        return {std::nullopt, result.error()};
    }
    return {std::move(result).value(), std::nullopt};
}

TEST(SenderKey, RestoredReceiverBehavesTheSame)
{
    SenderChain sender = SenderChain::generate();
    std::vector<Message> messages = sendMany(sender, 2);
    ReceiverChain original(sender.chainKey(), sender.nextIndex());
    for (Message& message : sendMany(sender, 10)) {
        messages.push_back(std::move(message));
    }
    expectOpens(original, messages[2]);
    expectOpens(original, messages[6]);
    expectOpens(original, messages[4]);
    ASSERT_EQ(skippedIndices(original), (std::set<std::uint32_t>{3, 5}));

    ReceiverChain restored =
        ReceiverChain::restore(original.chainKey(), original.nextIndex(), original.firstIndex());
    for (const auto& [index, key] : original.skippedKeys()) {
        restored.restoreSkippedKey(index, key);
    }
    EXPECT_EQ(stateOf(restored), stateOf(original));

    Message tampered = messages[8];
    tampered.ciphertext[0] ^= 0x01;
    const std::vector<Message> sequence = {messages[0], messages[1],  tampered,     messages[3], messages[4],
                                           messages[5], messages[5],  messages[6],  messages[9], messages[7],
                                           messages[8], messages[11], messages[10], messages[2]};
    const std::vector<std::optional<SenderKeyError>> expected = {SenderKeyError::BeforeFirst,
                                                                 SenderKeyError::BeforeFirst,
                                                                 SenderKeyError::DecryptFailed,
                                                                 std::nullopt,
                                                                 SenderKeyError::AlreadyUsed,
                                                                 std::nullopt,
                                                                 SenderKeyError::AlreadyUsed,
                                                                 SenderKeyError::AlreadyUsed,
                                                                 std::nullopt,
                                                                 std::nullopt,
                                                                 std::nullopt,
                                                                 std::nullopt,
                                                                 std::nullopt,
                                                                 SenderKeyError::AlreadyUsed};
    ASSERT_EQ(sequence.size(), expected.size());
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        const Outcome fromOriginal = outcomeOf(original, sequence[i]);
        const Outcome fromRestored = outcomeOf(restored, sequence[i]);
        EXPECT_EQ(fromOriginal.error, expected[i]) << "step " << i;
        EXPECT_EQ(fromRestored, fromOriginal) << "step " << i;
        if (!expected[i]) {
            EXPECT_EQ(fromRestored.plaintext, sequence[i].plaintext) << "step " << i;
        }
        EXPECT_EQ(stateOf(restored), stateOf(original)) << "step " << i;
    }
}

TEST(SenderKey, RestoreIgnoresKeysOutsideTheChain)
{
    SenderChain sender = SenderChain::generate();
    sendMany(sender, 2);
    ReceiverChain receiver(sender.chainKey(), sender.nextIndex());
    const std::vector<Message> later = sendMany(sender, 4);
    expectOpens(receiver, later[1]); // keeps the key of 2, next is 4
    const ChainState before = stateOf(receiver);

    const Secret<32> key(kChainKey0);
    receiver.restoreSkippedKey(1, key);  // below firstIndex()
    receiver.restoreSkippedKey(4, key);  // at nextIndex()
    receiver.restoreSkippedKey(90, key); // beyond
    EXPECT_EQ(stateOf(receiver), before);

    expectOpens(receiver, later[2]);
    expectOpens(receiver, later[0]);
}

TEST(SenderKey, ErrorsHaveShortLowerCaseNames)
{
    std::set<std::string> names;
    for (const SenderKeyError error :
         {SenderKeyError::AlreadyUsed, SenderKeyError::TooFarAhead, SenderKeyError::TooManySkipped,
          SenderKeyError::DecryptFailed, SenderKeyError::BeforeFirst}) {
        const std::string name = toString(error);
        EXPECT_FALSE(name.empty());
        EXPECT_LE(name.size(), 40U);
        EXPECT_TRUE(std::none_of(name.begin(), name.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) != 0;
        })) << name;
        names.insert(name);
    }
    EXPECT_EQ(names.size(), 5U);
}

} // namespace
} // namespace confab::crypto
