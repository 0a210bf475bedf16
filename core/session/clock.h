#pragma once

#include <cstdint>

namespace confab::session {

// Wall-clock time for message timestamps; injected so tests can fix it.
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::int64_t nowMs() const = 0; // ms since the Unix epoch
};

class SystemClock : public Clock {
public:
    [[nodiscard]] std::int64_t nowMs() const override;
};

} // namespace confab::session
