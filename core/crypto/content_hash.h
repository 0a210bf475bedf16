#pragma once

#include "base/bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>

// The hash of file drops' contents: BLAKE2b with a 32-byte output and no key,
// what `b2sum -l 256` prints, so a user can check a received file with tools
// of their own (docs/PROTOCOL.md, "File drops", "Hashes").
namespace confab::crypto {

inline constexpr std::size_t kContentHashBytes = 32;
using ContentHashValue = std::array<std::uint8_t, kContentHashBytes>;

// Hashes bytes that arrive in pieces (a file read block by block) without
// holding them all.
class ContentHasher {
public:
    ContentHasher();

    void update(ByteView bytes);
    // The hash of everything given since construction or the last finish();
    // the hasher then starts over, empty.
    ContentHashValue finish();

private:
    void start();

    // libsodium's BLAKE2b state, kept opaque so this header needs no sodium.h
    // (content_hash.cpp checks its size and alignment).
    alignas(64) std::array<unsigned char, 384> m_state{};
};

ContentHashValue contentHash(ByteView bytes);

} // namespace confab::crypto
