#pragma once

#include <vector>

namespace confab::bench {

// Round trips of `size`-byte messages over a plain loopback TCP connection to
// an echo thread: the floor that Confab's message latency is compared with.
std::vector<double> rawTcpRoundTripsUs(int count, int size);

} // namespace confab::bench
