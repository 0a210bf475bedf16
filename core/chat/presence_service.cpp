#include "presence_service.h"

namespace confab::chat {

PresenceService::PresenceService(session::MessagePort& port, Clock& clock, QObject* parent)
    : QObject(parent), m_port(port), m_clock(clock)
{
    connect(&m_port, &session::MessagePort::peerConnected, this, &PresenceService::onPeerConnected);
    connect(&m_port, &session::MessagePort::peerDisconnected, this,
            [this](const PeerId& peer, const QString&) { onPeerDisconnected(peer); });
    m_port.setHandler(
        proto::LinkMessageType::Presence,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onPresence(from, bodies); });
    m_port.setHandler(
        proto::LinkMessageType::Typing,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onTyping(from, bodies); });
}

bool PresenceService::speaksPresence(const PeerId& peer) const
{
    const auto info = m_port.linkInfo(peer);
    return info && proto::hasCapability(info->hello.capabilities, proto::Capability::Presence);
}

void PresenceService::setOwnState(proto::PresenceState state)
{
    if (state == m_own) {
        return;
    }
    m_own = state;
    const Bytes body = proto::encodePresenceState(state);
    for (const PeerId& peer : m_port.connectedPeers()) {
        if (speaksPresence(peer)) {
            m_port.send(peer, proto::LinkMessageType::Presence, body);
        }
    }
}

void PresenceService::setTyping(const PeerId& peer, bool typing)
{
    if (!typing) {
        stopTyping(peer);
        return;
    }
    auto [it, fresh] = m_outgoing.try_emplace(peer);
    Outgoing& outgoing = it->second;
    if (fresh) {
        outgoing.idle = m_clock.createTimer([this, peer] { stopTyping(peer); });
    }
    outgoing.idle->start(kTypingIdleMs);
    const std::int64_t now = m_clock.monotonicMs();
    if (fresh || now - outgoing.lastSentMs >= kTypingRefreshMs) {
        outgoing.lastSentMs = now;
        sendTyping(peer, proto::TypingState::Typing);
    }
}

void PresenceService::stopTyping(const PeerId& peer)
{
    if (m_outgoing.erase(peer) > 0) {
        sendTyping(peer, proto::TypingState::Stopped);
    }
}

void PresenceService::sendTyping(const PeerId& peer, proto::TypingState state)
{
    if (speaksPresence(peer)) {
        m_port.send(peer, proto::LinkMessageType::Typing, proto::encodeTypingState(state));
    }
}

std::optional<proto::PresenceState> PresenceService::peerState(const PeerId& peer) const
{
    const auto it = m_incoming.find(peer);
    return it == m_incoming.end() ? std::nullopt : it->second.state;
}

bool PresenceService::isTyping(const PeerId& peer) const
{
    const auto it = m_incoming.find(peer);
    return it != m_incoming.end() && it->second.typingExpiry && it->second.typingExpiry->isActive();
}

void PresenceService::messageArrived(const PeerId& peer)
{
    const auto it = m_incoming.find(peer);
    if (it != m_incoming.end()) {
        setPeerTyping(peer, it->second, false);
    }
}

void PresenceService::onPeerConnected(const PeerId& peer)
{
    if (!speaksPresence(peer)) {
        return;
    }
    // Until it says otherwise, a peer that speaks presence is there.
    m_incoming[peer].state = proto::PresenceState::Available;
    m_port.send(peer, proto::LinkMessageType::Presence, proto::encodePresenceState(m_own));
    emit changed(peer);
}

void PresenceService::onPeerDisconnected(const PeerId& peer)
{
    m_outgoing.erase(peer);
    if (m_incoming.erase(peer) > 0) {
        emit changed(peer);
    }
}

bool PresenceService::admit(const PeerId& peer, Incoming& incoming)
{
    const std::int64_t now = m_clock.monotonicMs();
    if (now - incoming.windowStartMs >= 1000) {
        incoming.windowStartMs = now;
        incoming.messagesInWindow = 0;
    }
    if (++incoming.messagesInWindow <= kMaxMessagesPerSecond) {
        return true;
    }
    m_port.dropPeer(
        peer,
        QStringLiteral("more than %1 presence and typing messages in a second").arg(kMaxMessagesPerSecond));
    return false;
}

void PresenceService::onPresence(const PeerId& from, const std::vector<Bytes>& bodies)
{
    const auto it = m_incoming.find(from);
    if (it == m_incoming.end()) {
        // Only a peer that announced the capability may send these.
        m_port.dropPeer(from, QStringLiteral("presence from a peer that did not announce it"));
        return;
    }
    Incoming& incoming = it->second;
    const auto before = incoming.state;
    for (const Bytes& body : bodies) {
        if (!admit(from, incoming)) {
            return;
        }
        incoming.state = proto::decodePresenceState(body); // the link checked the body
    }
    if (incoming.state != before) {
        emit changed(from);
    }
}

void PresenceService::onTyping(const PeerId& from, const std::vector<Bytes>& bodies)
{
    const auto it = m_incoming.find(from);
    if (it == m_incoming.end()) {
        m_port.dropPeer(from, QStringLiteral("typing from a peer that did not announce presence"));
        return;
    }
    for (const Bytes& body : bodies) {
        if (!admit(from, it->second)) {
            return;
        }
        setPeerTyping(from, it->second, proto::decodeTypingState(body) == proto::TypingState::Typing);
    }
}

void PresenceService::setPeerTyping(const PeerId& peer, Incoming& incoming, bool typing)
{
    const bool was = incoming.typingExpiry && incoming.typingExpiry->isActive();
    if (typing) {
        if (!incoming.typingExpiry) {
            incoming.typingExpiry = m_clock.createTimer([this, peer] { emit changed(peer); });
        }
        incoming.typingExpiry->start(kTypingShownMs);
    } else if (incoming.typingExpiry) {
        incoming.typingExpiry->stop();
    }
    if (typing != was) {
        emit changed(peer);
    }
}

} // namespace confab::chat
