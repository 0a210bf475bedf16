#include "chat_service.h"

#include "crypto/random.h"
#include "proto/limits.h"
#include "proto/message_change.h"
#include "proto/receipt.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChat, "confab.chat")

namespace confab::chat {

using storage::MessageState;
using storage::StoredMessage;

ChatService::ChatService(session::MessagePort& port, storage::MessageStore& store, Clock& clock,
                         QObject* parent)
    : QObject(parent), m_port(port), m_store(store), m_clock(clock), m_resendTimer(clock.createTimer([this] {
          // One query for who has anything unconfirmed, not one per linked peer.
          std::set<PeerId> peers(m_peersWithChanges);
          for (const PeerId& peer : m_store.peersWithOutbox()) {
              peers.insert(peer);
          }
          for (const PeerId& peer : peers) {
              flushOutbox(peer, false);
          }
      })),
      m_commitTimer(clock.createTimer([this] { commitPendingSends(); }))
{
    for (const PeerId& peer : m_store.peersWithChanges()) {
        m_peersWithChanges.insert(peer);
    }
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

namespace {

QString textOf(ByteView utf8)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(utf8.data()), static_cast<qsizetype>(utf8.size()));
}

std::optional<proto::TargetedText> decodeChange(const proto::Envelope& e)
{
    switch (e.kind) {
    case proto::EnvelopeKind::Edit:
        return proto::decodeMessageEdit(e.body);
    case proto::EnvelopeKind::Delete:
        return proto::decodeMessageDelete(e.body);
    case proto::EnvelopeKind::Reaction:
        return proto::decodeMessageReaction(e.body);
    default:
        return std::nullopt;
    }
}

// What is wrong with `text` as a message, for the user; empty: nothing.
QString textProblem(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    if (text.trimmed().isEmpty()) {
        return QCoreApplication::translate("Chat", "The message is empty.");
    }
    if (static_cast<std::size_t>(utf8.size()) > proto::kMaxTextBytes) {
        return QCoreApplication::translate(
                   "Chat", "The message is too long (%1 bytes; at most %2). Send it in parts or as a file.")
            .arg(utf8.size())
            .arg(proto::kMaxTextBytes);
    }
    return {};
}

} // namespace

void ChatService::sendText(const PeerId& to, const QString& text, SendCallback done)
{
    queueText(to, text, std::nullopt, std::move(done));
}

void ChatService::sendReply(const PeerId& to, const MessageId& quoted, const QString& text, SendCallback done)
{
    const auto original = m_store.message(quoted);
    if (!original || original->peer != to) {
        done(QCoreApplication::translate("Chat", "The message to reply to is not in this conversation."));
        return;
    }
    if (original->deletedMs) {
        done(QCoreApplication::translate("Chat", "That message was deleted; it cannot be quoted."));
        return;
    }
    queueText(to, text, quoted, std::move(done));
}

void ChatService::queueText(const PeerId& to, const QString& text, const std::optional<MessageId>& replyTo,
                            SendCallback done)
{
    if (const QString problem = textProblem(text); !problem.isEmpty()) {
        done(problem);
        return;
    }
    if (to == m_port.self()) {
        done(QCoreApplication::translate("Chat", "You cannot send a message to yourself."));
        return;
    }
    m_pendingSends.push_back(
        {{to, crypto::randomMessageId(), text, MessageState::Queued, replyTo}, std::move(done)});
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
            send.done(QCoreApplication::translate(
                "Chat", "The message could not be saved; nothing was sent. Check the disk space."));
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
    flushChanges(peer, resendAll);
}

bool ChatService::takesChanges(const PeerId& peer) const
{
    // Over a link, what its handshake said; through relays, what the peer's
    // reachability statement says.
    std::optional<std::uint32_t> capabilities;
    if (const auto info = m_port.linkInfo(peer)) {
        capabilities = info->hello.capabilities;
    } else if (m_relay != nullptr) {
        capabilities = m_relay->capabilitiesOf(peer);
    }
    return capabilities && proto::hasCapability(*capabilities, proto::Capability::MessageChanges);
}

void ChatService::flushChanges(const PeerId& peer, bool resendAll)
{
    // After the messages they change, and only to a peer that takes them:
    // any other would close the link, or drop them unopened.
    if (m_peersWithChanges.count(peer) == 0 || !canReach(peer) || !takesChanges(peer)) {
        return;
    }
    const std::int64_t now = m_clock.monotonicMs();
    for (const storage::PendingChange& change : m_store.changeOutbox(peer)) {
        const auto last = m_lastChangeSent.find(change.seq);
        if (!resendAll && last != m_lastChangeSent.end() && now - last->second < kResendAfterMs) {
            continue;
        }
        const QByteArray text = change.text.toUtf8();
        const Bytes body = proto::encodeTargetedText({change.target, Bytes(text.begin(), text.end())});
        if (!sendEnvelope(peer, change.kind, change.id, change.madeMs, body)) {
            return;
        }
        m_lastChangeSent[change.seq] = now;
    }
}

ChatService::ChangeResult ChatService::editMessage(const MessageId& id, const QString& text)
{
    if (const QString problem = textProblem(text); !problem.isEmpty()) {
        return problem;
    }
    return changeOwn(id, proto::EnvelopeKind::Edit, text);
}

ChatService::ChangeResult ChatService::deleteMessage(const MessageId& id)
{
    return changeOwn(id, proto::EnvelopeKind::Delete, {});
}

ChatService::ChangeResult ChatService::react(const MessageId& id, const QString& emoji)
{
    const QString reaction = emoji.trimmed();
    if (static_cast<std::size_t>(reaction.toUtf8().size()) > proto::kMaxReactionBytes) {
        return QCoreApplication::translate("Chat", "A reaction is one emoji, such as 👍.");
    }
    return changeOwn(id, proto::EnvelopeKind::Reaction, reaction);
}

ChatService::ChangeResult ChatService::changeOwn(const MessageId& id, proto::EnvelopeKind kind,
                                                 const QString& text)
{
    const auto message = m_store.message(id);
    if (!message) {
        return QCoreApplication::translate("Chat", "There is no message with that id.");
    }
    if (message->deletedMs) {
        return kind == proto::EnvelopeKind::Reaction
                   ? QCoreApplication::translate("Chat",
                                                 "That message was deleted; there is nothing to react to.")
                   : QCoreApplication::translate("Chat", "That message was deleted already.");
    }
    if (!message->outgoing && kind != proto::EnvelopeKind::Reaction) {
        return kind == proto::EnvelopeKind::Edit
                   ? QCoreApplication::translate("Chat", "Only your own messages can be edited.")
                   : QCoreApplication::translate("Chat", "Only your own messages can be deleted.");
    }
    const auto changed = m_store.changeOwn({crypto::randomMessageId(), kind, id, text}, m_clock.wallMs());
    if (!changed) {
        return QCoreApplication::translate(
            "Chat", "The change could not be saved; nothing was sent. Check the disk space.");
    }
    if (kind == proto::EnvelopeKind::Delete) {
        m_lastSent.erase(changed->seq); // out of the outgoing queue
    }
    m_peersWithChanges.insert(changed->peer);
    emit messageStateChanged(*changed);
    flushChanges(changed->peer, false);
    return *changed;
}

void ChatService::sendStoredText(const StoredMessage& message)
{
    const QByteArray utf8 = message.body.toUtf8();
    const Bytes text(utf8.begin(), utf8.end());
    // A peer not known to take replies gets the text alone, without the quote.
    if (message.replyTo && takesChanges(message.peer)) {
        sendEnvelope(message.peer, proto::EnvelopeKind::Reply, message.id, message.sentMs,
                     proto::encodeTargetedText({*message.replyTo, text}));
    } else {
        sendEnvelope(message.peer, proto::EnvelopeKind::Text, message.id, message.sentMs, text);
    }
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
    std::vector<storage::MessageStore::PeerChange> changes;
    std::vector<MessageId> changeIds;
    const auto sentMs = [](const proto::Envelope& e) { return static_cast<std::int64_t>(e.timestampMs); };
    for (const proto::Envelope& e : envelopes) {
        switch (e.kind) {
        case proto::EnvelopeKind::Text:
            batch.push_back({e.id, from, textOf(e.body), sentMs(e)});
            break;
        case proto::EnvelopeKind::Reply:
            // decodeEnvelope validated every body already.
            if (const auto reply = proto::decodeMessageReply(e.body)) {
                batch.push_back({e.id, from, textOf(reply->text), sentMs(e), reply->target});
            }
            break;
        case proto::EnvelopeKind::Edit:
        case proto::EnvelopeKind::Delete:
        case proto::EnvelopeKind::Reaction:
            if (const auto change = decodeChange(e)) {
                changes.push_back({e.kind, change->target, textOf(change->text), sentMs(e)});
                changeIds.push_back(e.id);
            }
            break;
        case proto::EnvelopeKind::Receipt:
            applyReceipt(from, e);
            break;
        case proto::EnvelopeKind::FileOffer:
        case proto::EnvelopeKind::FileAnswer:
            // Not messages: the file-drop service keeps them, and its own
            // answers are what tells the sender they arrived.
            emit fileDropEnvelope(from, e);
            break;
        case proto::EnvelopeKind::RoomChanges:
        case proto::EnvelopeKind::RoomSenderKey:
        case proto::EnvelopeKind::RoomMessage:
        case proto::EnvelopeKind::RoomSummary:
        case proto::EnvelopeKind::RoomReceipt:
            // Not acknowledged either: members compare what they hold instead.
            emit roomEnvelope(from, e);
            break;
        }
    }
    // Messages first: a change may name a message of the same read.
    if (!batch.empty()) {
        acceptMessages(from, batch);
    }
    if (!changes.empty()) {
        acceptChanges(from, changes, changeIds);
    }
}

void ChatService::acceptChanges(const PeerId& from,
                                const std::vector<storage::MessageStore::PeerChange>& changes,
                                const std::vector<MessageId>& ids)
{
    const auto changed = m_store.applyPeerChanges(from, changes);
    if (!changed) {
        qCWarning(lcChat) << "could not store" << changes.size() << "message changes; not acknowledging them";
        return;
    }
    // A change to a message we do not hold (or hold deleted) is
    // acknowledged too: sending it again would not make it apply.
    sendReceipt(from, proto::ReceiptState::Delivered, ids);
    for (const StoredMessage& message : *changed) {
        emit messageStateChanged(message);
    }
}

void ChatService::acceptMessages(const PeerId& from,
                                 const std::vector<storage::MessageStore::NewIncoming>& batch)
{
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
    if (state == MessageState::Delivered && m_peersWithChanges.count(from) != 0) {
        for (const std::int64_t seq : m_store.confirmChanges(from, receipt.value().ids)) {
            m_lastChangeSent.erase(seq);
        }
        if (m_store.changeOutbox(from).empty()) {
            m_peersWithChanges.erase(from);
        }
    }
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
