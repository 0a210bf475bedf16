#pragma once

#include "api/node.h"
#include "support/fake_clock.h"
#include "support/local_node_config.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/wait.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::api::test {

// A Node on 127.0.0.1 with a temporary profile, and what it reported.
class TestNode {
public:
    TestNode(const QString& profileDir, const QString& name, const session::Clock& clock,
             QStringList peers = {}, quint16 port = 0)
    {
        auto node =
            Node::create(confab::test::localNodeConfig(profileDir, name, std::move(peers), port), clock);
        EXPECT_TRUE(node) << (node ? std::string() : node.error().toStdString());
        if (!node) {
            return;
        }
        m_node = std::move(node).value();
        auto started = m_node->start();
        EXPECT_TRUE(started) << (started ? std::string() : started.error().toStdString());
        QObject::connect(m_node.get(), &Node::messageStored, m_node.get(),
                         [this](const storage::StoredMessage& message) { stored.push_back(message); });
        QObject::connect(m_node.get(), &Node::messageStateChanged, m_node.get(),
                         [this](const storage::StoredMessage& message) { changes.push_back(message); });
    }

    [[nodiscard]] bool ok() const { return m_node != nullptr; }
    Node& node() { return *m_node; }
    Node* operator->() { return m_node.get(); }
    [[nodiscard]] proto::PeerId id() const { return m_node->id(); }
    [[nodiscard]] QString address() const { return m_node->listenAddress().toString(); }

    // Sends and waits until the node says the message is stored (or refused).
    chat::ChatService::SendResult send(const proto::PeerId& to, const QString& text)
    {
        std::optional<chat::ChatService::SendResult> result;
        m_node->sendText(to, text,
                         [&result](const chat::ChatService::SendResult& outcome) { result = outcome; });
        EXPECT_TRUE(confab::test::waitUntil([&] { return result.has_value(); }));
        if (result) {
            return *result;
        }
        return QStringLiteral("no answer");
    }

    // Incoming messages this node stored, in the order it stored them.
    [[nodiscard]] std::vector<storage::StoredMessage> incoming() const
    {
        std::vector<storage::StoredMessage> result;
        for (const auto& message : stored) {
            if (!message.outgoing) {
                result.push_back(message);
            }
        }
        return result;
    }

    [[nodiscard]] std::optional<storage::MessageState> stateOf(const proto::PeerId& peer,
                                                               const proto::MessageId& id)
    {
        for (const auto& message : m_node->history(peer, 1000)) {
            if (message.id == id) {
                return message.state;
            }
        }
        return std::nullopt;
    }

    bool isConnectedTo(const proto::PeerId& peer)
    {
        for (const PeerView& view : m_node->peers()) {
            if (view.record.id == peer) {
                return view.connected;
            }
        }
        return false;
    }

    std::vector<storage::StoredMessage> stored;
    std::vector<storage::StoredMessage> changes;

private:
    std::unique_ptr<Node> m_node;
};

// Two nodes: Alice listens, Bob is told her address and dials her.
class TwoNodeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_alice = std::make_unique<TestNode>(aliceProfile(), QStringLiteral("Alice Liddell"), m_aliceClock);
        ASSERT_TRUE(m_alice->ok());
        m_bob = std::make_unique<TestNode>(m_dir.path(QStringLiteral("bob")), QStringLiteral("Bob Builder"),
                                           m_bobClock, QStringList{m_alice->address()});
        ASSERT_TRUE(m_bob->ok());
        ASSERT_TRUE(confab::test::waitUntil([this] { return bothConnected(); }));
    }

    bool bothConnected()
    {
        return m_alice->isConnectedTo(m_bob->id()) && m_bob->isConnectedTo(m_alice->id());
    }
    QString aliceProfile() const { return m_dir.path(QStringLiteral("alice")); }

    confab::test::TempDir m_dir;
    confab::test::FakeClock m_aliceClock{1'000'000};
    confab::test::FakeClock m_bobClock{2'000'000};
    std::unique_ptr<TestNode> m_alice;
    std::unique_ptr<TestNode> m_bob;
};

} // namespace confab::api::test
