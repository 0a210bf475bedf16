#pragma once

#include "audio/portaudio_device.h"
#include "calls/call_view.h"
#include "proto/peer_id.h"
#include "storage/key_warning_store.h"
#include "storage/profile_settings.h"
#include "storage/records.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// The plain values a Node hands to front ends: copyable, so they can cross
// threads in queued signals and in replies.
namespace confab::api {

// What a front end shows about its own node.
struct NodeStatus {
    QString id;
    QString displayName;
    QString listenAddress;
    QString discoveryMode;
    QString networkDiagnosis; // empty when discovery looks healthy
    QString fingerprint;
    bool newProfile = false; // this run created the profile: a first run
    bool running = false;    // started (listening and dialing)
};

// What a front end shows about a peer.
struct PeerView {
    storage::PeerRecord record;
    bool connected = false;
    QString address; // current link's remote listen address, or the last known one
    int unread = 0;
    // Set for a DNS-SD service seen on the LAN that no known peer matches
    // (not necessarily a Confab node): the backend that saw it.
    QString source;
    QString instance;
    // A security event about this peer that the user has not acknowledged.
    std::optional<storage::KeyWarning> keyWarning;
};

// What this node runs: the software's version and the wire protocol's.
struct NodeVersion {
    QString software;
    int protocol = 0;
};

// One row of a peer list: the peer and the newest message of its conversation.
struct PeerSummary {
    PeerView view;
    std::optional<storage::StoredMessage> last;
};
using PeerSummaries = std::vector<PeerSummary>;

// What the peer details dialog shows.
struct PeerDetails {
    PeerView view;
    QString safetyNumber;        // empty when no key is known for the peer yet
    QString safetyNumberProblem; // why it is empty
    QString ownFingerprint;
};

using StoredMessages = std::vector<storage::StoredMessage>;

// The sound cards a settings dialog offers.
struct AudioDeviceList {
    std::vector<audio::AudioDeviceInfo> devices;
    QString error; // why none could be listed (PortAudio cannot start)
};

// Queued signals copy their arguments through the meta-type system, which must
// know the types by name before the first one is queued.
void registerNodeTypes();

} // namespace confab::api
