#include "wal_checkpointer.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcDatabase)

namespace confab::storage {

WalCheckpointer::WalCheckpointer(QString databasePath) : m_path(std::move(databasePath))
{
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run()
{
    const QString name =
        QStringLiteral("confab-checkpoint-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            qCWarning(lcDatabase) << "checkpoint connection failed:" << db.lastError().text();
        }
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait_for(lock, std::chrono::milliseconds(kIntervalMs), [this] { return m_stop; });
            const bool stopping = m_stop;
            lock.unlock();
            // PASSIVE never blocks the writer; on the way out, truncate the
            // WAL so a stopped profile is one compact file.
            if (db.isOpen() && !query.exec(stopping ? QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")
                                                    : QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
                qCWarning(lcDatabase) << "checkpoint failed:" << query.lastError().text();
            }
            lock.lock();
            if (m_stop) {
                break;
            }
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace confab::storage
