#pragma once

#include "base/bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace confab::calls {

// The sending side of audio retransmission (docs/PROTOCOL.md, "Lost audio
// asked for again"): keeps the last frames sent and answers the other side's
// requests for them.
//
// A request is a few bytes and an answer is a whole frame, so a hostile or
// broken peer could use requests to make us send far more than the call
// needs. Two limits stop that: each frame is sent again at most
// kMaxResends times, and every resend spends a credit that only sending an
// original frame earns (at most kMaxCredit saved up). So retransmission
// never more than doubles what a call sends, however many requests come.
class RetransmitBuffer {
public:
    static constexpr std::size_t kFrames = 64; // 0.64 s of 10 ms frames, 1.28 s of 20 ms
    static constexpr int kMaxResends = 2;
    static constexpr int kMaxCredit = 8;

    struct Frame {
        std::uint32_t timestamp = 0;
        bool marker = false;
        ByteView opus; // valid until the next remember()
    };

    // An original frame was sent.
    void remember(std::uint32_t timestamp, bool marker, ByteView opus);
    // The frames to send again for these requested timestamps: those still
    // kept, not yet resent too often, as far as the credit goes.
    [[nodiscard]] std::vector<Frame> answer(std::span<const std::uint32_t> timestamps);

    struct Stats {
        std::uint64_t requested = 0; // timestamps asked for
        std::uint64_t resent = 0;
        std::uint64_t unknown = 0; // not (or no longer) kept: never sent, or too old
        std::uint64_t refused = 0; // resent too often already, or out of credit
    };
    [[nodiscard]] const Stats& stats() const { return m_stats; }

private:
    struct Kept {
        bool used = false;
        std::uint32_t timestamp = 0;
        bool marker = false;
        int resends = 0;
        Bytes opus;
    };

    std::array<Kept, kFrames> m_kept{};
    std::size_t m_next = 0;
    int m_credit = 0;
    Stats m_stats;
};

} // namespace confab::calls
