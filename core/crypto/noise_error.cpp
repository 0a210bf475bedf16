#include "noise.h"

namespace confab::crypto {

const char* toString(NoiseError error)
{
    switch (error) {
    case NoiseError::InvalidState:
        return "invalid handshake state";
    case NoiseError::MessageTooLarge:
        return "message too large";
    case NoiseError::BadMessage:
        return "malformed message";
    case NoiseError::DecryptFailed:
        return "decryption failed";
    case NoiseError::BadPublicKey:
        return "bad public key";
    case NoiseError::MissingKey:
        return "missing key";
    case NoiseError::NonceExhausted:
        return "nonce exhausted";
    }
    return "unknown noise error";
}

} // namespace confab::crypto
