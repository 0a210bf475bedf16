#include "message_store.h"

#include "database.h"

#include <QByteArray>
#include <QVariant>

namespace confab::storage {
namespace {

const QString kColumns =
    QStringLiteral("seq, id, peer_id, outgoing, body, sent_ms, stored_ms, state, edited_ms, "
                   "deleted_ms, reply_to, own_reaction, peer_reaction");

QByteArray idBlob(const MessageId& id)
{
    return {reinterpret_cast<const char*>(id.bytes().data()), static_cast<qsizetype>(id.bytes().size())};
}

MessageId idFromBlob(const QVariant& value)
{
    const QByteArray id = value.toByteArray();
    return MessageId::fromBytes(ByteView(reinterpret_cast<const std::uint8_t*>(id.constData()),
                                         static_cast<std::size_t>(id.size())))
        .value_or(MessageId{});
}

QVariant replyBlob(const std::optional<MessageId>& replyTo)
{
    return replyTo ? QVariant(idBlob(*replyTo)) : QVariant(QMetaType(QMetaType::QByteArray));
}

std::optional<std::int64_t> optionalMs(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<std::int64_t>(value.toLongLong());
}

QString peerText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

// Qt SQL binds a null QString (an empty body decoded from the wire) as SQL
// NULL; with INSERT OR IGNORE the NOT NULL column would then drop the row
// silently, and it would be acknowledged as a duplicate without being stored.
QString bodyText(const QString& body)
{
    return body.isNull() ? QStringLiteral("") : body;
}

StoredMessage messageFromRow(const QSqlQuery& query)
{
    StoredMessage message;
    message.seq = query.value(0).toLongLong();
    message.id = idFromBlob(query.value(1));
    message.peer = PeerId::fromText(query.value(2).toString().toStdString()).value_or(PeerId{});
    message.outgoing = query.value(3).toBool();
    message.body = query.value(4).toString();
    message.sentMs = query.value(5).toLongLong();
    message.storedMs = query.value(6).toLongLong();
    message.state = static_cast<MessageState>(query.value(7).toInt());
    message.editedMs = optionalMs(query.value(8));
    message.deletedMs = optionalMs(query.value(9));
    if (!query.value(10).isNull()) {
        message.replyTo = idFromBlob(query.value(10));
    }
    message.ownReaction = query.value(11).toString();
    message.peerReaction = query.value(12).toString();
    return message;
}

} // namespace

MessageStore::MessageStore(Database& db)
    : m_db(db),
      // Only a repeated id is skipped (a duplicate delivery); any other
      // constraint failure fails the transaction, so nothing is acknowledged.
      m_insertMessage(
          db.prepare(QStringLiteral("INSERT INTO messages "
                                    "(id, peer_id, outgoing, body, sent_ms, stored_ms, state, reply_to) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"))),
      m_insertOutbox(db.prepare(QStringLiteral("INSERT INTO outbox (message_seq, peer_id) VALUES (?, ?)"))),
      m_touchConversation(db.prepare(
          QStringLiteral("INSERT INTO conversations (peer_id, last_activity_ms) VALUES (?, ?) "
                         "ON CONFLICT(peer_id) DO UPDATE SET last_activity_ms = excluded.last_activity_ms"))),
      m_deleteOutbox(db.prepare(QStringLiteral("DELETE FROM outbox WHERE message_seq = ?"))),
      m_selectOutbox(
          db.prepare(QStringLiteral("SELECT %1 FROM messages WHERE seq IN "
                                    "(SELECT message_seq FROM outbox WHERE peer_id = ?) ORDER BY seq")
                         .arg(kColumns)))
{
}

MessageStore::~MessageStore() = default;

bool MessageStore::ensureConversation(const PeerId& peer, std::int64_t nowMs)
{
    m_touchConversation.bindValue(0, peerText(peer));
    m_touchConversation.bindValue(1, static_cast<qlonglong>(nowMs));
    return m_db.exec(m_touchConversation);
}

std::optional<std::vector<StoredMessage>> MessageStore::storeOutgoing(const std::vector<NewOutgoing>& batch,
                                                                      std::int64_t nowMs)
{
    std::vector<StoredMessage> stored;
    stored.reserve(batch.size());
    Database::Transaction transaction(m_db);
    for (const NewOutgoing& outgoing : batch) {
        if ((stored.empty() || stored.back().peer != outgoing.to) &&
            !ensureConversation(outgoing.to, nowMs)) {
            return std::nullopt;
        }
        m_insertMessage.bindValue(0, idBlob(outgoing.id));
        m_insertMessage.bindValue(1, peerText(outgoing.to));
        m_insertMessage.bindValue(2, 1);
        m_insertMessage.bindValue(3, bodyText(outgoing.body));
        m_insertMessage.bindValue(4, static_cast<qlonglong>(nowMs));
        m_insertMessage.bindValue(5, static_cast<qlonglong>(nowMs));
        m_insertMessage.bindValue(6, static_cast<int>(outgoing.state));
        m_insertMessage.bindValue(7, replyBlob(outgoing.replyTo));
        if (!m_db.exec(m_insertMessage) || m_insertMessage.numRowsAffected() != 1) {
            return std::nullopt;
        }
        const std::int64_t seq = m_insertMessage.lastInsertId().toLongLong();
        m_insertOutbox.bindValue(0, static_cast<qlonglong>(seq));
        m_insertOutbox.bindValue(1, peerText(outgoing.to));
        if (!m_db.exec(m_insertOutbox)) {
            return std::nullopt;
        }
        StoredMessage message{seq,           outgoing.id, outgoing.to, true,
                              outgoing.body, nowMs,       nowMs,       outgoing.state};
        message.replyTo = outgoing.replyTo;
        stored.push_back(std::move(message));
    }
    if (!transaction.commit()) {
        return std::nullopt;
    }
    return stored;
}

std::optional<std::vector<StoredMessage>> MessageStore::storeIncoming(const std::vector<NewIncoming>& batch,
                                                                      std::int64_t nowMs)
{
    std::vector<StoredMessage> stored;
    Database::Transaction transaction(m_db);
    const PeerId* touched = nullptr;
    for (const NewIncoming& incoming : batch) {
        if ((touched == nullptr || *touched != incoming.from) && !ensureConversation(incoming.from, nowMs)) {
            return std::nullopt;
        }
        touched = &incoming.from;
        m_insertMessage.bindValue(0, idBlob(incoming.id));
        m_insertMessage.bindValue(1, peerText(incoming.from));
        m_insertMessage.bindValue(2, 0);
        m_insertMessage.bindValue(3, bodyText(incoming.body));
        m_insertMessage.bindValue(4, static_cast<qlonglong>(incoming.sentMs));
        m_insertMessage.bindValue(5, static_cast<qlonglong>(nowMs));
        m_insertMessage.bindValue(6, static_cast<int>(MessageState::Unread));
        m_insertMessage.bindValue(7, replyBlob(incoming.replyTo));
        if (!m_db.exec(m_insertMessage)) {
            return std::nullopt;
        }
        if (m_insertMessage.numRowsAffected() == 1) { // 0: a duplicate id, already stored
            StoredMessage message{m_insertMessage.lastInsertId().toLongLong(),
                                  incoming.id,
                                  incoming.from,
                                  false,
                                  incoming.body,
                                  incoming.sentMs,
                                  nowMs,
                                  MessageState::Unread};
            message.replyTo = incoming.replyTo;
            stored.push_back(std::move(message));
        }
    }
    if (!transaction.commit()) {
        return std::nullopt;
    }
    return stored;
}

std::vector<StoredMessage> MessageStore::select(QSqlQuery& query)
{
    std::vector<StoredMessage> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(messageFromRow(query));
        }
    }
    return result;
}

std::vector<StoredMessage> MessageStore::outbox(const PeerId& peer)
{
    m_selectOutbox.addBindValue(peerText(peer));
    std::vector<StoredMessage> result = select(m_selectOutbox);
    m_selectOutbox.finish();
    return result;
}

std::vector<PeerId> MessageStore::peersWithOutbox()
{
    return m_db.peerIds(QStringLiteral("SELECT DISTINCT peer_id FROM outbox"));
}

std::vector<PeerId> MessageStore::peersWithChanges()
{
    return m_db.peerIds(QStringLiteral("SELECT DISTINCT peer_id FROM change_outbox"));
}

bool MessageStore::markSent(const std::vector<std::int64_t>& seqs)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("UPDATE messages SET state = ? WHERE seq = ? AND state = ?"));
    Database::Transaction transaction(m_db);
    for (const std::int64_t seq : seqs) {
        query.bindValue(0, static_cast<int>(MessageState::Sent));
        query.bindValue(1, static_cast<qlonglong>(seq));
        query.bindValue(2, static_cast<int>(MessageState::Queued));
        if (!m_db.exec(query)) {
            return false;
        }
    }
    return transaction.commit();
}

std::vector<StoredMessage> MessageStore::advance(const PeerId& peer, MessageState state,
                                                 const std::vector<MessageId>& ids)
{
    // One statement for them all. Only our own messages to this peer match,
    // whatever ids the peer names, and states only move forward.
    QString placeholders = QStringLiteral("?");
    for (std::size_t i = 1; i < ids.size(); ++i) {
        placeholders += QStringLiteral(",?");
    }
    // "+peer_id" keeps the planner on the unique id index: the peer index
    // would scan the whole conversation for every receipt.
    QSqlQuery update =
        m_db.prepare(QStringLiteral("UPDATE messages SET state = ? WHERE id IN (%1) AND +peer_id = ? "
                                    "AND outgoing = 1 AND state < ? RETURNING %2")
                         .arg(placeholders, kColumns));
    update.addBindValue(static_cast<int>(state));
    for (const MessageId& id : ids) {
        update.addBindValue(idBlob(id));
    }
    update.addBindValue(peerText(peer));
    update.addBindValue(static_cast<int>(state));
    std::vector<StoredMessage> changed = select(update);
    update.finish();
    return changed;
}

std::vector<StoredMessage> MessageStore::applyReceipt(const PeerId& peer, MessageState state,
                                                      const std::vector<MessageId>& ids)
{
    if (ids.empty()) {
        return {};
    }
    Database::Transaction transaction(m_db);
    std::vector<StoredMessage> changed = advance(peer, state, ids);
    for (const StoredMessage& message : changed) {
        m_deleteOutbox.bindValue(0, static_cast<qlonglong>(message.seq));
        if (!m_db.exec(m_deleteOutbox)) {
            return {};
        }
    }
    if (!transaction.commit()) {
        return {};
    }
    return changed;
}

std::optional<StoredMessage> MessageStore::markRelayed(const PeerId& peer, const MessageId& id)
{
    std::vector<StoredMessage> changed = advance(peer, MessageState::Relayed, {id});
    if (changed.empty()) {
        return std::nullopt;
    }
    return changed.front();
}

std::vector<StoredMessage> MessageStore::history(const PeerId& peer, int limit)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT %1 FROM (SELECT * FROM messages WHERE peer_id = ? "
                                                  "ORDER BY seq DESC LIMIT ?) ORDER BY seq")
                                       .arg(kColumns));
    query.addBindValue(peerText(peer));
    query.addBindValue(limit);
    return select(query);
}

std::vector<StoredMessage> MessageStore::historyBefore(const PeerId& peer, std::int64_t beforeSeq, int limit)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT %1 FROM (SELECT * FROM messages WHERE peer_id = ? "
                                                  "AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")
                                       .arg(kColumns));
    query.addBindValue(peerText(peer));
    query.addBindValue(static_cast<qint64>(beforeSeq));
    query.addBindValue(limit);
    return select(query);
}

std::optional<std::vector<StoredMessage>> MessageStore::search(const QString& ftsQuery,
                                                               const std::optional<PeerId>& peer, int limit)
{
    constexpr int kCatchUpChunk = 5000;
    for (std::optional<int> added = kCatchUpChunk; added == kCatchUpChunk;) {
        added = indexForSearch(kCatchUpChunk);
        if (!added) {
            return std::nullopt;
        }
    }
    // The index walks its matches newest first (rowid is seq), so a common
    // word stops after `limit` rows instead of sorting all of them.
    QSqlQuery query = m_db.prepare(
        QStringLiteral("SELECT m.seq, m.id, m.peer_id, m.outgoing, m.body, m.sent_ms, m.stored_ms, m.state,"
                       " m.edited_ms, m.deleted_ms, m.reply_to, m.own_reaction, m.peer_reaction"
                       " FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid"
                       " WHERE messages_fts MATCH ? %1 ORDER BY messages_fts.rowid DESC LIMIT ?")
            .arg(peer ? QStringLiteral("AND m.peer_id = ?") : QString()));
    query.addBindValue(ftsQuery);
    if (peer) {
        query.addBindValue(peerText(*peer));
    }
    query.addBindValue(limit);
    if (!m_db.exec(query)) {
        return std::nullopt;
    }
    std::vector<StoredMessage> result;
    while (query.next()) {
        result.push_back(messageFromRow(query));
    }
    return result;
}

std::optional<int> MessageStore::indexForSearch(int maxMessages)
{
    Database::Transaction transaction(m_db);
    QSqlQuery next = m_db.prepare(
        QStringLiteral("SELECT (SELECT indexed_through FROM search_index), max(seq), count(*) FROM"
                       " (SELECT seq FROM messages WHERE seq > (SELECT indexed_through FROM search_index)"
                       " ORDER BY seq LIMIT ?)"));
    next.addBindValue(maxMessages);
    if (!m_db.exec(next) || !next.next()) {
        return std::nullopt;
    }
    const int count = next.value(2).toInt();
    if (count == 0) {
        return 0; // all indexed
    }
    const qint64 from = next.value(0).toLongLong();
    const qint64 through = next.value(1).toLongLong();
    next.finish();
    QSqlQuery add = m_db.prepare(QStringLiteral(
        "INSERT INTO messages_fts(rowid, body) SELECT seq, body FROM messages WHERE seq > ? AND seq <= ?"));
    add.addBindValue(from);
    add.addBindValue(through);
    QSqlQuery mark = m_db.prepare(QStringLiteral("UPDATE search_index SET indexed_through = ?"));
    mark.addBindValue(through);
    if (!m_db.exec(add) || !m_db.exec(mark) || !transaction.commit()) {
        return std::nullopt;
    }
    return count;
}

std::optional<StoredMessage> MessageStore::oldestUnread(const std::optional<PeerId>& from)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM messages WHERE state = ? %2 ORDER BY seq LIMIT 1")
                         .arg(kColumns, from ? QStringLiteral("AND peer_id = ?") : QString()));
    query.addBindValue(static_cast<int>(MessageState::Unread));
    if (from) {
        query.addBindValue(peerText(*from));
    }
    auto rows = select(query);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows.front();
}

bool MessageStore::markRead(std::int64_t seq)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("UPDATE messages SET state = ? WHERE seq = ? AND state = ?"));
    query.addBindValue(static_cast<int>(MessageState::ReadIncoming));
    query.addBindValue(static_cast<qlonglong>(seq));
    query.addBindValue(static_cast<int>(MessageState::Unread));
    return m_db.exec(query) && query.numRowsAffected() == 1;
}

std::vector<StoredMessage> MessageStore::markConversationRead(const PeerId& peer)
{
    Database::Transaction transaction(m_db);
    QSqlQuery unread = m_db.prepare(
        QStringLiteral("SELECT %1 FROM messages WHERE peer_id = ? AND state = ? ORDER BY seq").arg(kColumns));
    unread.addBindValue(peerText(peer));
    unread.addBindValue(static_cast<int>(MessageState::Unread));
    std::vector<StoredMessage> marked = select(unread);
    if (marked.empty()) {
        return {};
    }
    QSqlQuery update =
        m_db.prepare(QStringLiteral("UPDATE messages SET state = ? WHERE peer_id = ? AND state = ?"));
    update.addBindValue(static_cast<int>(MessageState::ReadIncoming));
    update.addBindValue(peerText(peer));
    update.addBindValue(static_cast<int>(MessageState::Unread));
    if (!m_db.exec(update) || !transaction.commit()) {
        return {};
    }
    for (StoredMessage& message : marked) {
        message.state = MessageState::ReadIncoming;
    }
    return marked;
}

std::optional<StoredMessage> MessageStore::message(const MessageId& id)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(kColumns));
    query.addBindValue(idBlob(id));
    auto rows = select(query);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows.front();
}

int MessageStore::unreadCount(const PeerId& peer)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE state = ? AND peer_id = ?"));
    query.addBindValue(static_cast<int>(MessageState::Unread));
    query.addBindValue(peerText(peer));
    if (m_db.exec(query) && query.next()) {
        return query.value(0).toInt();
    }
    return 0;
}

std::vector<PeerId> MessageStore::conversations()
{
    return m_db.peerIds(QStringLiteral("SELECT peer_id FROM conversations ORDER BY last_activity_ms DESC"));
}

std::optional<StoredMessage> MessageStore::changeOwn(const OwnChange& change, std::int64_t nowMs)
{
    using proto::EnvelopeKind;
    const QString sql = [&] {
        switch (change.kind) {
        case EnvelopeKind::Delete:
            return QStringLiteral("UPDATE messages SET body = '', deleted_ms = ?, own_reaction = '', "
                                  "peer_reaction = '' WHERE id = ? AND outgoing = 1 AND deleted_ms IS NULL "
                                  "RETURNING %1");
        case EnvelopeKind::Reaction:
            return QStringLiteral(
                "UPDATE messages SET own_reaction = ? WHERE id = ? AND deleted_ms IS NULL RETURNING %1");
        default:
            return QStringLiteral("UPDATE messages SET body = ?, edited_ms = ? WHERE id = ? AND outgoing = 1 "
                                  "AND deleted_ms IS NULL RETURNING %1");
        }
    }();
    Database::Transaction transaction(m_db);
    QSqlQuery update = m_db.prepare(sql.arg(kColumns));
    if (change.kind != EnvelopeKind::Delete) {
        update.addBindValue(bodyText(change.text));
    }
    if (change.kind != EnvelopeKind::Reaction) {
        update.addBindValue(static_cast<qlonglong>(nowMs));
    }
    update.addBindValue(idBlob(change.target));
    std::vector<StoredMessage> changed = select(update);
    update.finish();
    if (changed.size() != 1) {
        return std::nullopt;
    }
    const StoredMessage& message = changed.front();
    // Only the newest edit or reaction needs to reach the peer; after a
    // delete, nothing else about the message does, the message itself included.
    QSqlQuery moot = m_db.prepare(
        QStringLiteral("DELETE FROM change_outbox WHERE target = ? AND peer_id = ? AND (kind = ? OR ?)"));
    moot.addBindValue(idBlob(change.target));
    moot.addBindValue(peerText(message.peer));
    moot.addBindValue(static_cast<int>(change.kind));
    moot.addBindValue(change.kind == EnvelopeKind::Delete);
    if (!m_db.exec(moot)) {
        return std::nullopt;
    }
    if (change.kind == EnvelopeKind::Delete) {
        m_deleteOutbox.bindValue(0, static_cast<qlonglong>(message.seq));
        if (!m_db.exec(m_deleteOutbox)) {
            return std::nullopt;
        }
    }
    QSqlQuery queue = m_db.prepare(QStringLiteral(
        "INSERT INTO change_outbox (id, peer_id, kind, target, body, made_ms) VALUES (?, ?, ?, ?, ?, ?)"));
    queue.addBindValue(idBlob(change.id));
    queue.addBindValue(peerText(message.peer));
    queue.addBindValue(static_cast<int>(change.kind));
    queue.addBindValue(idBlob(change.target));
    queue.addBindValue(bodyText(change.text));
    queue.addBindValue(static_cast<qlonglong>(nowMs));
    if (!m_db.exec(queue) || !transaction.commit()) {
        return std::nullopt;
    }
    return message;
}

std::vector<PendingChange> MessageStore::changeOutbox(const PeerId& peer)
{
    QSqlQuery query = m_db.prepare(QStringLiteral(
        "SELECT seq, id, kind, target, body, made_ms FROM change_outbox WHERE peer_id = ? ORDER BY seq"));
    query.addBindValue(peerText(peer));
    std::vector<PendingChange> changes;
    if (m_db.exec(query)) {
        while (query.next()) {
            changes.push_back({.seq = query.value(0).toLongLong(),
                               .id = idFromBlob(query.value(1)),
                               .peer = peer,
                               .kind = static_cast<proto::EnvelopeKind>(query.value(2).toInt()),
                               .target = idFromBlob(query.value(3)),
                               .text = query.value(4).toString(),
                               .madeMs = query.value(5).toLongLong()});
        }
    }
    return changes;
}

std::vector<std::int64_t> MessageStore::confirmChanges(const PeerId& peer, const std::vector<MessageId>& ids)
{
    Database::Transaction transaction(m_db);
    QSqlQuery remove =
        m_db.prepare(QStringLiteral("DELETE FROM change_outbox WHERE id = ? AND peer_id = ? RETURNING seq"));
    std::vector<std::int64_t> removed;
    for (const MessageId& id : ids) {
        remove.bindValue(0, idBlob(id));
        remove.bindValue(1, peerText(peer));
        if (!m_db.exec(remove)) {
            return {};
        }
        while (remove.next()) {
            removed.push_back(remove.value(0).toLongLong());
        }
    }
    if (!transaction.commit()) {
        return {};
    }
    return removed;
}

std::optional<std::vector<StoredMessage>>
MessageStore::applyPeerChanges(const PeerId& peer, const std::vector<PeerChange>& changes)
{
    using proto::EnvelopeKind;
    // "+peer_id" keeps the planner on the unique id index.
    QSqlQuery edit = m_db.prepare(
        QStringLiteral(
            "UPDATE messages SET body = ?, edited_ms = ? WHERE id = ? AND +peer_id = ? AND outgoing = 0 "
            "AND deleted_ms IS NULL AND (edited_ms IS NULL OR edited_ms < ?) RETURNING %1")
            .arg(kColumns));
    // A deleted message left unread is not waiting to be read any more: it
    // no longer counts as unread, and wait-message passes it by.
    QSqlQuery erase = m_db.prepare(
        QStringLiteral(
            "UPDATE messages SET body = '', deleted_ms = ?, own_reaction = '', peer_reaction = '', "
            "state = CASE state WHEN %2 THEN %3 ELSE state END "
            "WHERE id = ? AND +peer_id = ? AND outgoing = 0 AND deleted_ms IS NULL RETURNING %1")
            .arg(kColumns)
            .arg(static_cast<int>(MessageState::Unread))
            .arg(static_cast<int>(MessageState::ReadIncoming)));
    QSqlQuery react = m_db.prepare(
        QStringLiteral(
            "UPDATE messages SET peer_reaction = ?, peer_reaction_ms = ? WHERE id = ? AND +peer_id = ? "
            "AND deleted_ms IS NULL AND (peer_reaction_ms IS NULL OR peer_reaction_ms < ?) RETURNING %1")
            .arg(kColumns));
    Database::Transaction transaction(m_db);
    std::vector<StoredMessage> changed;
    for (const PeerChange& change : changes) {
        const bool isDelete = change.kind == EnvelopeKind::Delete;
        QSqlQuery& update = isDelete ? erase : change.kind == EnvelopeKind::Reaction ? react : edit;
        if (!isDelete) {
            update.addBindValue(bodyText(change.text));
        }
        update.addBindValue(static_cast<qlonglong>(change.madeMs));
        update.addBindValue(idBlob(change.target));
        update.addBindValue(peerText(peer));
        if (!isDelete) {
            update.addBindValue(static_cast<qlonglong>(change.madeMs)); // newer than the last one
        }
        if (!m_db.exec(update)) {
            return std::nullopt;
        }
        while (update.next()) {
            changed.push_back(messageFromRow(update));
        }
        update.finish();
    }
    if (!transaction.commit()) {
        return std::nullopt;
    }
    return changed;
}

} // namespace confab::storage
