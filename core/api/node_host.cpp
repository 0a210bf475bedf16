#include "node_host.h"

#include "node_worker.h"

namespace confab::api {

void registerNodeHostTypes()
{
    qRegisterMetaType<proto::PeerId>();
    qRegisterMetaType<storage::StoredMessage>();
    qRegisterMetaType<NodeStatus>();
    qRegisterMetaType<PeerSummaries>();
    qRegisterMetaType<StoredMessages>();
    qRegisterMetaType<PeerDetails>();
    qRegisterMetaType<storage::ProfileSettings>();
    qRegisterMetaType<calls::CallView>();
    qRegisterMetaType<AudioDeviceList>();
}

NodeHost::NodeHost(NodeConfig config, QObject* parent) : QObject(parent)
{
    registerNodeHostTypes();
    m_thread.setObjectName(QStringLiteral("confab-network"));
    m_worker = new NodeWorker(std::move(config));
    m_worker->moveToThread(&m_thread);
    // Signal to signal across threads: queued, and safe if either side goes first.
    connect(m_worker, &NodeWorker::started, this, &NodeHost::started);
    connect(m_worker, &NodeWorker::startFailed, this, &NodeHost::startFailed);
    connect(m_worker, &NodeWorker::statusChanged, this, &NodeHost::statusChanged);
    connect(m_worker, &NodeWorker::peersChanged, this, &NodeHost::peersChanged);
    connect(m_worker, &NodeWorker::historyLoaded, this, &NodeHost::historyLoaded);
    connect(m_worker, &NodeWorker::messageStored, this, &NodeHost::messageStored);
    connect(m_worker, &NodeWorker::messageStateChanged, this, &NodeHost::messageStateChanged);
    connect(m_worker, &NodeWorker::sendFailed, this, &NodeHost::sendFailed);
    connect(m_worker, &NodeWorker::peerAdded, this, &NodeHost::peerAdded);
    connect(m_worker, &NodeWorker::addPeerFailed, this, &NodeHost::addPeerFailed);
    // Trust and settings
    connect(m_worker, &NodeWorker::opened, this, &NodeHost::opened);
    connect(m_worker, &NodeWorker::peerDetailsLoaded, this, &NodeHost::peerDetailsLoaded);
    connect(m_worker, &NodeWorker::settingsLoaded, this, &NodeHost::settingsLoaded);
    connect(m_worker, &NodeWorker::settingsSaved, this, &NodeHost::settingsSaved);
    connect(m_worker, &NodeWorker::settingsFailed, this, &NodeHost::settingsFailed);
    // Calls
    connect(m_worker, &NodeWorker::callChanged, this, &NodeHost::callChanged);
    connect(m_worker, &NodeWorker::callFailed, this, &NodeHost::callFailed);
    connect(m_worker, &NodeWorker::audioDevicesListed, this, &NodeHost::audioDevicesListed);
    connect(m_worker, &NodeWorker::microphoneLevel, this, &NodeHost::microphoneLevel);
    connect(m_worker, &NodeWorker::microphoneTestFinished, this, &NodeHost::microphoneTestFinished);
    m_thread.start();
}

NodeHost::~NodeHost()
{
    NodeWorker* worker = m_worker;
    // The node's sockets and timers belong to the network thread: end them there.
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->stop();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

template <typename Function> void NodeHost::post(Function&& function)
{
    QMetaObject::invokeMethod(m_worker, std::forward<Function>(function), Qt::QueuedConnection);
}

void NodeHost::start()
{
    post([worker = m_worker] { worker->start(); });
}

void NodeHost::loadHistory(const proto::PeerId& peer, qint64 beforeSeq, int limit)
{
    post([worker = m_worker, peer, beforeSeq, limit] { worker->loadHistory(peer, beforeSeq, limit); });
}

void NodeHost::sendText(const proto::PeerId& peer, const QString& text)
{
    post([worker = m_worker, peer, text] { worker->sendText(peer, text); });
}

void NodeHost::markRead(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->markRead(peer); });
}

void NodeHost::addPeer(const QString& address)
{
    post([worker = m_worker, address] { worker->addPeer(address); });
}

void NodeHost::refreshPeers()
{
    post([worker = m_worker] { worker->refreshPeers(); });
}

// Trust and settings

void NodeHost::open()
{
    post([worker = m_worker] { worker->open(); });
}

void NodeHost::setDisplayName(const QString& name)
{
    post([worker = m_worker, name] { worker->setDisplayName(name); });
}

void NodeHost::loadPeerDetails(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->loadPeerDetails(peer); });
}

void NodeHost::setVerified(const proto::PeerId& peer, bool verified)
{
    post([worker = m_worker, peer, verified] { worker->setVerified(peer, verified); });
}

void NodeHost::acknowledgeKeyWarning(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->acknowledgeKeyWarning(peer); });
}

void NodeHost::loadSettings()
{
    post([worker = m_worker] { worker->loadSettings(); });
}

void NodeHost::saveSettings(const storage::ProfileSettings& settings)
{
    post([worker = m_worker, settings] { worker->saveSettings(settings); });
}

// Calls

void NodeHost::startCall(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->startCall(peer); });
}

void NodeHost::answerCall(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->answerCall(peer); });
}

void NodeHost::declineCall(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->declineCall(peer); });
}

void NodeHost::hangUpCall(const proto::PeerId& peer)
{
    post([worker = m_worker, peer] { worker->hangUpCall(peer); });
}

void NodeHost::setCallMuted(const proto::PeerId& peer, bool muted)
{
    post([worker = m_worker, peer, muted] { worker->setCallMuted(peer, muted); });
}

void NodeHost::setCallTransmitting(const proto::PeerId& peer, bool transmitting)
{
    post([worker = m_worker, peer, transmitting] { worker->setCallTransmitting(peer, transmitting); });
}

void NodeHost::listAudioDevices()
{
    post([worker = m_worker] { worker->listAudioDevices(); });
}

void NodeHost::startMicrophoneTest(const QString& inputDevice, int durationMs)
{
    post([worker = m_worker, inputDevice, durationMs] {
        worker->startMicrophoneTest(inputDevice, durationMs);
    });
}

void NodeHost::stopMicrophoneTest()
{
    post([worker = m_worker] { worker->stopMicrophoneTest(); });
}

} // namespace confab::api
