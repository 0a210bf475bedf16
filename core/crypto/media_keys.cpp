#include "media_keys.h"

#include "random.h"

#include <algorithm>
#include <sodium.h>
#include <string_view>

namespace confab::crypto {

namespace {

constexpr std::string_view kMasterLabel = "confab media v1";
constexpr std::string_view kCallerToCalleeLabel = "confab media caller to callee";
constexpr std::string_view kCalleeToCallerLabel = "confab media callee to caller";
constexpr std::string_view kRekeyLabel = "confab media rekey";

template <std::size_t KeyBytes> Secret<32> keyedHash(const Secret<KeyBytes>& key, ByteView message)
{
    static_assert(KeyBytes >= crypto_generichash_KEYBYTES_MIN && KeyBytes <= crypto_generichash_KEYBYTES_MAX);
    Secret<32> out;
    crypto_generichash(out.data(), out.size(), message.data(), message.size(), key.data(), key.size());
    return out;
}

} // namespace

MediaKeys deriveMediaKeys(const Secret<32>& callerSecret, const Secret<32>& calleeSecret,
                          const proto::CallId& callId)
{
    Secret<64> both;
    std::copy(callerSecret.view().begin(), callerSecret.view().end(), both.data());
    std::copy(calleeSecret.view().begin(), calleeSecret.view().end(), both.data() + callerSecret.size());

    Bytes masterMessage(asBytes(kMasterLabel).begin(), asBytes(kMasterLabel).end());
    masterMessage.insert(masterMessage.end(), callId.begin(), callId.end());
    const Secret<32> master = keyedHash(both, masterMessage);

    return MediaKeys{keyedHash(master, asBytes(kCallerToCalleeLabel)),
                     keyedHash(master, asBytes(kCalleeToCallerLabel))};
}

Secret<32> nextEpochKey(const Secret<32>& epochKey)
{
    return keyedHash(epochKey, asBytes(kRekeyLabel));
}

Secret<32> randomCallSecret()
{
    Secret<32> secret;
    randomBytes(secret.mutableView());
    return secret;
}

} // namespace confab::crypto
