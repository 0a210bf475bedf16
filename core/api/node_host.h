#pragma once

#include "node.h"
#include "node_host_types.h"

#include <QObject>
#include <QThread>

namespace confab::api {

class NodeWorker;

// Runs a Node (and its control server, so confabctl works against a GUI too)
// on a network thread of its own. Every method returns at once; answers come
// back as queued signals carrying plain values, in the thread that owns the
// host. No database or socket call ever runs on the caller's thread.
class NodeHost : public QObject {
    Q_OBJECT
public:
    explicit NodeHost(NodeConfig config, QObject* parent = nullptr);
    // Says goodbye to every peer, then stops the network thread.
    ~NodeHost() override;

    // Answers with started() or startFailed().
    void start();
    // beforeSeq 0: the newest `limit` messages; otherwise the page before it.
    void loadHistory(const proto::PeerId& peer, qint64 beforeSeq, int limit);
    // A stored message comes back through messageStored(), a refusal through sendFailed().
    void sendText(const proto::PeerId& peer, const QString& text);
    void markRead(const proto::PeerId& peer);
    void addPeer(const QString& address);
    void refreshPeers();

    // Trust and settings
    // Opens the profile without starting the network; answers with opened()
    // or startFailed(). start() then starts it (start() alone does both).
    void open();
    // Before start(): the name this run announces. After: saved for the next start.
    void setDisplayName(const QString& name);
    // Answers with peerDetailsLoaded().
    void loadPeerDetails(const proto::PeerId& peer);
    // Answers with peerDetailsLoaded() and a new peer list.
    void setVerified(const proto::PeerId& peer, bool verified);
    // Answers with a new peer list.
    void acknowledgeKeyWarning(const proto::PeerId& peer);
    // Answers with settingsLoaded().
    void loadSettings();
    // Answers with settingsSaved() or settingsFailed().
    void saveSettings(const confab::storage::ProfileSettings& settings);

    // Calls. Every change of a call (and, while one is ongoing, its figures
    // five times a second) comes back through callChanged(); a command the
    // node refuses through callFailed().
    void startCall(const proto::PeerId& peer);
    void answerCall(const proto::PeerId& peer);
    void declineCall(const proto::PeerId& peer);
    // Ends an active call or cancels a ringing outgoing one.
    void hangUpCall(const proto::PeerId& peer);
    void setCallMuted(const proto::PeerId& peer, bool muted);
    // Push-to-talk: false sends silence until set again.
    void setCallTransmitting(const proto::PeerId& peer, bool transmitting);
    // Answers with audioDevicesListed(). PortAudio enumerates on the network
    // thread, where every other PortAudio call of the node runs.
    void listAudioDevices();
    // Opens the sound card's microphone (empty: the default) for `durationMs`
    // and reports its level about ten times a second through microphoneLevel(),
    // then microphoneTestFinished() — at once when it cannot be opened.
    void startMicrophoneTest(const QString& inputDevice, int durationMs);
    // Ends a running test early (microphoneTestFinished() follows).
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
    // Peak of the last ~100 ms, 0..1 of full scale.
    void microphoneLevel(double level);
    void microphoneTestFinished(bool worked, const QString& message);

private:
    template <typename Function> void post(Function&& function);

    QThread m_thread;
    NodeWorker* m_worker = nullptr; // lives on m_thread; deleted there
};

} // namespace confab::api
