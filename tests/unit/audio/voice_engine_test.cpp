#include "audio/monotonic_clock.h"
#include "audio/voice_engine.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <mutex>
#include <numbers>
#include <thread>
#include <vector>

namespace confab::audio {
namespace {

using namespace std::chrono_literals;

constexpr double kToneHz = 440.0;
constexpr double kToneAmplitude = 0.3;

Sample toneAt(std::uint64_t n)
{
    const double t = static_cast<double>(n) / kSampleRate;
    return static_cast<Sample>(kToneAmplitude * 32767.0 * std::sin(2.0 * std::numbers::pi * kToneHz * t));
}

// A sound card for tests: a thread calls back every 10 ms of real time with
// generated microphone samples and records what the engine plays.
class TestDevice final : public AudioDevice {
public:
    using Microphone = std::function<Sample(std::uint64_t sample)>;

    explicit TestDevice(Microphone microphone) : m_microphone(std::move(microphone)) {}
    ~TestDevice() override { stop(); }
    TestDevice(const TestDevice&) = delete;
    TestDevice& operator=(const TestDevice&) = delete;

    std::optional<std::string> start(AudioCallback& callback) override
    {
        if (m_startError) {
            return m_startError;
        }
        m_stop = false;
        m_thread = std::thread([this, &callback] { run(callback); });
        return std::nullopt;
    }

    void stop() override
    {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

    [[nodiscard]] bool failed() const override { return m_failed.load(); }
    [[nodiscard]] std::string description() const override { return "test sound card"; }

    // The next start() fails with this error.
    void refuseToStart(std::string error) { m_startError = std::move(error); }
    // After this many blocks, the device reports failure and stops calling back.
    void dieAfterBlocks(std::uint64_t blocks) { m_dieAfter = blocks; }

    [[nodiscard]] std::vector<Sample> recording() const
    {
        std::lock_guard lock(m_mutex);
        return m_recording;
    }
    [[nodiscard]] std::uint64_t blocks() const { return m_blocks.load(); }

private:
    void run(AudioCallback& callback)
    {
        std::vector<Sample> input(kBlockFrames);
        std::vector<Sample> output(kBlockFrames);
        const auto origin = std::chrono::steady_clock::now();
        for (std::uint64_t block = 0; !m_stop; ++block) {
            std::this_thread::sleep_until(origin + (block + 1) * 10ms);
            if (block >= m_dieAfter) {
                m_failed = true;
                return; // like an unplugged card: no more callbacks
            }
            for (std::size_t i = 0; i < kBlockFrames; ++i) {
                input[i] = m_microphone(block * kBlockFrames + i);
            }
            callback.process(input.data(), output.data(), kBlockFrames);
            {
                std::lock_guard lock(m_mutex);
                m_recording.insert(m_recording.end(), output.begin(), output.end());
            }
            m_blocks = block + 1;
        }
    }

    Microphone m_microphone;
    std::optional<std::string> m_startError;
    std::uint64_t m_dieAfter = UINT64_MAX;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_failed{false};
    std::atomic<std::uint64_t> m_blocks{0};
    mutable std::mutex m_mutex;
    std::vector<Sample> m_recording;
};

// The network between two engines: moves frames both ways, stamping arrival.
class Wire {
public:
    // Every `dropEvery`-th frame from a to b is lost (0: none).
    Wire(VoiceEngine& a, VoiceEngine& b, std::uint64_t dropEvery = 0) : m_a(a), m_b(b), m_dropEvery(dropEvery)
    {
        m_thread = std::thread([this] {
            while (!m_stop) {
                carry(m_a, m_b, m_aToB, m_dropEvery);
                carry(m_b, m_a, m_bToA, 0);
                std::this_thread::sleep_for(500us);
            }
        });
    }
    ~Wire()
    {
        m_stop = true;
        m_thread.join();
    }
    Wire(const Wire&) = delete;
    Wire& operator=(const Wire&) = delete;

    [[nodiscard]] std::uint64_t carriedAToB() const { return m_aToB.load(); }

private:
    static void carry(VoiceEngine& from, VoiceEngine& to, std::atomic<std::uint64_t>& counter,
                      std::uint64_t dropEvery)
    {
        VoiceFrame frame;
        while (from.popOutgoing(frame)) {
            ++counter;
            if (dropEvery != 0 && counter % dropEvery == 0) {
                continue;
            }
            frame.arrivalNs = monotonicNowNs();
            to.pushIncoming(frame);
        }
    }

    VoiceEngine& m_a;
    VoiceEngine& m_b;
    std::uint64_t m_dropEvery;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_aToB{0};
    std::atomic<std::uint64_t> m_bToA{0};
    std::thread m_thread;
};

// Power of `frequency` in `samples` (Goertzel), as a share of the total power.
double toneShare(const std::vector<Sample>& samples, double frequency)
{
    const double w = 2.0 * std::numbers::pi * frequency / kSampleRate;
    const double coefficient = 2.0 * std::cos(w);
    double s1 = 0;
    double s2 = 0;
    double total = 0;
    for (const Sample sample : samples) {
        const double x = sample;
        const double s0 = x + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
        total += x * x;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    // A sinusoid of power P over N samples gives a Goertzel power of P * N^2 / 2.
    const auto n = static_cast<double>(samples.size());
    return total > 0 ? (2.0 * power / n) / total : 0.0;
}

double rms(const std::vector<Sample>& samples)
{
    double sum = 0;
    for (const Sample s : samples) {
        sum += static_cast<double>(s) * s;
    }
    return samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));
}

std::vector<Sample> lastSeconds(const std::vector<Sample>& recording, double seconds)
{
    const auto count = static_cast<std::size_t>(seconds * kSampleRate);
    if (recording.size() <= count) {
        return recording;
    }
    return {recording.end() - static_cast<std::ptrdiff_t>(count), recording.end()};
}

Sample silenceAt(std::uint64_t)
{
    return 0;
}

VoiceSettings plainSettings(int frameMs)
{
    // The tone must reach the other side as it is: no noise suppression
    // (a steady tone is exactly what it removes) and no gain control.
    VoiceSettings settings;
    settings.frameMs = frameMs;
    settings.echoCancellation = false;
    settings.noiseSuppression = false;
    settings.autoGain = false;
    return settings;
}

class VoiceEngineTest : public ::testing::TestWithParam<int> {};

TEST_P(VoiceEngineTest, CarriesAToneFromOneMicrophoneToTheOtherSpeaker)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(GetParam()));
    VoiceEngine bob(bobCard, plainSettings(GetParam()));
    std::atomic<int> notified{0};
    alice.setOutgoingNotifier([&notified] { ++notified; });
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    {
        Wire wire(alice, bob);
        std::this_thread::sleep_for(2s);
    }
    const VoiceStats a = alice.stats();
    const VoiceStats b = bob.stats();
    alice.stop();
    bob.stop();

    const std::vector<Sample> heard = lastSeconds(bobCard.recording(), 1.0);
    // Bob's speaker plays Alice's tone: most of the power at 440 Hz, at about
    // the level it was spoken (Opus keeps the energy of a tone).
    EXPECT_GT(toneShare(heard, kToneHz), 0.8);
    const double spoken = kToneAmplitude * 32767.0 / std::sqrt(2.0);
    EXPECT_GT(rms(heard), spoken / 2.0);
    EXPECT_LT(rms(heard), spoken * 2.0);
    // And Alice hears nothing back: Bob's microphone is silent.
    EXPECT_LT(rms(lastSeconds(aliceCard.recording(), 1.0)), 50.0);

    // The counters moved.
    EXPECT_GT(a.framesSent, 50U);
    EXPECT_GT(notified.load(), 0);
    EXPECT_GT(b.framesReceived, 50U);
    EXPECT_GT(b.framesPlayed, 50U);
    EXPECT_GT(a.inputLevel, 0.25);
    EXPECT_LT(a.inputLevel, 0.35);
    EXPECT_EQ(a.bitrate, 32000);
    EXPECT_GE(a.complexity, 3);
    EXPECT_FALSE(a.muted);
    EXPECT_TRUE(a.deviceError.empty());
    EXPECT_TRUE(b.deviceError.empty());
}

INSTANTIATE_TEST_SUITE_P(FrameLength, VoiceEngineTest, ::testing::Values(10, 20),
                         [](const ::testing::TestParamInfo<int>& param) {
                             return std::to_string(param.param) + "ms";
                         });

TEST(VoiceEngineLossTest, LostFramesAreRebuiltFromFec)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    // What Bob's loss reports would tell Alice: she adds FEC for 10 % loss.
    alice.setRemoteLossPercent(10);
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    {
        Wire wire(alice, bob, 10);
        std::this_thread::sleep_for(3s);
    }
    const VoiceStats a = alice.stats();
    const VoiceStats b = bob.stats();
    alice.stop();
    bob.stop();

    EXPECT_EQ(a.remoteLossPercent, 10);
    EXPECT_GT(b.receiveLossPercent, 5.0);
    EXPECT_LT(b.receiveLossPercent, 15.0);
    // Most lost frames come back from the next frame's FEC, not from guessing.
    EXPECT_GT(b.framesRecoveredFec, 5U);
    EXPECT_GT(b.framesRecoveredFec, b.framesConcealed);
    EXPECT_GT(toneShare(lastSeconds(bobCard.recording(), 1.0), kToneHz), 0.8);
}

TEST(VoiceEngineMuteTest, MutedMicrophoneSendsSilence)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    alice.setMuted(true);
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    {
        Wire wire(alice, bob);
        std::this_thread::sleep_for(1500ms);
    }
    const VoiceStats a = alice.stats();
    alice.stop();
    bob.stop();

    EXPECT_TRUE(a.muted);
    EXPECT_EQ(a.inputLevel, 0.0);
    EXPECT_LT(rms(lastSeconds(bobCard.recording(), 1.0)), 50.0);
    // Silence costs little: Opus's DTX leaves most frames unsent.
    EXPECT_LT(a.framesSent, 30U);
}

TEST(VoiceEngineMuteTest, PushToTalkSendsOnlyWhileTransmitting)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    alice.setTransmitting(false);
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    std::this_thread::sleep_for(1200ms);
    EXPECT_LT(rms(lastSeconds(bobCard.recording(), 0.8)), 50.0);
    alice.setTransmitting(true);
    std::this_thread::sleep_for(1200ms);
    EXPECT_GT(toneShare(lastSeconds(bobCard.recording(), 0.8), kToneHz), 0.8);
}

TEST(VoiceEngineDeviceTest, DeviceThatCannotStartLeavesTheCallRunningOnSilence)
{
    TestDevice aliceCard(toneAt);
    TestDevice brokenCard(silenceAt);
    brokenCard.refuseToStart("device busy");
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(brokenCard, plainSettings(20));
    ASSERT_FALSE(alice.start().has_value());
    const std::optional<std::string> error = bob.start();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error, "device busy");

    std::uint64_t playedEarly = 0;
    {
        Wire wire(alice, bob);
        std::this_thread::sleep_for(700ms);
        playedEarly = bob.stats().framesPlayed;
        std::this_thread::sleep_for(700ms);
    }
    const VoiceStats b = bob.stats();
    alice.stop();
    bob.stop();

    EXPECT_NE(b.deviceError.find("test sound card"), std::string::npos) << b.deviceError;
    EXPECT_NE(b.deviceError.find("device busy"), std::string::npos) << b.deviceError;
    // The engine keeps running on its own silent device: frames keep being played.
    EXPECT_GT(b.framesPlayed, playedEarly);
    EXPECT_GT(b.framesReceived, 50U);
}

TEST(VoiceEngineDeviceTest, DeviceFailingMidCallIsReplacedBySilence)
{
    TestDevice aliceCard(toneAt);
    TestDevice dyingCard(silenceAt);
    dyingCard.dieAfterBlocks(50); // half a second into the call
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(dyingCard, plainSettings(20));
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());

    std::uint64_t playedEarly = 0;
    {
        Wire wire(alice, bob);
        std::this_thread::sleep_for(1000ms);
        playedEarly = bob.stats().framesPlayed;
        std::this_thread::sleep_for(700ms);
    }
    const VoiceStats b = bob.stats();
    bob.stop(); // returns: nothing hangs on the dead device
    alice.stop();

    EXPECT_TRUE(dyingCard.failed());
    EXPECT_NE(b.deviceError.find("stopped working"), std::string::npos) << b.deviceError;
    EXPECT_GT(b.framesPlayed, playedEarly);
}

TEST(VoiceEngineDeviceTest, StopWithoutStartAndStopTwiceAreHarmless)
{
    TestDevice card(silenceAt);
    VoiceEngine engine(card, VoiceSettings{});
    engine.stop();
    ASSERT_FALSE(engine.start().has_value());
    engine.stop();
    engine.stop();
    EXPECT_TRUE(engine.stats().deviceError.empty());
}

} // namespace
} // namespace confab::audio
