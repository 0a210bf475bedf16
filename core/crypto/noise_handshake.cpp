#include "noise.h"
#include "noise_pattern.h"
#include "noise_symmetric_state.h"
#include "random.h"

#include <algorithm>
#include <limits>
#include <sodium.h>
#include <string>

namespace confab::crypto {

namespace {

using detail::HandshakePattern;
using detail::SymmetricState;
using detail::Token;

constexpr std::size_t kDhLen = 32;
constexpr std::size_t kTagSize = crypto_aead_chacha20poly1305_ietf_ABYTES;

std::string protocolName(const HandshakePattern& pattern, NoiseHash hash)
{
    std::string name = "Noise_";
    name += pattern.name;
    name += "_25519_ChaChaPoly_";
    name += detail::NoiseHashFunction(hash).name();
    return name;
}

// X25519 with the all-zero output (a low-order peer key) rejected, as the spec
// allows: otherwise the "shared" secret would be a public constant.
bool diffieHellman(const DhKeyPair& local, const PublicKey& remote, Secret<kDhLen>& shared)
{
    if (crypto_scalarmult(shared.data(), local.secretKey.data(), remote.data()) != 0) {
        return false;
    }
    return sodium_is_zero(shared.data(), shared.size()) == 0;
}

void append(Bytes& out, ByteView bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// What split() hands out when there are no transport keys: a random key nobody
// knows and the reserved nonce, so every call fails with NonceExhausted and
// nothing can ever go out in the clear (a keyless CipherState would pass
// plaintext through).
CipherState deadCipher()
{
    Secret<32> key;
    randomBytes(key.mutableView());
    CipherState cipher;
    cipher.initializeKey(key);
    cipher.setNonce(std::numeric_limits<std::uint64_t>::max());
    return cipher;
}

} // namespace

struct HandshakeState::Impl {
    enum class Status { Active, Complete, Split, Failed };

    explicit Impl(HandshakeConfig config);

    Result<Bytes, NoiseError> write(ByteView payload);
    Result<Bytes, NoiseError> read(ByteView message);
    TransportState split();

    [[nodiscard]] bool myTurnToWrite() const
    {
        return status == Status::Active && HandshakePattern::writtenByInitiator(messageIndex) == initiator;
    }

    // Any error ends the handshake; keys that are no longer useful go at once.
    NoiseError fail(NoiseError error)
    {
        status = Status::Failed;
        localStatic.reset();
        localEphemeral.reset();
        symmetric.wipeKeys();
        return error;
    }

    // The first call after construction reports why the configuration is
    // unusable; later calls only see InvalidState.
    NoiseError takeFailure()
    {
        const NoiseError error = configError.value_or(NoiseError::InvalidState);
        configError.reset();
        return error;
    }

    std::optional<NoiseError> mixDh(Token token);
    void finishMessage();

    const HandshakePattern& pattern;
    SymmetricState symmetric;
    bool initiator;
    std::optional<DhKeyPair> localStatic;
    std::optional<DhKeyPair> localEphemeral;
    std::optional<PublicKey> remoteStatic;
    std::optional<PublicKey> remoteEphemeral;
    std::size_t messageIndex = 0;
    Status status = Status::Active;
    std::optional<NoiseError> configError;
};

HandshakeState::Impl::Impl(HandshakeConfig config)
    : pattern(detail::handshakePattern(config.pattern)),
      symmetric(config.hash, protocolName(pattern, config.hash)), initiator(config.initiator),
      localStatic(std::move(config.localStatic)), localEphemeral(std::move(config.localEphemeral)),
      remoteStatic(config.remoteStatic)
{
    config.localStatic.reset();
    config.localEphemeral.reset();

    const bool localStaticPreMessage =
        initiator ? pattern.initiatorStaticPreMessage : pattern.responderStaticPreMessage;
    const bool remoteStaticPreMessage =
        initiator ? pattern.responderStaticPreMessage : pattern.initiatorStaticPreMessage;
    const bool localNeedsStatic = localStaticPreMessage || pattern.sendsStatic(initiator);
    if ((localStatic && !localNeedsStatic) || (remoteStatic && !remoteStaticPreMessage)) {
        // A key the pattern has no use for is a caller mistake: a remote key
        // given for XX, say, would look like pinning but check nothing.
        configError = fail(NoiseError::InvalidState);
        return;
    }
    if ((localNeedsStatic && !localStatic) || (remoteStaticPreMessage && !remoteStatic)) {
        configError = fail(NoiseError::MissingKey);
        return;
    }

    symmetric.mixHash(config.prologue);
    // Pre-messages: the initiator's key is hashed first, then the responder's.
    if (pattern.initiatorStaticPreMessage) {
        symmetric.mixHash(initiator ? localStatic->publicKey : *remoteStatic);
    }
    if (pattern.responderStaticPreMessage) {
        symmetric.mixHash(initiator ? *remoteStatic : localStatic->publicKey);
    }
}

// ee, es, se, ss. "es" is always the initiator's ephemeral with the
// responder's static, so each side picks its own half of the pair.
std::optional<NoiseError> HandshakeState::Impl::mixDh(Token token)
{
    const std::optional<DhKeyPair>* local = nullptr;
    const std::optional<PublicKey>* remote = nullptr;
    switch (token) {
    case Token::EE:
        local = &localEphemeral;
        remote = &remoteEphemeral;
        break;
    case Token::ES:
        local = initiator ? &localEphemeral : &localStatic;
        remote = initiator ? &remoteStatic : &remoteEphemeral;
        break;
    case Token::SE:
        local = initiator ? &localStatic : &localEphemeral;
        remote = initiator ? &remoteEphemeral : &remoteStatic;
        break;
    case Token::SS:
        local = &localStatic;
        remote = &remoteStatic;
        break;
    case Token::E:
    case Token::S:
        return NoiseError::InvalidState;
    }
    if (!local->has_value() || !remote->has_value()) {
        return NoiseError::MissingKey;
    }
    Secret<kDhLen> shared;
    if (!diffieHellman(local->value(), remote->value(), shared)) {
        return NoiseError::BadPublicKey;
    }
    symmetric.mixKey(shared.view());
    return std::nullopt;
}

void HandshakeState::Impl::finishMessage()
{
    ++messageIndex;
    if (messageIndex == pattern.messageCount) {
        status = Status::Complete;
        // Transport needs only the chaining key; the DH secrets can go now.
        localStatic.reset();
        localEphemeral.reset();
    }
}

Result<Bytes, NoiseError> HandshakeState::Impl::write(ByteView payload)
{
    if (status == Status::Failed) {
        return takeFailure();
    }
    if (!myTurnToWrite()) {
        return fail(NoiseError::InvalidState);
    }
    if (payload.size() > kNoiseMaxMessageSize) {
        return fail(NoiseError::MessageTooLarge);
    }

    Bytes message;
    for (const Token token : pattern.messages[messageIndex].view()) {
        switch (token) {
        case Token::E:
            if (!localEphemeral) {
                localEphemeral = DhKeyPair::generate();
            }
            append(message, localEphemeral->publicKey);
            symmetric.mixHash(localEphemeral->publicKey);
            break;
        case Token::S: {
            if (!localStatic) {
                return fail(NoiseError::MissingKey);
            }
            auto encrypted = symmetric.encryptAndHash(localStatic->publicKey);
            if (!encrypted) {
                return fail(encrypted.error());
            }
            append(message, encrypted.value());
            break;
        }
        case Token::EE:
        case Token::ES:
        case Token::SE:
        case Token::SS:
            if (const auto error = mixDh(token)) {
                return fail(*error);
            }
            break;
        }
    }

    auto body = symmetric.encryptAndHash(payload);
    if (!body) {
        return fail(body.error());
    }
    append(message, body.value());
    if (message.size() > kNoiseMaxMessageSize) {
        return fail(NoiseError::MessageTooLarge);
    }
    finishMessage();
    return message;
}

Result<Bytes, NoiseError> HandshakeState::Impl::read(ByteView message)
{
    if (status == Status::Failed) {
        return takeFailure();
    }
    if (status != Status::Active || myTurnToWrite()) {
        return fail(NoiseError::InvalidState);
    }
    if (message.size() > kNoiseMaxMessageSize) {
        return fail(NoiseError::MessageTooLarge);
    }

    ByteView rest = message;
    for (const Token token : pattern.messages[messageIndex].view()) {
        switch (token) {
        case Token::E: {
            if (rest.size() < kDhLen) {
                return fail(NoiseError::BadMessage);
            }
            PublicKey key{};
            std::copy_n(rest.begin(), kDhLen, key.begin());
            rest = rest.subspan(kDhLen);
            remoteEphemeral = key;
            symmetric.mixHash(key);
            break;
        }
        case Token::S: {
            const std::size_t length = kDhLen + (symmetric.hasKey() ? kTagSize : 0);
            if (rest.size() < length) {
                return fail(NoiseError::BadMessage);
            }
            auto decrypted = symmetric.decryptAndHash(rest.first(length));
            if (!decrypted) {
                return fail(decrypted.error());
            }
            rest = rest.subspan(length);
            PublicKey key{};
            std::copy_n(decrypted.value().begin(), kDhLen, key.begin());
            remoteStatic = key;
            break;
        }
        case Token::EE:
        case Token::ES:
        case Token::SE:
        case Token::SS:
            if (const auto error = mixDh(token)) {
                return fail(*error);
            }
            break;
        }
    }

    auto payload = symmetric.decryptAndHash(rest);
    if (!payload) {
        return fail(payload.error());
    }
    finishMessage();
    return payload;
}

TransportState HandshakeState::Impl::split()
{
    if (status != Status::Complete) {
        // Too early (or a second time): never hand out usable ciphers.
        if (status == Status::Active) {
            fail(NoiseError::InvalidState);
        }
        return TransportState(deadCipher(), deadCipher());
    }
    status = Status::Split;
    auto [first, second] = symmetric.split();
    // c1 carries initiator -> responder traffic, c2 the other direction.
    if (initiator) {
        return TransportState(std::move(first), std::move(second));
    }
    return TransportState(std::move(second), std::move(first));
}

HandshakeState::HandshakeState(HandshakeConfig config) : m_impl(std::make_unique<Impl>(std::move(config)))
{
}

HandshakeState::~HandshakeState() = default;
HandshakeState::HandshakeState(HandshakeState&&) noexcept = default;
HandshakeState& HandshakeState::operator=(HandshakeState&&) noexcept = default;

Result<Bytes, NoiseError> HandshakeState::writeMessage(ByteView payload)
{
    if (!m_impl) {
        return NoiseError::InvalidState;
    }
    return m_impl->write(payload);
}

Result<Bytes, NoiseError> HandshakeState::readMessage(ByteView message)
{
    if (!m_impl) {
        return NoiseError::InvalidState;
    }
    return m_impl->read(message);
}

bool HandshakeState::isComplete() const
{
    return m_impl && (m_impl->status == Impl::Status::Complete || m_impl->status == Impl::Status::Split);
}

bool HandshakeState::isMyTurnToWrite() const
{
    return m_impl && m_impl->myTurnToWrite();
}

std::optional<PublicKey> HandshakeState::remoteStatic() const
{
    if (!m_impl) {
        return std::nullopt;
    }
    return m_impl->remoteStatic;
}

Bytes HandshakeState::handshakeHash() const
{
    if (!m_impl) {
        return {};
    }
    const ByteView hash = m_impl->symmetric.handshakeHash();
    return Bytes(hash.begin(), hash.end());
}

TransportState HandshakeState::split()
{
    if (!m_impl) {
        return TransportState(deadCipher(), deadCipher());
    }
    return m_impl->split();
}

} // namespace confab::crypto
