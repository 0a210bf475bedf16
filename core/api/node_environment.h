#pragma once

#include "base/clock.h"
#include "net/byte_stream.h"

namespace confab::api {

// What a node needs from the world around it. Production passes the system
// clock and TCP (SystemEnvironment); tests and the network simulator pass a
// virtual clock and simulated links, and run many nodes in one process.
struct NodeEnvironment {
    Clock& clock;
    net::StreamNetwork& network;
    // Voice calls need a UDP socket and a sound card; a node without them
    // answers call commands with a sentence and announces no media port.
    bool calls = true;
};

} // namespace confab::api
