#include "crypto/random.h"
#include "node_harness.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using test::SimWorld;

// Two whole nodes on the simulated network and the virtual clock.
class NodeMessageChangesTest : public test::TwoNodeTest<SimWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }

    // Bob's copy of a message, as his history shows it.
    std::optional<StoredMessage> atBob(const MessageId& id)
    {
        for (const StoredMessage& message : m_bob->node().history(m_alice->id(), 100)) {
            if (message.id == id) {
                return message;
            }
        }
        return std::nullopt;
    }

    // Alice's message to Bob, once Bob has it.
    StoredMessage sentToBob(const QString& text)
    {
        const auto sent = m_alice->send(m_bob->id(), text);
        EXPECT_TRUE(sent);
        EXPECT_TRUE(waitUntil([&] { return sent && atBob(sent.value().id).has_value(); }));
        return sent ? sent.value() : StoredMessage{};
    }
};

TEST_F(NodeMessageChangesTest, AnEditShowsOnBothSidesAndIsAnnounced)
{
    const StoredMessage sent = sentToBob(QStringLiteral("Meet at noon"));
    std::vector<StoredMessage> announced;
    QObject::connect(&m_bob->node().events(), &NodeEvents::messageStateChanged, &m_bob->node().events(),
                     [&announced](const StoredMessage& message) { announced.push_back(message); });

    const auto edited = m_alice->node().editMessage(sent.id, QStringLiteral("Meet at one"));
    ASSERT_TRUE(edited) << edited.error().toStdString();
    EXPECT_EQ(edited.value().body, QStringLiteral("Meet at one"));
    ASSERT_TRUE(edited.value().editedMs);
    ASSERT_TRUE(waitUntil([&] { return atBob(sent.id)->body == QStringLiteral("Meet at one"); }));
    EXPECT_EQ(atBob(sent.id)->editedMs, edited.value().editedMs);
    ASSERT_FALSE(announced.empty());
    EXPECT_EQ(announced.back().id, sent.id);
    EXPECT_EQ(announced.back().body, QStringLiteral("Meet at one"));
}

TEST_F(NodeMessageChangesTest, ADeleteEmptiesBothCopiesAndTheSearch)
{
    const StoredMessage sent = sentToBob(QStringLiteral("the secret word is marmalade"));
    const auto deleted = m_alice->node().deleteMessage(sent.id);
    ASSERT_TRUE(deleted) << deleted.error().toStdString();
    EXPECT_TRUE(deleted.value().deletedMs);
    EXPECT_TRUE(deleted.value().body.isEmpty());
    ASSERT_TRUE(waitUntil([&] { return atBob(sent.id)->deletedMs.has_value(); }));
    EXPECT_TRUE(atBob(sent.id)->body.isEmpty());
    for (test::TestNode* side : {m_alice.get(), m_bob.get()}) {
        const auto found = side->node().searchMessages(QStringLiteral("marmalade"), std::nullopt, 10);
        ASSERT_TRUE(found);
        EXPECT_TRUE(found.value().empty());
    }
}

TEST_F(NodeMessageChangesTest, OnlyTheAuthorChangesAMessage)
{
    const StoredMessage sent = sentToBob(QStringLiteral("from Alice"));
    const auto refused = m_bob->node().editMessage(sent.id, QStringLiteral("from Bob"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), QStringLiteral("Only your own messages can be edited."));
    EXPECT_FALSE(m_bob->node().deleteMessage(sent.id));
    EXPECT_EQ(atBob(sent.id)->body, QStringLiteral("from Alice"));
}

TEST_F(NodeMessageChangesTest, ReactionsAndRepliesReachThePeer)
{
    const StoredMessage sent = sentToBob(QStringLiteral("Pizza tonight?"));
    const auto reacted = m_bob->node().react(sent.id, QStringLiteral("🍕"));
    ASSERT_TRUE(reacted) << reacted.error().toStdString();
    EXPECT_EQ(reacted.value().ownReaction, QStringLiteral("🍕"));
    ASSERT_TRUE(
        waitUntil([&] { return m_alice->node().message(sent.id)->peerReaction == QStringLiteral("🍕"); }));

    QFuture<SendResult> reply = m_bob->node().sendReply(m_alice->id(), sent.id, QStringLiteral("Yes!"));
    ASSERT_TRUE(waitUntil([&] { return reply.isFinished(); }));
    ASSERT_TRUE(reply.result()) << reply.result().error().toStdString();
    const MessageId replyId = reply.result().value().id;
    ASSERT_TRUE(waitUntil([&] { return m_alice->node().message(replyId).has_value(); }));
    EXPECT_EQ(m_alice->node().message(replyId)->replyTo, std::optional<MessageId>(sent.id));
    EXPECT_EQ(m_alice->node().message(replyId)->body, QStringLiteral("Yes!"));
    EXPECT_FALSE(m_alice->node().message(crypto::randomMessageId()));
}

} // namespace
} // namespace confab::api
