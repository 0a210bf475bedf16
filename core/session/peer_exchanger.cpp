#include "peer_exchanger.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

PeerExchanger::PeerExchanger(LinkManager& links, QObject* parent) : net::Discovery(parent), m_links(links)
{
    connect(
        &m_links, &LinkManager::peerConnected, this,
        [this](const proto::PeerId& peer, const proto::HandshakePayload&,
               const std::optional<net::HostPort>& listenAddress) { onPeerConnected(peer, listenAddress); });
    connect(&m_links, &LinkManager::messagesReceived, this, &PeerExchanger::onMessages);
}

std::optional<proto::PeerExchangeEntry> PeerExchanger::entryFor(const proto::PeerId& peer) const
{
    const Link* link = m_links.activeLink(peer);
    if (link == nullptr) {
        return std::nullopt;
    }
    const auto address = link->remoteListenAddress();
    if (!address || address->port == 0) {
        return std::nullopt;
    }
    return proto::PeerExchangeEntry{peer, address->host.toStdString(), address->port};
}

void PeerExchanger::onPeerConnected(const proto::PeerId& peer,
                                    const std::optional<net::HostPort>& listenAddress)
{
    if (!m_started) {
        return;
    }
    std::vector<proto::PeerExchangeEntry> others;
    for (const proto::PeerId& other : m_links.connectedPeers()) {
        if (other == peer || others.size() >= proto::kMaxPeerExchangeEntries) {
            continue;
        }
        if (auto entry = entryFor(other)) {
            others.push_back(std::move(*entry));
        }
    }
    if (!others.empty()) {
        m_links.send(peer, proto::LinkMessageType::PeerExchange, proto::encodePeerExchange(others));
    }
    if (!listenAddress) {
        return;
    }
    if (auto entry = entryFor(peer)) {
        const proto::Bytes news = proto::encodePeerExchange({*entry});
        for (const proto::PeerId& other : m_links.connectedPeers()) {
            if (other != peer) {
                m_links.send(other, proto::LinkMessageType::PeerExchange, news);
            }
        }
    }
}

void PeerExchanger::onMessages(const proto::PeerId& from, const std::vector<proto::LinkMessage>& messages)
{
    for (const proto::LinkMessage& message : messages) {
        if (message.type != proto::LinkMessageType::PeerExchange) {
            continue;
        }
        auto entries = proto::decodePeerExchange(message.body);
        if (!entries) {
            m_links.dropPeer(from, QStringLiteral("malformed peer exchange"));
            return;
        }
        for (const proto::PeerExchangeEntry& entry : entries.value()) {
            if (entry.id == m_links.self() || entry.id == from || m_links.isConnected(entry.id)) {
                continue;
            }
            const net::HostPort address{QString::fromStdString(entry.host), entry.port};
            if (!m_passedOn.count(address.toString())) {
                if (m_passedOn.size() >= kMaxAddressesPassedOn) {
                    continue;
                }
                m_passedOn.insert(address.toString());
            }
            emit peerSighted({address, entry.id, QStringLiteral("exchange")});
        }
    }
}

} // namespace confab::session
