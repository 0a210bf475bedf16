#pragma once

#include <cstdint>
#include <functional>

namespace confab::audio {

// Runs a function once per audio block, like a sound card's interrupt: tick
// k (k = 0, 1, ...) stands for the block captured between origin + k and
// origin + (k + 1) periods. RealtimePacer does it in real time; tests pass a
// pacer they tick by hand, so devices built on it run without a clock.
class Pacer {
public:
    // Called with the block index; runs on the pacer's thread.
    using Tick = std::function<void(std::uint64_t block)>;

    virtual ~Pacer() = default;
    // Starts ticking every `periodNs`; the origin is "now". Returns the
    // origin (CLOCK_MONOTONIC ns). Must not be running.
    virtual std::int64_t start(std::int64_t periodNs, Tick tick) = 0;
    // Returns once no tick runs any more. Idempotent.
    virtual void stop() = 0;
    // Ticks that started more than one period after their deadline since start().
    [[nodiscard]] virtual std::uint64_t lateTicks() const = 0;
};

} // namespace confab::audio
