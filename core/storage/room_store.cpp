#include "room_store.h"

#include "database.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QVariant>

#include <algorithm>
#include <limits>

Q_DECLARE_LOGGING_CATEGORY(lcDatabase)

namespace confab::storage {
namespace {

using Key = std::array<std::uint8_t, 32>;

// One packed skipped key: the index (u32, big-endian), then the key.
constexpr std::size_t kSkippedEntrySize = 4 + std::tuple_size_v<Key>;

QByteArray blob(ByteView bytes)
{
    // Never a null QByteArray: Qt binds that as SQL NULL, which NOT NULL refuses.
    if (bytes.empty()) {
        return QByteArray("", 0);
    }
    return {reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

QByteArray blob(const MessageId& id)
{
    return blob(ByteView(id.bytes()));
}

ByteView viewOf(const QByteArray& array)
{
    return {reinterpret_cast<const std::uint8_t*>(array.constData()), static_cast<std::size_t>(array.size())};
}

Bytes bytesOf(const QVariant& value)
{
    const QByteArray array = value.toByteArray();
    return {array.begin(), array.end()};
}

QString text(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

// Qt binds a null QString as SQL NULL, which the NOT NULL text columns refuse.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

PeerId peerOf(const QVariant& value)
{
    return PeerId::fromText(value.toString().toStdString()).value_or(PeerId{});
}

MessageId messageIdOf(const QVariant& value)
{
    return MessageId::fromBytes(viewOf(value.toByteArray())).value_or(MessageId{});
}

std::uint32_t u32Of(const QVariant& value)
{
    return static_cast<std::uint32_t>(value.toLongLong());
}

qlonglong bound(std::uint32_t value)
{
    return static_cast<qlonglong>(value);
}

qlonglong bound(std::int64_t value)
{
    return static_cast<qlonglong>(value);
}

qlonglong limitOf(std::size_t limit)
{
    constexpr auto kMost = static_cast<std::size_t>(std::numeric_limits<qlonglong>::max());
    return static_cast<qlonglong>(std::min(limit, kMost));
}

std::optional<Key> keyOf(const QVariant& value)
{
    const QByteArray array = value.toByteArray();
    if (array.size() != static_cast<qsizetype>(std::tuple_size_v<Key>)) {
        return std::nullopt;
    }
    Key key{};
    std::copy(array.begin(), array.end(), key.begin());
    return key;
}

QByteArray packSkipped(const std::map<std::uint32_t, Key>& skipped)
{
    QByteArray packed("", 0);
    const std::size_t size = skipped.size() * kSkippedEntrySize;
    packed.reserve(static_cast<qsizetype>(size));
    for (const auto& [index, key] : skipped) {
        packed.append(static_cast<char>((index >> 24) & 0xFF));
        packed.append(static_cast<char>((index >> 16) & 0xFF));
        packed.append(static_cast<char>((index >> 8) & 0xFF));
        packed.append(static_cast<char>(index & 0xFF));
        packed.append(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size()));
    }
    return packed;
}

std::optional<std::map<std::uint32_t, Key>> unpackSkipped(const QVariant& value)
{
    const QByteArray packed = value.toByteArray();
    const ByteView bytes = viewOf(packed);
    if (bytes.size() % kSkippedEntrySize != 0) {
        return std::nullopt;
    }
    std::map<std::uint32_t, Key> skipped;
    for (std::size_t at = 0; at < bytes.size(); at += kSkippedEntrySize) {
        const std::uint32_t index = (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
                                    (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
        Key key{};
        std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at + 4), key.size(), key.begin());
        skipped.emplace(index, key);
    }
    return skipped;
}

const QString kRoomColumns = QStringLiteral("id, name, has_left, created_ms, last_activity_ms");

StoredRoom roomFromRow(const QSqlQuery& query)
{
    StoredRoom room;
    room.id = bytesOf(query.value(0));
    room.name = query.value(1).toString();
    room.left = query.value(2).toBool();
    room.createdMs = query.value(3).toLongLong();
    room.lastActivityMs = query.value(4).toLongLong();
    return room;
}

const QString kMessageColumns = QStringLiteral(
    "seq, room_id, id, sender, epoch, key_id, chain_index, wire, outgoing, decrypted, kind, body,"
    " sent_ms, stored_ms, read");

StoredRoomMessage messageFromRow(const QSqlQuery& query)
{
    StoredRoomMessage message;
    message.seq = query.value(0).toLongLong();
    message.room = bytesOf(query.value(1));
    message.id = messageIdOf(query.value(2));
    message.sender = peerOf(query.value(3));
    message.epoch = u32Of(query.value(4));
    message.keyId = u32Of(query.value(5));
    message.chainIndex = u32Of(query.value(6));
    message.wire = bytesOf(query.value(7));
    message.outgoing = query.value(8).toBool();
    message.decrypted = query.value(9).toBool();
    message.kind = query.value(10).toInt();
    message.text = query.value(11).toString();
    message.sentMs = query.value(12).toLongLong();
    message.storedMs = query.value(13).toLongLong();
    message.read = query.value(14).toBool();
    return message;
}

std::vector<StoredRoomMessage> messagesOf(Database& db, QSqlQuery& query)
{
    std::vector<StoredRoomMessage> result;
    if (db.exec(query)) {
        while (query.next()) {
            result.push_back(messageFromRow(query));
        }
    }
    return result;
}

} // namespace

RoomStore::RoomStore(Database& db) : m_db(db)
{
}

// Rooms

bool RoomStore::saveRoom(const StoredRoom& room)
{
    auto query = m_db.cached(
        QStringLiteral(
            "INSERT INTO rooms (%1) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, has_left = excluded.has_left, created_ms = excluded.created_ms,"
            " last_activity_ms = excluded.last_activity_ms")
            .arg(kRoomColumns));
    query->addBindValue(blob(room.id));
    query->addBindValue(notNull(room.name));
    query->addBindValue(room.left ? 1 : 0);
    query->addBindValue(bound(room.createdMs));
    query->addBindValue(bound(room.lastActivityMs));
    return m_db.exec(*query);
}

std::optional<StoredRoom> RoomStore::room(ByteView id)
{
    auto query = m_db.cached(QStringLiteral("SELECT %1 FROM rooms WHERE id = ?").arg(kRoomColumns));
    query->addBindValue(blob(id));
    if (m_db.exec(*query) && query->next()) {
        return roomFromRow(*query);
    }
    return std::nullopt;
}

std::vector<StoredRoom> RoomStore::rooms()
{
    QSqlQuery query = m_db.prepare(
        QStringLiteral("SELECT %1 FROM rooms ORDER BY last_activity_ms DESC, created_ms DESC, id")
            .arg(kRoomColumns));
    std::vector<StoredRoom> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(roomFromRow(query));
        }
    }
    return result;
}

// The membership log

bool RoomStore::addChange(ByteView room, ByteView hash, ByteView encoded)
{
    auto query =
        m_db.cached(QStringLiteral("INSERT INTO room_changes (room_id, hash, encoded) VALUES (?, ?, ?)"
                                   " ON CONFLICT (room_id, hash) DO NOTHING"));
    query->addBindValue(blob(room));
    query->addBindValue(blob(hash));
    query->addBindValue(blob(encoded));
    return m_db.exec(*query);
}

std::vector<Bytes> RoomStore::changes(ByteView room)
{
    auto query =
        m_db.cached(QStringLiteral("SELECT encoded FROM room_changes WHERE room_id = ? ORDER BY seq"));
    query->addBindValue(blob(room));
    std::vector<Bytes> result;
    if (m_db.exec(*query)) {
        while (query->next()) {
            result.push_back(bytesOf(query->value(0)));
        }
    }
    return result;
}

// Messages

std::optional<std::int64_t> RoomStore::insertMessage(const StoredRoomMessage& message)
{
    Database::Transaction transaction(m_db);
    std::int64_t seq = 0;
    {
        // Only a repeated id is skipped (catch-up brings messages again); any
        // other constraint failure is an error.
        auto insert = m_db.cached(
            QStringLiteral("INSERT INTO room_messages (room_id, id, sender, epoch, key_id, chain_index, wire,"
                           " outgoing, decrypted, kind, body, sent_ms, stored_ms, read)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
        insert->addBindValue(blob(message.room));
        insert->addBindValue(blob(message.id));
        insert->addBindValue(text(message.sender));
        insert->addBindValue(bound(message.epoch));
        insert->addBindValue(bound(message.keyId));
        insert->addBindValue(bound(message.chainIndex));
        insert->addBindValue(blob(message.wire));
        insert->addBindValue(message.outgoing ? 1 : 0);
        insert->addBindValue(message.decrypted ? 1 : 0);
        insert->addBindValue(message.kind);
        insert->addBindValue(notNull(message.text));
        insert->addBindValue(bound(message.sentMs));
        insert->addBindValue(bound(message.storedMs));
        insert->addBindValue((message.read || message.outgoing) ? 1 : 0); // this node's own are read
        if (!m_db.exec(*insert) || insert->numRowsAffected() != 1) {
            return std::nullopt;
        }
        seq = insert->lastInsertId().toLongLong();
    }
    auto touch = m_db.cached(
        QStringLiteral("UPDATE rooms SET last_activity_ms = MAX(last_activity_ms, ?) WHERE id = ?"));
    touch->addBindValue(bound(message.storedMs));
    touch->addBindValue(blob(message.room));
    if (!m_db.exec(*touch) || !transaction.commit()) {
        return std::nullopt;
    }
    return seq;
}

bool RoomStore::markDecrypted(std::int64_t seq, int kind, const QString& text, std::int64_t sentMs,
                              bool forTheUser)
{
    // What is not for the user to read (a receipt) is never unread.
    auto query =
        m_db.cached(QStringLiteral("UPDATE room_messages SET decrypted = 1, kind = ?, body = ?, sent_ms = ?,"
                                   " read = MAX(read, ?) WHERE seq = ?"));
    query->addBindValue(kind);
    query->addBindValue(notNull(text));
    query->addBindValue(bound(sentMs));
    query->addBindValue(forTheUser ? 0 : 1);
    query->addBindValue(bound(seq));
    return m_db.exec(*query) && query->numRowsAffected() == 1;
}

std::optional<StoredRoomMessage> RoomStore::message(const MessageId& id)
{
    auto query =
        m_db.cached(QStringLiteral("SELECT %1 FROM room_messages WHERE id = ?").arg(kMessageColumns));
    query->addBindValue(blob(id));
    if (m_db.exec(*query) && query->next()) {
        return messageFromRow(*query);
    }
    return std::nullopt;
}

std::vector<StoredRoomMessage> RoomStore::messages(ByteView room, int kind, std::size_t limit,
                                                   std::optional<std::int64_t> beforeSeq)
{
    auto query =
        m_db.cached(QStringLiteral("SELECT %1 FROM (SELECT * FROM room_messages WHERE room_id = ?"
                                   " AND decrypted = 1 AND kind = ? AND seq < ? ORDER BY seq DESC LIMIT ?)"
                                   " ORDER BY seq")
                        .arg(kMessageColumns));
    query->addBindValue(blob(room));
    query->addBindValue(kind);
    query->addBindValue(bound(beforeSeq.value_or(std::numeric_limits<std::int64_t>::max())));
    query->addBindValue(limitOf(limit));
    return messagesOf(m_db, *query);
}

std::vector<StoredRoomMessage> RoomStore::undecrypted(ByteView room, const PeerId& sender,
                                                      std::uint32_t epoch, std::uint32_t keyId)
{
    auto query = m_db.cached(QStringLiteral("SELECT %1 FROM room_messages WHERE room_id = ? AND sender = ?"
                                            " AND epoch = ? AND key_id = ? AND decrypted = 0"
                                            " ORDER BY chain_index, seq")
                                 .arg(kMessageColumns));
    query->addBindValue(blob(room));
    query->addBindValue(text(sender));
    query->addBindValue(bound(epoch));
    query->addBindValue(bound(keyId));
    return messagesOf(m_db, *query);
}

std::map<RoomStore::ChainId, std::vector<std::uint32_t>> RoomStore::heldIndices(ByteView room)
{
    auto query = m_db.cached(QStringLiteral(
        "SELECT DISTINCT sender, epoch, key_id, chain_index FROM room_messages WHERE room_id = ?"
        " ORDER BY sender, epoch, key_id, chain_index"));
    query->addBindValue(blob(room));
    std::map<ChainId, std::vector<std::uint32_t>> result;
    if (m_db.exec(*query)) {
        while (query->next()) {
            const ChainId chain{peerOf(query->value(0)), u32Of(query->value(1)), u32Of(query->value(2))};
            result[chain].push_back(u32Of(query->value(3)));
        }
    }
    return result;
}

std::vector<Bytes> RoomStore::wireOf(ByteView room, const ChainId& chain,
                                     const std::vector<std::uint32_t>& indices, std::size_t limit)
{
    std::vector<std::uint32_t> wanted = indices;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<Bytes> result;
    for (const std::uint32_t index : wanted) {
        if (result.size() >= limit) {
            break;
        }
        auto query =
            m_db.cached(QStringLiteral("SELECT wire FROM room_messages WHERE room_id = ? AND sender = ?"
                                       " AND epoch = ? AND key_id = ? AND chain_index = ? ORDER BY seq"));
        query->addBindValue(blob(room));
        query->addBindValue(text(chain.sender));
        query->addBindValue(bound(chain.epoch));
        query->addBindValue(bound(chain.keyId));
        query->addBindValue(bound(index));
        if (!m_db.exec(*query)) {
            return {};
        }
        while (result.size() < limit && query->next()) {
            result.push_back(bytesOf(query->value(0)));
        }
    }
    return result;
}

std::int64_t RoomStore::unreadCount(ByteView room)
{
    auto query = m_db.cached(QStringLiteral("SELECT COUNT(*) FROM room_messages WHERE room_id = ? AND read = "
                                            "0 AND outgoing = 0 AND decrypted = 1"));
    query->addBindValue(blob(room));
    if (m_db.exec(*query) && query->next()) {
        return query->value(0).toLongLong();
    }
    return 0;
}

std::vector<MessageId> RoomStore::markRoomRead(ByteView room)
{
    Database::Transaction transaction(m_db);
    std::vector<MessageId> marked;
    {
        auto unread = m_db.cached(QStringLiteral(
            "SELECT id FROM room_messages WHERE room_id = ? AND read = 0 AND outgoing = 0 AND decrypted = 1"
            " ORDER BY seq"));
        unread->addBindValue(blob(room));
        if (!m_db.exec(*unread)) {
            return {};
        }
        while (unread->next()) {
            marked.push_back(messageIdOf(unread->value(0)));
        }
    }
    if (marked.empty()) {
        return {};
    }
    auto update = m_db.cached(QStringLiteral("UPDATE room_messages SET read = 1 WHERE room_id = ? AND read = "
                                             "0 AND outgoing = 0 AND decrypted = 1"));
    update->addBindValue(blob(room));
    if (!m_db.exec(*update) || !transaction.commit()) {
        return {};
    }
    return marked;
}

// Receipts

bool RoomStore::setReceipt(const MessageId& message, const PeerId& member, int state)
{
    auto query = m_db.cached(
        QStringLiteral("INSERT INTO room_receipts (message_id, member, state) VALUES (?, ?, ?)"
                       " ON CONFLICT (message_id, member) DO UPDATE SET state = MAX(state, excluded.state)"));
    query->addBindValue(blob(message));
    query->addBindValue(text(member));
    query->addBindValue(state);
    return m_db.exec(*query);
}

std::map<PeerId, int> RoomStore::receipts(const MessageId& message)
{
    auto query = m_db.cached(QStringLiteral("SELECT member, state FROM room_receipts WHERE message_id = ?"));
    query->addBindValue(blob(message));
    std::map<PeerId, int> result;
    if (m_db.exec(*query)) {
        while (query->next()) {
            result[peerOf(query->value(0))] = query->value(1).toInt();
        }
    }
    return result;
}

// Sender keys

bool RoomStore::saveChain(const StoredRoomChain& chain)
{
    auto query = m_db.cached(QStringLiteral(
        "INSERT INTO room_chains (room_id, sender, epoch, key_id, first_index, next_index, chain_key, "
        "skipped)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, sender, epoch, key_id) DO UPDATE SET"
        " first_index = excluded.first_index, next_index = excluded.next_index,"
        " chain_key = excluded.chain_key, skipped = excluded.skipped"));
    query->addBindValue(blob(chain.room));
    query->addBindValue(text(chain.sender));
    query->addBindValue(bound(chain.epoch));
    query->addBindValue(bound(chain.keyId));
    query->addBindValue(bound(chain.firstIndex));
    query->addBindValue(bound(chain.nextIndex));
    query->addBindValue(blob(ByteView(chain.chainKey)));
    query->addBindValue(packSkipped(chain.skipped));
    return m_db.exec(*query);
}

std::vector<StoredRoomChain> RoomStore::chains(ByteView room)
{
    auto query = m_db.cached(QStringLiteral(
        "SELECT sender, epoch, key_id, first_index, next_index, chain_key, skipped FROM room_chains"
        " WHERE room_id = ? ORDER BY sender, epoch, key_id"));
    query->addBindValue(blob(room));
    std::vector<StoredRoomChain> result;
    if (!m_db.exec(*query)) {
        return result;
    }
    while (query->next()) {
        StoredRoomChain chain;
        chain.room = Bytes(room.begin(), room.end());
        chain.sender = peerOf(query->value(0));
        chain.epoch = u32Of(query->value(1));
        chain.keyId = u32Of(query->value(2));
        chain.firstIndex = u32Of(query->value(3));
        chain.nextIndex = u32Of(query->value(4));
        auto key = keyOf(query->value(5));
        auto skipped = unpackSkipped(query->value(6));
        if (!key || !skipped) {
            qCWarning(lcDatabase) << "skipping a damaged sender-key chain of" << query->value(0).toString();
            continue;
        }
        chain.chainKey = *key;
        chain.skipped = std::move(*skipped);
        result.push_back(std::move(chain));
    }
    return result;
}

bool RoomStore::saveGrant(const StoredRoomKeyGrant& grant)
{
    auto query = m_db.cached(
        QStringLiteral("INSERT INTO room_key_grants (room_id, member, epoch, key_id, first_index, chain_key)"
                       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, member, epoch, key_id) DO UPDATE SET"
                       " first_index = excluded.first_index, chain_key = excluded.chain_key"));
    query->addBindValue(blob(grant.room));
    query->addBindValue(text(grant.member));
    query->addBindValue(bound(grant.epoch));
    query->addBindValue(bound(grant.keyId));
    query->addBindValue(bound(grant.firstIndex));
    query->addBindValue(blob(ByteView(grant.chainKey)));
    return m_db.exec(*query);
}

std::vector<StoredRoomKeyGrant> RoomStore::grants(ByteView room, const PeerId& member)
{
    auto query =
        m_db.cached(QStringLiteral("SELECT epoch, key_id, first_index, chain_key FROM room_key_grants"
                                   " WHERE room_id = ? AND member = ? ORDER BY epoch, key_id"));
    query->addBindValue(blob(room));
    query->addBindValue(text(member));
    std::vector<StoredRoomKeyGrant> result;
    if (!m_db.exec(*query)) {
        return result;
    }
    while (query->next()) {
        auto key = keyOf(query->value(3));
        if (!key) {
            qCWarning(lcDatabase) << "skipping a damaged sender-key grant for" << text(member);
            continue;
        }
        result.push_back(StoredRoomKeyGrant{Bytes(room.begin(), room.end()), member, u32Of(query->value(0)),
                                            u32Of(query->value(1)), u32Of(query->value(2)), *key});
    }
    return result;
}

} // namespace confab::storage
