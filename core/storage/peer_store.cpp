#include "peer_store.h"

#include "database.h"

#include <QByteArray>
#include <QVariant>

#include <algorithm>

namespace confab::storage {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

PeerRecord peerFromRow(const QSqlQuery& query)
{
    PeerRecord record;
    record.id = PeerId::fromText(query.value(0).toString().toStdString()).value_or(PeerId{});
    record.displayName = query.value(1).toString();
    record.lastAddress = query.value(2).toString();
    record.lastSeenMs = query.value(3).toLongLong();
    record.verified = query.value(4).toBool();
    record.nickname = query.value(5).toString();
    if (!query.value(6).isNull()) {
        record.blockedMs = query.value(6).toLongLong();
    }
    return record;
}

const QString kPeerColumns =
    QStringLiteral("id, display_name, last_address, last_seen_ms, verified, nickname, blocked_ms");

// Qt SQL binds a null QString as SQL NULL, which the NOT NULL text columns
// refuse; "no address" and "no name" are stored as ''.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

std::vector<PeerRecord> PeerStore::peers()
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM peers ORDER BY "
                                    "CASE WHEN nickname <> '' THEN nickname ELSE display_name END, id")
                         .arg(kPeerColumns));
    std::vector<PeerRecord> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(peerFromRow(query));
        }
    }
    return result;
}

std::optional<PeerRecord> PeerStore::peer(const PeerId& id)
{
    auto query = m_db.cached(QStringLiteral("SELECT %1 FROM peers WHERE id = ?").arg(kPeerColumns));
    query->addBindValue(idText(id));
    if (m_db.exec(*query) && query->next()) {
        return peerFromRow(*query);
    }
    return std::nullopt;
}

bool PeerStore::recordSeen(const PeerId& id, const QString& displayName, const QString& address,
                           std::int64_t nowMs)
{
    auto query = m_db.cached(
        QStringLiteral("INSERT INTO peers (id, display_name, last_address, last_seen_ms) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, "
                       "last_address = CASE WHEN excluded.last_address = '' THEN last_address ELSE "
                       "excluded.last_address END, "
                       "last_seen_ms = excluded.last_seen_ms"));
    query->addBindValue(idText(id));
    query->addBindValue(notNull(displayName));
    query->addBindValue(notNull(address));
    query->addBindValue(static_cast<qlonglong>(nowMs));
    return m_db.exec(*query);
}

bool PeerStore::setVerified(const PeerId& id, bool verified)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("UPDATE peers SET verified = ? WHERE id = ?"));
    query.addBindValue(verified ? 1 : 0);
    query.addBindValue(idText(id));
    return m_db.exec(query) && query.numRowsAffected() == 1;
}

bool PeerStore::setNickname(const PeerId& id, const QString& nickname)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("UPDATE peers SET nickname = ? WHERE id = ?"));
    query.addBindValue(notNull(nickname));
    query.addBindValue(idText(id));
    return m_db.exec(query) && query.numRowsAffected() == 1;
}

bool PeerStore::setBlocked(const PeerId& id, std::optional<std::int64_t> sinceMs)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("INSERT INTO peers (id, blocked_ms) VALUES (?, ?) "
                                    "ON CONFLICT(id) DO UPDATE SET blocked_ms = excluded.blocked_ms"));
    query.addBindValue(idText(id));
    query.addBindValue(sinceMs ? QVariant(static_cast<qlonglong>(*sinceMs)) : QVariant());
    return m_db.exec(query);
}

std::vector<PeerId> PeerStore::blockedPeers()
{
    return m_db.peerIds(QStringLiteral("SELECT id FROM peers WHERE blocked_ms IS NOT NULL"));
}

std::optional<std::int64_t> PeerStore::removePeer(const PeerId& id)
{
    Database::Transaction transaction(m_db);
    QSqlQuery count = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE peer_id = ?"));
    count.addBindValue(idText(id));
    if (!m_db.exec(count) || !count.next()) {
        return std::nullopt;
    }
    const std::int64_t messages = count.value(0).toLongLong();
    // Children first: the outbox refers to messages, messages to the conversation.
    for (const char* table :
         {"outbox", "change_outbox", "messages", "conversations", "pinned_keys", "key_warnings", "avatars"}) {
        QSqlQuery query =
            m_db.prepare(QStringLiteral("DELETE FROM %1 WHERE peer_id = ?").arg(QLatin1String(table)));
        query.addBindValue(idText(id));
        if (!m_db.exec(query)) {
            return std::nullopt;
        }
    }
    // A blocked peer keeps its row, and with it the block: forgetting a
    // peer must never let in one the user shut out. Its key is gone, so it
    // is no longer verified.
    for (const char* statement : {"DELETE FROM peers WHERE id = ? AND blocked_ms IS NULL",
                                  "UPDATE peers SET verified = 0 WHERE id = ?"}) {
        QSqlQuery query = m_db.prepare(QLatin1String(statement));
        query.addBindValue(idText(id));
        if (!m_db.exec(query)) {
            return std::nullopt;
        }
    }
    if (!transaction.commit()) {
        return std::nullopt;
    }
    return messages;
}

std::optional<crypto::PublicKey> PeerStore::pinnedKey(const PeerId& id)
{
    auto query = m_db.cached(QStringLiteral("SELECT identity_key FROM pinned_keys WHERE peer_id = ?"));
    query->addBindValue(idText(id));
    if (!m_db.exec(*query) || !query->next()) {
        return std::nullopt;
    }
    const QByteArray blob = query->value(0).toByteArray();
    crypto::PublicKey key{};
    if (static_cast<std::size_t>(blob.size()) != key.size()) {
        return std::nullopt;
    }
    std::copy(blob.begin(), blob.end(), key.begin());
    return key;
}

bool PeerStore::pinKey(const PeerId& id, const crypto::PublicKey& key, std::int64_t nowMs)
{
    // INSERT without REPLACE: a pinned key is never overwritten silently.
    QSqlQuery query = m_db.prepare(
        QStringLiteral("INSERT INTO pinned_keys (peer_id, identity_key, pinned_ms) VALUES (?, ?, ?)"));
    query.addBindValue(idText(id));
    query.addBindValue(
        QByteArray(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size())));
    query.addBindValue(static_cast<qlonglong>(nowMs));
    return m_db.exec(query);
}

QStringList PeerStore::staticAddresses()
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT address FROM static_addresses ORDER BY added_ms"));
    QStringList result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.append(query.value(0).toString());
        }
    }
    return result;
}

bool PeerStore::addStaticAddress(const QString& address, std::int64_t nowMs)
{
    QSqlQuery query = m_db.prepare(
        QStringLiteral("INSERT OR IGNORE INTO static_addresses (address, added_ms) VALUES (?, ?)"));
    query.addBindValue(address);
    query.addBindValue(static_cast<qlonglong>(nowMs));
    return m_db.exec(query);
}

bool PeerStore::removeStaticAddress(const QString& address)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("DELETE FROM static_addresses WHERE address = ?"));
    query.addBindValue(address);
    return m_db.exec(query) && query.numRowsAffected() > 0;
}

} // namespace confab::storage
