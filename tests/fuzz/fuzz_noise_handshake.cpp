// One side of a Noise handshake reads messages made of arbitrary bytes: a
// responder reads messages 1 and 3, an initiator message 2, and each writes
// its own messages in between, as a link does.
//
// Input: u8 selector | messages, each a u16 big-endian length and that many
// bytes (the last one may be cut short: it takes what is left).
// Selector bit 0: 0 responder, 1 initiator. Bits 1-2: the pattern (XX, which
// links use, then IK, KK, NN).
//
// Both sides have fixed keys, so what this side writes is the same on every
// run, and seeds cut from a handshake between the two (written by this file
// built with CONFAB_NOISE_SEED_WRITER) get past every authentication tag.
//
// Checked: a failed handshake stays failed and says so; a payload is never
// longer than its message; and for the authenticating patterns, a handshake
// completes only on the genuine transcript, so a forged message can never
// be accepted.
#include "crypto/noise.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#ifdef CONFAB_NOISE_SEED_WRITER
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#endif

namespace {

using confab::Bytes;
using confab::ByteView;
using confab::crypto::DhKeyPair;
using confab::crypto::HandshakeConfig;
using confab::crypto::HandshakeState;
using confab::crypto::NoiseError;
using confab::crypto::NoisePattern;
using confab::crypto::Secret;

constexpr std::array<NoisePattern, 4> kPatterns{NoisePattern::XX, NoisePattern::IK, NoisePattern::KK,
                                                NoisePattern::NN};

DhKeyPair fixedKey(std::uint8_t fill)
{
    std::array<std::uint8_t, 32> secret{};
    secret.fill(fill);
    return DhKeyPair::fromSecret(Secret<32>(secret));
}

struct FixedKeys {
    DhKeyPair initiatorStatic = fixedKey(0x11);
    DhKeyPair initiatorEphemeral = fixedKey(0x22);
    DhKeyPair responderStatic = fixedKey(0x33);
    DhKeyPair responderEphemeral = fixedKey(0x44);
};

HandshakeConfig sideConfig(const FixedKeys& keys, NoisePattern pattern, bool initiator)
{
    HandshakeConfig config;
    config.pattern = pattern;
    config.initiator = initiator;
    config.prologue = Bytes{'c', 'o', 'n', 'f', 'a', 'b', ' ', 'f', 'u', 'z', 'z'};
    if (pattern != NoisePattern::NN) {
        config.localStatic = initiator ? keys.initiatorStatic : keys.responderStatic;
    }
    config.localEphemeral = initiator ? keys.initiatorEphemeral : keys.responderEphemeral;
    if (initiator && (pattern == NoisePattern::IK || pattern == NoisePattern::KK)) {
        config.remoteStatic = keys.responderStatic.publicKey;
    }
    if (!initiator && pattern == NoisePattern::KK) {
        config.remoteStatic = keys.initiatorStatic.publicKey;
    }
    return config;
}

// What each message carries, so a changed payload shows in the transcript.
Bytes payloadFor(std::size_t index)
{
    return Bytes(index + 3, static_cast<std::uint8_t>(0xA0 + index));
}

struct Transcript {
    std::vector<Bytes> messages;
    Bytes handshakeHash;
};

// The handshake between the two fixed sides; aborts if they cannot agree.
Transcript genuineHandshake(NoisePattern pattern)
{
    const FixedKeys keys;
    std::array<HandshakeState, 2> sides{HandshakeState(sideConfig(keys, pattern, true)),
                                        HandshakeState(sideConfig(keys, pattern, false))};
    Transcript transcript;
    for (std::size_t writer = 0; !sides[0].isComplete() || !sides[1].isComplete(); writer = 1 - writer) {
        const std::size_t index = transcript.messages.size();
        auto message = sides[writer].writeMessage(payloadFor(index));
        if (!message) {
            std::abort();
        }
        auto payload = sides[1 - writer].readMessage(message.value());
        if (!payload || payload.value() != payloadFor(index)) {
            std::abort();
        }
        transcript.messages.push_back(std::move(message).value());
    }
    if (sides[0].handshakeHash() != sides[1].handshakeHash()) {
        std::abort();
    }
    transcript.handshakeHash = sides[0].handshakeHash();
    return transcript;
}

const Transcript& genuineTranscript(NoisePattern pattern)
{
    // Computed once per pattern: four X25519 handshakes per input would
    // dominate the run.
    static const std::array<Transcript, kPatterns.size()> transcripts{
        genuineHandshake(kPatterns[0]), genuineHandshake(kPatterns[1]), genuineHandshake(kPatterns[2]),
        genuineHandshake(kPatterns[3])};
    for (std::size_t i = 0; i < kPatterns.size(); ++i) {
        if (kPatterns[i] == pattern) {
            return transcripts[i];
        }
    }
    std::abort();
}

class MessageReader {
public:
    explicit MessageReader(ByteView input) : m_rest(input) {}

    std::optional<ByteView> next()
    {
        if (m_rest.size() < 2) {
            return std::nullopt;
        }
        const std::size_t length = (std::size_t{m_rest[0]} << 8) | m_rest[1];
        m_rest = m_rest.subspan(2);
        const ByteView message = m_rest.first(std::min(length, m_rest.size()));
        m_rest = m_rest.subspan(message.size());
        return message;
    }

private:
    ByteView m_rest;
};

void expectFailedForGood(HandshakeState& state)
{
    if (state.isComplete() || state.isMyTurnToWrite()) {
        std::abort();
    }
    const Bytes empty;
    auto read = state.readMessage(empty);
    auto written = state.writeMessage(empty);
    if (read || written || read.error() != NoiseError::InvalidState ||
        written.error() != NoiseError::InvalidState) {
        std::abort();
    }
}

// Returns whether the handshake completed.
bool runSide(NoisePattern pattern, bool initiator, ByteView input)
{
    const FixedKeys keys;
    HandshakeState state(sideConfig(keys, pattern, initiator));
    MessageReader reader(input);
    std::size_t index = 0;
    while (!state.isComplete()) {
        if (state.isMyTurnToWrite()) {
            auto written = state.writeMessage(payloadFor(index));
            if (!written) {
                // Only the peer's key can make a write fail: a low-order
                // ephemeral whose DH result is all zeros.
                if (written.error() != NoiseError::BadPublicKey) {
                    std::abort();
                }
                expectFailedForGood(state);
                return false;
            }
            ++index;
            continue;
        }
        const auto message = reader.next();
        if (!message) {
            return false;
        }
        auto payload = state.readMessage(*message);
        if (!payload) {
            expectFailedForGood(state);
            return false;
        }
        if (payload.value().size() > message->size()) {
            std::abort();
        }
        ++index;
    }

    // NN authenticates nobody: any ephemeral key completes it.
    if (pattern != NoisePattern::NN) {
        const Transcript& genuine = genuineTranscript(pattern);
        if (state.handshakeHash() != genuine.handshakeHash) {
            std::abort();
        }
        const auto remote = state.remoteStatic();
        const auto& expected = initiator ? keys.responderStatic.publicKey : keys.initiatorStatic.publicKey;
        if (!remote || *remote != expected) {
            std::abort();
        }
    }
    auto transport = state.split();
    const Bytes plaintext = payloadFor(0);
    auto sealed = transport.encrypt(plaintext);
    if (!sealed || sealed.value().size() != plaintext.size() + 16) {
        std::abort();
    }
    // The keys are handed out once.
    auto again = state.split();
    if (again.encrypt(plaintext)) {
        std::abort();
    }
    return true;
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const bool initiator = (data[0] & 1) != 0;
    const NoisePattern pattern = kPatterns[(data[0] >> 1) & 3];
    (void)runSide(pattern, initiator, ByteView(data + 1, size - 1));
    return 0;
}

#ifdef CONFAB_NOISE_SEED_WRITER
namespace {

constexpr std::array<const char*, kPatterns.size()> kPatternNames{"xx", "ik", "kk", "nn"};

void appendMessage(Bytes& out, ByteView message)
{
    out.push_back(static_cast<std::uint8_t>(message.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(message.size() & 0xff));
    out.insert(out.end(), message.begin(), message.end());
}

// Writes one seed per pattern and side: the messages that side reads in the
// genuine handshake. Each seed is run through the target first, so a seed
// that no longer completes is an error here rather than a silent loss of
// coverage.
int writeSeeds(const std::filesystem::path& directory)
{
    std::filesystem::create_directories(directory);
    for (std::size_t p = 0; p < kPatterns.size(); ++p) {
        const Transcript& genuine = genuineTranscript(kPatterns[p]);
        for (const bool initiator : {false, true}) {
            Bytes seed{static_cast<std::uint8_t>((p << 1) | (initiator ? 1U : 0U))};
            // The initiator writes the even messages and reads the odd ones.
            for (std::size_t i = initiator ? 1 : 0; i < genuine.messages.size(); i += 2) {
                appendMessage(seed, genuine.messages[i]);
            }
            if (!runSide(kPatterns[p], initiator, ByteView(seed).subspan(1))) {
                std::cerr << "fuzz_noise_handshake_seeds: the " << kPatternNames[p]
                          << " seed does not complete the handshake\n";
                return 1;
            }
            const auto path =
                directory / (std::string(kPatternNames[p]) + (initiator ? "-initiator" : "-responder"));
            std::ofstream file(path, std::ios::binary);
            file.write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
            if (!file.flush()) {
                std::cerr << "fuzz_noise_handshake_seeds: cannot write " << path << "\n";
                return 1;
            }
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: fuzz_noise_handshake_seeds DIR\n";
        return 2;
    }
    try {
        return writeSeeds(argv[1]);
    } catch (const std::exception& error) {
        std::cerr << "fuzz_noise_handshake_seeds: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "fuzz_noise_handshake_seeds: unexpected error\n";
    }
    return 1;
}
#endif
