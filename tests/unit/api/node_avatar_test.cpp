#include "node_harness.h"

#include <gtest/gtest.h>

namespace confab::api {
namespace {

using test::SimWorld;
using test::TestNode;

const QByteArray kPicture = QByteArrayLiteral("\x89PNG\r\n\x1a\n Bob's face");
const QByteArray kNewPicture = QByteArrayLiteral("\xff\xd8\xff Bob's new face");

// Two whole nodes on the simulated network and the virtual clock.
class NodeAvatarTest : public test::TwoNodeTest<SimWorld> {
protected:
    bool waitUntil(const std::function<bool()>& done) { return m_world.runUntil(done); }
    QByteArray bobsPictureAtAlice() { return m_alice->viewOf(m_bob->id())->avatar; }
};

TEST_F(NodeAvatarTest, APictureReachesTheLinkedPeerAndCanBeTakenBack)
{
    EXPECT_TRUE(bobsPictureAtAlice().isEmpty());
    const auto set = m_bob->node().setAvatar(kPicture);
    ASSERT_TRUE(set) << set.error().toStdString();
    EXPECT_EQ(m_bob->node().avatar(), kPicture);
    EXPECT_EQ(m_bob->node().status().avatar, kPicture);
    ASSERT_TRUE(waitUntil([&] { return bobsPictureAtAlice() == kPicture; }));

    ASSERT_TRUE(m_bob->node().setAvatar({}));
    ASSERT_TRUE(waitUntil([&] { return bobsPictureAtAlice().isEmpty(); }));
}

TEST_F(NodeAvatarTest, RefusesWhatIsNoPictureOrTooLargeAndKeepsTheOneInForce)
{
    ASSERT_TRUE(m_bob->node().setAvatar(kPicture));
    const auto gif = m_bob->node().setAvatar(QByteArrayLiteral("GIF89a......"));
    ASSERT_FALSE(gif);
    EXPECT_TRUE(gif.error().contains(QStringLiteral("not a PNG or JPEG"))) << gif.error().toStdString();

    QByteArray large = kNewPicture;
    large.resize(kMaxAvatarBytes + 1, 'x');
    const auto tooLarge = m_bob->node().setAvatar(large);
    ASSERT_FALSE(tooLarge);
    EXPECT_TRUE(tooLarge.error().contains(QStringLiteral("16 KB"))) << tooLarge.error().toStdString();
    large.resize(kMaxAvatarBytes);
    EXPECT_TRUE(m_bob->node().setAvatar(large)) << "exactly the limit is fine";
    ASSERT_TRUE(waitUntil([&] { return bobsPictureAtAlice() == large; }));
}

TEST_F(NodeAvatarTest, APeerOfflineDuringAChangeGetsItOnItsNextLinkAndKeepsIt)
{
    ASSERT_TRUE(m_bob->node().setAvatar(kPicture));
    ASSERT_TRUE(waitUntil([&] { return bobsPictureAtAlice() == kPicture; }));
    const PeerId bob = m_bob->id();
    m_bob.reset();
    ASSERT_TRUE(waitUntil([&] { return !m_alice->isConnectedTo(bob); }));
    EXPECT_EQ(m_alice->viewOf(bob)->avatar, kPicture) << "kept while Bob is away";

    TestNode again(m_world, QStringLiteral("bob"), QStringLiteral("Bob Builder"),
                   TestNode::Options{{m_alice->address()}, kBobOffsetMs, {}, true, defaultPort()});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.node().avatar(), kPicture) << "Bob's own picture is saved";
    ASSERT_TRUE(again.node().setAvatar(kNewPicture));
    ASSERT_TRUE(waitUntil([&] { return m_alice->viewOf(again.id())->avatar == kNewPicture; }));
}

TEST_F(NodeAvatarTest, RemovingAPeerForgetsItsPicture)
{
    ASSERT_TRUE(m_bob->node().setAvatar(kPicture));
    ASSERT_TRUE(waitUntil([&] { return bobsPictureAtAlice() == kPicture; }));
    const PeerId bob = m_bob->id();
    m_bob.reset();
    ASSERT_TRUE(waitUntil([&] { return !m_alice->isConnectedTo(bob); }));
    ASSERT_TRUE(m_alice->node().removePeer(bob));
    for (const PeerView& peer : m_alice->node().peers()) {
        EXPECT_TRUE(peer.record.id != bob || peer.avatar.isEmpty());
    }
}

} // namespace
} // namespace confab::api
