#include "replay_window.h"

#include <algorithm>

namespace confab::proto {

namespace {

constexpr std::uint64_t kBitsPerWord = 64;

std::uint64_t bitOf(std::uint64_t counter)
{
    return std::uint64_t{1} << (counter % kBitsPerWord);
}

std::size_t validWindow(std::size_t windowPackets)
{
    // A window that is not a whole number of words would leave part of a word
    // ambiguous; round up rather than fail, the constructor has no error path.
    const std::size_t words = std::max<std::size_t>(1, (windowPackets + kBitsPerWord - 1) / kBitsPerWord);
    return words * kBitsPerWord;
}

} // namespace

ReplayWindow::ReplayWindow(std::size_t windowPackets)
    : m_window(validWindow(windowPackets)), m_words(m_window / kBitsPerWord + 1, 0)
{
}

std::size_t ReplayWindow::wordOf(std::uint64_t counter) const
{
    return static_cast<std::size_t>((counter / kBitsPerWord) % m_words.size());
}

ReplayVerdict ReplayWindow::check(std::uint64_t counter) const
{
    if (!m_any || counter > m_highest) {
        return ReplayVerdict::Fresh;
    }
    if (m_highest - counter >= m_window) {
        return ReplayVerdict::TooOld;
    }
    return (m_words[wordOf(counter)] & bitOf(counter)) != 0 ? ReplayVerdict::Duplicate : ReplayVerdict::Fresh;
}

void ReplayWindow::accept(std::uint64_t counter)
{
    if (!m_any) {
        m_any = true;
        m_highest = counter;
    } else if (counter > m_highest) {
        // Clear the words the window slides into; a jump of a whole ring or
        // more clears everything.
        const std::uint64_t oldWord = m_highest / kBitsPerWord;
        const std::uint64_t newWord = counter / kBitsPerWord;
        const std::uint64_t toClear = std::min<std::uint64_t>(newWord - oldWord, m_words.size());
        for (std::uint64_t i = 1; i <= toClear; ++i) {
            m_words[static_cast<std::size_t>((oldWord + i) % m_words.size())] = 0;
        }
        m_highest = counter;
    } else if (m_highest - counter >= m_window) {
        // Its bit would alias a counter inside the window.
        return;
    }
    m_words[wordOf(counter)] |= bitOf(counter);
}

} // namespace confab::proto
