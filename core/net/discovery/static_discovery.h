#pragma once

#include "discovery.h"

#include <vector>

namespace confab::net {

// Addresses given by the user (--peer, add-peer) and remembered addresses of
// known peers. Reports each once when started or added; retrying is the
// dialer's job.
class StaticDiscovery : public Discovery {
    Q_OBJECT
public:
    using Discovery::Discovery;

    [[nodiscard]] QString name() const override { return QStringLiteral("static"); }
    void start() override;
    void add(const PeerSighting& sighting);
    // Not reported again (by a start still to come).
    void remove(const HostPort& address);

private:
    std::vector<PeerSighting> m_sightings;
    bool m_started = false;
};

} // namespace confab::net
