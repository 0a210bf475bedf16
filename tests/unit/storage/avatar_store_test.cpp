#include "storage/avatar_store.h"
#include "storage/database.h"
#include "storage/peer_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

class AvatarStoreTest : public test::StoreTest {};

const QByteArray kPicture = QByteArrayLiteral("\x89PNG\r\n\x1a\n one picture");
const QByteArray kOtherPicture = QByteArrayLiteral("\xff\xd8\xff another picture");

TEST_F(AvatarStoreTest, KeepsOnePicturePerPeerAndForgetsAnEmptyOne)
{
    AvatarStore avatars(db());
    const PeerId alice = peer(0xA1);
    const PeerId bob = peer(0xB0);
    ASSERT_TRUE(avatars.all().has_value());
    EXPECT_TRUE(avatars.all()->empty());

    ASSERT_TRUE(avatars.set(alice, kPicture, 100));
    ASSERT_TRUE(avatars.set(bob, kOtherPicture, 100));
    ASSERT_TRUE(avatars.set(alice, kOtherPicture, 200)); // replaces hers
    auto pictures = avatars.all();
    ASSERT_TRUE(pictures.has_value());
    EXPECT_EQ(pictures->size(), 2U);
    EXPECT_EQ(pictures->at(alice), kOtherPicture);
    EXPECT_EQ(pictures->at(bob), kOtherPicture);

    ASSERT_TRUE(avatars.set(alice, {}, 300));
    pictures = avatars.all();
    ASSERT_TRUE(pictures.has_value());
    EXPECT_EQ(pictures->count(alice), 0U);
    EXPECT_EQ(pictures->count(bob), 1U);
    EXPECT_TRUE(avatars.set(alice, {}, 400)); // removing none is fine
}

TEST_F(AvatarStoreTest, ForgettingAPeerForgetsItsPicture)
{
    AvatarStore avatars(db());
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QStringLiteral("10.0.0.1:42042"), 100));
    ASSERT_TRUE(avatars.set(alice, kPicture, 100));
    ASSERT_TRUE(peers.removePeer(alice).has_value());
    EXPECT_TRUE(avatars.all()->empty());
}

} // namespace
} // namespace confab::storage
