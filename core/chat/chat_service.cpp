#include "chat_service.h"

#include "crypto/random.h"
#include "proto/limits.h"
#include "proto/receipt.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChat, "confab.chat")

namespace confab::chat {

using storage::MessageState;
using storage::StoredMessage;

ChatService::ChatService(session::MessagePort& port, storage::MessageStore& store, Clock& clock,
                         QObject* parent)
    : QObject(parent), m_port(port), m_store(store), m_clock(clock), m_resendTimer(clock.createTimer([this] {
          // One query for who has anything unconfirmed, not one per linked peer.
          for (const PeerId& peer : m_store.peersWithOutbox()) {
              flushOutbox(peer, false);
          }
      })),
      m_commitTimer(clock.createTimer([this] { commitPendingSends(); }))
{
    connect(&m_port, &session::MessagePort::peerConnected, this,
            [this](const PeerId& peer) { flushOutbox(peer, true); });
    connect(&m_port, &session::MessagePort::linkReplaced, this,
            [this](const PeerId& peer) { flushOutbox(peer, true); });
    // What was queued while the peer was blocked goes once it is unblocked.
    connect(&m_port, &session::MessagePort::blockChanged, this, [this](const PeerId& peer, bool blocked) {
        if (!blocked) {
            flushOutbox(peer, true);
        }
    });
    m_port.setHandler(
        proto::LinkMessageType::Envelope,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onEnvelopes(from, bodies); });
    m_resendTimer->startRepeating(kResendAfterMs / 2);
}

void ChatService::setRelayPath(session::RelayPath& relay)
{
    m_relay = &relay;
    connect(
        &relay, &session::RelayPath::envelopeReceived, this,
        [this](const PeerId& from, const proto::Envelope& envelope) { acceptEnvelopes(from, {envelope}); });
    connect(&relay, &session::RelayPath::custodyTaken, this, &ChatService::onCustodyTaken);
    connect(&relay, &session::RelayPath::reachable, this,
            [this](const PeerId& peer) { flushOutbox(peer, true); });
}

bool ChatService::canReach(const PeerId& peer) const
{
    if (m_port.isBlocked(peer)) {
        return false; // its messages wait in the queue until it is unblocked
    }
    return m_port.isConnected(peer) || (m_relay != nullptr && m_relay->canReach(peer));
}

void ChatService::sendText(const PeerId& to, const QString& text, SendCallback done)
{
    const QByteArray utf8 = text.toUtf8();
    if (text.trimmed().isEmpty()) {
        done(QStringLiteral("The message is empty."));
        return;
    }
    if (static_cast<std::size_t>(utf8.size()) > proto::kMaxTextBytes) {
        done(QStringLiteral("The message is too long (%1 bytes; at most %2). Send it in parts or as a file.")
                 .arg(utf8.size())
                 .arg(proto::kMaxTextBytes));
        return;
    }
    if (to == m_port.self()) {
        done(QStringLiteral("You cannot send a message to yourself."));
        return;
    }
    m_pendingSends.push_back({{to, crypto::randomMessageId(), text, MessageState::Queued}, std::move(done)});
    if (m_pendingSends.size() >= kMaxCommitBatch) {
        commitPendingSends();
    } else if (!m_commitTimer->isActive()) {
        m_commitTimer->start(0);
    }
}

void ChatService::commitPendingSends()
{
    m_commitTimer->stop();
    if (m_pendingSends.empty()) {
        return;
    }
    std::vector<PendingSend> pending;
    pending.swap(m_pendingSends);
    std::vector<storage::MessageStore::NewOutgoing> batch;
    batch.reserve(pending.size());
    for (PendingSend& send : pending) {
        // While the peer is reachable the older queue has already gone out,
        // so these can go straight out and keep the order.
        send.message.state = canReach(send.message.to) ? MessageState::Sent : MessageState::Queued;
        batch.push_back(send.message);
    }
    const auto stored = m_store.storeOutgoing(batch, m_clock.wallMs());
    if (!stored) {
        for (const PendingSend& send : pending) {
            send.done(
                QStringLiteral("The message could not be saved; nothing was sent. Check the disk space."));
        }
        return;
    }
    const std::int64_t now = m_clock.monotonicMs();
    for (std::size_t i = 0; i < stored->size(); ++i) {
        const StoredMessage& message = (*stored)[i];
        if (message.state == MessageState::Sent) {
            sendStoredText(message);
            m_lastSent[message.seq] = now;
        }
        emit messageStored(message);
        pending[i].done(message);
    }
}

void ChatService::flushOutbox(const PeerId& peer, bool resendAll)
{
    if (!canReach(peer)) {
        return;
    }
    const std::int64_t now = m_clock.monotonicMs();
    std::vector<std::int64_t> newlySent;
    std::vector<StoredMessage> changed;
    for (StoredMessage& message : m_store.outbox(peer)) {
        const auto last = m_lastSent.find(message.seq);
        if (!resendAll && last != m_lastSent.end() && now - last->second < kResendAfterMs) {
            continue;
        }
        sendStoredText(message);
        if (!canReach(peer)) {
            return; // the link failed while sending; the rest waits for the next one
        }
        m_lastSent[message.seq] = now;
        if (message.state == MessageState::Queued) {
            newlySent.push_back(message.seq);
            message.state = MessageState::Sent;
            changed.push_back(message);
        }
    }
    if (!newlySent.empty() && m_store.markSent(newlySent)) {
        for (const StoredMessage& message : changed) {
            emit messageStateChanged(message);
        }
    }
}

void ChatService::sendStoredText(const StoredMessage& message)
{
    const QByteArray body = message.body.toUtf8();
    sendEnvelope(message.peer, proto::EnvelopeKind::Text, message.id, message.sentMs,
                 asBytes(std::string_view(body.constData(), static_cast<std::size_t>(body.size()))));
}

bool ChatService::sendServiceEnvelope(const PeerId& to, proto::EnvelopeKind kind, ByteView body)
{
    if (m_port.isBlocked(to)) {
        return false;
    }
    return sendEnvelope(to, kind, crypto::randomMessageId(), m_clock.wallMs(), body);
}

bool ChatService::sendEnvelope(const PeerId& to, proto::EnvelopeKind kind, const MessageId& id,
                               std::int64_t timestampMs, ByteView body)
{
    proto::Envelope envelope;
    envelope.kind = kind;
    envelope.id = id;
    envelope.sender = m_port.self();
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = to;
    envelope.timestampMs = static_cast<std::uint64_t>(timestampMs);
    envelope.body.assign(body.begin(), body.end());
    if (m_port.isConnected(to)) {
        return m_port.send(to, proto::LinkMessageType::Envelope, proto::encodeEnvelope(envelope));
    }
    // Sealed to `to`; false (nothing sent) when no relay can take it.
    return m_relay != nullptr && m_relay->send(envelope);
}

void ChatService::sendReceipt(const PeerId& to, proto::ReceiptState state, const std::vector<MessageId>& ids)
{
    for (std::size_t start = 0; start < ids.size(); start += proto::kMaxReceiptIds) {
        const std::size_t end = std::min(ids.size(), start + proto::kMaxReceiptIds);
        proto::Receipt receipt{state, std::vector<MessageId>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                             ids.begin() + static_cast<std::ptrdiff_t>(end))};
        sendEnvelope(to, proto::EnvelopeKind::Receipt, crypto::randomMessageId(), m_clock.wallMs(),
                     proto::encodeReceipt(receipt));
    }
}

void ChatService::onEnvelopes(const PeerId& from, const std::vector<Bytes>& bodies)
{
    std::vector<proto::Envelope> envelopes;
    envelopes.reserve(bodies.size());
    for (const Bytes& body : bodies) {
        auto envelope = proto::decodeEnvelope(body);
        if (!envelope) {
            m_port.dropPeer(from, QStringLiteral("malformed envelope (%1)")
                                      .arg(QLatin1String(proto::toString(envelope.error()))));
            return;
        }
        const proto::Envelope& e = envelope.value();
        // On a direct link the sender is the authenticated peer and we are the
        // recipient; anything else is forged or misrouted.
        if (e.sender != from || e.recipientType != proto::RecipientType::Peer ||
            e.recipient != m_port.self()) {
            m_port.dropPeer(from, QStringLiteral("envelope with a forged sender or a wrong recipient"));
            return;
        }
        envelopes.push_back(std::move(envelope).value());
    }
    acceptEnvelopes(from, envelopes);
}

void ChatService::acceptEnvelopes(const PeerId& from, const std::vector<proto::Envelope>& envelopes)
{
    if (m_port.isBlocked(from)) {
        // Neither stored nor acknowledged. The links and the relay refuse
        // a blocked peer already; this holds for a read that was under way
        // when the block came.
        return;
    }
    std::vector<storage::MessageStore::NewIncoming> batch;
    for (const proto::Envelope& e : envelopes) {
        if (e.kind == proto::EnvelopeKind::Receipt) {
            applyReceipt(from, e);
            continue;
        }
        if (e.kind == proto::EnvelopeKind::FileOffer || e.kind == proto::EnvelopeKind::FileAnswer) {
            // Not messages: the file-drop service keeps them, and its own
            // answers are what tells the sender they arrived.
            emit fileDropEnvelope(from, e);
            continue;
        }
        if (e.kind == proto::EnvelopeKind::RoomChanges || e.kind == proto::EnvelopeKind::RoomSenderKey ||
            e.kind == proto::EnvelopeKind::RoomMessage || e.kind == proto::EnvelopeKind::RoomSummary ||
            e.kind == proto::EnvelopeKind::RoomReceipt) {
            // Not acknowledged either: members compare what they hold instead.
            emit roomEnvelope(from, e);
            continue;
        }
        batch.push_back({e.id, from,
                         QString::fromUtf8(reinterpret_cast<const char*>(e.body.data()),
                                           static_cast<qsizetype>(e.body.size())),
                         static_cast<std::int64_t>(e.timestampMs)});
    }
    if (batch.empty()) {
        return;
    }
    const auto stored = m_store.storeIncoming(batch, m_clock.wallMs());
    if (!stored) {
        // Not acknowledged, so the sender keeps them and tries again.
        qCWarning(lcChat) << "could not store" << batch.size() << "incoming messages; not acknowledging them";
        return;
    }
    // Duplicates are acknowledged too: the earlier receipt may have been lost.
    std::vector<MessageId> ids;
    ids.reserve(batch.size());
    for (const auto& incoming : batch) {
        ids.push_back(incoming.id);
    }
    sendReceipt(from, proto::ReceiptState::Delivered, ids);
    for (const StoredMessage& message : *stored) {
        emit messageStored(message);
    }
}

void ChatService::onCustodyTaken(const MessageId& id)
{
    const auto message = m_store.message(id);
    if (!message || !message->outgoing) {
        return; // a receipt or another service's envelope
    }
    if (const auto relayed = m_store.markRelayed(message->peer, id)) {
        emit messageStateChanged(*relayed);
    }
}

void ChatService::applyReceipt(const PeerId& from, const proto::Envelope& envelope)
{
    const auto receipt = proto::decodeReceipt(envelope.body);
    if (!receipt) {
        return; // decodeEnvelope already validated it
    }
    const MessageState state =
        receipt.value().state == proto::ReceiptState::Read ? MessageState::Read : MessageState::Delivered;
    for (const StoredMessage& message : m_store.applyReceipt(from, state, receipt.value().ids)) {
        m_lastSent.erase(message.seq);
        emit messageStateChanged(message);
    }
}

bool ChatService::markRead(const StoredMessage& message)
{
    if (message.outgoing || !m_store.markRead(message.seq)) {
        return false;
    }
    StoredMessage read = message;
    read.state = MessageState::ReadIncoming;
    emit messageStateChanged(read);
    sendReceipt(message.peer, proto::ReceiptState::Read, {message.id});
    return true;
}

std::size_t ChatService::markConversationRead(const PeerId& peer)
{
    const std::vector<StoredMessage> marked = m_store.markConversationRead(peer);
    if (marked.empty()) {
        return 0;
    }
    std::vector<MessageId> ids;
    ids.reserve(marked.size());
    for (const StoredMessage& message : marked) {
        ids.push_back(message.id);
    }
    sendReceipt(peer, proto::ReceiptState::Read, ids);
    emit conversationRead(peer, marked.size());
    return marked.size();
}

} // namespace confab::chat
