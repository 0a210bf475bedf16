#include "peer_exchanger.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace confab::session {

PeerExchanger::PeerExchanger(MessagePort& port, Clock& clock, QObject* parent)
    : net::Discovery(parent), m_port(port), m_newsTimer(clock.createTimer([this] { passOnNews(); }))
{
    connect(&m_port, &MessagePort::peerConnected, this, &PeerExchanger::onPeerConnected);
    m_port.setHandler(
        proto::LinkMessageType::PeerExchange,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onMessages(from, bodies); });
}

std::optional<proto::PeerExchangeEntry> PeerExchanger::entryFor(const PeerId& peer) const
{
    const auto info = m_port.linkInfo(peer);
    if (!info) {
        return std::nullopt;
    }
    const auto& address = info->listenAddress;
    if (!address || address->port == 0) {
        return std::nullopt;
    }
    return proto::PeerExchangeEntry{peer, address->host.toStdString(), address->port};
}

void PeerExchanger::onPeerConnected(const PeerId& peer)
{
    if (!m_started) {
        return;
    }
    std::vector<proto::PeerExchangeEntry> others;
    for (const PeerId& other : m_port.connectedPeers()) {
        if (other == peer || others.size() >= proto::kMaxPeerExchangeEntries) {
            continue;
        }
        if (auto entry = entryFor(other)) {
            others.push_back(std::move(*entry));
        }
    }
    if (!others.empty()) {
        m_port.send(peer, proto::LinkMessageType::PeerExchange, proto::encodePeerExchange(others));
    }
    m_news.insert(peer);
    if (!m_newsTimer->isActive()) {
        m_newsTimer->start(kNewsDelayMs);
    }
}

void PeerExchanger::passOnNews()
{
    std::vector<proto::PeerExchangeEntry> news;
    for (const PeerId& peer : m_news) {
        if (auto entry = entryFor(peer); entry && news.size() < proto::kMaxPeerExchangeEntries) {
            news.push_back(std::move(*entry));
        }
    }
    m_news.clear();
    if (news.empty()) {
        return;
    }
    for (const PeerId& other : m_port.connectedPeers()) {
        std::vector<proto::PeerExchangeEntry> forOther;
        for (const proto::PeerExchangeEntry& entry : news) {
            if (entry.id != other) {
                forOther.push_back(entry);
            }
        }
        if (!forOther.empty()) {
            m_port.send(other, proto::LinkMessageType::PeerExchange, proto::encodePeerExchange(forOther));
        }
    }
}

void PeerExchanger::onMessages(const PeerId& from, const std::vector<Bytes>& bodies)
{
    for (const Bytes& body : bodies) {
        auto entries = proto::decodePeerExchange(body);
        if (!entries) {
            m_port.dropPeer(from, QStringLiteral("malformed peer exchange"));
            return;
        }
        for (const proto::PeerExchangeEntry& entry : entries.value()) {
            if (entry.id == m_port.self() || entry.id == from || m_port.isConnected(entry.id)) {
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
