#pragma once

#include "api/node.h"
#include "api/node_config.h"
#include "api/node_environment.h"
#include "api/system_environment.h"
#include "sim/sim_network.h"
#include "support/offset_clock.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"
#include "support/wait.h"

#include <gtest/gtest.h>
#include <memory>
#include <type_traits>

namespace confab::api::test {

// Where test nodes live: their clock, their network and how to wait for them.
class World {
public:
    virtual ~World() = default;
    virtual bool runUntil(const std::function<bool()>& done, std::int64_t maxMs) = 0;
    // The environment of a node on `host` (empty: a new one), and the address it listens on.
    virtual NodeEnvironment environment(const QString& host) = 0;
    virtual net::HostPort listenAddress(const QString& host, std::optional<quint16> port) = 0;
    virtual Clock& clock() = 0;

    confab::test::TempDir dir;
};

// Nodes on the simulated network and one virtual clock: what they do is a
// function of the test alone, and waiting costs no real time.
class SimWorld : public World {
public:
    static constexpr std::int64_t kWaitMs = 60000; // virtual

    confab::test::VirtualClock virtualClock;
    sim::SimNetwork network{virtualClock, 1};

    bool runUntil(const std::function<bool()>& done, std::int64_t maxMs) override
    {
        return confab::test::runUntil(virtualClock, done, maxMs);
    }
    bool runUntil(const std::function<bool()>& done) { return runUntil(done, kWaitMs); }
    void runFor(std::int64_t ms) { confab::test::runFor(virtualClock, ms); }
    NodeEnvironment environment(const QString& host) override
    {
        return {virtualClock, network.addHost(host.isEmpty() ? nextAddress() : host), false};
    }
    net::HostPort listenAddress(const QString& host, std::optional<quint16> port) override
    {
        return {host, port.value_or(0)}; // an empty host: the sim host's own address
    }
    Clock& clock() override { return virtualClock; }
    // A fresh address for the next host.
    QString nextAddress() { return QStringLiteral("10.9.0.%1").arg(++m_hosts); }

private:
    int m_hosts = 0;
};

// Nodes on 127.0.0.1 with real TCP and the system clock, for what needs the
// real world around them (the control socket, for one).
class RealWorld : public World {
public:
    static constexpr std::int64_t kWaitMs = 10000;

    bool runUntil(const std::function<bool()>& done, std::int64_t maxMs) override
    {
        return confab::test::waitUntil(done, static_cast<int>(maxMs));
    }
    bool runUntil(const std::function<bool()>& done) { return runUntil(done, kWaitMs); }
    NodeEnvironment environment(const QString&) override { return m_system.environment(); }
    net::HostPort listenAddress(const QString&, std::optional<quint16> port) override
    {
        return {QStringLiteral("127.0.0.1"), port.value_or(0)};
    }
    Clock& clock() override { return m_system.environment().clock; }

private:
    SystemEnvironment m_system;
};

// A Node of a SimWorld with a profile folder of its own, and what it reported.
class TestNode {
public:
    static constexpr quint16 kPort = 42042;
    static constexpr std::int64_t kWaitMs = 10000;

    struct Options {
        QStringList peers = {};              // host:port to dial
        std::int64_t wallOffsetMs = 0;       // this machine's wall clock against the others'
        QString address = {};                // empty: a fresh one
        bool start = true;                   // open and start at once
        std::optional<quint16> port = kPort; // nullopt: any free port
    };

    TestNode(World& world, const QString& profile, const QString& name)
        : TestNode(world, profile, name, Options{})
    {
    }
    TestNode(World& world, const QString& profile, const QString& name, const Options& options)
        : m_world(world), m_clock(world.clock(), options.wallOffsetMs)
    {
        const NodeEnvironment around = world.environment(options.address);
        m_node = std::make_unique<Node>(config(world.dir.path(profile), name,
                                               world.listenAddress(options.address, options.port), options),
                                        NodeEnvironment{m_clock, around.network, around.calls});
        QObject::connect(&m_node->events(), &NodeEvents::messageStored, &m_node->events(),
                         [this](const api::StoredMessage& message) { stored.push_back(message); });
        QObject::connect(&m_node->events(), &NodeEvents::messageStateChanged, &m_node->events(),
                         [this](const api::StoredMessage& message) { changes.push_back(message); });
        if (options.start) {
            auto started = m_node->start();
            EXPECT_TRUE(started) << (started ? std::string() : started.error().toStdString());
            m_ok = started.ok();
        }
    }

    static NodeConfig config(const QString& profileDir, const QString& name, const net::HostPort& listen,
                             const Options& options)
    {
        NodeConfig config;
        config.profileDir = profileDir;
        config.displayName = name;
        config.listen = listen;
        config.listenChosenByUser = true;
        config.peers = options.peers;
        config.discovery = net::DiscoveryMode::Off;
        config.controlSocket = NodeConfig::ControlSocket::Off;
        config.backupCost = crypto::PassphraseCost::minimum();
        return config;
    }

    [[nodiscard]] bool ok() const { return m_ok; }
    Node& node() { return *m_node; }
    Node* operator->() { return m_node.get(); }
    [[nodiscard]] PeerId id() const { return m_node->id(); }
    [[nodiscard]] QString address() const { return m_node->listenAddress().toString(); }
    [[nodiscard]] const Clock& clock() const { return m_clock; }

    // Sends and waits until the node says the message is stored (or refused).
    api::SendResult send(const PeerId& to, const QString& text)
    {
        QFuture<api::SendResult> sent = m_node->sendText(to, text);
        EXPECT_TRUE(m_world.runUntil([&] { return sent.isFinished(); }, kWaitMs));
        return sent.isFinished() ? sent.result() : api::SendResult(QStringLiteral("no answer"));
    }

    // Incoming messages this node stored, in the order it stored them.
    [[nodiscard]] std::vector<api::StoredMessage> incoming() const
    {
        std::vector<api::StoredMessage> result;
        for (const auto& message : stored) {
            if (!message.outgoing) {
                result.push_back(message);
            }
        }
        return result;
    }

    [[nodiscard]] std::optional<api::MessageState> stateOf(const PeerId& peer, const MessageId& id)
    {
        for (const auto& message : m_node->history(peer, 1000)) {
            if (message.id == id) {
                return message.state;
            }
        }
        return std::nullopt;
    }

    std::optional<PeerView> viewOf(const PeerId& peer)
    {
        for (PeerView& view : m_node->peers()) {
            if (view.record.id == peer) {
                return view;
            }
        }
        return std::nullopt;
    }

    bool isConnectedTo(const PeerId& peer)
    {
        const auto view = viewOf(peer);
        return view && view->connected;
    }

    std::vector<api::StoredMessage> stored;
    std::vector<api::StoredMessage> changes;

private:
    World& m_world;
    confab::test::OffsetClock m_clock;
    std::unique_ptr<Node> m_node;
    bool m_ok = false;
};

// Two nodes: Alice listens, Bob is told her address and dials her. Their
// wall clocks disagree, as two machines' do.
template <typename WorldType> class TwoNodeTest : public ::testing::Test {
protected:
    static constexpr std::int64_t kAliceOffsetMs = -1'000'000;
    static constexpr std::int64_t kBobOffsetMs = 2'000'000;

    void SetUp() override
    {
        m_alice =
            std::make_unique<TestNode>(m_world, QStringLiteral("alice"), QStringLiteral("Alice Liddell"),
                                       TestNode::Options{{}, kAliceOffsetMs, {}, true, defaultPort()});
        ASSERT_TRUE(m_alice->ok());
        m_bob = std::make_unique<TestNode>(
            m_world, QStringLiteral("bob"), QStringLiteral("Bob Builder"),
            TestNode::Options{{m_alice->address()}, kBobOffsetMs, {}, true, defaultPort()});
        ASSERT_TRUE(m_bob->ok());
        ASSERT_TRUE(m_world.runUntil([this] { return bothConnected(); }));
    }

    // Simulated hosts each have the default port; on 127.0.0.1 any free one.
    static std::optional<quint16> defaultPort()
    {
        return std::is_same_v<WorldType, SimWorld> ? std::optional<quint16>(TestNode::kPort) : std::nullopt;
    }

    bool bothConnected()
    {
        return m_alice->isConnectedTo(m_bob->id()) && m_bob->isConnectedTo(m_alice->id());
    }

    WorldType m_world;
    std::unique_ptr<TestNode> m_alice;
    std::unique_ptr<TestNode> m_bob;
};

} // namespace confab::api::test
