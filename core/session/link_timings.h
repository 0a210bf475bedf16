#pragma once

namespace confab::session {

// How a link notices a dead peer. Defaults: a peer that stops answering is
// dropped within 12-14 s; tests shorten them.
struct LinkTimings {
    int handshakeTimeoutMs = 10000;
    int pingIntervalMs = 4000; // ping when nothing was sent for this long
    int deadAfterMs = 12000;   // close when nothing was received for this long
};

// Both sides rekey a direction's cipher after this many transport messages
// in that direction (docs/PROTOCOL.md, "Rekeying").
inline constexpr unsigned long long kRekeyInterval = 1ULL << 16;

} // namespace confab::session
