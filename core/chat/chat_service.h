#pragma once

#include "proto/receipt.h"
#include "session/clock.h"
#include "session/link_manager.h"
#include "storage/message_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <unordered_map>

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

    // Error: a sentence for the user (empty text, too long, store failure).
    proto::Result<storage::StoredMessage, QString> sendText(const proto::PeerId& to, const QString& text);
    // Marks an incoming message read and tells its sender.
    bool markRead(const storage::StoredMessage& message);

signals:
    void messageStored(const confab::storage::StoredMessage& message);
    void messageStateChanged(const confab::storage::StoredMessage& message);

private:
    void flushOutbox(const proto::PeerId& peer, bool resendAll);
    void onMessagesReceived(const proto::PeerId& from, const std::vector<proto::LinkMessage>& messages);
    void sendEnvelope(const proto::PeerId& to, proto::EnvelopeKind kind, const proto::MessageId& id,
                      std::int64_t timestampMs, proto::ByteView body);
    void sendReceipt(const proto::PeerId& to, proto::ReceiptState state, const std::vector<proto::MessageId>& ids);
    void applyReceipt(const proto::PeerId& from, const proto::Envelope& envelope);

    proto::PeerId m_self;
    session::LinkManager& m_links;
    storage::MessageStore& m_store;
    const session::Clock& m_clock;
    QTimer m_resendTimer;
    QElapsedTimer m_monotonic;
    std::unordered_map<std::int64_t, qint64> m_lastSent; // message seq -> when last handed to a link
};

} // namespace confab::chat
