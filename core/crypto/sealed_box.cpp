#include "sealed_box.h"

namespace confab::crypto {

Result<Bytes, NoiseError> seal(const IdentityKeyPair& sender, const PublicKey& recipientIdentityKey,
                               ByteView prologue, ByteView plaintext)
{
    const auto recipientStatic = identityToNoiseKey(recipientIdentityKey);
    if (!recipientStatic) {
        return NoiseError::BadPublicKey;
    }
    HandshakeConfig config;
    config.pattern = NoisePattern::X;
    config.hash = NoiseHash::Blake2b;
    config.initiator = true;
    config.prologue.assign(prologue.begin(), prologue.end());
    config.localStatic = sender.noiseStaticKey();
    config.remoteStatic = *recipientStatic;
    HandshakeState handshake(std::move(config));
    return handshake.writeMessage(plaintext);
}

Result<OpenedBox, NoiseError> openBox(const IdentityKeyPair& recipient, ByteView prologue, ByteView sealed)
{
    HandshakeConfig config;
    config.pattern = NoisePattern::X;
    config.hash = NoiseHash::Blake2b;
    config.initiator = false;
    config.prologue.assign(prologue.begin(), prologue.end());
    config.localStatic = recipient.noiseStaticKey();
    HandshakeState handshake(std::move(config));
    auto plaintext = handshake.readMessage(sealed);
    if (!plaintext) {
        return plaintext.error();
    }
    const auto senderStatic = handshake.remoteStatic();
    if (!senderStatic) {
        return NoiseError::MissingKey;
    }
    return OpenedBox{*senderStatic, std::move(plaintext).value()};
}

} // namespace confab::crypto
