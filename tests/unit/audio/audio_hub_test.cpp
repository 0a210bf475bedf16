#include "audio/audio_hub.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace confab::audio {
namespace {

using Block = std::vector<Sample>;

// A sound card the test drives by hand: start() keeps the callback, and
// run() plays one card callback through it.
class FakeCard final : public AudioDevice {
public:
    std::optional<std::string> start(AudioCallback& callback) override
    {
        ++starts;
        if (startError) {
            return startError;
        }
        m_callback = &callback;
        return std::nullopt;
    }
    void stop() override
    {
        ++stops;
        m_callback = nullptr;
    }
    [[nodiscard]] bool failed() const override { return failedFlag; }
    [[nodiscard]] std::string description() const override { return "Fake Card"; }
    [[nodiscard]] bool capturing() const override { return false; }
    [[nodiscard]] std::string warning() const override { return "no microphone"; }
    [[nodiscard]] std::optional<std::int64_t> streamOriginNs() const override { return 1234; }
    [[nodiscard]] std::uint64_t glitches() const override { return 7; }

    [[nodiscard]] bool running() const { return m_callback != nullptr; }
    [[nodiscard]] AudioCallback* callback() const { return m_callback; }

    // One card callback with `input` captured; returns what it played. The
    // output starts out as garbage, so a hub that leaves it alone is caught.
    Block run(const Block& input)
    {
        Block output(input.size(), Sample{777});
        m_callback->process(input.data(), output.data(), input.size());
        return output;
    }

    int starts = 0;
    int stops = 0;
    std::optional<std::string> startError;
    bool failedFlag = false;

private:
    AudioCallback* m_callback = nullptr;
};

// A voice engine as the hub sees it: records what it captured and plays `playback`.
class FakeEngine final : public AudioCallback {
public:
    explicit FakeEngine(Block toPlay = {}) : playback(std::move(toPlay)) {}

    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        ++calls;
        lastInputWasNull = input == nullptr;
        captured.assign(frames, 0);
        if (input != nullptr) {
            std::copy_n(input, frames, captured.begin());
        }
        for (std::size_t i = 0; i < frames; ++i) {
            output[i] = i < playback.size() ? playback[i] : Sample{0};
        }
    }

    Block playback;
    Block captured;
    int calls = 0;
    bool lastInputWasNull = false;
};

Block constant(Sample value, std::size_t frames = kBlockFrames)
{
    return Block(frames, value);
}

// Distinct, signed values, so any sample moved, dropped or altered shows.
Block ramp(int start, int step, std::size_t frames = kBlockFrames)
{
    Block block(frames);
    for (std::size_t i = 0; i < frames; ++i) {
        block[i] = static_cast<Sample>(start + step * static_cast<int>(i));
    }
    return block;
}

Block sum(const Block& a, const Block& b)
{
    Block out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        out[i] = static_cast<Sample>(a[i] + b[i]);
    }
    return out;
}

// Everything waiting in one of a port's rings.
Block drain(AudioHubPort& port, std::size_t (AudioHubPort::*read)(Sample*, std::size_t))
{
    Block out(AudioHubPort::kPlayedFrames + kBlockFrames);
    out.resize((port.*read)(out.data(), out.size()));
    return out;
}

Block readAll(AudioHubPort& port)
{
    return drain(port, &AudioHubPort::readPlayed);
}

Block readForwarded(AudioHubPort& port)
{
    return drain(port, &AudioHubPort::readForwarded);
}

TEST(AudioHub, OnePortPassesCaptureAndPlaybackThroughUnchanged)
{
    FakeCard card;
    AudioHub hub(card);
    auto port = hub.openPort();
    FakeEngine engine(ramp(-20000, 83));
    ASSERT_EQ(port->start(engine), std::nullopt);

    const Block mic = ramp(15000, -61);
    EXPECT_EQ(card.run(mic), engine.playback);
    EXPECT_EQ(engine.captured, mic);
    EXPECT_EQ(engine.calls, 1);

    // A short block is served as it is.
    const Block shortMic = ramp(100, 3, 100);
    EXPECT_EQ(card.run(shortMic), Block(engine.playback.begin(), engine.playback.begin() + 100));
    EXPECT_EQ(engine.captured, shortMic);
}

TEST(AudioHub, TwoPortsHearTheSameCaptureAndTheirPlaybackIsSummed)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a(ramp(-5000, 17));
    FakeEngine b(ramp(3000, -9));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);

    const Block mic = ramp(-1000, 5);
    EXPECT_EQ(card.run(mic), sum(a.playback, b.playback));
    EXPECT_EQ(a.captured, mic);
    EXPECT_EQ(b.captured, mic);
}

TEST(AudioHub, SumClipsAtTheSampleLimits)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a({30000, -30000, 32767, -32768, 100});
    FakeEngine b({10000, -10000, 32767, -32768, -300});
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);

    const Block out = card.run(constant(0, 5));
    EXPECT_EQ(out, (Block{32767, -32768, 32767, -32768, -200}));
}

TEST(AudioHub, GainScalesOnePortAndZeroSilencesIt)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a(constant(8000));
    FakeEngine b(ramp(-2000, 7));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    EXPECT_EQ(first->gain(), 1.0F);

    first->setGain(0.0F);
    EXPECT_EQ(card.run(constant(0)), b.playback);
    EXPECT_EQ(a.calls, 1) << "a muted member's engine keeps running";

    first->setGain(0.5F);
    EXPECT_EQ(card.run(constant(0)), sum(constant(4000), b.playback));

    first->setGain(-3.0F);
    EXPECT_EQ(first->gain(), 0.0F);
    first->setGain(1000.0F);
    EXPECT_EQ(first->gain(), AudioHubPort::kMaxGain);
}

TEST(AudioHub, CardStartsWithTheFirstPortAndStopsAfterTheLast)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    EXPECT_EQ(card.starts, 0) << "opening a port does not start the card";

    FakeEngine a(constant(100));
    FakeEngine b(constant(20));
    ASSERT_EQ(first->start(a), std::nullopt);
    EXPECT_EQ(card.starts, 1);
    ASSERT_EQ(second->start(b), std::nullopt);
    EXPECT_EQ(card.starts, 1);
    EXPECT_TRUE(first->start(a).has_value()) << "a started port refuses a second start";

    first->stop();
    EXPECT_EQ(card.stops, 0);
    ASSERT_TRUE(card.running());
    EXPECT_EQ(card.run(constant(0)), constant(20)) << "a stopped port is no longer mixed";
    EXPECT_EQ(a.calls, 0);
    EXPECT_EQ(b.calls, 1);

    second->stop();
    EXPECT_EQ(card.stops, 1);
    EXPECT_FALSE(card.running());
    second->stop(); // not started: nothing happens
    first->stop();
    EXPECT_EQ(card.stops, 1);

    ASSERT_EQ(second->start(b), std::nullopt);
    EXPECT_EQ(card.starts, 2);
    second.reset(); // destroying a started port stops it
    EXPECT_EQ(card.stops, 2);
}

TEST(AudioHub, CardStartFailureIsReturnedAndNothingStaysAttached)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a(constant(1000));
    FakeEngine b(constant(50));

    card.startError = "The sound card is busy.";
    EXPECT_EQ(first->start(a), std::optional<std::string>("The sound card is busy."));
    EXPECT_EQ(card.starts, 1);
    first->stop(); // it never started
    EXPECT_EQ(card.stops, 0);

    card.startError.reset();
    ASSERT_EQ(second->start(b), std::nullopt);
    EXPECT_EQ(card.starts, 2) << "the next port tries the card again";
    EXPECT_EQ(card.run(constant(0)), constant(50));
    EXPECT_EQ(a.calls, 0) << "the failed port must not be mixed";

    ASSERT_EQ(first->start(a), std::nullopt);
    EXPECT_EQ(card.run(constant(0)), constant(1050));
}

TEST(AudioHub, ReadPlayedReturnsTheWholeMixToEveryPort)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a;
    FakeEngine b(constant(-40));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    EXPECT_TRUE(readAll(*first).empty());

    Block expected;
    for (int k = 0; k < 3; ++k) {
        a.playback = ramp(1000 * k, 3);
        const Block out = card.run(constant(0));
        EXPECT_EQ(out, sum(a.playback, b.playback));
        expected.insert(expected.end(), out.begin(), out.end());
    }
    EXPECT_EQ(readAll(*first), expected);
    EXPECT_EQ(readAll(*second), expected);
    EXPECT_TRUE(readAll(*first).empty());

    // Restarting a port clears what it had not read.
    card.run(constant(0));
    first->stop();
    ASSERT_EQ(first->start(a), std::nullopt);
    EXPECT_TRUE(readAll(*first).empty());
    EXPECT_EQ(readAll(*second).size(), kBlockFrames);
}

TEST(AudioHub, ForwardingGivesEachPortWhatTheOthersPlayedButNotItsOwn)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    auto third = hub.openPort();
    FakeEngine a(ramp(-3000, 7));
    FakeEngine b(ramp(2000, -5));
    FakeEngine c(constant(300));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    ASSERT_EQ(third->start(c), std::nullopt);

    // Off at first: a mesh call passes nothing on.
    EXPECT_FALSE(hub.forwarding());
    card.run(constant(100));
    EXPECT_TRUE(readForwarded(*first).empty());

    hub.setForwarding(true);
    // The user silencing a member for themselves does not silence them for
    // the others: the forwarded audio is taken before the gains.
    second->setGain(0.0F);
    const Block mic = constant(100);
    EXPECT_EQ(card.run(mic), sum(a.playback, c.playback));
    EXPECT_EQ(readForwarded(*first), sum(b.playback, c.playback));
    EXPECT_EQ(readForwarded(*second), sum(a.playback, c.playback));
    EXPECT_EQ(readForwarded(*third), sum(a.playback, b.playback));
    // The microphone itself is not forwarded: each engine has it already.
    EXPECT_EQ(a.captured, mic);

    hub.setForwarding(false);
    card.run(mic);
    EXPECT_TRUE(readForwarded(*first).empty());
}

TEST(AudioHub, APortOutOfTheMixAndMembersLeftOutAreNotForwarded)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    auto third = hub.openPort();
    auto direct = hub.openPort();
    EXPECT_NE(first->serial(), second->serial());
    EXPECT_NE(first->serial(), 0U);
    FakeEngine a(constant(1));
    FakeEngine b(constant(20));
    FakeEngine c(constant(300));
    FakeEngine d(constant(4000));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    ASSERT_EQ(third->start(c), std::nullopt);
    ASSERT_EQ(direct->start(d), std::nullopt);
    hub.setForwarding(true);
    // A member who talks with everyone directly: forwarding them would let
    // the others hear them twice, and forwarding to them would too.
    direct->setInMix(false);
    // The first member silenced the third for themselves.
    const std::array<std::uint64_t, 1> silenced{third->serial()};
    first->setLeftOut(silenced);

    EXPECT_EQ(card.run(constant(0)), constant(4321)) << "this machine's speaker still plays everyone";
    EXPECT_EQ(readForwarded(*first), constant(20));
    EXPECT_EQ(readForwarded(*second), constant(301));
    EXPECT_EQ(readForwarded(*third), constant(21));
    EXPECT_TRUE(readForwarded(*direct).empty());

    first->setLeftOut({});
    direct->setInMix(true);
    card.run(constant(0));
    EXPECT_EQ(readForwarded(*first), constant(4320));
}

TEST(AudioHub, ForwardedAudioClipsAndARestartedPortStartsEmpty)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    auto third = hub.openPort();
    FakeEngine a(constant(30000));
    FakeEngine b(constant(20000));
    FakeEngine c(constant(-100));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    ASSERT_EQ(third->start(c), std::nullopt);
    hub.setForwarding(true);

    card.run(constant(0));
    EXPECT_EQ(readForwarded(*third), constant(32767));
    EXPECT_EQ(readForwarded(*first), constant(19900));
    EXPECT_EQ(readForwarded(*second), constant(29900));

    card.run(constant(0));
    first->stop();
    ASSERT_EQ(first->start(a), std::nullopt);
    EXPECT_TRUE(readForwarded(*first).empty());
    EXPECT_EQ(readForwarded(*second).size(), kBlockFrames);
}

TEST(AudioHub, ReadPlayedKeepsTheOldestWholeBlocksWhenTheReaderFallsBehind)
{
    FakeCard card;
    AudioHub hub(card);
    auto port = hub.openPort();
    FakeEngine engine;
    ASSERT_EQ(port->start(engine), std::nullopt);

    constexpr std::size_t kBlocks = AudioHubPort::kPlayedFrames / kBlockFrames;
    for (std::size_t k = 0; k < kBlocks + 3; ++k) {
        engine.playback = constant(static_cast<Sample>(k + 1));
        card.run(constant(0));
    }
    const Block got = readAll(*port);
    ASSERT_EQ(got.size(), AudioHubPort::kPlayedFrames);
    EXPECT_EQ(got.front(), 1);
    EXPECT_EQ(got.back(), static_cast<Sample>(kBlocks));

    engine.playback = constant(99);
    card.run(constant(0));
    EXPECT_EQ(readAll(*port), constant(99)) << "once read, new blocks fit again";

    // A block that only partly fits is dropped whole, never cut.
    for (std::size_t k = 0; k + 1 < kBlocks; ++k) {
        card.run(constant(0));
    }
    card.run(constant(0, 100));
    card.run(constant(0));
    EXPECT_EQ(readAll(*port).size(), AudioHubPort::kPlayedFrames - kBlockFrames + 100);
}

TEST(AudioHub, PlaybackLevelFollowsLoudnessAndFallsAfterSilence)
{
    FakeCard card;
    AudioHub hub(card);
    auto port = hub.openPort();
    FakeEngine engine(constant(-16384));
    EXPECT_EQ(port->playbackLevel(), 0.0F);
    ASSERT_EQ(port->start(engine), std::nullopt);

    card.run(constant(0));
    EXPECT_FLOAT_EQ(port->playbackLevel(), 0.5F);

    // The level is the peak times the gain; sourceLevel() is the peak
    // before it: how loud the member is for everyone else.
    port->setGain(0.5F);
    EXPECT_FLOAT_EQ(port->playbackLevel(), 0.25F);
    EXPECT_FLOAT_EQ(port->sourceLevel(), 0.5F);
    for (std::size_t k = 1; k < AudioHubPort::kLevelBlocks; ++k) {
        card.run(constant(0));
    }
    EXPECT_FLOAT_EQ(port->playbackLevel(), 0.25F);

    engine.playback = constant(0);
    for (std::size_t k = 1; k < AudioHubPort::kLevelBlocks; ++k) {
        card.run(constant(0));
    }
    EXPECT_FLOAT_EQ(port->playbackLevel(), 0.25F) << "the window is about 100 ms";
    card.run(constant(0));
    EXPECT_LT(port->playbackLevel(), 0.001F);

    engine.playback = constant(-16384);
    card.run(constant(0));
    EXPECT_GT(port->playbackLevel(), 0.2F);
    port->stop();
    EXPECT_EQ(port->playbackLevel(), 0.0F) << "a stopped port is not speaking";
}

TEST(AudioHub, RefusesMoreThanMaxPorts)
{
    FakeCard card;
    AudioHub hub(card);
    std::vector<std::unique_ptr<AudioHubPort>> ports;
    std::vector<FakeEngine> engines(AudioHub::kMaxPorts + 1, FakeEngine(constant(1)));
    for (std::size_t i = 0; i <= AudioHub::kMaxPorts; ++i) {
        ports.push_back(hub.openPort());
    }
    for (std::size_t i = 0; i < AudioHub::kMaxPorts; ++i) {
        ASSERT_EQ(ports[i]->start(engines[i]), std::nullopt) << "port " << i;
    }
    const std::optional<std::string> error = ports.back()->start(engines.back());
    ASSERT_TRUE(error.has_value());
    EXPECT_FALSE(error->empty());
    EXPECT_EQ(card.run(constant(0)), constant(static_cast<Sample>(AudioHub::kMaxPorts)));
    EXPECT_EQ(engines.back().calls, 0);

    ports.front()->stop();
    EXPECT_EQ(ports.back()->start(engines.back()), std::nullopt) << "a freed slot can be taken";
    card.run(constant(0));
    EXPECT_EQ(engines.back().calls, 1);
}

TEST(AudioHub, WithoutPortsPlaysSilenceAndNullBuffersAreHandled)
{
    FakeCard card;
    AudioHub hub(card);
    auto first = hub.openPort();
    auto second = hub.openPort();
    FakeEngine a(constant(500));
    FakeEngine b(constant(600));
    ASSERT_EQ(first->start(a), std::nullopt);
    ASSERT_EQ(second->start(b), std::nullopt);
    AudioCallback* hubCallback = card.callback();
    ASSERT_NE(hubCallback, nullptr);

    // No microphone: the engines are told so. No speaker: they still run,
    // and the echo reference says nothing was played.
    hubCallback->process(nullptr, nullptr, kBlockFrames);
    EXPECT_EQ(a.calls, 1);
    EXPECT_TRUE(a.lastInputWasNull);
    EXPECT_TRUE(b.lastInputWasNull);
    EXPECT_EQ(readAll(*first), constant(0));
    EXPECT_GT(first->playbackLevel(), 0.0F);

    // The card's own callback, with every port gone: silence.
    first->stop();
    second->stop();
    Block output = constant(777);
    const Block mic = constant(5);
    hubCallback->process(mic.data(), output.data(), output.size());
    EXPECT_EQ(output, constant(0));
}

TEST(AudioHub, PortsReportTheCard)
{
    FakeCard card;
    AudioHub hub(card);
    auto port = hub.openPort();
    EXPECT_EQ(port->description(), "Fake Card");
    EXPECT_FALSE(port->capturing());
    EXPECT_TRUE(port->playing());
    EXPECT_EQ(port->warning(), "no microphone");
    EXPECT_EQ(port->streamOriginNs(), std::optional<std::int64_t>(1234));
    EXPECT_EQ(port->outputStreamOffsetFrames(), std::nullopt);
    EXPECT_EQ(port->glitches(), 7u);
    EXPECT_FALSE(port->failed());
    card.failedFlag = true;
    EXPECT_TRUE(port->failed());
    // Unlike the card, a port is one of several playing through the speaker.
    EXPECT_FALSE(card.sharesPlayback());
    EXPECT_TRUE(port->sharesPlayback());
}

// While another port keeps the card running on a second thread, a port is
// started and stopped over and over: once stop() has returned, its callback
// must not be running, nor start again. No clock is involved: the test
// waits for the card thread to have run the port before stopping it, and the
// callback spins a little, so a stop() that does not wait for it would be
// caught inside.
TEST(AudioHub, StopReturnsOnlyOnceThePortsCallbackCannotRun)
{
    class GuardedEngine final : public AudioCallback {
    public:
        void process(const Sample*, Sample* output, std::size_t frames) noexcept override
        {
            inside.store(true);
            if (!allowed.load()) {
                violations.fetch_add(1);
            }
            for (int i = 0; i < 2000; ++i) {
                spin.fetch_add(1, std::memory_order_relaxed);
            }
            std::fill_n(output, frames, Sample{0});
            calls.fetch_add(1);
            inside.store(false);
        }
        std::atomic<bool> allowed{false};
        std::atomic<bool> inside{false};
        std::atomic<int> violations{0};
        std::atomic<int> calls{0};
        std::atomic<int> spin{0};
    };

    FakeCard card;
    AudioHub hub(card);
    auto keeper = hub.openPort();
    FakeEngine keeperEngine;
    ASSERT_EQ(keeper->start(keeperEngine), std::nullopt);
    AudioCallback* hubCallback = card.callback();
    auto port = hub.openPort();
    GuardedEngine guarded;

    std::atomic<bool> done{false};
    std::thread cardThread([&] {
        std::vector<Sample> input(kBlockFrames, 0);
        std::vector<Sample> output(kBlockFrames, 0);
        while (!done.load()) {
            hubCallback->process(input.data(), output.data(), kBlockFrames);
        }
    });
    int caughtInside = 0;
    for (int i = 0; i < 200; ++i) {
        guarded.allowed.store(true);
        const int before = guarded.calls.load();
        ASSERT_EQ(port->start(guarded), std::nullopt);
        // Stop only once the card thread has run the port, so that it is
        // most likely back inside it, not merely about to be.
        while (guarded.calls.load() == before) {
            std::this_thread::yield();
        }
        port->stop();
        caughtInside += guarded.inside.load() ? 1 : 0;
        guarded.allowed.store(false);
    }
    const int callsAtEnd = guarded.calls.load();
    done.store(true);
    cardThread.join();
    EXPECT_EQ(caughtInside, 0);
    EXPECT_EQ(guarded.violations.load(), 0);
    EXPECT_EQ(guarded.calls.load(), callsAtEnd);
    keeper->stop();
}

} // namespace
} // namespace confab::audio
