#include "storage/peer_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

crypto::PublicKey key(std::uint8_t n)
{
    crypto::PublicKey value{};
    value.fill(n);
    return value;
}

class PeerStoreTest : public test::StoreTest {};

TEST_F(PeerStoreTest, PinIsStoredAndNeverOverwritten)
{
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    EXPECT_FALSE(peers.pinnedKey(alice));

    EXPECT_TRUE(peers.pinKey(alice, key(1), 100));
    ASSERT_TRUE(peers.pinnedKey(alice));
    EXPECT_EQ(*peers.pinnedKey(alice), key(1));

    // A second pin for the same peer fails and keeps the first key.
    EXPECT_FALSE(peers.pinKey(alice, key(2), 200));
    EXPECT_EQ(*peers.pinnedKey(alice), key(1));

    EXPECT_TRUE(peers.pinKey(peer(0xB0), key(2), 300));
    EXPECT_EQ(*peers.pinnedKey(peer(0xB0)), key(2));
    EXPECT_EQ(*peers.pinnedKey(alice), key(1));
}

TEST_F(PeerStoreTest, RecordSeenInsertsThenUpdatesAndKeepsAddressWhenNoneGiven)
{
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    EXPECT_FALSE(peers.peer(alice));

    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QStringLiteral("10.0.0.1:42042"), 100));
    auto record = peers.peer(alice);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->id, alice);
    EXPECT_EQ(record->displayName, QStringLiteral("Alice"));
    EXPECT_EQ(record->lastAddress, QStringLiteral("10.0.0.1:42042"));
    EXPECT_EQ(record->lastSeenMs, 100);
    EXPECT_FALSE(record->verified);

    // A disconnect reports no address: the last known one stays for redialling.
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice B."), QString(), 200));
    record = peers.peer(alice);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->displayName, QStringLiteral("Alice B."));
    EXPECT_EQ(record->lastAddress, QStringLiteral("10.0.0.1:42042"));
    EXPECT_EQ(record->lastSeenMs, 200);

    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice B."), QStringLiteral("10.0.0.2:1"), 300));
    EXPECT_EQ(peers.peer(alice)->lastAddress, QStringLiteral("10.0.0.2:1"));
    EXPECT_EQ(peers.peers().size(), 1u);
}

TEST_F(PeerStoreTest, NullNameAndAddressAreStoredAsEmpty)
{
    // What a node records for a peer that announced no listen port, and on
    // every disconnect: the update must not be lost.
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    ASSERT_TRUE(peers.recordSeen(alice, QString(), QString(), 100));
    auto record = peers.peer(alice);
    ASSERT_TRUE(record);
    EXPECT_TRUE(record->displayName.isEmpty());
    EXPECT_TRUE(record->lastAddress.isEmpty());
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QStringLiteral("10.0.0.1:42042"), 200));
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QString(), 300));
    EXPECT_EQ(peers.peer(alice)->lastSeenMs, 300);
    EXPECT_EQ(peers.peer(alice)->lastAddress, QStringLiteral("10.0.0.1:42042"));
}

TEST_F(PeerStoreTest, SetVerifiedOnlyForKnownPeers)
{
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    EXPECT_FALSE(peers.setVerified(alice, true));
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QString(), 1));
    EXPECT_TRUE(peers.setVerified(alice, true));
    EXPECT_TRUE(peers.peer(alice)->verified);
    EXPECT_TRUE(peers.setVerified(alice, false));
    EXPECT_FALSE(peers.peer(alice)->verified);
}

TEST_F(PeerStoreTest, PeersAreListedByName)
{
    PeerStore peers(db());
    ASSERT_TRUE(peers.recordSeen(peer(1), QStringLiteral("Carol"), QString(), 1));
    ASSERT_TRUE(peers.recordSeen(peer(2), QStringLiteral("Alice"), QString(), 1));
    ASSERT_TRUE(peers.recordSeen(peer(3), QStringLiteral("Bob"), QString(), 1));
    const auto list = peers.peers();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].id, peer(2));
    EXPECT_EQ(list[1].id, peer(3));
    EXPECT_EQ(list[2].id, peer(1));
}

TEST_F(PeerStoreTest, StaticAddressesAreKeptOnceInOrderAdded)
{
    PeerStore peers(db());
    EXPECT_TRUE(peers.staticAddresses().isEmpty());
    EXPECT_TRUE(peers.addStaticAddress(QStringLiteral("10.0.0.2:42042"), 10));
    EXPECT_TRUE(peers.addStaticAddress(QStringLiteral("10.0.0.1:42042"), 20));
    EXPECT_TRUE(peers.addStaticAddress(QStringLiteral("10.0.0.2:42042"), 30)); // already there: not an error
    EXPECT_EQ(peers.staticAddresses(),
              (QStringList{QStringLiteral("10.0.0.2:42042"), QStringLiteral("10.0.0.1:42042")}));
}

} // namespace
} // namespace confab::storage
