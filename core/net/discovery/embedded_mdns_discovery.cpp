#include "embedded_mdns_discovery.h"

#include <QCoreApplication>

namespace confab::net {

EmbeddedMdnsDiscovery::EmbeddedMdnsDiscovery(std::unique_ptr<MdnsTransport> transport, Clock& clock,
                                             MdnsResponder::Timing timing, QObject* parent)
    : ServiceDiscovery(parent), m_transport(std::move(transport)), m_responder(*m_transport, clock, timing),
      m_browser(*m_transport, clock)
{
    const auto sight = [this](const DiscoveredService& service) {
        for (const PeerSighting& sighting : sightingsFor(service)) {
            emit peerSighted(sighting);
        }
    };
    connect(&m_browser, &MdnsBrowser::serviceResolved, this, sight);
    // A node that starts together with us is dialed while both still probe:
    // each one's announcement would come only after a second of probing.
    // One of the two dials (the smaller peer ID), so they do not both link
    // and then drop one link. A node that is announced already leaves it
    // to the newcomer, whose first query finds it within a tenth of a second.
    connect(&m_browser, &MdnsBrowser::probeHeard, this, [this, sight](const DiscoveredService& service) {
        if (m_local && !m_responder.announced() && service.idHint && m_local->id < *service.idHint) {
            sight(service);
        }
    });
    connect(&m_browser, &MdnsBrowser::servicesChanged, this, &ServiceDiscovery::servicesChanged);
}

EmbeddedMdnsDiscovery::~EmbeddedMdnsDiscovery()
{
    EmbeddedMdnsDiscovery::stop(); // this class's own: no dispatch during destruction
}

void EmbeddedMdnsDiscovery::start()
{
    m_started = true;
    if (m_local) {
        m_responder.publish(*m_local);
    }
    m_browser.start();
}

void EmbeddedMdnsDiscovery::stop()
{
    if (m_started) {
        m_responder.withdraw();
        m_browser.stop();
        m_started = false;
    }
}

QString EmbeddedMdnsDiscovery::problem() const
{
    if (m_started && m_transport->interfaces().empty()) {
        return QCoreApplication::translate("Network", "no network interface that can multicast is up");
    }
    return {};
}

} // namespace confab::net
