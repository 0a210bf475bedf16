#pragma once

#include "net/qt_clock.h"
#include "net/tcp_network.h"
#include "node_environment.h"

namespace confab::api {

// The real world: the system clock, Qt timers and TCP.
class SystemEnvironment {
public:
    NodeEnvironment environment() { return {m_clock, m_network, true}; }

private:
    net::QtClock m_clock;
    net::TcpNetwork m_network;
};

} // namespace confab::api
