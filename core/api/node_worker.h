#pragma once

#include "audio/input_level_probe.h"
#include "control_server.h"
#include "node.h"
#include "node_host_types.h"
#include "session/clock.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace confab::api {

// Owns the Node on the network thread. NodeHost calls it only through queued
// invocations and hears from it only through its (queued) signals.
class NodeWorker : public QObject {
    Q_OBJECT
public:
    explicit NodeWorker(NodeConfig config);
    ~NodeWorker() override;

    void start();
    // Says goodbye to every peer and lets the goodbyes leave.
    void stop();
    void loadHistory(const proto::PeerId& peer, qint64 beforeSeq, int limit);
    void sendText(const proto::PeerId& peer, const QString& text);
    void markRead(const proto::PeerId& peer);
    void addPeer(const QString& address);
    void refreshPeers();
    // Trust and settings
    void open();
    void setDisplayName(const QString& name);
    void loadPeerDetails(const proto::PeerId& peer);
    void setVerified(const proto::PeerId& peer, bool verified);
    void acknowledgeKeyWarning(const proto::PeerId& peer);
    void loadSettings();
    void saveSettings(const storage::ProfileSettings& settings);
    // Calls
    void startCall(const proto::PeerId& peer);
    void answerCall(const proto::PeerId& peer);
    void declineCall(const proto::PeerId& peer);
    void hangUpCall(const proto::PeerId& peer);
    void setCallMuted(const proto::PeerId& peer, bool muted);
    void setCallTransmitting(const proto::PeerId& peer, bool transmitting);
    void listAudioDevices();
    void startMicrophoneTest(const QString& inputDevice, int durationMs);
    void stopMicrophoneTest();

signals:
    void started(const confab::api::NodeStatus& status, const QStringList& notices);
    void startFailed(const QString& error);
    void statusChanged(const confab::api::NodeStatus& status);
    void peersChanged(const confab::api::PeerSummaries& peers);
    void historyLoaded(const confab::proto::PeerId& peer, qint64 beforeSeq,
                       const confab::api::StoredMessages& messages);
    void messageStored(const confab::storage::StoredMessage& message);
    void messageStateChanged(const confab::storage::StoredMessage& message);
    void sendFailed(const confab::proto::PeerId& peer, const QString& error);
    void peerAdded(const QString& address);
    void addPeerFailed(const QString& address, const QString& error);
    // Trust and settings
    void opened(const confab::api::NodeStatus& status, const confab::storage::ProfileSettings& settings);
    void peerDetailsLoaded(const confab::api::PeerDetails& details);
    void settingsLoaded(const confab::storage::ProfileSettings& settings);
    void settingsSaved(const confab::storage::ProfileSettings& settings);
    void settingsFailed(const QString& error);
    // Calls
    void callChanged(const confab::calls::CallView& call);
    void callFailed(const confab::proto::PeerId& peer, const QString& error);
    void audioDevicesListed(const confab::api::AudioDeviceList& list);
    void microphoneLevel(double level);
    void microphoneTestFinished(bool worked, const QString& message);

private:
    // Creates the node (opening the profile) unless it exists; false after startFailed().
    bool openNode();
    NodeStatus status() const;
    void schedulePeerRefresh();
    // Calls
    template <typename Command> void runCallCommand(const proto::PeerId& peer, Command command);
    void onCallChanged(const calls::CallView& call);
    // Emits the figures of every ongoing call; stops when none is left.
    void refreshCallStats();
    void pollMicrophone();
    void finishMicrophoneTest(bool worked, const QString& message);

    NodeConfig m_config;
    session::SystemClock m_clock;
    std::unique_ptr<Node> m_node;
    std::unique_ptr<ControlServer> m_control;
    // Coalesces refreshes, so a burst of messages costs one peer query.
    QTimer m_peerRefresh;
    // Presence and discovery health change without a message; a slow poll catches them.
    QTimer m_statusPoll;
    // Calls: the level meter and the duration move only while this runs.
    QTimer m_callStats;
    std::unique_ptr<audio::InputLevelProbe> m_microphone;
    QTimer m_microphonePoll;
    QElapsedTimer m_microphoneElapsed;
    int m_microphoneDurationMs = 0;
};

} // namespace confab::api
