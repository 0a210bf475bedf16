// The ringer on its own (tone out, microphone ignored, device released,
// refusal survives) and inside the call service, where it must hand the very
// same device over to the call's voice engine.
#include "calls/call_service.h"
#include "calls/ringer.h"
#include "crypto/identity.h"
#include "net/qt_clock.h"
#include "net/tcp_network.h"
#include "session/link_manager.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/wait.h"

#include <QTimer>

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>
#include <vector>

namespace confab::calls {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;
using proto::CallPhase;

// A sound card for tests: a loud microphone, and a record of everything it
// was asked to play and of every start and stop, at the real 10 ms pace on a
// thread of its own. Starting it while it runs is a mistake it remembers.
class RecordingDevice final : public audio::AudioDevice {
public:
    ~RecordingDevice() override { stop(); }

    std::optional<std::string> start(audio::AudioCallback& callback) override
    {
        std::lock_guard lock(m_mutex);
        if (m_refuse) {
            m_log.push_back("refused");
            return std::string("the test device refuses to open");
        }
        if (m_running) {
            m_doubleStart = true;
            return std::string("already running");
        }
        m_log.push_back("start");
        m_running = true;
        m_thread = std::thread([this, &callback] {
            std::vector<audio::Sample> in(audio::kBlockFrames);
            std::vector<audio::Sample> out(audio::kBlockFrames);
            auto next = std::chrono::steady_clock::now();
            std::uint64_t n = 0;
            while (m_running) {
                for (auto& s : in) {
                    s = static_cast<audio::Sample>((n++ % 2 == 0) ? 20000 : -20000);
                }
                callback.process(in.data(), out.data(), out.size());
                {
                    std::lock_guard record(m_mutex);
                    m_played.insert(m_played.end(), out.begin(), out.end());
                }
                next += std::chrono::milliseconds(10);
                std::this_thread::sleep_until(next);
            }
        });
        return std::nullopt;
    }
    void stop() override
    {
        std::thread thread;
        {
            std::lock_guard lock(m_mutex);
            if (!m_running) {
                return;
            }
            m_running = false;
            m_log.push_back("stop");
            thread = std::move(m_thread);
        }
        thread.join();
    }
    [[nodiscard]] bool failed() const override { return false; }
    [[nodiscard]] std::string description() const override { return "recording"; }

    void refuse(bool refuse)
    {
        std::lock_guard lock(m_mutex);
        m_refuse = refuse;
    }
    [[nodiscard]] std::vector<audio::Sample> played() const
    {
        std::lock_guard lock(m_mutex);
        return m_played;
    }
    void clearPlayed()
    {
        std::lock_guard lock(m_mutex);
        m_played.clear();
    }
    [[nodiscard]] std::vector<std::string> log() const
    {
        std::lock_guard lock(m_mutex);
        return m_log;
    }
    [[nodiscard]] bool running() const { return m_running; }
    [[nodiscard]] bool doubleStart() const { return m_doubleStart; }

private:
    mutable std::mutex m_mutex;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_doubleStart{false};
    bool m_refuse = false;
    std::vector<audio::Sample> m_played;
    std::vector<std::string> m_log;
};

// The device's thread posts no events: a ticking timer wakes the wait to look.
template <typename Predicate> bool poll(Predicate&& done)
{
    QTimer tick;
    tick.start(5);
    return waitUntil(std::forward<Predicate>(done));
}

bool waitForPlayed(const RecordingDevice& device, std::size_t frames)
{
    return poll([&] { return device.played().size() >= frames; });
}

TEST(RingerTest, PlaysTheRingToneAndIgnoresTheMicrophone)
{
    RecordingDevice device;
    Ringer ringer(device);
    EXPECT_FALSE(ringer.isRinging());
    ASSERT_FALSE(ringer.start());
    EXPECT_TRUE(ringer.isRinging());
    EXPECT_FALSE(ringer.start()) << "a second start changes nothing";
    ASSERT_TRUE(waitForPlayed(device, audio::framesForMs(300)));
    ringer.stop();
    EXPECT_FALSE(ringer.isRinging());
    EXPECT_FALSE(device.running()) << "the device is released";

    // Exactly the ring's first burst, although the microphone was loud all along.
    const std::vector<audio::Sample> period = audio::makeRingPeriod();
    const std::vector<audio::Sample> played = device.played();
    ASSERT_GE(played.size(), audio::framesForMs(300));
    EXPECT_TRUE(std::equal(played.begin(), played.end(), period.begin()));
    EXPECT_EQ(device.log(), (std::vector<std::string>{"start", "stop"}));
    EXPECT_FALSE(device.doubleStart());
}

TEST(RingerTest, EachRingStartsAtTheBeginningOfABurst)
{
    RecordingDevice device;
    Ringer ringer(device);
    ASSERT_FALSE(ringer.start());
    ASSERT_TRUE(waitForPlayed(device, audio::framesForMs(200)));
    ringer.stop();
    device.clearPlayed();
    ASSERT_FALSE(ringer.start());
    ASSERT_TRUE(waitForPlayed(device, audio::framesForMs(50)));
    ringer.stop();
    const std::vector<audio::Sample> period = audio::makeRingPeriod();
    const std::vector<audio::Sample> played = device.played();
    EXPECT_TRUE(std::equal(played.begin(), played.end(), period.begin()));
}

TEST(RingerTest, ADeviceThatCannotOpenLeavesItSilentAndHarmless)
{
    RecordingDevice device;
    device.refuse(true);
    Ringer ringer(device);
    const auto error = ringer.start();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error, "the test device refuses to open");
    EXPECT_FALSE(ringer.isRinging());
    ringer.stop(); // nothing to stop
    EXPECT_EQ(device.log(), (std::vector<std::string>{"refused"}));

    device.refuse(false);
    EXPECT_FALSE(ringer.start()) << "the next ring tries again";
    EXPECT_TRUE(ringer.isRinging());
}

TEST(RingerTest, TheDestructorReleasesTheDevice)
{
    RecordingDevice device;
    {
        Ringer ringer(device);
        ASSERT_FALSE(ringer.start());
        EXPECT_TRUE(device.running());
    }
    EXPECT_FALSE(device.running());
}

// One node's call stack around a RecordingDevice.
class Party {
public:
    Party(const QString& name, bool ring)
        : m_identity(crypto::IdentityKeyPair::generate()),
          m_links(m_identity, m_trust, m_network, m_clock, session::LinkTimings{}),
          m_listener(m_network.createListener())
    {
        EXPECT_TRUE(m_listener->listen({QStringLiteral("127.0.0.1"), 0}, true));
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, &m_links,
                         &session::LinkManager::acceptIncoming);
        m_links.setOwnInfo(name, m_listener->port());
        EXPECT_TRUE(m_socket.bind(QHostAddress::LocalHost, 0).isEmpty());
        m_links.setMediaPort(m_socket.port());
        CallSettings settings;
        settings.frameMs = 10;
        settings.ringOnIncoming = ring;
        service = std::make_unique<CallService>(m_links, m_socket, device, m_clock, settings);
    }

    // The service (and a call\'s media on the socket) goes before the socket and links.
    ~Party() { service.reset(); }

    void connectTo(Party& other)
    {
        m_links.dial({QStringLiteral("127.0.0.1"), other.m_listener->port()}, other.id());
        ASSERT_TRUE(
            waitUntil([&] { return m_links.isConnected(other.id()) && other.m_links.isConnected(id()); }));
    }
    [[nodiscard]] PeerId id() const { return m_identity.peerId(); }
    [[nodiscard]] bool phaseWith(const Party& other, CallPhase phase) const
    {
        for (const CallView& view : service->calls()) {
            if (view.peer == other.id()) {
                return view.phase == phase;
            }
        }
        return false;
    }

    RecordingDevice device;
    std::unique_ptr<CallService> service;

private:
    crypto::IdentityKeyPair m_identity;
    confab::test::MemoryTrustStore m_trust;
    net::QtClock m_clock;
    net::TcpNetwork m_network;
    session::LinkManager m_links;
    std::unique_ptr<net::StreamListener> m_listener;
    MediaSocket m_socket;
};

class RingingCallTest : public ::testing::Test {
protected:
    void SetUp() override { alice.connectTo(bob); }

    Party alice{QStringLiteral("alice"), true};
    Party bob{QStringLiteral("bob"), true};
};

TEST_F(RingingCallTest, RingsUntilAnsweredThenHandsTheDeviceToTheCall)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Incoming); }));
    ASSERT_TRUE(waitForPlayed(bob.device, audio::framesForMs(200))) << "bob's device rings";
    EXPECT_TRUE(alice.device.log().empty()) << "the caller hears no ring of its own";
    const std::vector<audio::Sample> period = audio::makeRingPeriod();
    const std::vector<audio::Sample> ring = bob.device.played();
    EXPECT_TRUE(std::equal(ring.begin(), ring.end(), period.begin()));

    ASSERT_TRUE(bob.service->answer(alice.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Active); }));
    // Released by the ring, then started by the call's voice engine: one owner at a time.
    EXPECT_EQ(bob.device.log(), (std::vector<std::string>{"start", "stop", "start"}));
    EXPECT_FALSE(bob.device.doubleStart());
    EXPECT_TRUE(bob.device.running());
    EXPECT_EQ(alice.device.log(), (std::vector<std::string>{"start"}));

    ASSERT_TRUE(alice.service->hangUp(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return !bob.device.running(); }));
}

TEST_F(RingingCallTest, StopsRingingWhenTheCallerGivesUpOrTheCallIsDeclined)
{
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.device.running(); }));
    ASSERT_TRUE(alice.service->hangUp(bob.id())); // cancels the ringing call
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Ended); }));
    EXPECT_FALSE(bob.device.running());

    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.device.running(); }));
    ASSERT_TRUE(bob.service->decline(alice.id()));
    EXPECT_FALSE(bob.device.running()) << "declining stops the ring at once";
    EXPECT_EQ(bob.device.log(), (std::vector<std::string>{"start", "stop", "start", "stop"}));
}

TEST_F(RingingCallTest, ACallStillRingsAndConnectsWhenTheDeviceRefusesTheRing)
{
    bob.device.refuse(true);
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Incoming); }));
    ASSERT_TRUE(waitUntil([&] { return !bob.device.log().empty(); }));
    EXPECT_EQ(bob.device.log(), (std::vector<std::string>{"refused"})) << "tried once, not again and again";
    bob.device.refuse(false);
    ASSERT_TRUE(bob.service->answer(alice.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Active); }));
    EXPECT_EQ(bob.device.log(), (std::vector<std::string>{"refused", "start"}));
}

TEST_F(RingingCallTest, DoNotDisturbSilencesTheRingNotTheCall)
{
    bob.service->setQuiet(true);
    ASSERT_TRUE(alice.service->call(bob.id()));
    ASSERT_TRUE(waitUntil([&] { return bob.phaseWith(alice, CallPhase::Incoming); }));
    spinFor(300); // time for a ring to start, were there one
    EXPECT_TRUE(bob.device.log().empty()) << "no ring tone while busy";

    bob.service->setQuiet(false); // back from busy while it still rings: it rings now
    ASSERT_TRUE(waitUntil([&] { return bob.device.running(); }));
    bob.service->setQuiet(true); // and busy again stops it at once
    EXPECT_FALSE(bob.device.running());

    ASSERT_TRUE(bob.service->answer(alice.id()));
    ASSERT_TRUE(waitUntil([&] { return alice.phaseWith(bob, CallPhase::Active); }));
    EXPECT_EQ(bob.device.log(), (std::vector<std::string>{"start", "stop", "start"}));
}

TEST(RingerSettingsTest, HeadlessNodesDoNotRingByDefault)
{
    EXPECT_FALSE(CallSettings{}.ringOnIncoming);
}

} // namespace
} // namespace confab::calls
