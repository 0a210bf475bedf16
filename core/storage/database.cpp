#include "database.h"

#include "schema.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDatabase, "confab.storage")

namespace confab::storage {
namespace {

constexpr mode_t kOwnerOnlyFile = S_IRUSR | S_IWUSR;

// The database holds secret keys, so only its owner may read it. A new file
// is created owner-only before SQLite opens it (SQLite gives its -wal and
// -shm files the mode of the database); a file widened by a copy or a
// restore, and what an earlier run left of its -wal and -shm files, are
// narrowed again. Anything that is not a plain file name is left to SQLite.
void restrictToOwner(const QString& path)
{
    if (path.isEmpty() || path == QStringLiteral(":memory:") || path.startsWith(QStringLiteral("file:"))) {
        return;
    }
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kOwnerOnlyFile);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const QByteArray file = name + suffix;
        struct stat status {};
        if (::stat(file.constData(), &status) != 0 || !S_ISREG(status.st_mode) ||
            (status.st_mode & ~kOwnerOnlyFile & 0777) == 0) {
            continue;
        }
        if (::chmod(file.constData(), status.st_mode & kOwnerOnlyFile) != 0) {
            qCWarning(lcDatabase) << "cannot make" << QFile::decodeName(file)
                                  << "owner-only:" << std::strerror(errno);
        }
    }
}

} // namespace

Result<std::unique_ptr<Database>, QString> Database::open(const QString& path)
{
    // Connection names must be unique per process; several nodes may share one.
    const QString name = QStringLiteral("confab-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    restrictToOwner(path);
    if (!db.open()) {
        QString error = QCoreApplication::translate("Storage", "Cannot open the database %1: %2")
                            .arg(path, db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return error;
    }
    std::unique_ptr<Database> database(new Database(db));
    // WAL keeps readers off the writer's back; synchronous=NORMAL in WAL mode
    // survives a killed process (the OS still holds the written pages), which
    // is the guarantee the protocol's acknowledgements rely on. A WAL file
    // keeps the size of its busiest second unless limited: peers that pass a
    // burst of envelopes through a relay would leave it at tens of MiB, far
    // beyond the relay's store limit, so it is cut back after a checkpoint.
    const char* pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                             "PRAGMA busy_timeout=5000", "PRAGMA journal_size_limit=4194304"};
    for (const char* pragma : pragmas) {
        if (!database->exec(QString::fromLatin1(pragma))) {
            return QCoreApplication::translate("Storage", "Cannot configure the database %1").arg(path);
        }
    }
    QString error;
    if (!database->migrate(error)) {
        return error;
    }
    return database;
}

void Database::checkpointInBackground()
{
    if (!m_checkpointer && exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"))) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_db.databaseName());
    }
}

Database::~Database()
{
    m_cached.clear(); // statements go before their connection
    m_checkpointer.reset();
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

int Database::schemaVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

bool Database::migrate(QString& error)
{
    const auto& migrations = schemaMigrations();
    const int current = schemaVersion();
    const int newest = static_cast<int>(migrations.size());
    if (current < 0) {
        error = QCoreApplication::translate("Storage", "Cannot read the database schema version.");
        return false;
    }
    if (current > newest) {
        error = QCoreApplication::translate(
                    "Storage", "This profile was written by a newer Confab (schema %1, this build knows %2). "
                               "Update Confab to open it.")
                    .arg(current)
                    .arg(newest);
        return false;
    }
    for (int version = current + 1; version <= newest; ++version) {
        Transaction transaction(*this);
        for (const QString& statement : migrations[static_cast<std::size_t>(version - 1)]) {
            if (!exec(statement)) {
                error = QCoreApplication::translate("Storage", "Database migration to schema %1 failed.")
                            .arg(version);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version=%1").arg(version)) || !transaction.commit()) {
            error = QCoreApplication::translate("Storage", "Database migration to schema %1 failed.")
                        .arg(version);
            return false;
        }
        qCInfo(lcDatabase) << "database schema migrated to version" << version;
    }
    return true;
}

std::vector<PeerId> Database::peerIds(const QString& sql)
{
    QSqlQuery query = prepare(sql);
    std::vector<PeerId> result;
    if (exec(query)) {
        while (query.next()) {
            if (auto id = PeerId::fromText(query.value(0).toString().toStdString())) {
                result.push_back(*id);
            }
        }
    }
    return result;
}

QSqlQuery Database::prepare(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.prepare(sql)) {
        qCWarning(lcDatabase) << "cannot prepare" << sql << ":" << query.lastError().text();
    }
    return query;
}

Database::CachedQuery Database::cached(const QString& sql)
{
    auto it = m_cached.find(sql);
    if (it == m_cached.end()) {
        it = m_cached.emplace(sql, prepare(sql)).first;
    }
    return CachedQuery(it->second);
}

bool Database::exec(QSqlQuery& query)
{
    if (!query.exec()) {
        qCWarning(lcDatabase) << "statement failed:" << query.lastQuery() << ":" << query.lastError().text();
        return false;
    }
    return true;
}

bool Database::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        qCWarning(lcDatabase) << "statement failed:" << sql << ":" << query.lastError().text();
        return false;
    }
    return true;
}

Database::Transaction::Transaction(Database& db) : m_db(db)
{
    m_db.m_db.transaction();
}

Database::Transaction::~Transaction()
{
    if (!m_done) {
        m_db.m_db.rollback();
    }
}

bool Database::Transaction::commit()
{
    m_done = true;
    if (!m_db.m_db.commit()) {
        qCWarning(lcDatabase) << "commit failed:" << m_db.m_db.lastError().text();
        return false;
    }
    return true;
}

} // namespace confab::storage
