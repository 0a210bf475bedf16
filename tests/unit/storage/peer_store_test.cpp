#include "storage/key_warning_store.h"
#include "storage/message_store.h"
#include "storage/peer_store.h"
#include "store_fixture.h"

#include <QSqlQuery>
#include <QVariant>

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

TEST_F(PeerStoreTest, NicknameIsKeptBesideTheAnnouncedNameAndCleared)
{
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    EXPECT_FALSE(peers.setNickname(alice, QStringLiteral("Mum"))); // not known
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QString(), 1));
    EXPECT_TRUE(peers.peer(alice)->nickname.isEmpty());
    ASSERT_TRUE(peers.setNickname(alice, QStringLiteral("Mum")));
    // A new announcement changes the announced name, never the nickname.
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice L."), QString(), 2));
    EXPECT_EQ(peers.peer(alice)->nickname, QStringLiteral("Mum"));
    EXPECT_EQ(peers.peer(alice)->displayName, QStringLiteral("Alice L."));
    ASSERT_TRUE(peers.setNickname(alice, QString()));
    EXPECT_TRUE(peers.peer(alice)->nickname.isEmpty());
}

TEST_F(PeerStoreTest, PeersAreListedByTheNicknameWhereTheyHaveOne)
{
    PeerStore peers(db());
    ASSERT_TRUE(peers.recordSeen(peer(1), QStringLiteral("Alice"), QString(), 1));
    ASSERT_TRUE(peers.recordSeen(peer(2), QStringLiteral("Bob"), QString(), 1));
    ASSERT_TRUE(peers.setNickname(peer(2), QStringLiteral("Aaron")));
    const auto list = peers.peers();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, peer(2));
    EXPECT_EQ(list[1].id, peer(1));
}

TEST_F(PeerStoreTest, BlockingKeepsTheTimeUntilLiftedAndWorksForPeersNotMetYet)
{
    PeerStore peers(db());
    const PeerId alice = peer(0xA1);
    const PeerId stranger = peer(0x5E);
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QString(), 1));
    EXPECT_FALSE(peers.peer(alice)->blockedMs);
    ASSERT_TRUE(peers.setBlocked(alice, 500));
    ASSERT_TRUE(peers.setBlocked(stranger, 600));
    EXPECT_EQ(peers.peer(alice)->blockedMs, std::optional<std::int64_t>(500));
    EXPECT_EQ(peers.peer(stranger)->blockedMs, std::optional<std::int64_t>(600));
    // Seeing it again does not lift the block.
    ASSERT_TRUE(peers.recordSeen(alice, QStringLiteral("Alice"), QStringLiteral("10.0.0.1:1"), 700));
    EXPECT_EQ(peers.peer(alice)->blockedMs, std::optional<std::int64_t>(500));
    auto blocked = peers.blockedPeers();
    std::sort(blocked.begin(), blocked.end());
    EXPECT_EQ(blocked, (std::vector<PeerId>{stranger, alice})); // 0x5E... sorts before 0xA1...
    ASSERT_TRUE(peers.setBlocked(alice, std::nullopt));
    EXPECT_FALSE(peers.peer(alice)->blockedMs);
    EXPECT_EQ(peers.blockedPeers(), std::vector<PeerId>{stranger});
}

TEST_F(PeerStoreTest, RemovingAPeerTakesItsHistoryKeyAndWarningAndNothingOfOthers)
{
    PeerStore peers(db());
    MessageStore messages(db());
    KeyWarningStore warnings(db());
    const PeerId alice = peer(0xA1);
    const PeerId bob = peer(0xB0);
    for (const PeerId& who : {alice, bob}) {
        ASSERT_TRUE(peers.recordSeen(who, QStringLiteral("someone"), QString(), 1));
        ASSERT_TRUE(peers.pinKey(who, key(who == alice ? 1 : 2), 1));
        ASSERT_TRUE(warnings.raise(who, QStringLiteral("a different key"), 1));
        ASSERT_TRUE(
            messages.storeIncoming({{messageId(who == alice ? 1 : 2), who, QStringLiteral("hi"), 1}}, 1));
        ASSERT_TRUE(
            messages.storeOutgoing({{who, messageId(who == alice ? 3 : 4), QStringLiteral("yo")}}, 2));
        ASSERT_TRUE(messages.changeOwn({messageId(who == alice ? 5 : 6), proto::EnvelopeKind::Edit,
                                        messageId(who == alice ? 3 : 4), QStringLiteral("yo!")},
                                       3));
    }
    ASSERT_EQ(messages.outbox(alice).size(), 1u);

    const auto removed = peers.removePeer(alice);
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed, 2);
    EXPECT_FALSE(peers.peer(alice));
    EXPECT_FALSE(peers.pinnedKey(alice));
    EXPECT_FALSE(warnings.pending(alice));
    EXPECT_TRUE(messages.history(alice, 10).empty());
    EXPECT_TRUE(messages.outbox(alice).empty());
    EXPECT_TRUE(messages.changeOutbox(alice).empty());
    EXPECT_EQ(messages.conversations(), std::vector<PeerId>{bob});
    // Bob keeps everything.
    EXPECT_TRUE(peers.peer(bob));
    EXPECT_TRUE(peers.pinnedKey(bob));
    EXPECT_TRUE(warnings.pending(bob));
    EXPECT_EQ(messages.history(bob, 10).size(), 2u);
    EXPECT_EQ(messages.outbox(bob).size(), 1u);
    EXPECT_EQ(messages.changeOutbox(bob).size(), 1u);
    // Nothing is left behind that refers to Alice.
    QSqlQuery query(db().connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toInt(), 1);
    // Removing again finds nothing to remove.
    EXPECT_EQ(peers.removePeer(alice), std::optional<std::int64_t>(0));
}

TEST_F(PeerStoreTest, RemovingABlockedPeerKeepsItListedAndBlocked)
{
    PeerStore peers(db());
    MessageStore messages(db());
    const PeerId mallory = peer(0x66);
    ASSERT_TRUE(peers.recordSeen(mallory, QStringLiteral("Mallory"), QString(), 1));
    ASSERT_TRUE(peers.pinKey(mallory, key(6), 1));
    ASSERT_TRUE(peers.setVerified(mallory, true));
    ASSERT_TRUE(peers.setNickname(mallory, QStringLiteral("Spam")));
    ASSERT_TRUE(messages.storeIncoming({{messageId(6), mallory, QStringLiteral("buy now"), 1}}, 1));
    ASSERT_TRUE(peers.setBlocked(mallory, 100));

    EXPECT_EQ(peers.removePeer(mallory), std::optional<std::int64_t>(1));
    const auto record = peers.peer(mallory);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->blockedMs, std::optional<std::int64_t>(100));
    EXPECT_EQ(record->nickname, QStringLiteral("Spam")); // still recognisable in the list
    EXPECT_FALSE(record->verified);                      // its key is gone
    EXPECT_FALSE(peers.pinnedKey(mallory));
    EXPECT_TRUE(messages.history(mallory, 10).empty());
    EXPECT_EQ(peers.blockedPeers(), std::vector<PeerId>{mallory});
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
