#include "static_discovery.h"

namespace confab::net {

void StaticDiscovery::start()
{
    m_started = true;
    for (const PeerSighting& sighting : m_sightings) {
        emit peerSighted(sighting);
    }
}

void StaticDiscovery::add(const PeerSighting& sighting)
{
    m_sightings.push_back(sighting);
    if (m_started) {
        emit peerSighted(sighting);
    }
}

void StaticDiscovery::remove(const HostPort& address)
{
    std::erase_if(m_sightings, [&address](const PeerSighting& sighting) {
        return sighting.address.toString() == address.toString();
    });
}

} // namespace confab::net
