#include "storage/message_store.h"
#include "storage/search_query.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

class MessageStoreTest : public test::StoreTest {
protected:
    void SetUp() override
    {
        test::StoreTest::SetUp();
        m_store = std::make_unique<MessageStore>(db());
    }
    void TearDown() override { m_store.reset(); }

    MessageStore& store() { return *m_store; }

    StoredMessage outgoing(std::uint8_t id, const PeerId& to, MessageState state = MessageState::Sent)
    {
        auto stored =
            store().storeOutgoing({{to, messageId(id), QStringLiteral("out %1").arg(id), state}}, 1000 + id);
        EXPECT_TRUE(stored.has_value() && stored->size() == 1);
        return stored && stored->size() == 1 ? stored->front() : StoredMessage{};
    }

    std::vector<StoredMessage> incoming(const std::vector<std::uint8_t>& ids, const PeerId& from)
    {
        std::vector<MessageStore::NewIncoming> batch;
        batch.reserve(ids.size());
        for (const std::uint8_t id : ids) {
            batch.push_back({messageId(id), from, QStringLiteral("in %1").arg(id), 500 + id});
        }
        auto stored = store().storeIncoming(batch, 2000);
        EXPECT_TRUE(stored.has_value());
        return stored.value_or(std::vector<StoredMessage>{});
    }

    MessageState stateOf(std::uint8_t id)
    {
        auto message = store().message(messageId(id));
        EXPECT_TRUE(message.has_value());
        return message ? message->state : MessageState::Queued;
    }

    std::vector<MessageId> outboxIds(const PeerId& peer)
    {
        std::vector<MessageId> ids;
        for (const StoredMessage& message : store().outbox(peer)) {
            ids.push_back(message.id);
        }
        return ids;
    }

    const PeerId m_alice = peer(0xA1);
    const PeerId m_bob = peer(0xB0);

private:
    std::unique_ptr<MessageStore> m_store;
};

TEST_F(MessageStoreTest, OutgoingIsStoredQueuedAndInOutbox)
{
    const StoredMessage stored = outgoing(1, m_alice, MessageState::Queued);
    EXPECT_GT(stored.seq, 0);
    EXPECT_TRUE(stored.outgoing);
    EXPECT_EQ(stored.state, MessageState::Queued);
    EXPECT_EQ(stored.peer, m_alice);

    const auto reread = store().message(messageId(1));
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread->seq, stored.seq);
    EXPECT_EQ(reread->body, QStringLiteral("out 1"));
    EXPECT_EQ(reread->sentMs, 1001);
    EXPECT_EQ(reread->state, MessageState::Queued);
    EXPECT_TRUE(reread->outgoing);

    EXPECT_EQ(outboxIds(m_alice), std::vector<MessageId>{messageId(1)});
    EXPECT_TRUE(outboxIds(m_bob).empty());
}

TEST_F(MessageStoreTest, OutboxIsOldestFirstAndIncludesSentButUnconfirmed)
{
    outgoing(3, m_alice, MessageState::Queued);
    outgoing(1, m_alice, MessageState::Sent);
    outgoing(2, m_alice, MessageState::Queued);
    EXPECT_EQ(outboxIds(m_alice), (std::vector<MessageId>{messageId(3), messageId(1), messageId(2)}));
}

TEST_F(MessageStoreTest, OutgoingBatchIsStoredInOrder)
{
    const auto stored =
        store().storeOutgoing({{m_alice, messageId(1), QStringLiteral("a"), MessageState::Queued},
                               {m_bob, messageId(2), QStringLiteral("b"), MessageState::Sent},
                               {m_alice, messageId(3), QStringLiteral("c"), MessageState::Queued}},
                              77);
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->size(), 3u);
    EXPECT_LT((*stored)[0].seq, (*stored)[1].seq);
    EXPECT_LT((*stored)[1].seq, (*stored)[2].seq);
    EXPECT_EQ((*stored)[1].peer, m_bob);
    EXPECT_EQ((*stored)[1].state, MessageState::Sent);
    EXPECT_EQ((*stored)[2].sentMs, 77);
    EXPECT_EQ(outboxIds(m_alice), (std::vector<MessageId>{messageId(1), messageId(3)}));
    EXPECT_EQ(outboxIds(m_bob), std::vector<MessageId>{messageId(2)});
}

TEST_F(MessageStoreTest, OutgoingWithAnExistingIdIsRefusedWithItsWholeBatch)
{
    outgoing(1, m_alice);
    EXPECT_FALSE(
        store().storeOutgoing({{m_alice, messageId(2), QStringLiteral("new"), MessageState::Queued},
                               {m_alice, messageId(1), QStringLiteral("again"), MessageState::Queued}},
                              5));
    // All or nothing: the first message of the failed batch is not stored either.
    EXPECT_FALSE(store().message(messageId(2)));
    EXPECT_EQ(store().outbox(m_alice).size(), 1u);
    EXPECT_EQ(store().message(messageId(1))->body, QStringLiteral("out 1"));
}

TEST_F(MessageStoreTest, MarkSentMovesOnlyQueuedMessages)
{
    const StoredMessage queued = outgoing(1, m_alice, MessageState::Queued);
    const StoredMessage delivered = outgoing(2, m_alice, MessageState::Sent);
    store().applyReceipt(m_alice, MessageState::Delivered, {messageId(2)});
    ASSERT_TRUE(store().markSent({queued.seq, delivered.seq}));
    EXPECT_EQ(stateOf(1), MessageState::Sent);
    EXPECT_EQ(stateOf(2), MessageState::Delivered); // never back
    EXPECT_EQ(outboxIds(m_alice), std::vector<MessageId>{messageId(1)});
}

TEST_F(MessageStoreTest, IncomingIsStoredUnreadAndNotInOutbox)
{
    const auto stored = incoming({1, 2}, m_bob);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_LT(stored[0].seq, stored[1].seq);
    for (const StoredMessage& message : stored) {
        EXPECT_FALSE(message.outgoing);
        EXPECT_EQ(message.state, MessageState::Unread);
        EXPECT_EQ(message.peer, m_bob);
        EXPECT_EQ(message.storedMs, 2000);
    }
    EXPECT_EQ(stored[0].sentMs, 501);
    EXPECT_TRUE(store().outbox(m_bob).empty());
    EXPECT_EQ(store().unreadCount(m_bob), 2);
}

TEST_F(MessageStoreTest, IncomingDuplicatesAreStoredOnce)
{
    ASSERT_EQ(incoming({1, 2}, m_bob).size(), 2u);
    // The same batch again: a transaction that succeeds but stores nothing.
    const auto again = store().storeIncoming({{messageId(1), m_bob, QStringLiteral("changed"), 9}}, 3000);
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(again->empty());
    EXPECT_EQ(store().message(messageId(1))->body, QStringLiteral("in 1"));

    // A batch mixing old, new and a repeat of a new id keeps only the first new copy.
    const auto mixed = incoming({2, 3, 3}, m_bob);
    ASSERT_EQ(mixed.size(), 1u);
    EXPECT_EQ(mixed[0].id, messageId(3));
    EXPECT_EQ(store().history(m_bob, 100).size(), 3u);
    EXPECT_EQ(store().unreadCount(m_bob), 3);
}

TEST_F(MessageStoreTest, IncomingWithEmptyBodyIsStored)
{
    // An empty text decodes to a null QString; it must be stored, not dropped
    // as if it were a duplicate (the caller acknowledges what is not refused).
    const auto stored = store().storeIncoming({{messageId(1), m_bob, QString(), 1}}, 2000);
    ASSERT_TRUE(stored.has_value());
    ASSERT_EQ(stored->size(), 1u);
    ASSERT_TRUE(store().message(messageId(1)));
    EXPECT_TRUE(store().message(messageId(1))->body.isEmpty());
}

TEST_F(MessageStoreTest, ReceiptsOnlyMoveStatesForward)
{
    outgoing(1, m_alice, MessageState::Sent);
    auto changed = store().applyReceipt(m_alice, MessageState::Read, {messageId(1)});
    ASSERT_EQ(changed.size(), 1u);
    EXPECT_EQ(changed[0].state, MessageState::Read);

    // A late Delivered after Read changes nothing.
    EXPECT_TRUE(store().applyReceipt(m_alice, MessageState::Delivered, {messageId(1)}).empty());
    EXPECT_EQ(stateOf(1), MessageState::Read);
    // Nor does a repeated Read.
    EXPECT_TRUE(store().applyReceipt(m_alice, MessageState::Read, {messageId(1)}).empty());
}

TEST_F(MessageStoreTest, DeliveredRemovesFromOutbox)
{
    outgoing(1, m_alice, MessageState::Sent);
    outgoing(2, m_alice, MessageState::Sent);
    const auto changed = store().applyReceipt(m_alice, MessageState::Delivered, {messageId(1)});
    ASSERT_EQ(changed.size(), 1u);
    EXPECT_EQ(changed[0].id, messageId(1));
    EXPECT_EQ(changed[0].state, MessageState::Delivered);
    EXPECT_EQ(stateOf(1), MessageState::Delivered);
    EXPECT_EQ(stateOf(2), MessageState::Sent);
    EXPECT_EQ(outboxIds(m_alice), std::vector<MessageId>{messageId(2)});
}

TEST_F(MessageStoreTest, ReceiptCanConfirmAQueuedMessage)
{
    // The message may have gone out on a link that died before markSent.
    outgoing(1, m_alice, MessageState::Queued);
    ASSERT_EQ(store().applyReceipt(m_alice, MessageState::Delivered, {messageId(1)}).size(), 1u);
    EXPECT_EQ(stateOf(1), MessageState::Delivered);
    EXPECT_TRUE(store().outbox(m_alice).empty());
}

TEST_F(MessageStoreTest, ReceiptFromAnotherPeerChangesNothing)
{
    outgoing(1, m_alice, MessageState::Sent);
    // Bob names a message that went to Alice.
    EXPECT_TRUE(store().applyReceipt(m_bob, MessageState::Read, {messageId(1)}).empty());
    EXPECT_EQ(stateOf(1), MessageState::Sent);
    EXPECT_EQ(outboxIds(m_alice), std::vector<MessageId>{messageId(1)});
}

TEST_F(MessageStoreTest, ReceiptNeverTouchesIncomingMessages)
{
    incoming({1}, m_bob);
    // Bob "confirms" his own message to us: it must stay unread.
    EXPECT_TRUE(store().applyReceipt(m_bob, MessageState::Read, {messageId(1)}).empty());
    EXPECT_EQ(stateOf(1), MessageState::Unread);
    EXPECT_EQ(store().unreadCount(m_bob), 1);
}

TEST_F(MessageStoreTest, ReceiptWithUnknownAndKnownIdsAppliesTheKnownOnes)
{
    outgoing(1, m_alice, MessageState::Sent);
    outgoing(2, m_alice, MessageState::Sent);
    const auto changed =
        store().applyReceipt(m_alice, MessageState::Delivered, {messageId(0x77), messageId(2), messageId(1)});
    EXPECT_EQ(changed.size(), 2u);
    EXPECT_EQ(stateOf(1), MessageState::Delivered);
    EXPECT_EQ(stateOf(2), MessageState::Delivered);
}

TEST_F(MessageStoreTest, CustodyMovesASentMessageToRelayedAndKeepsItInTheOutbox)
{
    outgoing(1, m_alice, MessageState::Sent);
    const auto relayed = store().markRelayed(m_alice, messageId(1));
    ASSERT_TRUE(relayed.has_value());
    EXPECT_EQ(relayed->id, messageId(1));
    EXPECT_EQ(relayed->state, MessageState::Relayed);
    EXPECT_EQ(stateOf(1), MessageState::Relayed);
    // A relay holds it, the recipient does not yet: it is still resent until a receipt.
    EXPECT_EQ(outboxIds(m_alice), std::vector<MessageId>{messageId(1)});
    // A second custody (another relay, or a resent copy) changes nothing.
    EXPECT_FALSE(store().markRelayed(m_alice, messageId(1)).has_value());
    // The receipt moves it on as usual.
    ASSERT_EQ(store().applyReceipt(m_alice, MessageState::Delivered, {messageId(1)}).size(), 1U);
    EXPECT_EQ(stateOf(1), MessageState::Delivered);
}

TEST_F(MessageStoreTest, LateCustodyNeverMovesADeliveredOrReadMessageBack)
{
    // Over two paths the receipt can overtake the relay's custody.
    outgoing(1, m_alice, MessageState::Sent);
    outgoing(2, m_alice, MessageState::Sent);
    ASSERT_EQ(store().applyReceipt(m_alice, MessageState::Delivered, {messageId(1)}).size(), 1U);
    ASSERT_EQ(store().applyReceipt(m_alice, MessageState::Read, {messageId(2)}).size(), 1U);

    EXPECT_FALSE(store().markRelayed(m_alice, messageId(1)).has_value());
    EXPECT_FALSE(store().markRelayed(m_alice, messageId(2)).has_value());
    EXPECT_EQ(stateOf(1), MessageState::Delivered);
    EXPECT_EQ(stateOf(2), MessageState::Read);
    // Nor does it put them back in the outbox to be sent again.
    EXPECT_TRUE(store().outbox(m_alice).empty());
}

TEST_F(MessageStoreTest, CustodyOnlyConcernsOurOwnMessageToThatPeer)
{
    outgoing(1, m_alice, MessageState::Sent);
    incoming({2}, m_bob);
    // Custody names the peer the envelope went to; another peer's message stays as it is.
    EXPECT_FALSE(store().markRelayed(m_bob, messageId(1)).has_value());
    EXPECT_EQ(stateOf(1), MessageState::Sent);
    // An incoming message is never "relayed".
    EXPECT_FALSE(store().markRelayed(m_bob, messageId(2)).has_value());
    EXPECT_EQ(stateOf(2), MessageState::Unread);
    EXPECT_FALSE(store().markRelayed(m_alice, messageId(0x77)).has_value());
}

TEST_F(MessageStoreTest, HistoryReturnsNewestNOldestFirst)
{
    outgoing(1, m_alice);
    incoming({2}, m_alice);
    outgoing(3, m_alice);
    outgoing(9, m_bob); // another conversation
    incoming({4}, m_alice);
    outgoing(5, m_alice);

    const auto last3 = store().history(m_alice, 3);
    ASSERT_EQ(last3.size(), 3u);
    EXPECT_EQ(last3[0].id, messageId(3));
    EXPECT_EQ(last3[1].id, messageId(4));
    EXPECT_EQ(last3[2].id, messageId(5));
    EXPECT_LT(last3[0].seq, last3[1].seq);
    EXPECT_LT(last3[1].seq, last3[2].seq);

    const auto all = store().history(m_alice, 100);
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all.front().id, messageId(1));
    EXPECT_TRUE(all[1].outgoing == false && all[1].id == messageId(2));
    EXPECT_EQ(store().history(m_bob, 100).size(), 1u);
    EXPECT_TRUE(store().history(peer(0x55), 100).empty());
}

TEST_F(MessageStoreTest, HistoryBeforePagesBackwardsOldestFirst)
{
    outgoing(1, m_alice);
    incoming({2}, m_alice);
    outgoing(9, m_bob); // another conversation
    outgoing(3, m_alice);
    incoming({4}, m_alice);
    outgoing(5, m_alice);

    const auto newest = store().history(m_alice, 2);
    ASSERT_EQ(newest.size(), 2u);
    const auto page = store().historyBefore(m_alice, newest.front().seq, 2);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].id, messageId(2));
    EXPECT_EQ(page[1].id, messageId(3));
    const auto oldest = store().historyBefore(m_alice, page.front().seq, 2);
    ASSERT_EQ(oldest.size(), 1u);
    EXPECT_EQ(oldest[0].id, messageId(1));
    EXPECT_TRUE(store().historyBefore(m_alice, oldest.front().seq, 2).empty());
}

TEST_F(MessageStoreTest, OldestUnreadAndMarkRead)
{
    EXPECT_FALSE(store().oldestUnread(std::nullopt));
    incoming({1}, m_bob);
    incoming({2}, m_alice);
    incoming({3}, m_bob);
    outgoing(4, m_bob);

    auto oldest = store().oldestUnread(std::nullopt);
    ASSERT_TRUE(oldest);
    EXPECT_EQ(oldest->id, messageId(1));
    auto fromAlice = store().oldestUnread(m_alice);
    ASSERT_TRUE(fromAlice);
    EXPECT_EQ(fromAlice->id, messageId(2));

    EXPECT_TRUE(store().markRead(oldest->seq));
    EXPECT_FALSE(store().markRead(oldest->seq)); // already read
    EXPECT_EQ(stateOf(1), MessageState::ReadIncoming);
    EXPECT_EQ(store().unreadCount(m_bob), 1);

    oldest = store().oldestUnread(std::nullopt);
    ASSERT_TRUE(oldest);
    EXPECT_EQ(oldest->id, messageId(2));
    oldest = store().oldestUnread(m_bob);
    ASSERT_TRUE(oldest);
    EXPECT_EQ(oldest->id, messageId(3));

    // Outgoing messages are never "unread" and cannot be marked read.
    EXPECT_FALSE(store().markRead(store().message(messageId(4))->seq));
    EXPECT_EQ(stateOf(4), MessageState::Sent);
}

TEST_F(MessageStoreTest, ConversationsNewestActivityFirst)
{
    outgoing(1, m_alice);
    store().storeIncoming({{messageId(2), m_bob, QStringLiteral("hi"), 1}}, 5000);
    const auto conversations = store().conversations();
    ASSERT_EQ(conversations.size(), 2u);
    EXPECT_EQ(conversations[0], m_bob);
    EXPECT_EQ(conversations[1], m_alice);
}

// Edits and deletes: our own, queued for the peer, and the peer's, applied.
class MessageChangeTest : public MessageStoreTest {
protected:
    std::optional<StoredMessage> changeOwn(std::uint8_t changeId, proto::EnvelopeKind kind,
                                           std::uint8_t target, const QString& text = {})
    {
        return store().changeOwn({messageId(changeId), kind, messageId(target), text}, 7000 + changeId);
    }
    std::vector<StoredMessage> applyFromBob(proto::EnvelopeKind kind, std::uint8_t target,
                                            std::int64_t madeMs, const QString& text = {})
    {
        auto changed = store().applyPeerChanges(m_bob, {{kind, messageId(target), text, madeMs}});
        EXPECT_TRUE(changed.has_value());
        return changed.value_or(std::vector<StoredMessage>{});
    }
    std::vector<MessageId> changeIds(const PeerId& peer)
    {
        std::vector<MessageId> ids;
        for (const PendingChange& change : store().changeOutbox(peer)) {
            ids.push_back(change.id);
        }
        return ids;
    }
};

TEST_F(MessageChangeTest, AnOwnEditChangesTheTextAndWaitsForThePeer)
{
    outgoing(1, m_bob);
    const auto edited = changeOwn(0x51, proto::EnvelopeKind::Edit, 1, QStringLiteral("better words"));
    ASSERT_TRUE(edited);
    EXPECT_EQ(edited->body, QStringLiteral("better words"));
    EXPECT_EQ(edited->editedMs, std::optional<std::int64_t>(7000 + 0x51));
    EXPECT_FALSE(edited->deletedMs);
    EXPECT_EQ(store().message(messageId(1))->body, QStringLiteral("better words"));
    const auto pending = store().changeOutbox(m_bob);
    ASSERT_EQ(pending.size(), 1U);
    EXPECT_EQ(pending[0].kind, proto::EnvelopeKind::Edit);
    EXPECT_EQ(pending[0].target, messageId(1));
    EXPECT_EQ(pending[0].text, QStringLiteral("better words"));
    EXPECT_EQ(store().peersWithChanges(), std::vector<PeerId>{m_bob});
}

TEST_F(MessageChangeTest, OnlyTheNewestEditWaitsAndADeleteReplacesThemAll)
{
    outgoing(1, m_bob);
    changeOwn(0x51, proto::EnvelopeKind::Edit, 1, QStringLiteral("first"));
    changeOwn(0x52, proto::EnvelopeKind::Edit, 1, QStringLiteral("second"));
    EXPECT_EQ(changeIds(m_bob), std::vector<MessageId>{messageId(0x52)});
    const auto deleted = changeOwn(0x53, proto::EnvelopeKind::Delete, 1);
    ASSERT_TRUE(deleted);
    EXPECT_TRUE(deleted->body.isEmpty());
    EXPECT_TRUE(deleted->deletedMs);
    EXPECT_EQ(changeIds(m_bob), std::vector<MessageId>{messageId(0x53)});
    // Deleted means done: neither the message nor a new change goes any more.
    EXPECT_TRUE(outboxIds(m_bob).empty());
    EXPECT_FALSE(changeOwn(0x54, proto::EnvelopeKind::Edit, 1, QStringLiteral("back?")));
    EXPECT_FALSE(changeOwn(0x55, proto::EnvelopeKind::Delete, 1));
}

TEST_F(MessageChangeTest, NobodyChangesAMessageOfSomeoneElse)
{
    incoming({2}, m_bob);
    EXPECT_FALSE(changeOwn(0x51, proto::EnvelopeKind::Edit, 2, QStringLiteral("mine now")));
    EXPECT_FALSE(changeOwn(0x52, proto::EnvelopeKind::Delete, 2));
    EXPECT_FALSE(changeOwn(0x53, proto::EnvelopeKind::Edit, 9, QStringLiteral("no such message")));
    outgoing(1, m_bob);
    incoming({3}, m_alice);
    // Bob may change only what Bob sent us: not our message, not Alice's.
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Edit, 1, 100, QStringLiteral("forged")).empty());
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Delete, 3, 100).empty());
    EXPECT_EQ(store().message(messageId(1))->body, QStringLiteral("out 1"));
    EXPECT_EQ(store().message(messageId(3))->body, QStringLiteral("in 3"));
    EXPECT_EQ(store().message(messageId(2))->body, QStringLiteral("in 2"));
    EXPECT_TRUE(store().changeOutbox(m_bob).empty());
}

TEST_F(MessageChangeTest, ThePeersEditsApplyNewestLastAndADeleteIsFinal)
{
    incoming({2}, m_bob);
    ASSERT_EQ(applyFromBob(proto::EnvelopeKind::Edit, 2, 200, QStringLiteral("two hundred")).size(), 1U);
    // An older edit arriving late changes nothing.
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Edit, 2, 150, QStringLiteral("one fifty")).empty());
    EXPECT_EQ(store().message(messageId(2))->body, QStringLiteral("two hundred"));
    EXPECT_EQ(store().message(messageId(2))->editedMs, std::optional<std::int64_t>(200));
    const auto deleted = applyFromBob(proto::EnvelopeKind::Delete, 2, 300);
    ASSERT_EQ(deleted.size(), 1U);
    EXPECT_TRUE(deleted[0].body.isEmpty());
    EXPECT_EQ(deleted[0].deletedMs, std::optional<std::int64_t>(300));
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Edit, 2, 400, QStringLiteral("undead")).empty());
    EXPECT_TRUE(store().message(messageId(2))->body.isEmpty());
}

TEST_F(MessageChangeTest, AMessageDeletedBeforeItWasReadNoLongerCountsAsUnread)
{
    incoming({2, 3}, m_bob);
    ASSERT_EQ(store().unreadCount(m_bob), 2);
    const auto deleted = applyFromBob(proto::EnvelopeKind::Delete, 2, 300);
    ASSERT_EQ(deleted.size(), 1U);
    EXPECT_EQ(deleted[0].state, MessageState::ReadIncoming);
    EXPECT_EQ(store().unreadCount(m_bob), 1);
    const auto oldest = store().oldestUnread(m_bob);
    ASSERT_TRUE(oldest);
    EXPECT_EQ(oldest->id, messageId(3)) << "wait-message passes the deleted one by";
}

TEST_F(MessageChangeTest, AReceiptConfirmsChangesOfThatPeerOnly)
{
    outgoing(1, m_bob);
    outgoing(2, m_alice);
    changeOwn(0x51, proto::EnvelopeKind::Edit, 1, QStringLiteral("to bob"));
    changeOwn(0x52, proto::EnvelopeKind::Edit, 2, QStringLiteral("to alice"));
    EXPECT_TRUE(store().confirmChanges(m_alice, {messageId(0x51)}).empty());
    EXPECT_EQ(changeIds(m_bob), std::vector<MessageId>{messageId(0x51)});
    EXPECT_EQ(store().confirmChanges(m_bob, {messageId(7), messageId(0x51)}).size(), 1U);
    EXPECT_TRUE(store().changeOutbox(m_bob).empty());
    EXPECT_EQ(changeIds(m_alice), std::vector<MessageId>{messageId(0x52)});
}

TEST_F(MessageChangeTest, HistoryCarriesWhatChanged)
{
    outgoing(1, m_bob);
    outgoing(2, m_bob);
    changeOwn(0x51, proto::EnvelopeKind::Edit, 1, QStringLiteral("edited"));
    changeOwn(0x52, proto::EnvelopeKind::Delete, 2);
    const auto history = store().history(m_bob, 10);
    ASSERT_EQ(history.size(), 2U);
    EXPECT_TRUE(history[0].editedMs && !history[0].deletedMs);
    EXPECT_TRUE(history[1].deletedMs && history[1].body.isEmpty());
}

TEST_F(MessageChangeTest, EachSideHasOneReactionPerMessageTheNewestWins)
{
    outgoing(1, m_bob);
    incoming({2}, m_bob);
    // Ours, on either side's message; the newer replaces the older unsent one.
    ASSERT_TRUE(changeOwn(0x51, proto::EnvelopeKind::Reaction, 2, QStringLiteral("👍")));
    const auto changed = changeOwn(0x52, proto::EnvelopeKind::Reaction, 2, QStringLiteral("❤️"));
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->ownReaction, QStringLiteral("❤️"));
    EXPECT_EQ(changeIds(m_bob), std::vector<MessageId>{messageId(0x52)});
    // Bob's, on our message; a late older one changes nothing, none takes it back.
    ASSERT_EQ(applyFromBob(proto::EnvelopeKind::Reaction, 1, 200, QStringLiteral("😂")).size(), 1U);
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Reaction, 1, 100, QStringLiteral("😮")).empty());
    EXPECT_EQ(store().message(messageId(1))->peerReaction, QStringLiteral("😂"));
    ASSERT_EQ(applyFromBob(proto::EnvelopeKind::Reaction, 1, 300, QString()).size(), 1U);
    EXPECT_TRUE(store().message(messageId(1))->peerReaction.isEmpty());
    // Bob cannot react to a conversation he is not in.
    incoming({3}, m_alice);
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Reaction, 3, 400, QStringLiteral("👎")).empty());
}

TEST_F(MessageChangeTest, ADeleteTakesTheReactionsAndTheWaitingOnesWithIt)
{
    outgoing(1, m_bob);
    changeOwn(0x51, proto::EnvelopeKind::Reaction, 1, QStringLiteral("👍"));
    applyFromBob(proto::EnvelopeKind::Reaction, 1, 100, QStringLiteral("😂"));
    const auto deleted = changeOwn(0x52, proto::EnvelopeKind::Delete, 1);
    ASSERT_TRUE(deleted);
    EXPECT_TRUE(deleted->ownReaction.isEmpty());
    EXPECT_TRUE(deleted->peerReaction.isEmpty());
    EXPECT_EQ(changeIds(m_bob), std::vector<MessageId>{messageId(0x52)});
    EXPECT_FALSE(changeOwn(0x53, proto::EnvelopeKind::Reaction, 1, QStringLiteral("👍")));
    EXPECT_TRUE(applyFromBob(proto::EnvelopeKind::Reaction, 1, 200, QStringLiteral("😂")).empty());
}

TEST_F(MessageChangeTest, ARepliesQuoteIsKeptBothWays)
{
    const auto sent = store().storeOutgoing(
        {{m_bob, messageId(5), QStringLiteral("yes"), MessageState::Queued, messageId(2)}}, 1000);
    ASSERT_TRUE(sent && sent->size() == 1);
    EXPECT_EQ(sent->front().replyTo, std::optional<MessageId>(messageId(2)));
    ASSERT_TRUE(
        store().storeIncoming({{messageId(6), m_bob, QStringLiteral("great"), 10, messageId(5)}}, 2000));
    EXPECT_EQ(store().message(messageId(5))->replyTo, std::optional<MessageId>(messageId(2)));
    EXPECT_EQ(store().message(messageId(6))->replyTo, std::optional<MessageId>(messageId(5)));
    incoming({7}, m_bob);
    EXPECT_FALSE(store().message(messageId(7))->replyTo);
}

class MessageSearchTest : public MessageStoreTest {
protected:
    void SetUp() override
    {
        MessageStoreTest::SetUp();
        say(m_alice, 1, "Lunch at the Café Noir tomorrow?");
        hear(m_alice, 2, "Yes! Noon at the café.");
        say(m_bob, 3, "The café report is attached");
        hear(m_bob, 4, "STRASSE und Straße");
        say(m_alice, 5, "nothing to see here");
    }

    void say(const PeerId& to, std::uint8_t id, const char* text)
    {
        ASSERT_TRUE(store().storeOutgoing({{to, messageId(id), QString::fromUtf8(text)}}, 1000 + id));
    }
    void hear(const PeerId& from, std::uint8_t id, const char* text)
    {
        ASSERT_TRUE(store().storeIncoming({{messageId(id), from, QString::fromUtf8(text), 500}}, 2000 + id));
    }

    // The bodies found, newest first, or "<refused>".
    std::vector<std::string> find(const char* typed, const std::optional<PeerId>& peer = std::nullopt,
                                  int limit = 50)
    {
        const auto query = ftsQueryFor(QString::fromUtf8(typed));
        if (!query) {
            return {"<nothing to search for>"};
        }
        const auto found = store().search(*query, peer, limit);
        if (!found) {
            return {"<refused>"};
        }
        std::vector<std::string> bodies;
        for (const StoredMessage& message : *found) {
            bodies.push_back(message.body.toStdString());
        }
        return bodies;
    }

    using Bodies = std::vector<std::string>;
};

TEST_F(MessageSearchTest, FindsWordStartsInAnyCaseAndWithoutAccentsNewestFirst)
{
    EXPECT_EQ(find("cafe"), (Bodies{"The café report is attached", "Yes! Noon at the café.",
                                    "Lunch at the Café Noir tomorrow?"}));
    EXPECT_EQ(find("CAF no"), (Bodies{"Yes! Noon at the café.", "Lunch at the Café Noir tomorrow?"}));
    // Only the start of a word: "port" is inside "report".
    EXPECT_EQ(find("port"), Bodies{});
    EXPECT_EQ(find("straße"), Bodies{"STRASSE und Straße"});
}

TEST_F(MessageSearchTest, IndexingGoesInChunksOldestFirst)
{
    EXPECT_EQ(store().indexForSearch(2), std::optional<int>(2));
    EXPECT_EQ(store().indexForSearch(2), std::optional<int>(2));
    EXPECT_EQ(store().indexForSearch(2), std::optional<int>(1));
    EXPECT_EQ(store().indexForSearch(2), std::optional<int>(0));
    say(m_bob, 6, "one more café");
    EXPECT_EQ(store().indexForSearch(2), std::optional<int>(1));
    EXPECT_EQ(find("cafe").size(), 4U);
}

TEST_F(MessageSearchTest, OneConversationAndALimit)
{
    EXPECT_EQ(find("cafe", m_bob), Bodies{"The café report is attached"});
    EXPECT_EQ(find("cafe", m_alice, 1), Bodies{"Yes! Noon at the café."});
    EXPECT_EQ(find("cafe", peer(0xCC)), Bodies{});
}

TEST_F(MessageSearchTest, HostileTextIsSearchedForAndNeverBreaksTheQuery)
{
    for (const char* typed : {"\"", "cafe\"", "NEAR(", "cafe OR", "body:cafe", "* cafe", "cafe -noir",
                              "^cafe", "'; DROP TABLE messages; --"}) {
        EXPECT_NE(find(typed), Bodies{"<refused>"}) << typed;
    }
    EXPECT_EQ(find("cafe", m_alice).size(), 2U) << "the messages are all still there";
}

TEST_F(MessageSearchTest, EditsAndDeletesReachTheIndex)
{
    ASSERT_EQ(store().indexForSearch(100), std::optional<int>(5));
    ASSERT_TRUE(store().changeOwn(
        {messageId(0x51), proto::EnvelopeKind::Edit, messageId(1), QStringLiteral("Lunch at the diner")},
        3000));
    ASSERT_TRUE(store().changeOwn({messageId(0x52), proto::EnvelopeKind::Delete, messageId(3), {}}, 3001));
    EXPECT_EQ(find("cafe"), Bodies{"Yes! Noon at the café."});
    EXPECT_EQ(find("diner"), Bodies{"Lunch at the diner"});
}

TEST_F(MessageSearchTest, TheIndexFollowsDeletedAndEditedMessages)
{
    // Rows deleted or bodies rewritten by any statement leave the index too.
    ASSERT_EQ(store().indexForSearch(100), std::optional<int>(5));
    ASSERT_TRUE(db().exec(QStringLiteral("DELETE FROM outbox")));
    ASSERT_TRUE(db().exec(QStringLiteral("DELETE FROM messages WHERE body LIKE 'Lunch%'")));
    ASSERT_TRUE(
        db().exec(QStringLiteral("UPDATE messages SET body = 'moved to the diner' WHERE body LIKE 'Yes!%'")));
    EXPECT_EQ(find("cafe"), Bodies{"The café report is attached"});
    EXPECT_EQ(find("diner"), Bodies{"moved to the diner"});
}

} // namespace
} // namespace confab::storage
