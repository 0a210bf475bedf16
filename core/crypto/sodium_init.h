#pragma once

namespace confab::crypto {

// Initialises libsodium; safe to call more than once and from several threads.
// Returns false only if libsodium cannot work on this machine.
bool initSodium();

} // namespace confab::crypto
