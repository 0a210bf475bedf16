#pragma once

#include "audio/portaudio_device.h"
#include "node.h"

#include <QMetaType>
#include <QString>

#include <optional>
#include <vector>

namespace confab::api {

// What a front end shows about its own node; plain values, so it can cross threads.
struct NodeStatus {
    QString id;
    QString displayName;
    QString listenAddress;
    QString discoveryMode;
    QString networkDiagnosis; // empty when discovery looks healthy
    QString fingerprint;
    bool newProfile = false; // this run created the profile: a first run
};

// One row of a peer list: the peer and the newest message of its conversation.
struct PeerSummary {
    PeerView view;
    std::optional<storage::StoredMessage> last;
};

using PeerSummaries = std::vector<PeerSummary>;

// Trust: what the peer details dialog shows.
struct PeerDetails {
    PeerView view;
    QString safetyNumber;        // empty when no key is known for the peer yet
    QString safetyNumberProblem; // why it is empty
    QString ownFingerprint;
};
using StoredMessages = std::vector<storage::StoredMessage>;

// Calls: the sound cards the settings dialog offers.
struct AudioDeviceList {
    std::vector<audio::AudioDeviceInfo> devices;
    QString error; // why none could be listed (PortAudio cannot start)
};

// Queued signals copy their arguments through the meta-type system, which must
// know the types by name before the first one is queued.
void registerNodeHostTypes();

} // namespace confab::api
