#pragma once

#include "crypto/identity.h"
#include "session/link_manager.h"
#include "sim/sim_network.h"
#include "support/memory_trust_store.h"
#include "support/virtual_clock.h"

#include <QStringList>

#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <vector>

namespace confab::session::test {

// A LinkManager on a simulated host, listening on kPort, recording with
// virtual times what it reports and the Envelope messages it receives.
class LinkNode {
public:
    static constexpr quint16 kPort = 42042;

    struct Dial {
        net::HostPort address;
        std::optional<PeerId> peer;
        QString error;
        std::int64_t atMs = 0;
    };
    struct Event {
        PeerId peer;
        QString reason; // disconnects only
        std::int64_t atMs = 0;
    };
    struct Received {
        PeerId from;
        Bytes body;
        std::int64_t atMs = 0;
    };

    LinkNode(sim::SimNetwork& network, const QString& address, const QString& name, LinkTimings timings = {})
        : m_clock(network.clock()), m_host(network.addHost(address)),
          m_manager(m_identity, m_trust, m_host, m_clock, timings), m_listener(m_host.createListener())
    {
        EXPECT_TRUE(m_listener->listen({address, kPort}, true));
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, &m_manager,
                         &LinkManager::acceptIncoming);
        m_manager.setOwnInfo(name, kPort);
        QObject::connect(&m_manager, &MessagePort::peerConnected, &m_manager, [this](const PeerId& peer) {
            connected.push_back({peer, {}, m_clock.monotonicMs()});
        });
        QObject::connect(&m_manager, &MessagePort::peerDisconnected, &m_manager,
                         [this](const PeerId& peer, const QString& reason) {
                             disconnected.push_back({peer, reason, m_clock.monotonicMs()});
                         });
        QObject::connect(&m_manager, &MessagePort::linkReplaced, &m_manager, [this](const PeerId& peer) {
            replaced.push_back({peer, {}, m_clock.monotonicMs()});
        });
        QObject::connect(
            &m_manager, &LinkManager::dialFinished, &m_manager,
            [this](const net::HostPort& to, const std::optional<PeerId>& peer, const QString& error) {
                dials.push_back({to, peer, error, m_clock.monotonicMs()});
            });
        QObject::connect(&m_manager, &LinkManager::securityEvent, &m_manager,
                         [this](const std::optional<PeerId>& claimed, const QString& detail) {
                             securityEvents.append(detail);
                             securityClaims.push_back(claimed);
                         });
    }

    // Records every Envelope message (the one type most tests need handled).
    void handleEnvelopes()
    {
        m_manager.setHandler(proto::LinkMessageType::Envelope,
                             [this](const PeerId& from, const std::vector<Bytes>& bodies) {
                                 for (const Bytes& body : bodies) {
                                     received.push_back({from, body, m_clock.monotonicMs()});
                                 }
                             });
    }

    LinkManager& manager() { return m_manager; }
    sim::SimHost& host() { return m_host; }
    confab::test::MemoryTrustStore& trust() { return m_trust; }
    [[nodiscard]] const crypto::IdentityKeyPair& identity() const { return m_identity; }
    [[nodiscard]] PeerId id() const { return m_identity.peerId(); }
    [[nodiscard]] net::HostPort address() const { return {m_host.address(), kPort}; }
    // Links alive in the manager (closed ones go with the next posted-event pass).
    [[nodiscard]] std::vector<Link*> links() const
    {
        const QList<Link*> found = m_manager.findChildren<Link*>();
        return {found.begin(), found.end()};
    }

    std::vector<Event> connected;
    std::vector<Event> disconnected;
    std::vector<Event> replaced;
    std::vector<Dial> dials;
    std::vector<Received> received;
    QStringList securityEvents;
    std::vector<std::optional<PeerId>> securityClaims;

private:
    confab::test::VirtualClock& m_clock;
    crypto::IdentityKeyPair m_identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore m_trust;
    sim::SimHost& m_host;
    LinkManager m_manager;
    std::unique_ptr<net::StreamListener> m_listener;
};

// The nodes of one test on one simulated network, each recording the
// Envelope messages it receives.
class LinkNodes {
public:
    explicit LinkNodes(sim::SimNetwork& network) : m_network(network) {}

    LinkNode& add(const QString& address, const QString& name, LinkTimings timings = {})
    {
        m_nodes.push_back(std::make_unique<LinkNode>(m_network, address, name, timings));
        m_nodes.back()->handleEnvelopes();
        return *m_nodes.back();
    }

    // `from` dials `to`; true once the link is up on both ends, within
    // `patienceMs` of virtual time.
    bool link(LinkNode& from, LinkNode& to, std::int64_t patienceMs)
    {
        from.manager().dial(to.address(), to.id());
        return confab::test::runUntil(
            m_network.clock(),
            [&] { return from.manager().isConnected(to.id()) && to.manager().isConnected(from.id()); },
            patienceMs);
    }

private:
    sim::SimNetwork& m_network;
    std::vector<std::unique_ptr<LinkNode>> m_nodes;
};

} // namespace confab::session::test
