#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace confab::proto {

// Datagrams of one direction that a receiver still accepts out of order: at
// 50 datagrams per second, 2048 covers 40 s of reordering.
inline constexpr std::size_t kReplayWindowPackets = 2048;

enum class ReplayVerdict {
    Fresh,     // never seen and inside the window (or newer than everything)
    Duplicate, // already accepted
    TooOld,    // at least `window` behind the newest accepted counter
};

// Anti-replay bitmap over 64-bit counters (RFC 6479): one bit per counter in
// a ring of 64-bit words. Moving forward clears whole words instead of
// shifting the bitmap, so both operations cost O(1) in the common case. The
// ring holds one word more than the window so the oldest counter still in the
// window never shares a word with the newest.
//
// check() runs before decryption and changes nothing; accept() runs only after
// the AEAD verified the datagram, so a forged counter cannot move the window.
class ReplayWindow {
public:
    // `windowPackets` is a positive multiple of 64.
    explicit ReplayWindow(std::size_t windowPackets = kReplayWindowPackets);

    [[nodiscard]] ReplayVerdict check(std::uint64_t counter) const;
    [[nodiscard]] bool mayAccept(std::uint64_t counter) const
    {
        return check(counter) == ReplayVerdict::Fresh;
    }
    // Records `counter` as seen. A counter that is too old is ignored.
    void accept(std::uint64_t counter);

    [[nodiscard]] std::size_t windowPackets() const { return m_window; }
    [[nodiscard]] bool empty() const { return !m_any; }
    // The newest accepted counter; meaningful only when !empty().
    [[nodiscard]] std::uint64_t highest() const { return m_highest; }

private:
    [[nodiscard]] std::size_t wordOf(std::uint64_t counter) const;

    std::size_t m_window;
    std::vector<std::uint64_t> m_words;
    std::uint64_t m_highest = 0;
    bool m_any = false;
};

} // namespace confab::proto
