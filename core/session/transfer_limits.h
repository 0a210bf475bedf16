#pragma once

#include "crypto/record_cipher.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace confab::session {

// Names a drop on the wire (FileOffer, FileAnswer, handshake field 8).
using TransferId = std::array<std::uint8_t, 16>;

// The largest record plaintext on a transfer connection (docs/PROTOCOL.md,
// "Transfer connection", kMaxRecordSize): a 1 MiB chunk and its header.
inline constexpr std::size_t kMaxTransferRecordSize = 1024 * 1024 + 64;

// What a record's u32 length may say: at least a type byte and the tag, at
// most the largest plaintext and the tag. Judged from the header alone.
inline constexpr std::size_t kMinTransferRecordLength = 1 + crypto::kRecordTagSize;
inline constexpr std::size_t kMaxTransferRecordLength = kMaxTransferRecordSize + crypto::kRecordTagSize;

} // namespace confab::session
