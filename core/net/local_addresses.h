#pragma once

#include "host_port.h"

#include <vector>

namespace confab::net {

// Where other machines can reach a node that listens on `listen`: that
// address itself, or, for a wildcard (0.0.0.0, ::), the addresses of this
// machine's interfaces that are up — IPv4 before IPv6 (0.0.0.0: IPv4
// only), loopback last, link-local IPv6 left out (it needs an interface
// name to be dialled). Never empty: without any interface, loopback.
std::vector<HostPort> reachableAddresses(const HostPort& listen);

} // namespace confab::net
