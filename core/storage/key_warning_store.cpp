#include "key_warning_store.h"

#include "database.h"

#include <QVariant>

namespace confab::storage {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

KeyWarning warningFromRow(const QSqlQuery& query)
{
    KeyWarning warning;
    warning.peer = PeerId::fromText(query.value(0).toString().toStdString()).value_or(PeerId{});
    warning.raisedMs = query.value(1).toLongLong();
    warning.detail = query.value(2).toString();
    return warning;
}

} // namespace

bool KeyWarningStore::raise(const PeerId& peer, const QString& detail, std::int64_t nowMs)
{
    QSqlQuery query = m_db.prepare(
        QStringLiteral("INSERT INTO key_warnings (peer_id, raised_ms, detail, acknowledged_ms) "
                       "VALUES (?, ?, ?, NULL) ON CONFLICT(peer_id) DO UPDATE SET "
                       "raised_ms = excluded.raised_ms, detail = excluded.detail, acknowledged_ms = NULL"));
    query.addBindValue(idText(peer));
    query.addBindValue(static_cast<qlonglong>(nowMs));
    // A null QString would bind as SQL NULL, which the NOT NULL column refuses.
    query.addBindValue(detail.isNull() ? QStringLiteral("") : detail);
    return m_db.exec(query);
}

bool KeyWarningStore::acknowledge(const PeerId& peer, std::int64_t nowMs)
{
    QSqlQuery query = m_db.prepare(QStringLiteral(
        "UPDATE key_warnings SET acknowledged_ms = ? WHERE peer_id = ? AND acknowledged_ms IS NULL"));
    query.addBindValue(static_cast<qlonglong>(nowMs));
    query.addBindValue(idText(peer));
    return m_db.exec(query) && query.numRowsAffected() == 1;
}

std::optional<KeyWarning> KeyWarningStore::pending(const PeerId& peer)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT peer_id, raised_ms, detail FROM key_warnings "
                                                  "WHERE peer_id = ? AND acknowledged_ms IS NULL"));
    query.addBindValue(idText(peer));
    if (m_db.exec(query) && query.next()) {
        return warningFromRow(query);
    }
    return std::nullopt;
}

std::vector<KeyWarning> KeyWarningStore::allPending()
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT peer_id, raised_ms, detail FROM key_warnings "
                                                  "WHERE acknowledged_ms IS NULL ORDER BY raised_ms"));
    std::vector<KeyWarning> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(warningFromRow(query));
        }
    }
    return result;
}

} // namespace confab::storage
