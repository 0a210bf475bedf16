#include "tools/impairment_model.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace confab::test {
namespace {

constexpr int kPackets = 100'000;

struct Measured {
    double lossPercent = 0;
    double meanBurst = 0; // mean run of consecutive drops
    std::vector<double> delays;
};

Measured run(const ImpairmentConfig& config, int packets = kPackets)
{
    EXPECT_FALSE(impairmentConfigError(config).has_value());
    ImpairmentModel model(config);
    Measured measured;
    int dropped = 0;
    int bursts = 0;
    bool inRun = false;
    for (int i = 0; i < packets; ++i) {
        const ImpairmentDecision decision = model.next();
        if (decision.drop) {
            ++dropped;
            bursts += inRun ? 0 : 1;
        } else {
            measured.delays.push_back(decision.delayMs);
        }
        inRun = decision.drop;
    }
    measured.lossPercent = 100.0 * dropped / packets;
    measured.meanBurst = bursts > 0 ? static_cast<double>(dropped) / bursts : 0;
    return measured;
}

double mean(const std::vector<double>& values)
{
    double sum = 0;
    for (const double v : values) {
        sum += v;
    }
    return sum / static_cast<double>(values.size());
}

double standardDeviation(const std::vector<double>& values)
{
    const double m = mean(values);
    double sum = 0;
    for (const double v : values) {
        sum += (v - m) * (v - m);
    }
    return std::sqrt(sum / static_cast<double>(values.size()));
}

TEST(ImpairmentModel, PassesEverythingUntouchedByDefault)
{
    const Measured measured = run(ImpairmentConfig{});
    EXPECT_EQ(measured.lossPercent, 0.0);
    ASSERT_EQ(measured.delays.size(), static_cast<std::size_t>(kPackets));
    EXPECT_EQ(*std::max_element(measured.delays.begin(), measured.delays.end()), 0.0);
}

TEST(ImpairmentModel, RandomLossHitsItsTarget)
{
    for (const double target : {1.0, 5.0, 10.0, 30.0}) {
        ImpairmentConfig config;
        config.lossPercent = target;
        config.seed = 7;
        const Measured measured = run(config);
        EXPECT_NEAR(measured.lossPercent, target, 0.5) << target;
        // Independent losses rarely come in runs: mean run 1 / (1 - p).
        EXPECT_NEAR(measured.meanBurst, 1 / (1 - target / 100), 0.05) << target;
    }
}

TEST(ImpairmentModel, BurstLossHitsItsTargetAndBurstLength)
{
    const struct {
        double loss;
        double length;
    } cases[] = {{5, 2}, {10, 3}, {10, 8}, {20, 4}};
    for (const auto& c : cases) {
        ImpairmentConfig config;
        config.burstLossPercent = c.loss;
        config.burstLength = c.length;
        config.seed = 11;
        const Measured measured = run(config);
        EXPECT_NEAR(measured.lossPercent, c.loss, 0.5) << c.loss << "% in bursts of " << c.length;
        EXPECT_NEAR(measured.meanBurst, c.length, 0.1 * c.length) << c.loss << "% in bursts of " << c.length;
    }
}

TEST(ImpairmentModel, BurstsAreBurstierThanRandomLoss)
{
    ImpairmentConfig bursty;
    bursty.burstLossPercent = 10;
    bursty.burstLength = 5;
    ImpairmentConfig random;
    random.lossPercent = 10;
    EXPECT_GT(run(bursty).meanBurst, 3 * run(random).meanBurst);
}

TEST(ImpairmentModel, RandomAndBurstLossCombine)
{
    ImpairmentConfig config;
    config.lossPercent = 5;
    config.burstLossPercent = 10;
    config.burstLength = 3;
    config.seed = 3;
    // 1 - 0.95 * 0.90 = 14.5 %
    EXPECT_NEAR(run(config).lossPercent, 14.5, 0.5);
}

TEST(ImpairmentModel, DelayStaysWithinBoundsWithTheConfiguredSpread)
{
    ImpairmentConfig config;
    config.delayMs = 40;
    config.jitterMs = 10;
    config.seed = 5;
    const Measured measured = run(config);
    ASSERT_EQ(measured.delays.size(), static_cast<std::size_t>(kPackets));
    const auto [low, high] = std::minmax_element(measured.delays.begin(), measured.delays.end());
    EXPECT_GE(*low, 30.0);
    EXPECT_LE(*high, 50.0);
    EXPECT_LT(*low, 30.1); // the whole range is used
    EXPECT_GT(*high, 49.9);
    EXPECT_NEAR(mean(measured.delays), 40.0, 0.1);
    // Uniform on [-j, +j]: standard deviation j / sqrt(3).
    EXPECT_NEAR(standardDeviation(measured.delays), 10 / std::sqrt(3.0), 0.1);
}

TEST(ImpairmentModel, DelayWithoutJitterIsConstant)
{
    ImpairmentConfig config;
    config.delayMs = 25;
    const Measured measured = run(config, 1000);
    for (const double delay : measured.delays) {
        ASSERT_EQ(delay, 25.0);
    }
}

TEST(ImpairmentModel, DelayIsNeverNegative)
{
    ImpairmentConfig config;
    config.delayMs = 5;
    config.jitterMs = 20;
    const Measured measured = run(config);
    EXPECT_EQ(*std::min_element(measured.delays.begin(), measured.delays.end()), 0.0);
    // Offsets below -5 ms are clamped: (20 - 5) / 40 of the datagrams.
    const auto zeros = std::count(measured.delays.begin(), measured.delays.end(), 0.0);
    EXPECT_NEAR(static_cast<double>(zeros) / static_cast<double>(measured.delays.size()), 15.0 / 40.0, 0.01);
}

TEST(ImpairmentModel, SameSeedSameDecisions)
{
    ImpairmentConfig config;
    config.lossPercent = 10;
    config.burstLossPercent = 5;
    config.burstLength = 3;
    config.jitterMs = 5;
    config.delayMs = 10;
    config.seed = 42;
    ImpairmentModel a(config);
    ImpairmentModel b(config);
    config.seed = 43;
    ImpairmentModel c(config);
    int differences = 0;
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.next();
        const auto y = b.next();
        const auto z = c.next();
        ASSERT_EQ(x.drop, y.drop);
        ASSERT_EQ(x.delayMs, y.delayMs);
        differences += (x.drop != z.drop || x.delayMs != z.delayMs) ? 1 : 0;
    }
    EXPECT_GT(differences, 100);
}

TEST(ImpairmentModel, DerivesTheChainFromLossAndLength)
{
    ImpairmentConfig config;
    config.burstLossPercent = 20;
    config.burstLength = 4;
    const ImpairmentModel model(config);
    EXPECT_DOUBLE_EQ(model.burstLeaveProbability(), 0.25);
    EXPECT_DOUBLE_EQ(model.burstEnterProbability(), 0.25 * 0.2 / 0.8);
}

TEST(ImpairmentModel, RejectsImpossibleConfigurations)
{
    const auto bad = [](auto change) {
        ImpairmentConfig config;
        change(config);
        return impairmentConfigError(config).has_value();
    };
    EXPECT_FALSE(bad([](ImpairmentConfig&) {}));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.lossPercent = -1; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.lossPercent = 101; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.burstLossPercent = 100; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.burstLength = 0.5; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.delayMs = -1; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.jitterMs = -1; }));
    EXPECT_TRUE(bad([](ImpairmentConfig& c) { c.jitterMs = NAN; }));
    // 60 % loss cannot come in bursts of mean length 1 (that needs p > 1)...
    EXPECT_TRUE(bad([](ImpairmentConfig& c) {
        c.burstLossPercent = 60;
        c.burstLength = 1;
    }));
    // ...but can in bursts of 2.
    EXPECT_FALSE(bad([](ImpairmentConfig& c) {
        c.burstLossPercent = 60;
        c.burstLength = 2;
    }));
}

} // namespace
} // namespace confab::test
