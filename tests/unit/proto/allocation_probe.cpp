#include "allocation_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

// In a file of its own, so the compiler never sees a replaced operator
// delete inlined next to the operator new it pairs with.
namespace {

std::atomic<std::size_t>& largest()
{
    static std::atomic<std::size_t> value{0};
    return value;
}

} // namespace

void* operator new(std::size_t size)
{
    std::size_t seen = largest().load(std::memory_order_relaxed);
    while (size > seen && !largest().compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
    }
    if (void* memory = std::malloc(size == 0 ? 1 : size)) {
        return memory;
    }
    throw std::bad_alloc();
}

void operator delete(void* memory) noexcept
{
    std::free(memory);
}

void operator delete(void* memory, std::size_t /*size*/) noexcept
{
    std::free(memory);
}

namespace confab::test {

void resetLargestAllocation()
{
    largest().store(0, std::memory_order_relaxed);
}

std::size_t largestAllocation()
{
    return largest().load(std::memory_order_relaxed);
}

} // namespace confab::test
