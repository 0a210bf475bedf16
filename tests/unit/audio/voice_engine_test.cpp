#include "audio/monotonic_clock.h"
#include "audio/voice_engine.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <mutex>
#include <numbers>
#include <ostream>
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

// These tests run two engines in real time, back to back: they check what
// the engines do (audio arrives, the tone is heard, the counters move), never
// how punctual the machine was. Underruns, callback timing and the jitter
// buffer's decisions are covered by scripted tests (playout_grid_test,
// jitter_buffer_test). Each test waits for the behaviour it checks, with a
// limit far beyond what a busy machine needs.

// A sound card for tests: a thread calls back every 10 ms of real time with
// generated microphone samples and records what the engine plays.
//
// Or, like a sound server running its graph in quanta of another size, in
// bursts: each callback runs at the end of the quantum in which its block is
// complete, so callbacks come back to back or irregularly spaced while the
// average stays at one per 10 ms. PipeWire's ALSA plugin at a quantum of 256
// frames, for example, calls back seven times 10.67 ms apart, then once
// 5.33 ms after the last.
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
    // Calls back as a sound server with this quantum (frames) would; 0 or
    // kBlockFrames: every 10 ms. With `wobble`, each quantum's callbacks run
    // late by up to that much (a fixed pseudo-random pattern).
    void runInQuantaOf(std::uint64_t frames, std::chrono::microseconds wobble = {})
    {
        m_quantum = frames;
        m_wobble = wobble;
    }

    [[nodiscard]] std::vector<Sample> recording() const
    {
        std::lock_guard lock(m_mutex);
        return m_recording;
    }
    // The last `seconds` of the recording (all of it when shorter).
    [[nodiscard]] std::vector<Sample> lastSeconds(double seconds) const
    {
        const auto count = static_cast<std::size_t>(seconds * kSampleRate);
        std::lock_guard lock(m_mutex);
        const std::size_t from = m_recording.size() > count ? m_recording.size() - count : 0;
        return {m_recording.begin() + static_cast<std::ptrdiff_t>(from), m_recording.end()};
    }
    [[nodiscard]] std::uint64_t blocks() const { return m_blocks.load(); }

    // Other calls' audio for the engine to pass on, as a room call's mixer
    // has (set before start()).
    void forward(Microphone forwarded) { m_forwarded = std::move(forwarded); }
    std::size_t readForwarded(Sample* out, std::size_t frames) override
    {
        if (!m_forwarded) {
            return 0;
        }
        for (std::size_t i = 0; i < frames; ++i) {
            out[i] = m_forwarded(m_forwardedSamples++);
        }
        return frames;
    }

private:
    void run(AudioCallback& callback)
    {
        std::vector<Sample> input(kBlockFrames);
        std::vector<Sample> output(kBlockFrames);
        const auto origin = std::chrono::steady_clock::now();
        for (std::uint64_t block = 0; !m_stop; ++block) {
            std::this_thread::sleep_until(origin + callbackTime(block));
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

    // When the callback for `block` runs, from the stream's start.
    [[nodiscard]] std::chrono::nanoseconds callbackTime(std::uint64_t block) const
    {
        const std::uint64_t quantum = m_quantum == 0 ? kBlockFrames : m_quantum;
        const std::uint64_t quanta = ((block + 1) * kBlockFrames + quantum - 1) / quantum;
        // The first quantum is on time, as a stream starts on a quantum boundary.
        const auto late = m_wobble * static_cast<std::int64_t>((((quanta - 1) * 2654435761U) >> 7U) % 9U) / 8;
        return std::chrono::nanoseconds(quanta * quantum * 1'000'000'000 / kSampleRate) + late;
    }

    Microphone m_microphone;
    Microphone m_forwarded;
    std::uint64_t m_forwardedSamples = 0; // the engine's worker only
    std::optional<std::string> m_startError;
    std::uint64_t m_quantum = 0;
    std::chrono::microseconds m_wobble{0};
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

// Share of the power of `samples` at `frequency`: Goertzel over 20 ms
// windows, summed. Windows of their own, so a phase jump (a frame the jitter
// buffer inserts or drops) costs only the window it falls in.
double toneShare(const std::vector<Sample>& samples, double frequency)
{
    constexpr std::size_t kWindow = 960;
    const double w = 2.0 * std::numbers::pi * frequency / kSampleRate;
    const double coefficient = 2.0 * std::cos(w);
    double tone = 0;
    double total = 0;
    for (std::size_t begin = 0; begin + kWindow <= samples.size(); begin += kWindow) {
        double s1 = 0;
        double s2 = 0;
        for (std::size_t i = begin; i < begin + kWindow; ++i) {
            const double x = samples[i];
            const double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += x * x;
        }
        // A sinusoid of power P over N samples gives a Goertzel power of P * N^2 / 2.
        tone += 2.0 * (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / static_cast<double>(kWindow);
    }
    return total > 0 ? tone / total : 0.0;
}

double rms(const std::vector<Sample>& samples)
{
    double sum = 0;
    for (const Sample s : samples) {
        sum += static_cast<double>(s) * s;
    }
    return samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));
}

// Polls `done` until it holds; false after a minute without. A busy machine
// makes the tests slower, never wrong.
template <typename Predicate> bool eventually(Predicate&& done)
{
    const auto limit = std::chrono::steady_clock::now() + 60s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > limit) {
            return done();
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

// What the microphone's tone measures as RMS.
const double kSpokenRms = kToneAmplitude * 32767.0 / std::sqrt(2.0);

// The speaker plays the tone: the last `seconds` are mostly 440 Hz, at no
// less than half the level it was spoken (Opus keeps the energy of a tone).
bool hearsTone(const TestDevice& card, double seconds = 1.0)
{
    const std::vector<Sample> heard = card.lastSeconds(seconds);
    return toneShare(heard, kToneHz) > 0.8 && rms(heard) > kSpokenRms / 2.0;
}

// Milliseconds of audio the engine decoded from packets.
std::uint64_t playedMs(const VoiceEngine& engine, int frameMs)
{
    return engine.stats().framesPlayed * static_cast<std::uint64_t>(frameMs);
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
    Wire wire(alice, bob);
    // Bob's speaker plays Alice's tone, once more than a second of it went through.
    EXPECT_TRUE(eventually([&] { return playedMs(bob, GetParam()) >= 1500 && hearsTone(bobCard); }));
    const VoiceStats a = alice.stats();
    const VoiceStats b = bob.stats();
    EXPECT_LT(rms(bobCard.lastSeconds(1.0)), kSpokenRms * 2.0);
    // And Alice hears nothing back: Bob's microphone is silent.
    EXPECT_LT(rms(aliceCard.lastSeconds(1.0)), 50.0);

    // The counters moved.
    EXPECT_GT(a.framesSent, 50U);
    EXPECT_GT(notified.load(), 0);
    EXPECT_GT(b.framesReceived, 50U);
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
    Wire wire(alice, bob, 10);
    // Lost frames come back from the next frame's FEC, not only from guessing.
    EXPECT_TRUE(eventually([&] { return bob.stats().framesRecoveredFec >= 5; }));
    EXPECT_TRUE(eventually([&] { return hearsTone(bobCard); }));
    const VoiceStats a = alice.stats();
    const VoiceStats b = bob.stats();

    EXPECT_EQ(a.remoteLossPercent, 10);
    EXPECT_GT(b.receiveLossPercent, 5.0);
}

// The receiving side's card calls back in bursts, as a sound server with a
// quantum of its own size does. The audio still gets through; whether the
// bursts find it queued in time is playout_grid_test's business.
struct BurstCase {
    int frameMs;
    std::uint64_t quantum; // frames
    std::chrono::microseconds wobble{0};
};

// gtest looks for this name.
void PrintTo(const BurstCase& c, std::ostream* os) // NOLINT(readability-identifier-naming)
{
    *os << c.frameMs << " ms frames, quantum " << c.quantum << ", wobble " << c.wobble.count() << " us";
}

class VoiceEngineBurstyDeviceTest : public ::testing::TestWithParam<BurstCase> {};

TEST_P(VoiceEngineBurstyDeviceTest, CarriesAToneToASpeakerThatCallsBackInQuanta)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    bobCard.runInQuantaOf(GetParam().quantum, GetParam().wobble);
    VoiceEngine alice(aliceCard, plainSettings(GetParam().frameMs));
    VoiceEngine bob(bobCard, plainSettings(GetParam().frameMs));
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    EXPECT_TRUE(eventually([&] { return playedMs(bob, GetParam().frameMs) >= 1500 && hearsTone(bobCard); }));
    EXPECT_TRUE(bob.stats().deviceError.empty());
}

TEST_P(VoiceEngineBurstyDeviceTest, PlaysComfortNoiseUpdatesWhileTheSenderIsInDtx)
{
    TestDevice aliceCard(silenceAt);
    TestDevice bobCard(silenceAt);
    bobCard.runInQuantaOf(GetParam().quantum, GetParam().wobble);
    VoiceEngine alice(aliceCard, plainSettings(GetParam().frameMs));
    VoiceEngine bob(bobCard, plainSettings(GetParam().frameMs));
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    // The first frames and the comfort-noise updates (every 200 to 400 ms).
    EXPECT_TRUE(eventually([&] { return bob.stats().framesPlayed >= 8 && bobCard.blocks() >= 200; }));
    const VoiceStats b = bob.stats();
    EXPECT_LT(rms(bobCard.lastSeconds(1.0)), 50.0);
    // Far fewer frames than a second of talk would take.
    EXPECT_LT(b.framesReceived * static_cast<std::uint64_t>(GetParam().frameMs), bobCard.blocks() * 10 / 2);
}

INSTANTIATE_TEST_SUITE_P(Quanta, VoiceEngineBurstyDeviceTest,
                         ::testing::Values(BurstCase{5, 256}, BurstCase{5, 960, 8000us}, BurstCase{10, 256},
                                           BurstCase{10, 960, 8000us}, BurstCase{20, 256},
                                           BurstCase{20, 960, 8000us}),
                         [](const ::testing::TestParamInfo<BurstCase>& param) {
                             return std::to_string(param.param.frameMs) + "msFramesQuantum" +
                                    std::to_string(param.param.quantum) +
                                    (param.param.wobble.count() > 0 ? "Wobbling" : "");
                         });

TEST(VoiceEngineMuteTest, MutedMicrophoneSendsSilence)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    alice.setMuted(true);
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    EXPECT_TRUE(eventually([&] { return aliceCard.blocks() >= 150 && bobCard.blocks() >= 150; }));
    const VoiceStats a = alice.stats();
    const std::uint64_t blocks = aliceCard.blocks();

    EXPECT_TRUE(a.muted);
    EXPECT_EQ(a.inputLevel, 0.0);
    EXPECT_LT(rms(bobCard.lastSeconds(1.0)), 50.0);
    // Silence costs little: Opus's DTX leaves most frames unsent (fewer
    // than two in five of the 20 ms frames the captured audio makes).
    EXPECT_LT(a.framesSent, blocks / 5);
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
    EXPECT_TRUE(eventually([&] { return bobCard.blocks() >= 100; }));
    EXPECT_LT(rms(bobCard.recording()), 50.0);
    alice.setTransmitting(true);
    EXPECT_TRUE(eventually([&] { return hearsTone(bobCard, 0.5); }));
}

TEST(VoiceEngineRoomMixTest, AMicrophoneCarriedElsewhereSendsNothingUntilItIsBack)
{
    TestDevice aliceCard(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    alice.setCarriedElsewhere(true);
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    EXPECT_TRUE(eventually([&] { return bobCard.blocks() >= 100; }));
    EXPECT_EQ(alice.stats().framesSent, 0U) << "not even DTX's occasional frames";
    EXPECT_LT(rms(bobCard.recording()), 50.0);
    alice.setCarriedElsewhere(false);
    EXPECT_TRUE(eventually([&] { return hearsTone(bobCard, 0.5); }));
}

TEST(VoiceEngineRoomMixTest, ForwardedAudioGoesOutBesideAMutedMicrophone)
{
    TestDevice aliceCard(silenceAt);
    aliceCard.forward(toneAt);
    TestDevice bobCard(silenceAt);
    VoiceEngine alice(aliceCard, plainSettings(20));
    VoiceEngine bob(bobCard, plainSettings(20));
    alice.setMuted(true); // the user's own microphone only
    ASSERT_FALSE(alice.start().has_value());
    ASSERT_FALSE(bob.start().has_value());
    Wire wire(alice, bob);
    EXPECT_TRUE(eventually([&] { return hearsTone(bobCard, 0.5); }));
    EXPECT_EQ(alice.stats().inputLevel, 0.0) << "the meter shows the user's microphone, not the others";
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

    Wire wire(alice, bob);
    EXPECT_TRUE(eventually([&] { return bob.stats().framesReceived > 50; }));
    // The engine keeps running on its own silent device: frames keep being played.
    const std::uint64_t playedEarly = bob.stats().framesPlayed;
    EXPECT_TRUE(eventually([&] { return bob.stats().framesPlayed > playedEarly; }));
    const VoiceStats b = bob.stats();
    EXPECT_NE(b.deviceError.find("test sound card"), std::string::npos) << b.deviceError;
    EXPECT_NE(b.deviceError.find("device busy"), std::string::npos) << b.deviceError;
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
    {
        Wire wire(alice, bob);
        EXPECT_TRUE(eventually([&] { return !bob.stats().deviceError.empty(); }));
        const std::uint64_t playedEarly = bob.stats().framesPlayed;
        EXPECT_TRUE(eventually([&] { return bob.stats().framesPlayed > playedEarly; }));
    }
    const VoiceStats b = bob.stats();
    bob.stop(); // returns: nothing hangs on the dead device
    alice.stop();

    EXPECT_TRUE(dyingCard.failed());
    EXPECT_NE(b.deviceError.find("stopped working"), std::string::npos) << b.deviceError;
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
