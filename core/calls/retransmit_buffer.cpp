#include "retransmit_buffer.h"

#include <algorithm>

namespace confab::calls {

void RetransmitBuffer::remember(std::uint32_t timestamp, bool marker, ByteView opus)
{
    Kept& kept = m_kept[m_next];
    m_next = (m_next + 1) % kFrames;
    kept.used = true;
    kept.timestamp = timestamp;
    kept.marker = marker;
    kept.resends = 0;
    kept.opus.assign(opus.begin(), opus.end()); // keeps its capacity: no allocation once warm
    m_credit = std::min(m_credit + 1, kMaxCredit);
}

std::vector<RetransmitBuffer::Frame> RetransmitBuffer::answer(std::span<const std::uint32_t> timestamps)
{
    std::vector<Frame> frames;
    for (const std::uint32_t timestamp : timestamps) {
        ++m_stats.requested;
        const auto kept = std::find_if(m_kept.begin(), m_kept.end(), [timestamp](const Kept& k) {
            return k.used && k.timestamp == timestamp;
        });
        if (kept == m_kept.end()) {
            ++m_stats.unknown;
            continue;
        }
        if (kept->resends >= kMaxResends || m_credit == 0) {
            ++m_stats.refused;
            continue;
        }
        ++kept->resends;
        --m_credit;
        ++m_stats.resent;
        frames.push_back(Frame{kept->timestamp, kept->marker, kept->opus});
    }
    return frames;
}

} // namespace confab::calls
