#pragma once

#include "calls/audio_choice.h"
#include "calls/call_service.h"
#include "crypto/identity_backup.h"
#include "net/discovery/discovery_mode.h"
#include "net/host_port.h"
#include "relay/relay_service.h"
#include "session/link_timings.h"

#include <QString>
#include <QStringList>

namespace confab::api {

// How a front end wants its node: chosen on the command line or by the app.
struct NodeConfig {
    QString profileDir;
    // The name for this run (--name): wins over the profile's saved name,
    // and is saved only where none is; empty: the saved name (first run: the
    // login name).
    QString displayName;
    net::HostPort listen{QStringLiteral("0.0.0.0"), net::kDefaultPort};
    bool listenChosenByUser = false;
    QStringList peers; // host:port to dial
    net::DiscoveryMode discovery = net::DiscoveryMode::Auto;
    // The mode saved in the profile's settings (if any) replaces `discovery`:
    // for front ends where the user did not choose one on the command line.
    bool discoveryFromSettings = false;
    session::LinkTimings timings;
    // Relaying (--relay on|off, --relay-store-mb): whether this node carries
    // sealed messages for others, and how much it keeps for them.
    relay::RelaySettings relay;
    // File drops: where accepted drops go unless the user chooses
    // (--download-dir; empty: the system's download folder), and whether
    // drops from verified peers are accepted by themselves.
    QString downloadFolder;
    bool autoAcceptVerified = false;
    std::uint64_t sendBytesPerSecond = 0; // --send-rate-kib; 0: no limit
    // The choices saved in the profile's settings replace `relay.carry` and
    // `relay.storeLimitBytes`: for front ends where the user did not give
    // --relay, or --relay-store-mb, on the command line.
    bool relayCarryFromSettings = false;
    bool relayStoreFromSettings = false;
    bool relayRateFromSettings = false; // likewise `relay.forwardBytesPerSecond`, for --relay-rate-kib
    // Voice calls.
    calls::CallSettings callSettings;
    calls::AudioChoice audio;
    // The sound cards saved in the profile's settings replace `audio`'s (when
    // it plays no files): for front ends where the user chose none on the
    // command line.
    bool audioFromSettings = false;
    // The saved "low latency" choice sets `callSettings.frameMs` (5 or the
    // default): for front ends where the user gave no --frame-ms.
    bool frameMsFromSettings = false;
    // Likewise `callSettings.voice.echoCancellation`, for --echo-cancellation.
    bool echoCancellationFromSettings = false;
    // UDP port announced to peers instead of the bound one: lets tests put an
    // impairing relay in front of this node. 0: the bound port.
    quint16 mediaAnnouncePort = 0;
    // The control socket confabctl talks to (docs/CONTROL.md), opened by
    // start(). Optional: a node that cannot open it runs on and says so.
    enum class ControlSocket { Required, Optional, Off };
    ControlSocket controlSocket = ControlSocket::Required;
    // How hard an identity backup's passphrase is stretched; tests choose
    // the minimum so that they do not spend seconds on it.
    crypto::PassphraseCost backupCost = crypto::PassphraseCost::moderate();
};

} // namespace confab::api
