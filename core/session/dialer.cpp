#include "dialer.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

Dialer::Dialer(LinkManager& links, Clock& clock, QObject* parent)
    : QObject(parent), m_links(links), m_clock(clock), m_timer(clock.createTimer([this] { tick(); }))
{
    connect(&m_links, &LinkManager::dialFinished, this, &Dialer::onDialFinished);
    connect(&m_links, &LinkManager::peerDisconnected, this,
            [this](const proto::PeerId& peer, const QString&) { onPeerDisconnected(peer); });
    m_timer->startRepeating(kTickMs);
}

void Dialer::addTarget(const net::PeerSighting& sighting)
{
    const QString key = sighting.address.toString();
    auto [it, inserted] = m_targets.try_emplace(key);
    Target& target = it->second;
    if (inserted) {
        target.address = sighting.address;
        target.source = sighting.source;
    }
    if (sighting.expectedPeer) {
        target.peer = sighting.expectedPeer;
    }
    // A fresh sighting is news: try now rather than at the end of a backoff.
    target.failures = 0;
    target.nextAttemptMs = 0;
    tick();
}

void Dialer::tick()
{
    const qint64 now = m_clock.monotonicMs();
    for (auto& [key, target] : m_targets) {
        if (target.dialing || now < target.nextAttemptMs ||
            (target.peer && m_links.isConnected(*target.peer))) {
            continue;
        }
        target.dialing = true;
        m_links.dial(target.address, target.peer);
    }
}

void Dialer::onDialFinished(const net::HostPort& address, const std::optional<proto::PeerId>& peer,
                            const QString& error)
{
    const auto it = m_targets.find(address.toString());
    if (it == m_targets.end()) {
        return;
    }
    Target& target = it->second;
    target.dialing = false;
    if (peer) {
        target.peer = peer;
        target.failures = 0;
        return;
    }
    // Back off: 1, 2, 4, 8, 8 ... seconds.
    const int delay = std::min(kMaxRetryMs, kFirstRetryMs << std::min(target.failures, 4));
    ++target.failures;
    target.nextAttemptMs = m_clock.monotonicMs() + delay;
    if (target.failures == 1) {
        qCInfo(lcLink).noquote() << "cannot reach" << address.toString()
                                 << "(" + target.source + "):" << error << "- retrying with backoff";
    }
}

void Dialer::onPeerDisconnected(const proto::PeerId& peer)
{
    for (auto& [key, target] : m_targets) {
        if (target.peer == peer) {
            target.failures = 0;
            target.nextAttemptMs = m_clock.monotonicMs() + kFirstRetryMs;
        }
    }
}

} // namespace confab::session
