#pragma once

#include "proto/receipt.h"
#include "session/clock.h"
#include "session/link_manager.h"
#include "storage/message_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <unordered_map>
#include <vector>

namespace confab::chat {

// Direct 1:1 chat. A message is stored before anything is sent or
// acknowledged; the outgoing queue goes out in order whenever a link to the
// peer is up and is sent again until a Delivered receipt arrives.
class ChatService : public QObject {
    Q_OBJECT
public:
    // Unconfirmed messages are sent again after this long on the same link.
    static constexpr int kResendAfterMs = 10000;

    ChatService(const proto::PeerId& self, session::LinkManager& links, storage::MessageStore& store,
                const session::Clock& clock, QObject* parent = nullptr);

    using SendResult = proto::Result<storage::StoredMessage, QString>;
    using SendCallback = std::function<void(const SendResult&)>;
    // Messages sent in one pass of the event loop (up to this many) share one
    // database commit.
    static constexpr std::size_t kMaxCommitBatch = 512;

    // Stores the message, then hands it to the link if one is up. `done` runs
    // once it is committed (only then may a front end call it saved), or at
    // once with a sentence for the user (empty text, too long, store failure).
    void sendText(const proto::PeerId& to, const QString& text, SendCallback done);
    // Marks an incoming message read and tells its sender.
    bool markRead(const storage::StoredMessage& message);

signals:
    void messageStored(const confab::storage::StoredMessage& message);
    void messageStateChanged(const confab::storage::StoredMessage& message);

private:
    struct PendingSend {
        storage::MessageStore::NewOutgoing message;
        SendCallback done;
    };

    void commitPendingSends();
    void flushOutbox(const proto::PeerId& peer, bool resendAll);
    void onMessagesReceived(const proto::PeerId& from, const std::vector<proto::LinkMessage>& messages);
    void sendStoredText(const storage::StoredMessage& message);
    void sendEnvelope(const proto::PeerId& to, proto::EnvelopeKind kind, const proto::MessageId& id,
                      std::int64_t timestampMs, proto::ByteView body);
    void sendReceipt(const proto::PeerId& to, proto::ReceiptState state,
                     const std::vector<proto::MessageId>& ids);
    void applyReceipt(const proto::PeerId& from, const proto::Envelope& envelope);

    proto::PeerId m_self;
    session::LinkManager& m_links;
    storage::MessageStore& m_store;
    const session::Clock& m_clock;
    QTimer m_resendTimer;
    QElapsedTimer m_monotonic;
    std::unordered_map<std::int64_t, qint64> m_lastSent; // message seq -> when last handed to a link
    std::vector<PendingSend> m_pendingSends;
    bool m_commitScheduled = false;
};

} // namespace confab::chat
