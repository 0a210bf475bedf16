#include "node_worker.h"

#include "audio/portaudio_device.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <algorithm>
#include <cmath>

namespace confab::api {

namespace {
constexpr int kPeerRefreshDelayMs = 50;
constexpr int kStatusPollMs = 3000;
constexpr int kGoodbyeGraceMs = 100;
// Calls: five refreshes a second keep a level meter lively at little cost.
constexpr int kCallStatsMs = 200;
constexpr int kMicrophonePollMs = 100;
constexpr int kMicrophoneMinMs = 500;
constexpr int kMicrophoneMaxMs = 30000;
// Below this peak (about -60 dBFS) a microphone captured nothing audible.
constexpr double kSilentPeak = 0.001;
} // namespace

NodeWorker::NodeWorker(NodeConfig config)
    : m_config(std::move(config)), m_peerRefresh(this), m_statusPoll(this), m_callStats(this),
      m_microphonePoll(this)
{
    m_callStats.setInterval(kCallStatsMs);
    connect(&m_callStats, &QTimer::timeout, this, &NodeWorker::refreshCallStats);
    m_microphonePoll.setInterval(kMicrophonePollMs);
    connect(&m_microphonePoll, &QTimer::timeout, this, &NodeWorker::pollMicrophone);
    m_peerRefresh.setSingleShot(true);
    m_peerRefresh.setInterval(kPeerRefreshDelayMs);
    connect(&m_peerRefresh, &QTimer::timeout, this, &NodeWorker::refreshPeers);
    m_statusPoll.setInterval(kStatusPollMs);
    connect(&m_statusPoll, &QTimer::timeout, this, [this] {
        emit statusChanged(status());
        schedulePeerRefresh();
    });
}

NodeWorker::~NodeWorker()
{
    m_microphone.reset();
    // The control server refers to the node: it goes first.
    m_control.reset();
    m_node.reset();
}

void NodeWorker::start()
{
    if (m_statusPoll.isActive() || !openNode()) {
        return; // already running, or failed and said why
    }
    auto notices = m_node->start();
    if (!notices) {
        m_node.reset();
        emit startFailed(notices.error());
        return;
    }
    m_control = std::make_unique<ControlServer>(*m_node);
    QStringList allNotices = notices.value();
    if (auto error = m_control->listen(m_node->profile().controlSocketPath())) {
        // The GUI still works without confabctl access; say so rather than fail.
        allNotices << *error;
        m_control.reset();
    }
    connect(m_node.get(), &Node::messageStored, this, [this](const storage::StoredMessage& message) {
        emit messageStored(message);
        schedulePeerRefresh();
    });
    connect(m_node.get(), &Node::messageStateChanged, this, &NodeWorker::messageStateChanged);
    connect(m_node.get(), &Node::eventLogged, this,
            [this](const storage::EventRecord&) { schedulePeerRefresh(); });
    connect(m_node.get(), &Node::callChanged, this, &NodeWorker::onCallChanged);
    m_statusPoll.start();
    emit started(status(), allNotices);
    refreshPeers();
}

void NodeWorker::stop()
{
    m_statusPoll.stop();
    m_peerRefresh.stop();
    m_callStats.stop();
    m_microphonePoll.stop();
    m_microphone.reset();
    if (!m_node) {
        return;
    }
    m_node->shutdown();
    const QDeadlineTimer grace(kGoodbyeGraceMs);
    while (!grace.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, static_cast<int>(grace.remainingTime()));
    }
}

void NodeWorker::loadHistory(const proto::PeerId& peer, qint64 beforeSeq, int limit)
{
    if (!m_node) {
        return;
    }
    StoredMessages messages =
        beforeSeq > 0 ? m_node->historyBefore(peer, beforeSeq, limit) : m_node->history(peer, limit);
    emit historyLoaded(peer, beforeSeq, messages);
}

void NodeWorker::sendText(const proto::PeerId& peer, const QString& text)
{
    if (!m_node) {
        emit sendFailed(peer, tr("The node is not running."));
        return;
    }
    m_node->sendText(peer, text, [this, peer](const chat::ChatService::SendResult& result) {
        if (!result) {
            emit sendFailed(peer, result.error());
        }
    });
}

void NodeWorker::markRead(const proto::PeerId& peer)
{
    if (!m_node) {
        return;
    }
    bool changed = false;
    while (m_node->takeOldestUnread(peer)) {
        changed = true;
    }
    if (changed) {
        schedulePeerRefresh();
    }
}

void NodeWorker::addPeer(const QString& address)
{
    if (!m_node) {
        emit addPeerFailed(address, tr("The node is not running."));
        return;
    }
    auto added = m_node->addPeer(address);
    if (!added) {
        emit addPeerFailed(address, added.error());
        return;
    }
    emit peerAdded(added.value().toString());
    schedulePeerRefresh();
}

void NodeWorker::refreshPeers()
{
    if (!m_node) {
        return;
    }
    PeerSummaries summaries;
    for (PeerView& view : m_node->peers()) {
        PeerSummary summary{std::move(view), std::nullopt};
        if (summary.view.source.isEmpty()) {
            auto newest = m_node->history(summary.view.record.id, 1);
            if (!newest.empty()) {
                summary.last = newest.front();
            }
        }
        summaries.push_back(std::move(summary));
    }
    emit peersChanged(summaries);
}

NodeStatus NodeWorker::status() const
{
    NodeStatus result;
    if (!m_node) {
        return result;
    }
    result.id = QString::fromStdString(m_node->id().toText());
    result.displayName = m_node->displayName();
    result.listenAddress = m_node->listenAddress().toString();
    result.discoveryMode = m_node->discoveryMode();
    result.networkDiagnosis = m_node->networkDiagnosis();
    result.fingerprint = m_node->ownFingerprint();
    result.newProfile = m_node->isNewProfile();
    return result;
}

void NodeWorker::schedulePeerRefresh()
{
    if (!m_peerRefresh.isActive()) {
        m_peerRefresh.start();
    }
}

// Trust and settings

bool NodeWorker::openNode()
{
    if (m_node) {
        return true;
    }
    auto node = Node::create(m_config, m_clock);
    if (!node) {
        emit startFailed(node.error());
        return false;
    }
    m_node = std::move(node).value();
    return true;
}

void NodeWorker::open()
{
    if (openNode()) {
        emit opened(status(), m_node->settings());
    }
}

void NodeWorker::setDisplayName(const QString& name)
{
    if (m_node) {
        m_node->setDisplayName(name);
    }
}

void NodeWorker::loadPeerDetails(const proto::PeerId& peer)
{
    if (!m_node) {
        return;
    }
    PeerDetails details;
    details.view.record.id = peer;
    for (PeerView& view : m_node->peers()) {
        if (view.record.id == peer) {
            details.view = std::move(view);
            break;
        }
    }
    if (auto number = m_node->safetyNumber(peer)) {
        details.safetyNumber = QString::fromStdString(number.value());
    } else {
        details.safetyNumberProblem = number.error();
    }
    details.ownFingerprint = m_node->ownFingerprint();
    emit peerDetailsLoaded(details);
}

void NodeWorker::setVerified(const proto::PeerId& peer, bool verified)
{
    if (!m_node) {
        return;
    }
    m_node->setVerified(peer, verified);
    loadPeerDetails(peer);
    schedulePeerRefresh();
}

void NodeWorker::acknowledgeKeyWarning(const proto::PeerId& peer)
{
    if (!m_node) {
        return;
    }
    m_node->acknowledgeKeyWarning(peer);
    schedulePeerRefresh();
}

void NodeWorker::loadSettings()
{
    if (m_node) {
        emit settingsLoaded(m_node->settings());
    }
}

void NodeWorker::saveSettings(const storage::ProfileSettings& settings)
{
    if (!m_node) {
        emit settingsFailed(tr("The node is not running."));
        return;
    }
    auto saved = m_node->saveSettings(settings);
    if (!saved) {
        emit settingsFailed(saved.error());
        return;
    }
    emit settingsSaved(saved.value());
}

// Calls

template <typename Command> void NodeWorker::runCallCommand(const proto::PeerId& peer, Command command)
{
    if (!m_node || !m_statusPoll.isActive()) {
        emit callFailed(peer, tr("The node is not running."));
        return;
    }
    const calls::CallService::Outcome outcome = command(m_node->callService());
    if (!outcome) {
        emit callFailed(peer, outcome.error());
    }
}

void NodeWorker::startCall(const proto::PeerId& peer)
{
    runCallCommand(peer, [&peer](calls::CallService& service) { return service.call(peer); });
}

void NodeWorker::answerCall(const proto::PeerId& peer)
{
    runCallCommand(peer, [&peer](calls::CallService& service) { return service.answer(peer); });
}

void NodeWorker::declineCall(const proto::PeerId& peer)
{
    runCallCommand(peer, [&peer](calls::CallService& service) { return service.decline(peer); });
}

void NodeWorker::hangUpCall(const proto::PeerId& peer)
{
    runCallCommand(peer, [&peer](calls::CallService& service) { return service.hangUp(peer); });
}

void NodeWorker::setCallMuted(const proto::PeerId& peer, bool muted)
{
    runCallCommand(peer,
                   [&peer, muted](calls::CallService& service) { return service.setMuted(peer, muted); });
}

void NodeWorker::setCallTransmitting(const proto::PeerId& peer, bool transmitting)
{
    runCallCommand(peer, [&peer, transmitting](calls::CallService& service) {
        return service.setTransmitting(peer, transmitting);
    });
}

void NodeWorker::onCallChanged(const calls::CallView& call)
{
    emit callChanged(call);
    if (call.phase != proto::CallPhase::Ended) {
        if (m_microphone) {
            // The call needs the sound card; its own meter shows the level now.
            finishMicrophoneTest(false, tr("The microphone test stopped: a call started."));
        }
        if (!m_callStats.isActive()) {
            m_callStats.start();
        }
    }
}

void NodeWorker::refreshCallStats()
{
    bool ongoing = false;
    if (m_node && m_statusPoll.isActive()) {
        for (const calls::CallView& call : m_node->callService().calls()) {
            if (call.phase != proto::CallPhase::Ended) {
                ongoing = true;
                emit callChanged(call);
            }
        }
    }
    if (!ongoing) {
        m_callStats.stop();
    }
}

void NodeWorker::listAudioDevices()
{
    AudioDeviceList list;
    auto devices = audio::listAudioDevices();
    if (devices) {
        list.devices = std::move(devices).value();
    } else {
        list.error = QString::fromStdString(devices.error());
    }
    emit audioDevicesListed(list);
}

void NodeWorker::startMicrophoneTest(const QString& inputDevice, int durationMs)
{
    m_microphonePoll.stop();
    m_microphone.reset(); // a test still running starts over
    if (m_node && m_statusPoll.isActive()) {
        const auto calls = m_node->callService().calls();
        const bool inCall = std::any_of(calls.begin(), calls.end(), [](const calls::CallView& call) {
            return call.phase != proto::CallPhase::Ended;
        });
        if (inCall) {
            emit microphoneTestFinished(
                false, tr("A call is using the sound card: its level meter shows your microphone."));
            return;
        }
    }
    // Input only matters; the output plays silence.
    auto probe = std::make_unique<audio::InputLevelProbe>(
        std::make_unique<audio::PortAudioDevice>(inputDevice.toStdString(), std::string()));
    if (const auto error = probe->start()) {
        emit microphoneTestFinished(
            false, tr("The microphone could not be opened: %1").arg(QString::fromStdString(*error)));
        return;
    }
    m_microphone = std::move(probe);
    m_microphoneDurationMs = std::clamp(durationMs, kMicrophoneMinMs, kMicrophoneMaxMs);
    m_microphoneElapsed.start();
    m_microphonePoll.start();
}

void NodeWorker::stopMicrophoneTest()
{
    if (m_microphone) {
        m_microphoneDurationMs = 0; // the verdict on what was captured so far
        pollMicrophone();
    }
}

void NodeWorker::pollMicrophone()
{
    if (!m_microphone) {
        m_microphonePoll.stop();
        return;
    }
    const QString name = QString::fromStdString(m_microphone->description());
    if (m_microphone->failed()) {
        finishMicrophoneTest(false, tr("The microphone (%1) stopped working during the test.").arg(name));
        return;
    }
    emit microphoneLevel(m_microphone->takePeak());
    if (m_microphoneElapsed.elapsed() < m_microphoneDurationMs) {
        return;
    }
    if (m_microphone->blocks() == 0) {
        finishMicrophoneTest(false, tr("No audio arrived from the microphone (%1).").arg(name));
        return;
    }
    const double peak = m_microphone->maxPeak();
    if (peak < kSilentPeak) {
        finishMicrophoneTest(false, tr("The microphone (%1) opened but captured only silence: is it muted "
                                       "or turned down?")
                                        .arg(name));
        return;
    }
    const double dbfs = 20.0 * std::log10(peak);
    finishMicrophoneTest(
        true,
        tr("The microphone works (%1): the loudest sound reached %2 dBFS.").arg(name).arg(dbfs, 0, 'f', 0));
}

void NodeWorker::finishMicrophoneTest(bool worked, const QString& message)
{
    m_microphonePoll.stop();
    m_microphone.reset(); // releases the sound card
    emit microphoneLevel(0.0);
    emit microphoneTestFinished(worked, message);
}

} // namespace confab::api
