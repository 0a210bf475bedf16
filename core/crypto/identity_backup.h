#pragma once

#include "base/result.h"
#include "identity.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace confab::crypto {

// How hard a passphrase is stretched (Argon2id, libsodium's crypto_pwhash).
// The cost travels in the backup, so a later version can raise the default
// and still open older backups.
struct PassphraseCost {
    std::uint64_t operations = 0;
    std::size_t memoryBytes = 0;

    // libsodium's "moderate" level: about a second and 256 MiB on a laptop,
    // which an attacker pays again for every guess.
    static PassphraseCost moderate();
    // The smallest cost libsodium allows; for tests only.
    static PassphraseCost minimum();
};

enum class BackupError {
    Malformed,       // not a backup, or damaged
    UnsupportedCost, // asks for more (or less) work than any backup of ours
    WrongPassphrase, // the passphrase does not open it, or the text was altered
    OutOfMemory,     // the stretching could not get its memory
};

// The identity key sealed with a passphrase, as a few lines of text:
//
//   Confab identity backup 1
//   ID: <peer ID>
//   Cost: argon2id13 ops=<N> mem=<BYTES>
//   Salt: <base64>
//   Key: <base64 of nonce || XChaCha20-Poly1305(seed)>
//
// The first four lines are the cipher's associated data, so an altered ID,
// cost or salt is refused like a wrong passphrase. The passphrase is taken
// as the bytes given (callers normalise it). Fails only when the stretching
// cannot get its memory.
Result<std::string, BackupError> sealIdentityBackup(const IdentityKeyPair& identity,
                                                    std::string_view passphrase, const PassphraseCost& cost);

// Opens a backup made by sealIdentityBackup(). The key it holds must belong
// to the ID written in it.
Result<IdentityKeyPair, BackupError> openIdentityBackup(std::string_view text, std::string_view passphrase);

// The ID a backup says it holds, read without the passphrase (to show the
// user what they are about to restore). Malformed when the text is no backup.
Result<PeerId, BackupError> identityBackupId(std::string_view text);

} // namespace confab::crypto
