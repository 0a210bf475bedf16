#include "impairment_model.h"

#include <algorithm>
#include <cmath>

namespace confab::test {

namespace {

bool isPercent(double value)
{
    return std::isfinite(value) && value >= 0 && value <= 100;
}

} // namespace

std::optional<std::string> impairmentConfigError(const ImpairmentConfig& config)
{
    if (!isPercent(config.lossPercent)) {
        return "--loss must be a percentage between 0 and 100";
    }
    if (!isPercent(config.burstLossPercent) || config.burstLossPercent >= 100) {
        return "--burst-loss must be a percentage from 0 up to (not including) 100";
    }
    if (!std::isfinite(config.burstLength) || config.burstLength < 1) {
        return "--burst-length must be at least 1 datagram";
    }
    // p = r L / (1 - L) must be a probability: L / (1 - L) <= burstLength.
    const double loss = config.burstLossPercent / 100;
    if (loss / (1 - loss) > config.burstLength) {
        return "--burst-loss is too high for --burst-length: bursts of that mean length cannot lose that "
               "much "
               "(need burst-length >= L / (1 - L))";
    }
    if (!std::isfinite(config.delayMs) || config.delayMs < 0) {
        return "--delay must be 0 or more milliseconds";
    }
    if (!std::isfinite(config.jitterMs) || config.jitterMs < 0) {
        return "--jitter must be 0 or more milliseconds";
    }
    return std::nullopt;
}

ImpairmentModel::ImpairmentModel(const ImpairmentConfig& config) : m_config(config), m_random(config.seed)
{
    const double loss = config.burstLossPercent / 100;
    if (loss > 0) {
        m_leaveBad = 1 / config.burstLength;
        m_enterBad = std::min(1.0, m_leaveBad * loss / (1 - loss));
    }
}

double ImpairmentModel::uniform()
{
    // 53 random bits: the same sequence on every standard library, unlike
    // std::uniform_real_distribution.
    return static_cast<double>(m_random() >> 11) * 0x1.0p-53;
}

ImpairmentDecision ImpairmentModel::next()
{
    // Every draw happens for every datagram, so one setting never shifts the
    // random sequence another setting sees.
    const double burstDraw = uniform();
    const double lossDraw = uniform();
    const double jitterDraw = uniform();

    m_bad = m_bad ? burstDraw >= m_leaveBad : burstDraw < m_enterBad;
    const bool randomLoss = lossDraw < m_config.lossPercent / 100;
    if (m_bad || randomLoss) {
        return {true, 0};
    }
    const double offset = (2 * jitterDraw - 1) * m_config.jitterMs;
    return {false, std::max(0.0, m_config.delayMs + offset)};
}

} // namespace confab::test
