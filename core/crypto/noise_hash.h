#pragma once

// Internal to confab_crypto: the HASH, HMAC-HASH and HKDF functions of the
// Noise Protocol Framework (revision 34, sections 4.3 and 12.8/12.9).

#include "base/bytes.h"
#include "noise.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace confab::crypto::detail {

inline constexpr std::size_t kMaxHashLen = 64;
inline constexpr std::size_t kMaxBlockLen = 128;

class NoiseHashFunction {
public:
    explicit NoiseHashFunction(NoiseHash kind) : m_kind(kind) {}

    [[nodiscard]] NoiseHash kind() const { return m_kind; }
    // HASHLEN: 64 for BLAKE2b, 32 for SHA256.
    [[nodiscard]] std::size_t hashLen() const;
    // BLOCKLEN: 128 for BLAKE2b, 64 for SHA256.
    [[nodiscard]] std::size_t blockLen() const;
    // The Noise name: "BLAKE2b" or "SHA256".
    [[nodiscard]] const char* name() const;

    // HASH(parts[0] || parts[1] || ...); `out` must hold hashLen() bytes.
    void hash(std::initializer_list<ByteView> parts, std::span<std::uint8_t> out) const;
    // HMAC-HASH(key, parts[0] || ...) per RFC 2104; `out` holds hashLen() bytes.
    void hmac(ByteView key, std::initializer_list<ByteView> parts, std::span<std::uint8_t> out) const;
    // HKDF(chainingKey, inputKeyMaterial, 2 or 3): each output holds hashLen()
    // bytes; an empty `output3` asks for two outputs.
    void hkdf(ByteView chainingKey, ByteView inputKeyMaterial, std::span<std::uint8_t> output1,
              std::span<std::uint8_t> output2, std::span<std::uint8_t> output3 = {}) const;

private:
    NoiseHash m_kind;
};

} // namespace confab::crypto::detail
