#pragma once

#include "records.h"

#include <QSqlQuery>

#include <memory>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// Conversations, messages and the outgoing queue. Every method that changes
// state runs in one transaction, so a caller that acknowledges after it
// returns never acknowledges something a crash could lose.
class MessageStore {
public:
    explicit MessageStore(Database& db);
    ~MessageStore();

    struct NewIncoming {
        MessageId id;
        PeerId from;
        QString body;
        std::int64_t sentMs = 0;
        std::optional<MessageId> replyTo{}; // the message it quotes
    };

    struct NewOutgoing {
        PeerId to;
        MessageId id;
        QString body;
        MessageState state = MessageState::Queued; // or Sent when handed to a link right after
        std::optional<MessageId> replyTo{};        // the message it quotes
    };

    // Stores messages in the outgoing queue, all in one transaction (one
    // commit for many messages is what makes high send rates possible).
    // nullopt if the transaction failed: then none of them is stored.
    std::optional<std::vector<StoredMessage>> storeOutgoing(const std::vector<NewOutgoing>& batch,
                                                            std::int64_t nowMs);
    // Stores a batch of received messages in one transaction. Returns the ones
    // that were new; ids already stored are duplicates and skipped. nullopt if
    // the transaction failed (then nothing may be acknowledged).
    std::optional<std::vector<StoredMessage>> storeIncoming(const std::vector<NewIncoming>& batch,
                                                            std::int64_t nowMs);

    // Queued and sent-but-unconfirmed messages to `peer`, oldest first.
    std::vector<StoredMessage> outbox(const PeerId& peer);
    // Every peer with queued or unconfirmed messages.
    std::vector<PeerId> peersWithOutbox();
    bool markSent(const std::vector<std::int64_t>& seqs);
    // Applies a Delivered or Read receipt from `peer` to our messages to it.
    // States only move forward. Returns the messages that changed.
    std::vector<StoredMessage> applyReceipt(const PeerId& peer, MessageState state,
                                            const std::vector<MessageId>& ids);
    // A relay holds our message to `peer` now: Sent becomes Relayed. It stays
    // in the outbox until a receipt comes. Returns the message if it changed.
    std::optional<StoredMessage> markRelayed(const PeerId& peer, const MessageId& id);

    // The newest `limit` messages of a conversation, oldest first.
    std::vector<StoredMessage> history(const PeerId& peer, int limit);
    // The newest `limit` messages stored before `beforeSeq`, oldest first: the
    // next older page when a view loads a long conversation lazily.
    std::vector<StoredMessage> historyBefore(const PeerId& peer, std::int64_t beforeSeq, int limit);
    std::optional<StoredMessage> oldestUnread(const std::optional<PeerId>& from);
    // Marks an incoming message read; false if it was not unread.
    bool markRead(std::int64_t seq);
    // Marks every unread message from `peer` read in one transaction and
    // returns the ones it marked (empty when there were none, or on failure).
    std::vector<StoredMessage> markConversationRead(const PeerId& peer);
    // Messages whose text matches an FTS5 query (see search_query.h), in one
    // conversation or all, newest first; at most `limit`. Messages not yet
    // in the search index are added to it first, so none is missed. nullopt
    // if SQLite refused the query.
    std::optional<std::vector<StoredMessage>> search(const QString& ftsQuery,
                                                     const std::optional<PeerId>& peer, int limit);
    // Adds up to `maxMessages` of the messages not yet in the search index,
    // oldest first, in one transaction. How many it added (0: none waits),
    // or nullopt on failure.
    std::optional<int> indexForSearch(int maxMessages);
    std::optional<StoredMessage> message(const MessageId& id);

    // Edits, deletes and reactions (the envelope kinds Edit, Delete, Reaction).
    struct OwnChange {
        MessageId id; // the change's own envelope id
        proto::EnvelopeKind kind = proto::EnvelopeKind::Edit;
        MessageId target;
        QString text; // an Edit's new text, a Reaction's emoji (empty: taken back)
    };
    // Applies a change here and queues it for the peer, in one transaction.
    // Edits and deletes concern our own messages, reactions any message of
    // the conversation. A change makes earlier unsent ones of its kind to
    // the message moot; a delete makes all of them moot and takes the
    // message out of the outgoing queue. The message as it is now; nullopt
    // if `target` is no message it may change that is still there, or on
    // failure.
    std::optional<StoredMessage> changeOwn(const OwnChange& change, std::int64_t nowMs);
    // Every peer with changes not yet confirmed.
    std::vector<PeerId> peersWithChanges();
    // Our changes to `peer` not yet confirmed, oldest first.
    std::vector<PendingChange> changeOutbox(const PeerId& peer);
    // The peer confirmed the changes named by `ids` (among other ids):
    // they leave the queue. Returns the seqs of those that did.
    std::vector<std::int64_t> confirmChanges(const PeerId& peer, const std::vector<MessageId>& ids);

    struct PeerChange {
        proto::EnvelopeKind kind = proto::EnvelopeKind::Edit;
        MessageId target;
        QString text;
        std::int64_t madeMs = 0; // the sender's clock
    };
    // Applies changes `peer` made, in one transaction: edits and deletes
    // only to messages it sent us, reactions to any message between us;
    // never to a deleted message, and an edit or reaction only when it is
    // newer than the peer's last one. Returns the messages that
    // changed; nullopt if the transaction failed (then nothing may be
    // acknowledged).
    std::optional<std::vector<StoredMessage>> applyPeerChanges(const PeerId& peer,
                                                               const std::vector<PeerChange>& changes);
    int unreadCount(const PeerId& peer);
    std::vector<PeerId> conversations();

private:
    // Moves our messages to `peer` named by `ids` forward to `state` (never
    // back) in one statement; returns the ones that changed.
    std::vector<StoredMessage> advance(const PeerId& peer, MessageState state,
                                       const std::vector<MessageId>& ids);

    bool ensureConversation(const PeerId& peer, std::int64_t nowMs);
    std::vector<StoredMessage> select(QSqlQuery& query);

    Database& m_db;
    // Hot-path statements, prepared once.
    QSqlQuery m_insertMessage;
    QSqlQuery m_insertOutbox;
    QSqlQuery m_touchConversation;
    QSqlQuery m_deleteOutbox;
    QSqlQuery m_selectOutbox;
};

} // namespace confab::storage
