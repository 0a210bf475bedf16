#pragma once

#include <cstddef>

// Replaces operator new for the test program that links allocation_probe.cpp,
// so a test can see the largest single allocation a decoder asked for: a
// count read from the wire must not size an allocation by itself.
namespace confab::test {

void resetLargestAllocation();
// The largest single operator new request since the last reset.
std::size_t largestAllocation();

} // namespace confab::test
