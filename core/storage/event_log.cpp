#include "event_log.h"

#include "database.h"

#include <QVariant>

namespace confab::storage {

EventRecord EventLog::append(const QString& kind, const std::optional<PeerId>& peer, const QString& detail,
                             std::int64_t nowMs)
{
    EventRecord event{0, nowMs, kind, peer, detail};
    auto insert =
        m_db.cached(QStringLiteral("INSERT INTO events (at_ms, kind, peer_id, detail) VALUES (?, ?, ?, ?)"));
    insert->addBindValue(static_cast<qlonglong>(nowMs));
    insert->addBindValue(kind);
    insert->addBindValue(peer ? QVariant(QString::fromStdString(peer->toText())) : QVariant());
    // A null QString would bind as SQL NULL, which the NOT NULL column refuses.
    insert->addBindValue(detail.isNull() ? QStringLiteral("") : detail);
    if (m_db.exec(*insert)) {
        event.seq = insert->lastInsertId().toLongLong();
        auto prune = m_db.cached(QStringLiteral("DELETE FROM events WHERE seq <= ?"));
        prune->addBindValue(static_cast<qlonglong>(event.seq - kKeep));
        m_db.exec(*prune);
    }
    return event;
}

std::vector<EventRecord> EventLog::recent(int limit)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT seq, at_ms, kind, peer_id, detail FROM (SELECT * "
                                                  "FROM events ORDER BY seq DESC LIMIT ?) ORDER BY seq"));
    query.addBindValue(limit);
    std::vector<EventRecord> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            EventRecord event;
            event.seq = query.value(0).toLongLong();
            event.atMs = query.value(1).toLongLong();
            event.kind = query.value(2).toString();
            if (!query.value(3).isNull()) {
                event.peer = PeerId::fromText(query.value(3).toString().toStdString());
            }
            event.detail = query.value(4).toString();
            result.push_back(event);
        }
    }
    return result;
}

} // namespace confab::storage
