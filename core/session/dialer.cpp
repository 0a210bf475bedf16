#include "dialer.h"

#include <QLoggingCategory>

#include <algorithm>
#include <limits>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

Dialer::Dialer(LinkManager& links, Clock& clock, QObject* parent)
    : QObject(parent), m_links(links), m_clock(clock), m_timer(clock.createTimer([this] { tick(); }))
{
    connect(&m_links, &LinkManager::dialFinished, this, &Dialer::onDialFinished);
    connect(&m_links, &LinkManager::peerDisconnected, this,
            [this](const PeerId& peer, const QString&) { onPeerDisconnected(peer); });
    connect(&m_links, &LinkManager::blockChanged, this, [this](const PeerId& peer, bool blocked) {
        if (!blocked) {
            onUnblocked(peer);
        }
    });
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
    // Sightings come in bursts (peer exchange, mDNS): one pass after the burst.
    target.failures = 0;
    target.nextAttemptMs = 0;
    m_timer->start(0);
    if (inserted) {
        emit targetChanged(target.address);
    }
}

bool Dialer::removeTarget(const net::HostPort& address)
{
    const auto it = m_targets.find(address.toString());
    if (it == m_targets.end()) {
        return false;
    }
    const bool dialing = it->second.dialing;
    m_targets.erase(it);
    if (dialing) {
        m_links.cancelDial(address); // its end finds no target and is ignored
    }
    scheduleNext();
    emit targetChanged(address);
    return true;
}

std::int64_t Dialer::backoffMs(int attempt)
{
    return std::min(kMaxRetryMs, kFirstRetryMs << std::clamp(attempt - 1, 0, 4));
}

Dialer::TargetState Dialer::stateOf(const Target& target)
{
    return {target.address, target.peer, target.source, target.dialing, target.failures, target.lastError};
}

std::vector<Dialer::TargetState> Dialer::targets() const
{
    std::vector<TargetState> states;
    states.reserve(m_targets.size());
    for (const auto& [key, target] : m_targets) {
        states.push_back(stateOf(target));
    }
    return states;
}

std::optional<Dialer::TargetState> Dialer::target(const net::HostPort& address) const
{
    const auto it = m_targets.find(address.toString());
    if (it == m_targets.end()) {
        return std::nullopt;
    }
    return stateOf(it->second);
}

bool Dialer::wanted(const Target& target) const
{
    // A blocked peer is not dialled; its addresses are kept for when it is unblocked.
    return !target.dialing &&
           !(target.peer && (m_links.isConnected(*target.peer) || m_links.isBlocked(*target.peer)));
}

void Dialer::tick()
{
    const std::int64_t now = m_clock.monotonicMs();
    std::size_t dialing = static_cast<std::size_t>(std::count_if(
        m_targets.begin(), m_targets.end(), [](const auto& entry) { return entry.second.dialing; }));
    // The longest due first, so addresses never tried (or sighted afresh)
    // get the free slots before ones that keep failing: when dials to dead
    // addresses take longer than the longest backoff, those are always due
    // again, and an order by address would starve whatever sorts after them.
    std::vector<Target*> due;
    for (auto& [key, target] : m_targets) {
        if (wanted(target) && target.nextAttemptMs <= now) {
            due.push_back(&target);
        }
    }
    std::stable_sort(due.begin(), due.end(),
                     [](const Target* a, const Target* b) { return a->nextAttemptMs < b->nextAttemptMs; });
    for (Target* target : due) {
        if (dialing >= kMaxConcurrentDials) {
            break; // the rest as dials finish
        }
        target->dialing = true;
        ++dialing;
        const net::HostPort address = target->address;
        m_links.dial(address, target->peer);
        emit targetChanged(address);
    }
    scheduleNext();
}

void Dialer::scheduleNext()
{
    // Nothing is polled: the timer waits for the earliest target that will
    // be due (a finished dial or a lost peer reschedules it). While every
    // dial slot is busy, the next finished dial does.
    const auto dialing = static_cast<std::size_t>(std::count_if(
        m_targets.begin(), m_targets.end(), [](const auto& entry) { return entry.second.dialing; }));
    if (dialing >= kMaxConcurrentDials) {
        m_timer->stop();
        return;
    }
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (const auto& [key, target] : m_targets) {
        if (wanted(target)) {
            next = std::min(next, target.nextAttemptMs);
        }
    }
    if (next == std::numeric_limits<std::int64_t>::max()) {
        m_timer->stop();
        return;
    }
    m_timer->start(std::max<std::int64_t>(0, next - m_clock.monotonicMs()));
}

void Dialer::onDialFinished(const net::HostPort& address, const std::optional<PeerId>& peer,
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
        target.lastError.clear();
        target.linkedAtMs = m_clock.monotonicMs();
    } else {
        target.lastError = error;
        ++target.failures;
        target.nextAttemptMs = m_clock.monotonicMs() + backoffMs(target.failures);
        if (target.failures == 1) {
            qCInfo(lcLink).noquote() << "cannot reach" << address.toString()
                                     << "(" + target.source + "):" << error << "- retrying with backoff";
        }
    }
    // A dial slot is free: the next target need not wait (after this event).
    m_timer->start(0);
    emit targetChanged(address);
}

void Dialer::onUnblocked(const PeerId& peer)
{
    for (auto& [key, target] : m_targets) {
        if (target.peer == peer) {
            target.failures = 0;
            target.nextAttemptMs = 0;
        }
    }
    m_timer->start(0);
}

void Dialer::onPeerDisconnected(const PeerId& peer)
{
    const std::int64_t now = m_clock.monotonicMs();
    for (auto& [key, target] : m_targets) {
        if (target.peer != peer) {
            continue;
        }
        const bool shortLived = target.linkedAtMs && now - *target.linkedAtMs < kShortLinkMs;
        target.linkedAtMs.reset();
        target.failures = 0;
        target.shortLinks = shortLived ? target.shortLinks + 1 : 0;
        target.nextAttemptMs = now + backoffMs(target.shortLinks);
        if (target.shortLinks == 2) {
            qCInfo(lcLink).noquote() << "links to" << target.address.toString()
                                     << "close right after they come up - retrying with backoff";
        }
    }
    scheduleNext();
}

} // namespace confab::session
