#include "node_worker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace confab::api {

namespace {
constexpr int kPeerRefreshDelayMs = 50;
constexpr int kStatusPollMs = 3000;
constexpr int kGoodbyeGraceMs = 100;
} // namespace

NodeWorker::NodeWorker(NodeConfig config)
    : m_config(std::move(config)), m_peerRefresh(this), m_statusPoll(this)
{
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
    m_statusPoll.start();
    emit started(status(), allNotices);
    refreshPeers();
}

void NodeWorker::stop()
{
    m_statusPoll.stop();
    m_peerRefresh.stop();
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

} // namespace confab::api
