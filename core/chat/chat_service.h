#pragma once

#include "base/clock.h"
#include "proto/receipt.h"
#include "session/message_port.h"
#include "session/relay_path.h"
#include "storage/message_store.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace confab::chat {

// 1:1 chat. A message is stored before anything is sent or acknowledged;
// the outgoing queue goes out in order whenever the peer can be reached (a
// link to it, or else relays that carry it sealed) and is sent again until
// a Delivered receipt arrives.
class ChatService : public QObject {
    Q_OBJECT
public:
    // Unconfirmed messages are sent again after this long on the same link.
    static constexpr int kResendAfterMs = 10000;

    ChatService(session::MessagePort& port, storage::MessageStore& store, Clock& clock,
                QObject* parent = nullptr);

    // Peers without a link are reached through `relay` from now on (it must
    // outlive this service).
    void setRelayPath(session::RelayPath& relay);

    using SendResult = Result<storage::StoredMessage, QString>;
    using SendCallback = std::function<void(const SendResult&)>;
    // Messages sent in one pass of the event loop (up to this many) share one
    // database commit.
    static constexpr std::size_t kMaxCommitBatch = 512;

    // Stores the message, then hands it to the link if one is up. `done` runs
    // once it is committed (only then may a front end call it saved), or at
    // once with a sentence for the user (empty text, too long, store failure).
    void sendText(const PeerId& to, const QString& text, SendCallback done);
    // The same for a reply quoting `quoted`, a message of the conversation
    // (envelope kind Reply; plain Text to a peer not known to take it).
    void sendReply(const PeerId& to, const MessageId& quoted, const QString& text, SendCallback done);
    // Marks an incoming message read and tells its sender.
    bool markRead(const storage::StoredMessage& message);
    // Marks everything unread from `peer` read in one transaction and tells
    // the peer in one Read receipt. Returns how many messages it marked.
    std::size_t markConversationRead(const PeerId& peer);

    using ChangeResult = Result<storage::StoredMessage, QString>;
    // Edits or deletes one of our own messages for everyone: at once here,
    // and for the peer as soon as it is reachable and known to take changes
    // (Capability::MessageChanges), sent again until it confirms them. The
    // message as it is now, or a sentence for the user.
    ChangeResult editMessage(const MessageId& id, const QString& text);
    ChangeResult deleteMessage(const MessageId& id);
    // Our reaction to a message of either side, sent like an edit; an
    // empty `emoji` takes it back.
    ChangeResult react(const MessageId& id, const QString& emoji);

    // Sends an envelope of another service (file drops, rooms) on the
    // peer's link, or sealed through relays; false when it could not go now.
    // It is not stored: each service sends again what it needs to.
    bool sendServiceEnvelope(const PeerId& to, proto::EnvelopeKind kind, ByteView body);

signals:
    // A file offer or answer from `from` (authenticated like a message).
    void fileDropEnvelope(const confab::PeerId& from, const confab::proto::Envelope& envelope);
    // A room envelope from `from` (authenticated like a message).
    void roomEnvelope(const confab::PeerId& from, const confab::proto::Envelope& envelope);
    void messageStored(const confab::storage::StoredMessage& message);
    // A message moved on (sent, delivered, read), or was edited or deleted.
    void messageStateChanged(const confab::storage::StoredMessage& message);
    void conversationRead(const confab::PeerId& peer, std::size_t count);

private:
    struct PendingSend {
        storage::MessageStore::NewOutgoing message;
        SendCallback done;
    };

    void queueText(const PeerId& to, const QString& text, const std::optional<MessageId>& replyTo,
                   SendCallback done);
    void commitPendingSends();
    void flushOutbox(const PeerId& peer, bool resendAll);
    void flushChanges(const PeerId& peer, bool resendAll);
    [[nodiscard]] bool takesChanges(const PeerId& peer) const;
    ChangeResult changeOwn(const MessageId& id, proto::EnvelopeKind kind, const QString& text);
    [[nodiscard]] bool canReach(const PeerId& peer) const;
    void onEnvelopes(const PeerId& from, const std::vector<Bytes>& bodies);
    // Envelopes whose sender is authenticated: from a link, or opened by the relay path.
    void acceptEnvelopes(const PeerId& from, const std::vector<proto::Envelope>& envelopes);
    void acceptMessages(const PeerId& from, const std::vector<storage::MessageStore::NewIncoming>& batch);
    void acceptChanges(const PeerId& from, const std::vector<storage::MessageStore::PeerChange>& changes,
                       const std::vector<MessageId>& ids);
    void onCustodyTaken(const MessageId& id);
    void sendStoredText(const storage::StoredMessage& message);
    bool sendEnvelope(const PeerId& to, proto::EnvelopeKind kind, const MessageId& id,
                      std::int64_t timestampMs, ByteView body);
    void sendReceipt(const PeerId& to, proto::ReceiptState state, const std::vector<MessageId>& ids);
    void applyReceipt(const PeerId& from, const proto::Envelope& envelope);

    session::MessagePort& m_port;
    session::RelayPath* m_relay = nullptr;
    storage::MessageStore& m_store;
    Clock& m_clock;
    std::unique_ptr<Timer> m_resendTimer;
    std::unique_ptr<Timer> m_commitTimer;                      // after the current event: one commit per pass
    std::unordered_map<std::int64_t, std::int64_t> m_lastSent; // message seq -> when last handed to a link
    std::unordered_map<std::int64_t, std::int64_t>
        m_lastChangeSent; // change seq -> when last handed to a link
    // Peers with changes not yet confirmed: receipts from the others (nearly
    // all) cost no look at the change queue.
    std::set<PeerId> m_peersWithChanges;
    std::vector<PendingSend> m_pendingSends;
};

} // namespace confab::chat
