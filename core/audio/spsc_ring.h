#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace confab::audio {

// Two indices written by different threads must not share a cache line, or
// every push would invalidate the consumer's line and the other way round.
inline constexpr std::size_t kCacheLineBytes = 64;

// A lock-free ring buffer for exactly one producer thread and one consumer
// thread: the audio callback and the voice worker exchange PCM samples and
// VoiceFrames through it without locks or allocation. Memory is allocated
// once, in the constructor.
//
// Producer-side calls: push, write, writeAvailable. Consumer-side calls: pop,
// read, discard, readAvailable. capacity() is safe anywhere. The values a
// side sees of the other side are a lower bound (more may have arrived or
// been freed since), never an over-estimate.
//
// The padding between the two sides' indices is the point, so the
// analyzer's padding check is silenced for this class.
template <typename T> class SpscRing { // NOLINT(clang-analyzer-optin.performance.Padding)
    static_assert(std::is_default_constructible_v<T> && std::is_nothrow_copy_assignable_v<T>,
                  "SpscRing copies elements in place: T must be default constructible and nothrow copyable");

public:
    // Holds up to `capacity` elements (at least 1).
    explicit SpscRing(std::size_t capacity) : m_slots(std::max<std::size_t>(capacity, 1) + 1) {}

    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    [[nodiscard]] std::size_t capacity() const noexcept { return m_slots.size() - 1; }

    // Producer: appends one element; false (and nothing written) when full.
    bool push(const T& value) noexcept { return write(&value, 1) == 1; }

    // Consumer: takes the oldest element; false (and `out` untouched) when empty.
    bool pop(T& out) noexcept { return read(&out, 1) == 1; }

    // Producer: appends up to `n` elements from `data`; returns how many fit.
    std::size_t write(const T* data, std::size_t n) noexcept
    {
        const std::size_t w = m_write.load(std::memory_order_relaxed);
        std::size_t space = freeSlots(w, m_readCache);
        if (space < n) {
            m_readCache = m_read.load(std::memory_order_acquire);
            space = freeSlots(w, m_readCache);
        }
        const std::size_t count = std::min(n, space);
        const std::size_t first = std::min(count, m_slots.size() - w);
        std::copy_n(data, first, m_slots.begin() + static_cast<std::ptrdiff_t>(w));
        std::copy_n(data + first, count - first, m_slots.begin());
        m_write.store(advance(w, count), std::memory_order_release);
        return count;
    }

    // Consumer: takes up to `n` of the oldest elements into `out`; returns how many.
    std::size_t read(T* out, std::size_t n) noexcept
    {
        const std::size_t r = m_read.load(std::memory_order_relaxed);
        std::size_t used = usedSlots(m_writeCache, r);
        if (used < n) {
            m_writeCache = m_write.load(std::memory_order_acquire);
            used = usedSlots(m_writeCache, r);
        }
        const std::size_t count = std::min(n, used);
        const std::size_t first = std::min(count, m_slots.size() - r);
        std::copy_n(m_slots.begin() + static_cast<std::ptrdiff_t>(r), first, out);
        std::copy_n(m_slots.begin(), count - first, out + first);
        m_read.store(advance(r, count), std::memory_order_release);
        return count;
    }

    // Consumer: drops up to `n` of the oldest elements (to shed latency that
    // built up); returns how many were dropped.
    std::size_t discard(std::size_t n) noexcept
    {
        const std::size_t r = m_read.load(std::memory_order_relaxed);
        m_writeCache = m_write.load(std::memory_order_acquire);
        const std::size_t count = std::min(n, usedSlots(m_writeCache, r));
        m_read.store(advance(r, count), std::memory_order_release);
        return count;
    }

    // Consumer: how many elements read() can take now.
    [[nodiscard]] std::size_t readAvailable() const noexcept
    {
        return usedSlots(m_write.load(std::memory_order_acquire), m_read.load(std::memory_order_relaxed));
    }

    // Producer: how many elements write() can store now.
    [[nodiscard]] std::size_t writeAvailable() const noexcept
    {
        return freeSlots(m_write.load(std::memory_order_relaxed), m_read.load(std::memory_order_acquire));
    }

private:
    // One slot always stays empty so that "full" and "empty" differ without a
    // shared counter: empty is read == write, full is write + 1 == read.
    [[nodiscard]] std::size_t usedSlots(std::size_t w, std::size_t r) const noexcept
    {
        return w >= r ? w - r : w + m_slots.size() - r;
    }
    [[nodiscard]] std::size_t freeSlots(std::size_t w, std::size_t r) const noexcept
    {
        return capacity() - usedSlots(w, r);
    }
    [[nodiscard]] std::size_t advance(std::size_t index, std::size_t count) const noexcept
    {
        index += count;
        return index >= m_slots.size() ? index - m_slots.size() : index;
    }

    std::vector<T> m_slots;
    // Written by the producer only.
    alignas(kCacheLineBytes) std::atomic<std::size_t> m_write{0};
    std::size_t m_readCache = 0; // producer's last view of m_read: saves a shared load per call
    // Written by the consumer only.
    alignas(kCacheLineBytes) std::atomic<std::size_t> m_read{0};
    std::size_t m_writeCache = 0; // consumer's last view of m_write
    // alignas also rounds sizeof up to a whole line, so whatever follows the
    // ring in memory never shares the consumer's line.
};

} // namespace confab::audio
