// The settings dialog's microphone test, with a device the test drives by
// hand and the virtual clock: no sound card, no threads, no real time.
#include "calls/microphone_test.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <array>
#include <gtest/gtest.h>
#include <memory>

namespace confab::calls {
namespace {

// A microphone that delivers exactly the blocks the test feeds it.
class HandFedDevice : public audio::AudioDevice {
public:
    struct State {
        audio::AudioCallback* callback = nullptr;
        bool opens = true;
        bool failed = false;
        bool running = false;
    };

    explicit HandFedDevice(State& state) : m_state(state) {}
    ~HandFedDevice() override { HandFedDevice::stop(); }

    std::optional<std::string> start(audio::AudioCallback& callback) override
    {
        if (!m_state.opens) {
            return std::string("no such microphone");
        }
        m_state.callback = &callback;
        m_state.running = true;
        return std::nullopt;
    }
    void stop() override
    {
        m_state.callback = nullptr;
        m_state.running = false;
    }
    [[nodiscard]] bool failed() const override { return m_state.failed; }
    [[nodiscard]] std::string description() const override { return "test microphone"; }

private:
    State& m_state;
};

class MicrophoneTestTest : public ::testing::Test {
protected:
    MicrophoneTestTest()
        : m_test(
              [this](const QString& name) {
                  m_asked = name;
                  return std::make_unique<HandFedDevice>(m_device);
              },
              m_clock)
    {
        QObject::connect(&m_test, &MicrophoneTest::level, &m_test,
                         [this](double peak) { m_levels.push_back(peak); });
        QObject::connect(&m_test, &MicrophoneTest::finished, &m_test,
                         [this](bool worked, const QString& message) {
                             m_verdict = {worked, message};
                         });
    }

    // One block with this peak, as the device's callback would deliver it.
    void feed(audio::Sample peak)
    {
        ASSERT_NE(m_device.callback, nullptr);
        std::array<audio::Sample, audio::kBlockFrames> in{};
        std::array<audio::Sample, audio::kBlockFrames> out{};
        in[in.size() / 2] = peak;
        m_device.callback->process(in.data(), out.data(), in.size());
    }

    test::VirtualClock m_clock;
    HandFedDevice::State m_device;
    QString m_asked;
    MicrophoneTest m_test;
    std::vector<double> m_levels;
    std::optional<std::pair<bool, QString>> m_verdict;
};

TEST_F(MicrophoneTestTest, ReportsTheLevelTenTimesASecondAndSaysItWorks)
{
    m_test.start(QStringLiteral("USB headset"), 1000);
    EXPECT_EQ(m_asked, QStringLiteral("USB headset"));
    ASSERT_TRUE(m_device.running);
    for (int tick = 0; tick < 10; ++tick) {
        feed(16384); // -6 dBFS
        test::runFor(m_clock, MicrophoneTest::kPollMs);
    }
    ASSERT_TRUE(m_verdict);
    EXPECT_TRUE(m_verdict->first);
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("works"))) << m_verdict->second.toStdString();
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("-6 dBFS"))) << m_verdict->second.toStdString();
    ASSERT_GE(m_levels.size(), 10u);
    EXPECT_NEAR(m_levels.front(), 0.5, 0.01);
    EXPECT_EQ(m_levels.back(), 0.0); // the meter falls back when the test ends
    EXPECT_FALSE(m_device.running);  // the sound card is released
    EXPECT_FALSE(m_test.isRunning());
}

TEST_F(MicrophoneTestTest, SilenceIsCalledSilenceAndNothingAtAllIsCalledNoAudio)
{
    m_test.start(QString(), 500);
    for (int tick = 0; tick < 5; ++tick) {
        feed(0);
        test::runFor(m_clock, MicrophoneTest::kPollMs);
    }
    ASSERT_TRUE(m_verdict);
    EXPECT_FALSE(m_verdict->first);
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("only silence")))
        << m_verdict->second.toStdString();

    m_verdict.reset();
    m_test.start(QString(), 500);
    test::runFor(m_clock, 600); // not one block arrives
    ASSERT_TRUE(m_verdict);
    EXPECT_FALSE(m_verdict->first);
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("No audio arrived")))
        << m_verdict->second.toStdString();
}

TEST_F(MicrophoneTestTest, ADeviceThatCannotOpenOrFailsIsNamed)
{
    m_device.opens = false;
    m_test.start(QStringLiteral("missing"), 1000);
    ASSERT_TRUE(m_verdict); // at once
    EXPECT_FALSE(m_verdict->first);
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("no such microphone")))
        << m_verdict->second.toStdString();
    EXPECT_FALSE(m_test.isRunning());

    m_verdict.reset();
    m_device.opens = true;
    m_test.start(QStringLiteral("flaky"), 1000);
    feed(1000);
    m_device.failed = true;
    test::runFor(m_clock, MicrophoneTest::kPollMs);
    ASSERT_TRUE(m_verdict);
    EXPECT_FALSE(m_verdict->first);
    EXPECT_TRUE(m_verdict->second.contains(QStringLiteral("stopped working")))
        << m_verdict->second.toStdString();
}

TEST_F(MicrophoneTestTest, FinishingEarlyJudgesWhatWasCapturedAndCancellingSaysWhy)
{
    m_test.start(QString(), 5000);
    feed(8192);
    test::runFor(m_clock, MicrophoneTest::kPollMs);
    m_test.finishNow();
    ASSERT_TRUE(m_verdict);
    EXPECT_TRUE(m_verdict->first);

    m_verdict.reset();
    m_test.start(QString(), 5000);
    m_test.cancel(QStringLiteral("A call started."));
    ASSERT_TRUE(m_verdict);
    EXPECT_FALSE(m_verdict->first);
    EXPECT_EQ(m_verdict->second, QStringLiteral("A call started."));
    EXPECT_FALSE(m_device.running);
}

TEST_F(MicrophoneTestTest, DurationsAreKeptWithinLimits)
{
    m_test.start(QString(), 1); // shorter than allowed: the minimum applies
    test::runFor(m_clock, MicrophoneTest::kMinDurationMs - MicrophoneTest::kPollMs);
    EXPECT_FALSE(m_verdict);
    test::runFor(m_clock, MicrophoneTest::kPollMs);
    EXPECT_TRUE(m_verdict);
}

} // namespace
} // namespace confab::calls
