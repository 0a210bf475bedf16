#include "relay_store.h"

#include "database.h"

#include <QByteArray>
#include <QVariant>

namespace confab::storage {
namespace {

QByteArray blob(const MessageId& id)
{
    return {reinterpret_cast<const char*>(id.bytes().data()), static_cast<qsizetype>(id.bytes().size())};
}

QByteArray blob(const Bytes& bytes)
{
    return {reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

QString text(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

PeerId peerOf(const QVariant& value)
{
    return PeerId::fromText(value.toString().toStdString()).value_or(PeerId{});
}

const QString kHeldColumns = QStringLiteral("routing_id, recipient, origin, expires_ms, stored_ms, envelope");

HeldEnvelope heldFromRow(const QSqlQuery& query)
{
    HeldEnvelope held;
    const QByteArray id = query.value(0).toByteArray();
    held.routingId = MessageId::fromBytes(ByteView(reinterpret_cast<const std::uint8_t*>(id.constData()),
                                                   static_cast<std::size_t>(id.size())))
                         .value_or(MessageId{});
    held.recipient = peerOf(query.value(1));
    held.origin = peerOf(query.value(2));
    held.expiresMs = query.value(3).toLongLong();
    held.storedMs = query.value(4).toLongLong();
    const QByteArray envelope = query.value(5).toByteArray();
    held.envelope.assign(envelope.begin(), envelope.end());
    return held;
}

} // namespace

RelayStore::RelayStore(Database& db, std::int64_t maxSeen) : m_db(db), m_maxSeen(maxSeen)
{
}

bool RelayStore::hold(const HeldEnvelope& envelope)
{
    auto query =
        m_db.cached(QStringLiteral("INSERT OR IGNORE INTO relay_envelopes (%1) VALUES (?, ?, ?, ?, ?, ?)")
                        .arg(kHeldColumns));
    query->addBindValue(blob(envelope.routingId));
    query->addBindValue(text(envelope.recipient));
    query->addBindValue(text(envelope.origin));
    query->addBindValue(static_cast<qlonglong>(envelope.expiresMs));
    query->addBindValue(static_cast<qlonglong>(envelope.storedMs));
    query->addBindValue(blob(envelope.envelope));
    return m_db.exec(*query);
}

bool RelayStore::release(const MessageId& routingId)
{
    auto query = m_db.cached(QStringLiteral("DELETE FROM relay_envelopes WHERE routing_id = ?"));
    query->addBindValue(blob(routingId));
    return m_db.exec(*query) && query->numRowsAffected() > 0;
}

std::int64_t RelayStore::releaseInvolving(const PeerId& peer)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("DELETE FROM relay_envelopes WHERE recipient = ? OR origin = ?"));
    query.addBindValue(text(peer));
    query.addBindValue(text(peer));
    return m_db.exec(query) ? query.numRowsAffected() : 0;
}

std::optional<HeldEnvelope> RelayStore::held(const MessageId& routingId)
{
    auto query =
        m_db.cached(QStringLiteral("SELECT %1 FROM relay_envelopes WHERE routing_id = ?").arg(kHeldColumns));
    query->addBindValue(blob(routingId));
    if (m_db.exec(*query) && query->next()) {
        return heldFromRow(*query);
    }
    return std::nullopt;
}

std::vector<HeldEnvelope> RelayStore::heldFor(const PeerId& recipient)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM relay_envelopes WHERE recipient = ? ORDER BY stored_ms")
                         .arg(kHeldColumns));
    query.addBindValue(text(recipient));
    std::vector<HeldEnvelope> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(heldFromRow(query));
        }
    }
    return result;
}

std::vector<HeldEnvelope> RelayStore::allHeld()
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM relay_envelopes ORDER BY stored_ms").arg(kHeldColumns));
    std::vector<HeldEnvelope> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(heldFromRow(query));
        }
    }
    return result;
}

RelayStore::Use RelayStore::useBy(const PeerId& origin)
{
    auto query = m_db.cached(QStringLiteral(
        "SELECT COUNT(*), COALESCE(SUM(LENGTH(envelope)), 0) FROM relay_envelopes WHERE origin = ?"));
    query->addBindValue(text(origin));
    if (m_db.exec(*query) && query->next()) {
        return {query->value(0).toLongLong(), query->value(1).toLongLong()};
    }
    return {};
}

RelayStore::Use RelayStore::totalUse()
{
    auto query = m_db.cached(
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(LENGTH(envelope)), 0) FROM relay_envelopes"));
    if (m_db.exec(*query) && query->next()) {
        return {query->value(0).toLongLong(), query->value(1).toLongLong()};
    }
    return {};
}

std::vector<std::pair<PeerId, RelayStore::Use>> RelayStore::useByOrigin()
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT origin, COUNT(*), SUM(LENGTH(envelope)) FROM "
                                                  "relay_envelopes GROUP BY origin ORDER BY origin"));
    std::vector<std::pair<PeerId, Use>> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.emplace_back(peerOf(query.value(0)),
                                Use{query.value(1).toLongLong(), query.value(2).toLongLong()});
        }
    }
    return result;
}

bool RelayStore::markSeen(const MessageId& routingId, const PeerId& recipient, std::int64_t nowMs,
                          std::int64_t expiresMs)
{
    auto query = m_db.cached(QStringLiteral("INSERT OR IGNORE INTO relay_seen (routing_id, recipient, "
                                            "first_seen_ms, expires_ms) VALUES (?, ?, ?, ?)"));
    query->addBindValue(blob(routingId));
    query->addBindValue(text(recipient));
    query->addBindValue(static_cast<qlonglong>(nowMs));
    query->addBindValue(static_cast<qlonglong>(expiresMs));
    if (!m_db.exec(*query) || query->numRowsAffected() != 1) {
        return false;
    }
    if (!m_seenCount) {
        auto count = m_db.cached(QStringLiteral("SELECT COUNT(*) FROM relay_seen"));
        m_seenCount = m_db.exec(*count) && count->next() ? count->value(0).toLongLong() : 0;
    } else {
        ++*m_seenCount;
    }
    if (*m_seenCount > m_maxSeen) {
        forgetSoonestSeen(*m_seenCount - m_maxSeen);
    }
    return true;
}

void RelayStore::forgetSoonestSeen(std::int64_t count)
{
    auto query = m_db.cached(QStringLiteral("DELETE FROM relay_seen WHERE routing_id IN (SELECT routing_id "
                                            "FROM relay_seen ORDER BY expires_ms LIMIT ?)"));
    query->addBindValue(static_cast<qlonglong>(count));
    if (m_db.exec(*query)) {
        *m_seenCount -= query->numRowsAffected();
    } else {
        m_seenCount.reset(); // counted again next time
    }
}

std::optional<SeenEnvelope> RelayStore::seen(const MessageId& routingId)
{
    auto query = m_db.cached(
        QStringLiteral("SELECT recipient, first_seen_ms, delivered FROM relay_seen WHERE routing_id = ?"));
    query->addBindValue(blob(routingId));
    if (m_db.exec(*query) && query->next()) {
        return SeenEnvelope{peerOf(query->value(0)), query->value(1).toLongLong(), query->value(2).toBool()};
    }
    return std::nullopt;
}

bool RelayStore::markDelivered(const MessageId& routingId)
{
    auto query = m_db.cached(QStringLiteral("UPDATE relay_seen SET delivered = 1 WHERE routing_id = ?"));
    query->addBindValue(blob(routingId));
    return m_db.exec(*query) && query->numRowsAffected() > 0;
}

std::int64_t RelayStore::prune(std::int64_t nowMs)
{
    Database::Transaction transaction(m_db);
    QSqlQuery envelopes = m_db.prepare(QStringLiteral("DELETE FROM relay_envelopes WHERE expires_ms <= ?"));
    envelopes.addBindValue(static_cast<qlonglong>(nowMs));
    QSqlQuery seen = m_db.prepare(QStringLiteral("DELETE FROM relay_seen WHERE expires_ms <= ?"));
    seen.addBindValue(static_cast<qlonglong>(nowMs));
    m_seenCount.reset(); // counted again when next needed
    if (!m_db.exec(envelopes)) {
        return 0;
    }
    // SQLite counts changes per connection: read it before the next statement runs.
    const std::int64_t removed = envelopes.numRowsAffected();
    if (!m_db.exec(seen) || !transaction.commit()) {
        return 0;
    }
    return removed;
}

} // namespace confab::storage
