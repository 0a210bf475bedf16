#include "storage/room_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

using Key = std::array<std::uint8_t, 32>;

class RoomStoreTest : public test::StoreTest {
protected:
    void SetUp() override
    {
        test::StoreTest::SetUp();
        m_store = std::make_unique<RoomStore>(db());
    }
    void TearDown() override { m_store.reset(); }

    RoomStore& store() { return *m_store; }

    static Bytes roomId(std::uint8_t n) { return Bytes(16, n); }

    // A key whose bytes all differ, so a reordering shows.
    static Key key(std::uint8_t n)
    {
        Key key{};
        for (std::size_t i = 0; i < key.size(); ++i) {
            key[i] = static_cast<std::uint8_t>(n + i);
        }
        return key;
    }

    static StoredRoom makeRoom(std::uint8_t n, std::int64_t lastActivityMs)
    {
        StoredRoom room;
        room.id = roomId(n);
        room.name = QStringLiteral("Room %1").arg(n);
        room.createdMs = 100 + n;
        room.lastActivityMs = lastActivityMs;
        return room;
    }

    // An incoming message, not decrypted yet, of chain (sender, epoch 1, key 1).
    static StoredRoomMessage message(std::uint8_t id, const Bytes& room, const PeerId& sender,
                                     std::uint32_t index)
    {
        StoredRoomMessage m;
        m.room = room;
        m.id = messageId(id);
        m.sender = sender;
        m.epoch = 1;
        m.keyId = 1;
        m.chainIndex = index;
        m.wire = Bytes{id, 0xEE, static_cast<std::uint8_t>(index)};
        m.storedMs = 1000 + id;
        return m;
    }

    std::int64_t insert(const StoredRoomMessage& m)
    {
        const auto seq = store().insertMessage(m);
        EXPECT_TRUE(seq.has_value()) << "message " << m.id.toHex();
        return seq.value_or(-1);
    }

    // Inserts a message and marks it decrypted, for the user, as `kind` (1 unless told).
    std::int64_t insertDecrypted(const StoredRoomMessage& m, int kind = 1)
    {
        const std::int64_t seq = insert(m);
        EXPECT_TRUE(store().markDecrypted(seq, kind, QStringLiteral("text %1").arg(m.wire.front()),
                                          m.storedMs - 500, true))
            << "message " << m.id.toHex();
        return seq;
    }

    static std::vector<MessageId> idsOf(const std::vector<StoredRoomMessage>& messages)
    {
        std::vector<MessageId> ids;
        ids.reserve(messages.size());
        for (const auto& m : messages) {
            ids.push_back(m.id);
        }
        return ids;
    }

private:
    std::unique_ptr<RoomStore> m_store;
};

TEST_F(RoomStoreTest, RoomKeepsEveryFieldAndIsUpdatedById)
{
    StoredRoom r = makeRoom(1, 500);
    r.name = QStringLiteral("Design — Ü");
    ASSERT_TRUE(store().saveRoom(r));

    auto found = store().room(roomId(1));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, roomId(1));
    EXPECT_EQ(found->name, QStringLiteral("Design — Ü"));
    EXPECT_FALSE(found->left);
    EXPECT_EQ(found->createdMs, 101);
    EXPECT_EQ(found->lastActivityMs, 500);

    r.name = QStringLiteral("Renamed");
    r.left = true;
    r.lastActivityMs = 900;
    ASSERT_TRUE(store().saveRoom(r));
    found = store().room(roomId(1));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, QStringLiteral("Renamed"));
    EXPECT_TRUE(found->left);
    EXPECT_EQ(found->createdMs, 101);
    EXPECT_EQ(found->lastActivityMs, 900);
    EXPECT_EQ(store().rooms().size(), 1U);

    EXPECT_FALSE(store().room(roomId(2)));
}

TEST_F(RoomStoreTest, AnUnnamedRoomIsStored)
{
    StoredRoom r = makeRoom(4, 1);
    r.name = QString();
    ASSERT_TRUE(store().saveRoom(r));
    const auto found = store().room(roomId(4));
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->name.isEmpty());
}

TEST_F(RoomStoreTest, RoomsAreListedMostRecentlyActiveFirst)
{
    ASSERT_TRUE(store().saveRoom(makeRoom(1, 300)));
    ASSERT_TRUE(store().saveRoom(makeRoom(2, 100)));
    ASSERT_TRUE(store().saveRoom(makeRoom(3, 200)));
    auto rooms = store().rooms();
    ASSERT_EQ(rooms.size(), 3U);
    EXPECT_EQ(rooms[0].id, roomId(1));
    EXPECT_EQ(rooms[1].id, roomId(3));
    EXPECT_EQ(rooms[2].id, roomId(2));

    // A message brings its room to the top...
    StoredRoomMessage m = message(1, roomId(2), peer(9), 0);
    m.storedMs = 400;
    insert(m);
    rooms = store().rooms();
    ASSERT_EQ(rooms.size(), 3U);
    EXPECT_EQ(rooms[0].id, roomId(2));
    EXPECT_EQ(rooms[0].lastActivityMs, 400);
    EXPECT_EQ(rooms[1].id, roomId(1));
    EXPECT_EQ(rooms[2].id, roomId(3));

    // ...but one stored with an older clock does not move it back.
    StoredRoomMessage older = message(2, roomId(1), peer(9), 1);
    older.storedMs = 50;
    insert(older);
    EXPECT_EQ(store().room(roomId(1))->lastActivityMs, 300);

    // A message of a room without a row is stored all the same.
    insertDecrypted(message(3, roomId(7), peer(9), 0));
    EXPECT_FALSE(store().room(roomId(7)));
    EXPECT_EQ(store().rooms().size(), 3U);
    EXPECT_EQ(idsOf(store().messages(roomId(7), 1, 10)), (std::vector<MessageId>{messageId(3)}));
}

TEST_F(RoomStoreTest, ChangesKeepTheirOrderAndDuplicatesAreIgnored)
{
    const Bytes room = roomId(1);
    // Hashes in descending order, so an order by hash would show.
    ASSERT_TRUE(store().addChange(room, Bytes(32, 0x30), Bytes{1}));
    ASSERT_TRUE(store().addChange(room, Bytes(32, 0x20), Bytes{2, 2}));
    ASSERT_TRUE(store().addChange(room, Bytes(32, 0x10), Bytes{3, 3, 3}));
    // The same hash again is not an error and adds nothing.
    EXPECT_TRUE(store().addChange(room, Bytes(32, 0x30), Bytes{9}));
    // The same hash in another room is that room's.
    ASSERT_TRUE(store().addChange(roomId(2), Bytes(32, 0x30), Bytes{4}));

    const auto changes = store().changes(room);
    ASSERT_EQ(changes.size(), 3U);
    EXPECT_EQ(changes[0], (Bytes{1}));
    EXPECT_EQ(changes[1], (Bytes{2, 2}));
    EXPECT_EQ(changes[2], (Bytes{3, 3, 3}));
    EXPECT_EQ(store().changes(roomId(2)), (std::vector<Bytes>{Bytes{4}}));
    EXPECT_TRUE(store().changes(roomId(3)).empty());
}

TEST_F(RoomStoreTest, MessageKeepsEveryField)
{
    StoredRoomMessage m;
    m.room = roomId(1);
    m.id = messageId(0x42);
    m.sender = peer(5);
    m.epoch = 0xFFFFFFFF;
    m.keyId = 0x80000001;
    m.chainIndex = 123456;
    m.wire = Bytes(5000, 0xAB);
    m.outgoing = false;
    m.decrypted = true;
    m.kind = 3;
    m.text = QStringLiteral("héllo\nworld");
    m.sentMs = 1'700'000'000'123;
    m.storedMs = 1'700'000'000'456;
    m.read = true;
    const std::int64_t seq = insert(m);
    EXPECT_GT(seq, 0);

    const auto found = store().message(messageId(0x42));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->seq, seq);
    EXPECT_EQ(found->room, roomId(1));
    EXPECT_EQ(found->id, messageId(0x42));
    EXPECT_EQ(found->sender, peer(5));
    EXPECT_EQ(found->epoch, 0xFFFFFFFFU);
    EXPECT_EQ(found->keyId, 0x80000001U);
    EXPECT_EQ(found->chainIndex, 123456U);
    EXPECT_EQ(found->wire, Bytes(5000, 0xAB));
    EXPECT_FALSE(found->outgoing);
    EXPECT_TRUE(found->decrypted);
    EXPECT_EQ(found->kind, 3);
    EXPECT_EQ(found->text, QStringLiteral("héllo\nworld"));
    EXPECT_EQ(found->sentMs, 1'700'000'000'123);
    EXPECT_EQ(found->storedMs, 1'700'000'000'456);
    EXPECT_TRUE(found->read);

    EXPECT_FALSE(store().message(messageId(0x43)));
}

TEST_F(RoomStoreTest, OutgoingMessagesAreRead)
{
    StoredRoomMessage m = message(1, roomId(1), peer(1), 0);
    m.outgoing = true;
    m.read = false;
    insert(m);
    const auto found = store().message(messageId(1));
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->outgoing);
    EXPECT_TRUE(found->read);
    EXPECT_EQ(store().unreadCount(roomId(1)), 0);
}

TEST_F(RoomStoreTest, ADuplicateIdIsNotStoredAgain)
{
    const std::int64_t seq = insertDecrypted(message(1, roomId(1), peer(2), 0));
    StoredRoomMessage again = message(1, roomId(1), peer(2), 0);
    again.wire = Bytes{9, 9, 9};
    EXPECT_FALSE(store().insertMessage(again));
    // Nor from another room.
    again.room = roomId(2);
    EXPECT_FALSE(store().insertMessage(again));

    const auto found = store().message(messageId(1));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->seq, seq);
    EXPECT_EQ(found->room, roomId(1));
    EXPECT_EQ(found->wire, (Bytes{1, 0xEE, 0}));
    EXPECT_TRUE(found->decrypted); // the refused copy did not replace the content either
    EXPECT_EQ(found->text, QStringLiteral("text 1"));
    EXPECT_EQ(idsOf(store().messages(roomId(1), 1, 10)), (std::vector<MessageId>{messageId(1)}));
    EXPECT_TRUE(store().heldIndices(roomId(2)).empty()); // nothing at all stored in room 2
    // The store still takes new messages after the refusal.
    EXPECT_GT(insert(message(2, roomId(1), peer(2), 1)), seq);
}

TEST_F(RoomStoreTest, MarkDecryptedFillsInTheContent)
{
    const std::int64_t seq = insert(message(1, roomId(1), peer(2), 0));
    ASSERT_TRUE(store().markDecrypted(seq, 2, QStringLiteral("hi there"), 777, true));
    const auto found = store().message(messageId(1));
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->decrypted);
    EXPECT_EQ(found->kind, 2);
    EXPECT_EQ(found->text, QStringLiteral("hi there"));
    EXPECT_EQ(found->sentMs, 777);
    EXPECT_EQ(found->storedMs, 1001);
    EXPECT_FALSE(found->read);
    EXPECT_EQ(found->wire, (Bytes{1, 0xEE, 0}));

    // A content without text (another kind) is kept as empty text.
    const std::int64_t other = insert(message(2, roomId(1), peer(2), 1));
    ASSERT_TRUE(store().markDecrypted(other, 5, QString(), 778, true));
    EXPECT_EQ(store().message(messageId(2))->kind, 5);
    EXPECT_TRUE(store().message(messageId(2))->text.isEmpty());

    EXPECT_FALSE(store().markDecrypted(other + 100, 1, QStringLiteral("x"), 1, true));
    EXPECT_FALSE(store().markDecrypted(other + 100, 1, QStringLiteral("x"), 1, false));
}

TEST_F(RoomStoreTest, MessagesArePagedNewestFirstAndReturnedOldestFirst)
{
    std::vector<std::int64_t> seqs;
    for (std::uint8_t i = 1; i <= 5; ++i) {
        seqs.push_back(insertDecrypted(message(i, roomId(1), peer(2), i)));
        insertDecrypted(message(static_cast<std::uint8_t>(0x80 + i), roomId(2), peer(2), i)); // interleaved
    }

    auto page = store().messages(roomId(1), 1, 3);
    ASSERT_EQ(page.size(), 3U);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(3), messageId(4), messageId(5)}));
    EXPECT_EQ(page[0].seq, seqs[2]);
    EXPECT_EQ(page[2].seq, seqs[4]);

    page = store().messages(roomId(1), 1, 3, seqs[2]);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(1), messageId(2)}));
    page = store().messages(roomId(1), 1, 1, seqs[4]);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(4)}));
    EXPECT_TRUE(store().messages(roomId(1), 1, 3, seqs[0]).empty());
    EXPECT_TRUE(store().messages(roomId(1), 1, 0).empty());

    page = store().messages(roomId(1), 1, 100);
    EXPECT_EQ(idsOf(page),
              (std::vector<MessageId>{messageId(1), messageId(2), messageId(3), messageId(4), messageId(5)}));
    page = store().messages(roomId(2), 1, 2);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(0x84), messageId(0x85)}));
    EXPECT_TRUE(store().messages(roomId(3), 1, 10).empty());
}

TEST_F(RoomStoreTest, UndecryptedAreThoseOfOneChainNotYetDecrypted)
{
    const Bytes room = roomId(1);
    insert(message(1, room, peer(2), 5));
    const std::int64_t decrypted = insert(message(2, room, peer(2), 6));
    ASSERT_TRUE(store().markDecrypted(decrypted, 1, QStringLiteral("read"), 1, true));
    insert(message(3, room, peer(2), 2)); // arrived later, earlier in the chain
    StoredRoomMessage otherKey = message(4, room, peer(2), 1);
    otherKey.keyId = 2;
    insert(otherKey);
    StoredRoomMessage otherEpoch = message(5, room, peer(2), 1);
    otherEpoch.epoch = 2;
    insert(otherEpoch);
    insert(message(6, room, peer(3), 1));      // another sender
    insert(message(7, roomId(2), peer(2), 1)); // another room

    const auto pending = store().undecrypted(room, peer(2), 1, 1);
    EXPECT_EQ(idsOf(pending), (std::vector<MessageId>{messageId(3), messageId(1)}));
    for (const auto& m : pending) {
        EXPECT_FALSE(m.decrypted);
        EXPECT_EQ(m.sender, peer(2));
    }
    EXPECT_EQ(idsOf(store().undecrypted(room, peer(2), 1, 2)), (std::vector<MessageId>{messageId(4)}));
    EXPECT_EQ(idsOf(store().undecrypted(room, peer(2), 2, 1)), (std::vector<MessageId>{messageId(5)}));
    EXPECT_EQ(idsOf(store().undecrypted(room, peer(3), 1, 1)), (std::vector<MessageId>{messageId(6)}));
    EXPECT_TRUE(store().undecrypted(room, peer(4), 1, 1).empty());
}

TEST_F(RoomStoreTest, HeldIndicesAreGroupedByChainInAscendingOrder)
{
    const Bytes room = roomId(1);
    std::uint8_t id = 1;
    for (const std::uint32_t index : {7U, 2U, 0U, 5U}) {
        insert(message(id++, room, peer(2), index));
    }
    insert(message(id++, room, peer(2), 2)); // the same index again under another id
    for (const std::uint32_t index : {3U, 1U}) {
        StoredRoomMessage m = message(id++, room, peer(2), index);
        m.keyId = 4;
        insert(m);
    }
    StoredRoomMessage own = message(id++, room, peer(1), 0);
    own.outgoing = true;
    own.epoch = 3;
    insert(own);
    insert(message(id++, roomId(2), peer(2), 9)); // another room

    const auto held = store().heldIndices(room);
    ASSERT_EQ(held.size(), 3U);
    const RoomStore::ChainId first{peer(2), 1, 1};
    const RoomStore::ChainId second{peer(2), 1, 4};
    const RoomStore::ChainId ownChain{peer(1), 3, 1};
    ASSERT_TRUE(held.contains(first));
    ASSERT_TRUE(held.contains(second));
    ASSERT_TRUE(held.contains(ownChain));
    EXPECT_EQ(held.at(first), (std::vector<std::uint32_t>{0, 2, 5, 7}));
    EXPECT_EQ(held.at(second), (std::vector<std::uint32_t>{1, 3}));
    EXPECT_EQ(held.at(ownChain), (std::vector<std::uint32_t>{0}));

    EXPECT_EQ(store().heldIndices(roomId(2)).size(), 1U);
    EXPECT_TRUE(store().heldIndices(roomId(3)).empty());
}

TEST_F(RoomStoreTest, WireOfGivesTheAskedIndicesInOrderUpToTheLimit)
{
    const Bytes room = roomId(1);
    for (std::uint8_t i = 0; i < 6; ++i) {
        insert(message(static_cast<std::uint8_t>(10 + i), room, peer(2), i));
    }
    StoredRoomMessage otherChain = message(30, room, peer(2), 1);
    otherChain.keyId = 2;
    insert(otherChain);
    insert(message(31, room, peer(3), 1));

    const RoomStore::ChainId chain{peer(2), 1, 1};
    // Unordered, with an index not held (9) and one asked twice.
    EXPECT_EQ(store().wireOf(room, chain, {4, 1, 9, 3, 1}, 10),
              (std::vector<Bytes>{Bytes{11, 0xEE, 1}, Bytes{13, 0xEE, 3}, Bytes{14, 0xEE, 4}}));
    EXPECT_EQ(store().wireOf(room, chain, {5, 0, 2, 4}, 2),
              (std::vector<Bytes>{Bytes{10, 0xEE, 0}, Bytes{12, 0xEE, 2}}));
    EXPECT_TRUE(store().wireOf(room, chain, {0, 1}, 0).empty());
    EXPECT_TRUE(store().wireOf(room, chain, {}, 10).empty());
    EXPECT_EQ(store().wireOf(room, RoomStore::ChainId{peer(2), 1, 2}, {0, 1, 2}, 10),
              (std::vector<Bytes>{Bytes{30, 0xEE, 1}}));
    EXPECT_TRUE(store().wireOf(roomId(2), chain, {0, 1}, 10).empty());
}

TEST_F(RoomStoreTest, OnlyIncomingMessagesOfTheRoomAreMarkedRead)
{
    const Bytes room = roomId(1);
    insertDecrypted(message(1, room, peer(2), 0));
    StoredRoomMessage alreadyRead = message(2, room, peer(2), 1);
    alreadyRead.read = true;
    insertDecrypted(alreadyRead); // marking it decrypted for the user does not make it unread
    StoredRoomMessage own = message(3, room, peer(1), 0);
    own.outgoing = true;
    insertDecrypted(own);
    insertDecrypted(message(4, room, peer(3), 0));
    insertDecrypted(message(5, roomId(2), peer(2), 2));

    EXPECT_EQ(store().unreadCount(room), 2);
    EXPECT_EQ(store().unreadCount(roomId(2)), 1);
    EXPECT_EQ(store().unreadCount(roomId(3)), 0);

    EXPECT_TRUE(store().message(messageId(2))->read);
    EXPECT_EQ(store().markRoomRead(room), (std::vector<MessageId>{messageId(1), messageId(4)}));
    EXPECT_EQ(store().unreadCount(room), 0);
    EXPECT_TRUE(store().message(messageId(1))->read);
    EXPECT_TRUE(store().message(messageId(4))->read);
    EXPECT_TRUE(store().markRoomRead(room).empty());

    // The other room is untouched.
    EXPECT_EQ(store().unreadCount(roomId(2)), 1);
    EXPECT_FALSE(store().message(messageId(5))->read);
    EXPECT_EQ(store().markRoomRead(roomId(2)), (std::vector<MessageId>{messageId(5)}));
}

TEST_F(RoomStoreTest, MessagesAreTheDecryptedOnesOfTheAskedKind)
{
    const Bytes room = roomId(1);
    const std::int64_t first = insertDecrypted(message(1, room, peer(2), 0), 1);
    insertDecrypted(message(2, room, peer(2), 1), 2);
    StoredRoomMessage pending = message(3, room, peer(2), 2); // not decrypted: kind left at 0
    const std::int64_t pendingSeq = insert(pending);
    StoredRoomMessage claimsKind = message(4, room, peer(2), 3); // a kind set, but not decrypted
    claimsKind.kind = 1;
    insert(claimsKind);
    StoredRoomMessage own = message(5, room, peer(1), 0); // stored already decrypted
    own.outgoing = true;
    own.decrypted = true;
    own.kind = 2;
    own.text = QStringLiteral("mine");
    insert(own);
    const std::int64_t last = insertDecrypted(message(6, room, peer(3), 0), 1);
    insertDecrypted(message(7, roomId(2), peer(2), 0), 1); // another room

    auto page = store().messages(room, 1, 10);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(1), messageId(6)}));
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].seq, first);
    EXPECT_EQ(page[0].kind, 1);
    EXPECT_TRUE(page[0].decrypted);
    EXPECT_EQ(page[0].text, QStringLiteral("text 1"));
    EXPECT_EQ(page[0].sentMs, 501);
    EXPECT_EQ(page[1].seq, last);

    page = store().messages(room, 2, 10);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(2), messageId(5)}));
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[1].text, QStringLiteral("mine"));
    // The undecrypted ones are stored with kind 0, yet are not messages of kind 0.
    EXPECT_TRUE(store().messages(room, 0, 10).empty());
    EXPECT_TRUE(store().messages(room, 3, 10).empty());

    // Paging counts only the messages of the kind.
    EXPECT_EQ(idsOf(store().messages(room, 1, 1)), (std::vector<MessageId>{messageId(6)}));
    EXPECT_EQ(idsOf(store().messages(room, 1, 1, last)), (std::vector<MessageId>{messageId(1)}));
    EXPECT_TRUE(store().messages(room, 1, 10, first).empty());

    // Once decrypted, a message takes its place by seq.
    ASSERT_TRUE(store().markDecrypted(pendingSeq, 1, QStringLiteral("late"), 42, true));
    page = store().messages(room, 1, 10);
    EXPECT_EQ(idsOf(page), (std::vector<MessageId>{messageId(1), messageId(3), messageId(6)}));
    ASSERT_EQ(page.size(), 3U);
    EXPECT_EQ(page[1].text, QStringLiteral("late"));
    EXPECT_EQ(page[1].sentMs, 42);
    EXPECT_EQ(idsOf(store().messages(room, 1, 1, last)), (std::vector<MessageId>{messageId(3)}));
}

TEST_F(RoomStoreTest, AMessageNotForTheUserIsReadAtOnce)
{
    const Bytes room = roomId(1);
    const std::int64_t receipt = insert(message(1, room, peer(2), 0));
    const std::int64_t text = insert(message(2, room, peer(2), 1));
    StoredRoomMessage seen = message(3, room, peer(2), 2);
    seen.read = true;
    const std::int64_t seenSeq = insert(seen);

    ASSERT_TRUE(store().markDecrypted(receipt, 4, QString(), 10, false));
    auto found = store().message(messageId(1));
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->decrypted);
    EXPECT_EQ(found->kind, 4);
    EXPECT_TRUE(found->read);
    EXPECT_EQ(store().unreadCount(room), 0);

    ASSERT_TRUE(store().markDecrypted(text, 1, QStringLiteral("hello"), 11, true));
    found = store().message(messageId(2));
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->decrypted);
    EXPECT_FALSE(found->read);
    EXPECT_EQ(store().unreadCount(room), 1);

    // For the user does not make a read message unread again.
    ASSERT_TRUE(store().markDecrypted(seenSeq, 1, QStringLiteral("seen"), 12, true));
    EXPECT_TRUE(store().message(messageId(3))->read);
    EXPECT_EQ(store().unreadCount(room), 1);

    // The receipt is still a message of its kind, but never one to mark read.
    const auto receipts = store().messages(room, 4, 10);
    ASSERT_EQ(receipts.size(), 1U);
    EXPECT_EQ(receipts[0].id, messageId(1));
    EXPECT_TRUE(receipts[0].read);
    EXPECT_EQ(store().markRoomRead(room), (std::vector<MessageId>{messageId(2)}));
    EXPECT_EQ(store().unreadCount(room), 0);
}

TEST_F(RoomStoreTest, AnUndecryptedMessageIsNotUnreadUntilDecrypted)
{
    const Bytes room = roomId(1);
    const std::int64_t pending = insert(message(1, room, peer(2), 1));
    insertDecrypted(message(2, room, peer(2), 0));

    EXPECT_EQ(store().unreadCount(room), 1);
    EXPECT_EQ(store().markRoomRead(room), (std::vector<MessageId>{messageId(2)}));
    EXPECT_FALSE(store().message(messageId(1))->read);
    EXPECT_EQ(store().unreadCount(room), 0);
    EXPECT_TRUE(store().markRoomRead(room).empty());
    EXPECT_FALSE(store().message(messageId(1))->read);

    // Its key comes: now it is unread, and marked read with the room.
    ASSERT_TRUE(store().markDecrypted(pending, 1, QStringLiteral("at last"), 5, true));
    EXPECT_EQ(store().unreadCount(room), 1);
    EXPECT_EQ(store().markRoomRead(room), (std::vector<MessageId>{messageId(1)}));
    EXPECT_TRUE(store().message(messageId(1))->read);
    EXPECT_EQ(store().unreadCount(room), 0);
}

TEST_F(RoomStoreTest, ReceiptsAreNeverLowered)
{
    const MessageId id = messageId(1);
    ASSERT_TRUE(store().setReceipt(id, peer(2), 1));
    ASSERT_TRUE(store().setReceipt(id, peer(3), 2));
    EXPECT_EQ(store().receipts(id), (std::map<PeerId, int>{{peer(2), 1}, {peer(3), 2}}));

    ASSERT_TRUE(store().setReceipt(id, peer(2), 2));
    ASSERT_TRUE(store().setReceipt(id, peer(3), 1)); // a late delivery receipt after the read one
    ASSERT_TRUE(store().setReceipt(id, peer(2), 1));
    EXPECT_EQ(store().receipts(id), (std::map<PeerId, int>{{peer(2), 2}, {peer(3), 2}}));

    ASSERT_TRUE(store().setReceipt(messageId(2), peer(2), 1));
    EXPECT_EQ(store().receipts(messageId(2)), (std::map<PeerId, int>{{peer(2), 1}}));
    EXPECT_TRUE(store().receipts(messageId(3)).empty());
}

TEST_F(RoomStoreTest, ChainsKeepTheirKeysAndSkippedKeys)
{
    StoredRoomChain chain;
    chain.room = roomId(1);
    chain.sender = peer(2);
    chain.epoch = 3;
    chain.keyId = 0xDEADBEEF;
    chain.firstIndex = 4;
    chain.nextIndex = 0x01020305;
    chain.chainKey = key(1);
    chain.skipped = {{0, key(10)}, {5, key(20)}, {0x01020304, key(30)}, {0xFFFFFFFF, key(40)}};
    ASSERT_TRUE(store().saveChain(chain));

    StoredRoomChain empty;
    empty.room = roomId(1);
    empty.sender = peer(2);
    empty.epoch = 1;
    empty.keyId = 7;
    empty.chainKey = key(2);
    ASSERT_TRUE(store().saveChain(empty));

    StoredRoomChain elsewhere = empty;
    elsewhere.room = roomId(2);
    ASSERT_TRUE(store().saveChain(elsewhere));

    auto chains = store().chains(roomId(1));
    ASSERT_EQ(chains.size(), 2U);
    // Ordered by epoch within a sender.
    EXPECT_EQ(chains[0].epoch, 1U);
    EXPECT_EQ(chains[0].keyId, 7U);
    EXPECT_EQ(chains[0].firstIndex, 0U);
    EXPECT_EQ(chains[0].nextIndex, 0U);
    EXPECT_EQ(chains[0].chainKey, key(2));
    EXPECT_TRUE(chains[0].skipped.empty());

    const StoredRoomChain& found = chains[1];
    EXPECT_EQ(found.room, roomId(1));
    EXPECT_EQ(found.sender, peer(2));
    EXPECT_EQ(found.epoch, 3U);
    EXPECT_EQ(found.keyId, 0xDEADBEEFU);
    EXPECT_EQ(found.firstIndex, 4U);
    EXPECT_EQ(found.nextIndex, 0x01020305U);
    EXPECT_EQ(found.chainKey, key(1));
    EXPECT_EQ(found.skipped, chain.skipped);
    ASSERT_EQ(found.skipped.size(), 4U);
    EXPECT_EQ(found.skipped.at(0x01020304), key(30));

    // The same chain saved again replaces it.
    chain.nextIndex = 0x01020310;
    chain.chainKey = key(3);
    chain.skipped = {{5, key(20)}};
    ASSERT_TRUE(store().saveChain(chain));
    chains = store().chains(roomId(1));
    ASSERT_EQ(chains.size(), 2U);
    EXPECT_EQ(chains[1].nextIndex, 0x01020310U);
    EXPECT_EQ(chains[1].firstIndex, 4U);
    EXPECT_EQ(chains[1].chainKey, key(3));
    EXPECT_EQ(chains[1].skipped, (std::map<std::uint32_t, Key>{{5, key(20)}}));

    EXPECT_EQ(store().chains(roomId(2)).size(), 1U);
    EXPECT_TRUE(store().chains(roomId(3)).empty());
}

TEST_F(RoomStoreTest, GrantsAreKeptPerMemberAndReplaced)
{
    const StoredRoomKeyGrant first{roomId(1), peer(3), 2, 1, 10, key(5)};
    const StoredRoomKeyGrant second{roomId(1), peer(3), 1, 9, 0, key(6)};
    const StoredRoomKeyGrant otherMember{roomId(1), peer(4), 2, 1, 10, key(7)};
    const StoredRoomKeyGrant otherRoom{roomId(2), peer(3), 2, 1, 10, key(8)};
    for (const auto& grant : {first, second, otherMember, otherRoom}) {
        ASSERT_TRUE(store().saveGrant(grant));
    }

    auto grants = store().grants(roomId(1), peer(3));
    ASSERT_EQ(grants.size(), 2U);
    // Ordered by epoch, then key id.
    EXPECT_EQ(grants[0].room, roomId(1));
    EXPECT_EQ(grants[0].member, peer(3));
    EXPECT_EQ(grants[0].epoch, 1U);
    EXPECT_EQ(grants[0].keyId, 9U);
    EXPECT_EQ(grants[0].firstIndex, 0U);
    EXPECT_EQ(grants[0].chainKey, key(6));
    EXPECT_EQ(grants[1].epoch, 2U);
    EXPECT_EQ(grants[1].keyId, 1U);
    EXPECT_EQ(grants[1].firstIndex, 10U);
    EXPECT_EQ(grants[1].chainKey, key(5));

    StoredRoomKeyGrant replaced = first;
    replaced.firstIndex = 12;
    replaced.chainKey = key(9);
    ASSERT_TRUE(store().saveGrant(replaced));
    grants = store().grants(roomId(1), peer(3));
    ASSERT_EQ(grants.size(), 2U);
    EXPECT_EQ(grants[1].firstIndex, 12U);
    EXPECT_EQ(grants[1].chainKey, key(9));

    grants = store().grants(roomId(1), peer(4));
    ASSERT_EQ(grants.size(), 1U);
    EXPECT_EQ(grants[0].chainKey, key(7));
    grants = store().grants(roomId(2), peer(3));
    ASSERT_EQ(grants.size(), 1U);
    EXPECT_EQ(grants[0].chainKey, key(8));
    EXPECT_TRUE(store().grants(roomId(2), peer(4)).empty());
}

TEST_F(RoomStoreTest, EverythingSurvivesReopeningTheDatabase)
{
    confab::test::TempDir dir;
    const QString path = dir.path(QStringLiteral("rooms.db"));
    const Bytes room = roomId(1);
    const StoredRoomChain chain{room, peer(2), 1, 1, 0, 3, key(1), {{1, key(2)}, {2, key(3)}}};
    const StoredRoomKeyGrant grant{room, peer(3), 1, 1, 0, key(4)};
    std::int64_t seq = 0;
    {
        auto opened = Database::open(path);
        ASSERT_TRUE(opened) << opened.error().toStdString();
        RoomStore first(*opened.value());
        StoredRoom r = makeRoom(1, 10);
        r.left = true;
        ASSERT_TRUE(first.saveRoom(r));
        ASSERT_TRUE(first.addChange(room, Bytes(32, 2), Bytes{2}));
        ASSERT_TRUE(first.addChange(room, Bytes(32, 1), Bytes{1}));
        const auto inserted = first.insertMessage(message(1, room, peer(2), 0));
        ASSERT_TRUE(inserted);
        seq = *inserted;
        ASSERT_TRUE(first.markDecrypted(seq, 1, QStringLiteral("kept"), 99, true));
        ASSERT_TRUE(first.insertMessage(message(2, room, peer(2), 1)));
        ASSERT_TRUE(first.setReceipt(messageId(1), peer(3), 2));
        ASSERT_TRUE(first.saveChain(chain));
        ASSERT_TRUE(first.saveGrant(grant));
    }
    auto reopened = Database::open(path);
    ASSERT_TRUE(reopened) << reopened.error().toStdString();
    RoomStore second(*reopened.value());

    const auto r = second.room(room);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->name, QStringLiteral("Room 1"));
    EXPECT_TRUE(r->left);
    EXPECT_EQ(r->lastActivityMs, 1002); // the second message's storedMs
    EXPECT_EQ(second.changes(room), (std::vector<Bytes>{Bytes{2}, Bytes{1}}));
    const auto kept = second.message(messageId(1));
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->seq, seq);
    EXPECT_TRUE(kept->decrypted);
    EXPECT_EQ(kept->text, QStringLiteral("kept"));
    EXPECT_EQ(kept->sentMs, 99);
    EXPECT_FALSE(kept->read);
    EXPECT_FALSE(second.message(messageId(2))->decrypted);
    EXPECT_EQ(second.unreadCount(room), 1); // the undecrypted second message is not counted
    EXPECT_EQ(idsOf(second.messages(room, 1, 10)), (std::vector<MessageId>{messageId(1)}));
    EXPECT_EQ(idsOf(second.undecrypted(room, peer(2), 1, 1)), (std::vector<MessageId>{messageId(2)}));
    EXPECT_FALSE(second.insertMessage(message(1, room, peer(2), 0)));
    EXPECT_EQ(second.heldIndices(room).at(RoomStore::ChainId{peer(2), 1, 1}),
              (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(second.receipts(messageId(1)), (std::map<PeerId, int>{{peer(3), 2}}));
    const auto chains = second.chains(room);
    ASSERT_EQ(chains.size(), 1U);
    EXPECT_EQ(chains[0].nextIndex, 3U);
    EXPECT_EQ(chains[0].chainKey, key(1));
    EXPECT_EQ(chains[0].skipped, chain.skipped);
    const auto grants = second.grants(room, peer(3));
    ASSERT_EQ(grants.size(), 1U);
    EXPECT_EQ(grants[0].chainKey, key(4));
}

} // namespace
} // namespace confab::storage
