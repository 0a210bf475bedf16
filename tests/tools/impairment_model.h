#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace confab::test {

// What confab_udp_impair does to each datagram, as numbers.
struct ImpairmentConfig {
    double lossPercent = 0;      // independent loss, per datagram
    double burstLossPercent = 0; // average loss of the bursty (Gilbert-Elliott) model
    double burstLength = 1;      // mean number of datagrams lost in one burst
    double delayMs = 0;          // added to every datagram
    double jitterMs = 0;         // delay varies uniformly in [-jitter, +jitter], never below 0
    std::uint64_t seed = 1;
};

// Why a configuration cannot be honoured, or nullopt when it can.
std::optional<std::string> impairmentConfigError(const ImpairmentConfig& config);

struct ImpairmentDecision {
    bool drop = false;
    double delayMs = 0; // meaningful when !drop
};

// Decides, datagram by datagram, whether to drop it and how long to hold it.
// Pure and repeatable: the same seed gives the same decisions.
//
// Bursty loss is a two-state Gilbert-Elliott chain: in the bad state every
// datagram is lost, in the good state none. Leaving the bad state has
// probability r = 1 / burstLength per datagram, so bursts last burstLength
// datagrams on average; entering it has p = r * L / (1 - L), so the chain
// spends the fraction p / (p + r) = L of datagrams in it. Independent loss is
// drawn on top, so the total loss is 1 - (1 - loss) * (1 - L).
class ImpairmentModel {
public:
    // `config` must be valid (impairmentConfigError returns nullopt).
    explicit ImpairmentModel(const ImpairmentConfig& config);

    ImpairmentDecision next();

    [[nodiscard]] bool inBurst() const { return m_bad; }
    [[nodiscard]] double burstEnterProbability() const { return m_enterBad; }
    [[nodiscard]] double burstLeaveProbability() const { return m_leaveBad; }

private:
    double uniform(); // [0, 1)

    ImpairmentConfig m_config;
    std::mt19937_64 m_random;
    double m_enterBad = 0;
    double m_leaveBad = 1;
    bool m_bad = false;
};

} // namespace confab::test
