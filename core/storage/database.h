#pragma once

#include "base/peer_id.h"
#include "base/result.h"
#include "wal_checkpointer.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace confab::storage {

// One SQLite connection (WAL mode) with the schema migrated to the newest
// version. Owned by one thread: the one that opened it.
class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens or creates the file and runs pending migrations. The error is a
    // sentence for the user.
    static Result<std::unique_ptr<Database>, QString> open(const QString& path);

    [[nodiscard]] QSqlDatabase& connection() { return m_db; }
    [[nodiscard]] int schemaVersion();
    // Stops checkpointing inside commits and runs checkpoints on a
    // background thread instead (see WalCheckpointer).
    void checkpointInBackground();
    // A prepared statement bound to this connection.
    QSqlQuery prepare(const QString& sql);

    // A statement prepared once and kept for the connection's life, for those
    // that run on every link or message. Finished when the handle goes, so
    // read what is needed before asking for the same SQL again.
    class CachedQuery {
    public:
        explicit CachedQuery(QSqlQuery& query) : m_query(query) {}
        ~CachedQuery() { m_query.finish(); }
        CachedQuery(const CachedQuery&) = delete;
        CachedQuery& operator=(const CachedQuery&) = delete;
        QSqlQuery& operator*() { return m_query; }
        QSqlQuery* operator->() { return &m_query; }

    private:
        QSqlQuery& m_query;
    };
    CachedQuery cached(const QString& sql);
    // Runs a statement; logs and returns false on failure.
    bool exec(QSqlQuery& query);
    bool exec(const QString& sql);
    // Runs a query whose first column holds peer IDs as text; the valid
    // ones, in the query's order (none when it fails).
    std::vector<PeerId> peerIds(const QString& sql);

    // Commits on commit(); rolls back if destroyed before that.
    class Transaction {
    public:
        explicit Transaction(Database& db);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        bool commit();

    private:
        Database& m_db;
        bool m_done = false;
    };

private:
    explicit Database(const QSqlDatabase& db) : m_db(db) {}
    bool migrate(QString& error);

    QSqlDatabase m_db;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::map<QString, QSqlQuery> m_cached;
};

} // namespace confab::storage
