#pragma once

#include <QString>

namespace confab::storage {

// What the user chose in the settings, kept per profile (settings.ini).
// Empty strings mean "the default".
struct ProfileSettings {
    QString displayName;
    QString downloadFolder;
    bool startMinimised = false;
    QString discoveryMode; // auto, avahi, embedded or off
    // Sound cards for calls, as PortAudio names them; empty: the system's default.
    QString audioInputDevice;
    QString audioOutputDevice;
    // Relaying: whether this node carries sealed messages for others, and how
    // many MiB it keeps for them; 0: the node's default.
    bool relayCarry = true;
    int relayStoreMb = 0;
    // File drops from verified peers are accepted without asking (never from others).
    bool autoAcceptVerified = false;
    // Calls this node starts use the low-delay mode (5 ms frames, no noise suppression).
    bool lowLatencyCalls = false;
    // Relaying: how many KiB/s of file drops this node passes on for others;
    // -1: the node's default (0 is a choice: pass none on).
    int relayRateKib = -1;
    // The desktop app says "away" after this many idle minutes (0: never); -1: the default.
    int awayAfterMinutes = -1;
    // The desktop app's notifications, and whether they ask for a sound.
    bool notifications = true;
    bool notificationSound = true;
    // Calls cancel the echo of the speaker in the microphone; off with
    // headphones, for 7 ms less delay.
    bool echoCancellation = true;
};

} // namespace confab::storage
