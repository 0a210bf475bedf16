#include "transfer_store.h"

#include "database.h"

#include <QByteArray>
#include <QVariant>

namespace confab::storage {
namespace {

QByteArray blob(ByteView bytes)
{
    // Never a null QByteArray: Qt binds that as SQL NULL, which NOT NULL refuses.
    if (bytes.empty()) {
        return QByteArray("", 0);
    }
    return {reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

Bytes bytesOf(const QVariant& value)
{
    const QByteArray array = value.toByteArray();
    return {array.begin(), array.end()};
}

// Lists are kept one item per line: paths and names cannot hold a newline
// (received names are cleaned of control characters; sent paths with one
// are refused before they get here).
QString joined(const QStringList& list)
{
    return list.join(QLatin1Char('\n'));
}

// Qt binds a null QString as SQL NULL, which the NOT NULL text columns refuse.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QStringList split(const QVariant& value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QStringList{} : text.split(QLatin1Char('\n'));
}

const QString kColumns = QStringLiteral(
    "id, peer_id, outgoing, state, reason, paused_here, paused_there, offer, manifest, sources, folder,"
    " top_names, problem, file_hash, saved_as, bytes_done, created_ms, updated_ms, swarm, from_others");

// kColumns with the manifest, the sources and the swarm read as empty.
const QString kOverviewColumns = QStringLiteral(
    "id, peer_id, outgoing, state, reason, paused_here, paused_there, offer, X'', '', folder,"
    " top_names, problem, file_hash, saved_as, bytes_done, created_ms, updated_ms, X'', from_others");

StoredTransfer fromRow(const QSqlQuery& query)
{
    StoredTransfer t;
    t.id = bytesOf(query.value(0));
    t.peer = PeerId::fromText(query.value(1).toString().toStdString()).value_or(PeerId{});
    t.outgoing = query.value(2).toBool();
    t.state = query.value(3).toInt();
    t.reason = query.value(4).toInt();
    t.pausedHere = query.value(5).toBool();
    t.pausedThere = query.value(6).toBool();
    t.offer = bytesOf(query.value(7));
    t.manifest = bytesOf(query.value(8));
    t.sources = split(query.value(9));
    t.folder = query.value(10).toString();
    t.topNames = split(query.value(11));
    t.problem = query.value(12).toString();
    t.fileHash = query.value(13).toString();
    t.savedAs = split(query.value(14));
    t.bytesDone = query.value(15).toLongLong();
    t.createdMs = query.value(16).toLongLong();
    t.updatedMs = query.value(17).toLongLong();
    t.swarm = bytesOf(query.value(18));
    t.bytesFromOthers = query.value(19).toLongLong();
    return t;
}

} // namespace

TransferStore::TransferStore(Database& db) : m_db(db)
{
}

bool TransferStore::insert(const StoredTransfer& t)
{
    QSqlQuery query = m_db.prepare(
        QStringLiteral(
            "INSERT INTO transfers (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kColumns));
    query.addBindValue(blob(t.id));
    query.addBindValue(QString::fromStdString(t.peer.toText()));
    query.addBindValue(t.outgoing ? 1 : 0);
    query.addBindValue(t.state);
    query.addBindValue(t.reason);
    query.addBindValue(t.pausedHere ? 1 : 0);
    query.addBindValue(t.pausedThere ? 1 : 0);
    query.addBindValue(blob(t.offer));
    query.addBindValue(blob(t.manifest));
    query.addBindValue(notNull(joined(t.sources)));
    query.addBindValue(notNull(t.folder));
    query.addBindValue(notNull(joined(t.topNames)));
    query.addBindValue(notNull(t.problem));
    query.addBindValue(notNull(t.fileHash));
    query.addBindValue(notNull(joined(t.savedAs)));
    query.addBindValue(static_cast<qlonglong>(t.bytesDone));
    query.addBindValue(static_cast<qlonglong>(t.createdMs));
    query.addBindValue(static_cast<qlonglong>(t.updatedMs));
    query.addBindValue(blob(t.swarm));
    query.addBindValue(static_cast<qlonglong>(t.bytesFromOthers));
    return m_db.exec(query);
}

bool TransferStore::update(const StoredTransfer& t)
{
    auto query = m_db.cached(QStringLiteral(
        "UPDATE transfers SET state = ?, reason = ?, paused_here = ?, paused_there = ?, offer = ?, manifest "
        "= ?,"
        " sources = ?, folder = ?, top_names = ?, problem = ?, file_hash = ?, saved_as = ?, bytes_done = ?,"
        " from_others = ?, updated_ms = ? WHERE id = ?"));
    query->addBindValue(t.state);
    query->addBindValue(t.reason);
    query->addBindValue(t.pausedHere ? 1 : 0);
    query->addBindValue(t.pausedThere ? 1 : 0);
    query->addBindValue(blob(t.offer));
    query->addBindValue(blob(t.manifest));
    query->addBindValue(notNull(joined(t.sources)));
    query->addBindValue(notNull(t.folder));
    query->addBindValue(notNull(joined(t.topNames)));
    query->addBindValue(notNull(t.problem));
    query->addBindValue(notNull(t.fileHash));
    query->addBindValue(notNull(joined(t.savedAs)));
    query->addBindValue(static_cast<qlonglong>(t.bytesDone));
    query->addBindValue(static_cast<qlonglong>(t.bytesFromOthers));
    query->addBindValue(static_cast<qlonglong>(t.updatedMs));
    query->addBindValue(blob(t.id));
    return m_db.exec(*query) && query->numRowsAffected() == 1;
}

std::optional<StoredTransfer> TransferStore::find(ByteView id)
{
    auto query = m_db.cached(QStringLiteral("SELECT %1 FROM transfers WHERE id = ?").arg(kColumns));
    query->addBindValue(blob(id));
    if (m_db.exec(*query) && query->next()) {
        return fromRow(*query);
    }
    return std::nullopt;
}

std::vector<StoredTransfer> TransferStore::all()
{
    return select(kColumns);
}

std::vector<StoredTransfer> TransferStore::overview()
{
    return select(kOverviewColumns);
}

std::vector<StoredTransfer> TransferStore::select(const QString& columns)
{
    QSqlQuery query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM transfers ORDER BY created_ms, rowid").arg(columns));
    std::vector<StoredTransfer> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            result.push_back(fromRow(query));
        }
    }
    return result;
}

bool TransferStore::saveFiles(ByteView transferId, const std::map<std::uint32_t, ReceivedFileState>& files)
{
    Database::Transaction transaction(m_db);
    for (const auto& [entry, state] : files) {
        auto query = m_db.cached(QStringLiteral(
            "INSERT INTO transfer_files (transfer_id, entry, verified, final_name) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (transfer_id, entry) DO UPDATE SET verified = excluded.verified,"
            " final_name = excluded.final_name"));
        query->addBindValue(blob(transferId));
        query->addBindValue(static_cast<qlonglong>(entry));
        query->addBindValue(blob(state.verified));
        query->addBindValue(state.finalName ? QVariant(*state.finalName)
                                            : QVariant(QMetaType(QMetaType::QString)));
        if (!m_db.exec(*query)) {
            return false;
        }
    }
    return transaction.commit();
}

std::map<std::uint32_t, ReceivedFileState> TransferStore::files(ByteView transferId)
{
    QSqlQuery query = m_db.prepare(
        QStringLiteral("SELECT entry, verified, final_name FROM transfer_files WHERE transfer_id = ?"));
    query.addBindValue(blob(transferId));
    std::map<std::uint32_t, ReceivedFileState> result;
    if (m_db.exec(query)) {
        while (query.next()) {
            ReceivedFileState state;
            state.verified = bytesOf(query.value(1));
            if (!query.value(2).isNull()) {
                state.finalName = query.value(2).toString();
            }
            result.emplace(static_cast<std::uint32_t>(query.value(0).toLongLong()), std::move(state));
        }
    }
    return result;
}

bool TransferStore::clearFiles(ByteView transferId)
{
    QSqlQuery query = m_db.prepare(QStringLiteral("DELETE FROM transfer_files WHERE transfer_id = ?"));
    query.addBindValue(blob(transferId));
    return m_db.exec(query);
}

} // namespace confab::storage
