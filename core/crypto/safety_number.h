#pragma once

#include "secret.h"

#include <string>

namespace confab::crypto {

// Both sides of a pair compute the same string, whatever the argument order:
// six groups of five decimal digits, e.g. "01234 56789 ...", short enough to
// read aloud. Derived from both identity keys, sorted, with a domain label.
std::string safetyNumber(const PublicKey& identityKeyA, const PublicKey& identityKeyB);

// A single key's fingerprint in the same format, for "this is me" screens.
std::string fingerprint(const PublicKey& identityKey);

} // namespace confab::crypto
