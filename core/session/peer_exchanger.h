#pragma once

#include "base/clock.h"
#include "message_port.h"
#include "net/discovery/discovery.h"
#include "proto/peer_exchange.h"

#include <memory>
#include <set>

namespace confab::session {

// Peer exchange: when a link comes up, tells the new peer where the other
// linked peers accept links, and tells the others about the new one. What
// peers report becomes sightings that expect the named peer, so a peer found
// by one node is tried by all (and a wrong one is refused by the handshake).
// News about new peers is gathered for a moment and passed on together, so
// a node linking to a crowd sends one message per neighbour, not one per pair.
class PeerExchanger : public net::Discovery {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxAddressesPassedOn = 256;
    // How long news about newly linked peers is gathered before it is passed on.
    static constexpr int kNewsDelayMs = 500;

    PeerExchanger(MessagePort& port, Clock& clock, QObject* parent = nullptr);

    [[nodiscard]] QString name() const override { return QStringLiteral("exchange"); }
    void start() override { m_started = true; }

private:
    void onPeerConnected(const PeerId& peer);
    void passOnNews();
    void onMessages(const PeerId& from, const std::vector<Bytes>& bodies);
    [[nodiscard]] std::optional<proto::PeerExchangeEntry> entryFor(const PeerId& peer) const;

    MessagePort& m_port;
    bool m_started = false;
    std::set<PeerId> m_news; // linked since the last passOnNews()
    std::unique_ptr<Timer> m_newsTimer;
    // Every address ever passed on, so a peer flooding made-up entries can
    // make the dialer hold at most this many targets.
    std::set<QString> m_passedOn;
};

} // namespace confab::session
