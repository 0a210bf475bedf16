#include "storage/database.h"
#include "storage/message_store.h"
#include "storage/records.h"
#include "storage/schema.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"

#include <QFile>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace confab::storage {
namespace {

// The peers table as migration 1 made it.
constexpr const char* kSchemaOnePeers =
    "CREATE TABLE peers (id TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '', "
    "last_address TEXT NOT NULL DEFAULT '', last_seen_ms INTEGER NOT NULL DEFAULT 0, "
    "verified INTEGER NOT NULL DEFAULT 0)";

QStringList tableNames(Database& db)
{
    QSqlQuery query(db.connection());
    EXPECT_TRUE(
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
    QStringList names;
    while (query.next()) {
        names.append(query.value(0).toString());
    }
    return names;
}

// The tables migration 7 (rooms) adds, as a schema before it lacks them.
constexpr const char* kRoomTables[] = {"rooms",         "room_changes", "room_messages",
                                       "room_receipts", "room_chains",  "room_key_grants"};

// What migration 8 (edits, deletes, reactions, replies) adds.
constexpr const char* kUndoMessageChanges[] = {
    "DROP TABLE change_outbox",
    "ALTER TABLE messages DROP COLUMN edited_ms",
    "ALTER TABLE messages DROP COLUMN deleted_ms",
    "ALTER TABLE messages DROP COLUMN reply_to",
    "ALTER TABLE messages DROP COLUMN own_reaction",
    "ALTER TABLE messages DROP COLUMN peer_reaction",
    "ALTER TABLE messages DROP COLUMN peer_reaction_ms",
};

// Takes a new database back to the schema before rooms (6).
void dropRoomTables(Database& db)
{
    ASSERT_TRUE(db.exec(QStringLiteral("DROP TABLE avatars"))); // migration 9
    for (const char* statement : kUndoMessageChanges) {
        ASSERT_TRUE(db.exec(QString::fromLatin1(statement))) << statement;
    }
    for (const char* table : kRoomTables) {
        ASSERT_TRUE(db.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table)))) << table;
    }
}

// The permission bits of a file; -1 if it cannot be read.
int modeOf(const QString& path)
{
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        return -1;
    }
    return static_cast<int>(status.st_mode & 0777);
}

QVariant scalar(Database& db, const QString& sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        return {};
    }
    return query.value(0);
}

TEST(Database, NewFileIsMigratedToTheNewestSchema)
{
    test::TempDir dir;
    auto db = Database::open(dir.path(QStringLiteral("confab.db")));
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_GE(schemaMigrations().size(), 2u);
    EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
    const QStringList tables = tableNames(*db.value());
    for (const char* table : {"conversations", "events", "key_warnings", "messages", "outbox", "peers",
                              "pinned_keys", "static_addresses"}) {
        EXPECT_TRUE(tables.contains(QLatin1String(table)))
            << table << " missing from " << tables.join(u' ').toStdString();
    }
    for (const char* table : kRoomTables) {
        EXPECT_TRUE(tables.contains(QLatin1String(table)))
            << table << " missing from " << tables.join(u' ').toStdString();
    }
}

TEST(Database, NewFileIsOwnerOnly)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(modeOf(path), 0600);
    // The migrations have written to the write-ahead log, which SQLite gives
    // the database's mode.
    ASSERT_TRUE(QFile::exists(path + QStringLiteral("-wal")));
    EXPECT_EQ(modeOf(path + QStringLiteral("-wal")), 0600);
}

TEST(Database, WiderFileIsNarrowedToOwnerOnly)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        ASSERT_TRUE(db.value()->exec(QStringLiteral("INSERT INTO static_addresses VALUES ('x:1', 1)")));
    }
    // As a copy or a restore might leave it.
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0644), 0);
    ASSERT_EQ(modeOf(path), 0644);

    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(modeOf(path), 0600);
    EXPECT_EQ(modeOf(path + QStringLiteral("-wal")), 0600);
    EXPECT_EQ(scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 1);
}

TEST(Database, EmptyWiderFileIsNarrowedAndMigrated)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    }
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0644), 0);

    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(modeOf(path), 0600);
    EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
}

TEST(Database, UsesWriteAheadLogAndForeignKeys)
{
    test::TempDir dir;
    auto db = Database::open(dir.path(QStringLiteral("confab.db")));
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(scalar(*db.value(), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    EXPECT_EQ(scalar(*db.value(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
}

TEST(Database, ReopeningKeepsDataAndDoesNotMigrateAgain)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        ASSERT_TRUE(db.value()->exec(QStringLiteral("INSERT INTO static_addresses (address, added_ms) "
                                                    "VALUES ('10.0.0.1:42042', 5)")));
    }
    for (int round = 0; round < 2; ++round) {
        // Running migration 1 again would fail on CREATE TABLE and refuse the file.
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
        EXPECT_EQ(scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 1);
    }
}

TEST(Database, SchemaOneFileGainsKeyWarningsAndKeepsItsData)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        // What a build that knew only migration 1 left behind: no key
        // warnings, no relaying, no search index, message states numbered
        // without Relayed (2 was Delivered, 4 Unread), and peers without
        // nicknames or blocks.
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        dropRoomTables(*db.value());
        constexpr const char* kInsertMessages =
            "INSERT INTO messages (id, peer_id, outgoing, body, sent_ms, stored_ms, state) "
            "VALUES (x'01', 'p', 1, 'delivered', 1, 1, 2), (x'02', 'p', 0, 'unread', 1, 1, 4), "
            "(x'03', 'p', 1, 'sent', 1, 1, 1)";

        for (const char* statement :
             {"DROP TRIGGER messages_fts_delete", "DROP TRIGGER messages_fts_update",
              "DROP TABLE messages_fts", "DROP TABLE search_index", "DROP TABLE key_warnings",
              "DROP TABLE relay_envelopes", "DROP TABLE relay_seen", "DROP TABLE transfer_files",
              "DROP TABLE transfers", "DROP TABLE peers", kSchemaOnePeers, "DROP INDEX messages_unread",
              "CREATE INDEX messages_unread ON messages(seq) WHERE state = 4",
              "INSERT INTO static_addresses VALUES ('10.0.0.9:1', 7)",
              "INSERT INTO conversations (peer_id, last_activity_ms) VALUES ('p', 1)", kInsertMessages,
              "PRAGMA user_version=1"}) {
            ASSERT_TRUE(db.value()->exec(QString::fromLatin1(statement))) << statement;
        }
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
    EXPECT_TRUE(tableNames(*db.value()).contains(QStringLiteral("key_warnings")));
    EXPECT_TRUE(tableNames(*db.value()).contains(QStringLiteral("relay_envelopes")));
    EXPECT_TRUE(tableNames(*db.value()).contains(QStringLiteral("room_messages")));
    EXPECT_EQ(scalar(*db.value(), QStringLiteral("SELECT address FROM static_addresses")).toString(),
              QStringLiteral("10.0.0.9:1"));
    const auto stateOf = [&](const char* body) {
        return scalar(*db.value(),
                      QStringLiteral("SELECT state FROM messages WHERE body = '%1'").arg(QLatin1String(body)))
            .toInt();
    };
    EXPECT_EQ(stateOf("delivered"), static_cast<int>(MessageState::Delivered));
    EXPECT_EQ(stateOf("unread"), static_cast<int>(MessageState::Unread));
    EXPECT_EQ(stateOf("sent"), static_cast<int>(MessageState::Sent));
    // Messages from before the search index are found too.
    MessageStore messages(*db.value());
    const auto found = messages.search(QStringLiteral("unread"), std::nullopt, 10);
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 1U);
    EXPECT_EQ(found->front().body, QStringLiteral("unread"));
}

TEST(Database, PeersOfAnOlderSchemaGainNoNicknameAndNoBlock)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        // A peers table as the schema before peer management (4) had it.
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        dropRoomTables(*db.value());
        for (const char* statement :
             {"DROP TABLE transfer_files", "DROP TABLE transfers", "DROP TABLE peers", kSchemaOnePeers,
              "INSERT INTO peers (id, display_name) VALUES ('p', 'Alice')", "PRAGMA user_version=4"}) {
            ASSERT_TRUE(db.value()->exec(QString::fromLatin1(statement))) << statement;
        }
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
    EXPECT_EQ(scalar(*db.value(), QStringLiteral("SELECT display_name FROM peers")).toString(),
              QStringLiteral("Alice"));
    // Fails (and counts nothing) if either column is missing.
    EXPECT_EQ(scalar(*db.value(),
                     QStringLiteral("SELECT COUNT(*) FROM peers WHERE nickname = '' AND blocked_ms IS NULL"))
                  .toInt(),
              1);
}

TEST(Database, MessagesOfTheSchemaBeforeEditsComeThroughUnchanged)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        for (const char* statement : kUndoMessageChanges) {
            ASSERT_TRUE(db.value()->exec(QString::fromLatin1(statement))) << statement;
        }
        constexpr const char* kInsertMessage =
            "INSERT INTO messages (id, peer_id, outgoing, body, sent_ms, stored_ms, state) "
            "VALUES (x'0102030405060708090a0b0c0d0e0f10', 'p', 0, 'as it was', 1, 1, 5)";
        for (const char* statement : {"ALTER TABLE transfers DROP COLUMN swarm", // migration 10
                                      "ALTER TABLE transfers DROP COLUMN from_others",
                                      "DROP TABLE avatars", // migration 9
                                      "INSERT INTO conversations (peer_id, last_activity_ms) VALUES ('p', 1)",
                                      kInsertMessage, "PRAGMA user_version=7"}) {
            ASSERT_TRUE(db.value()->exec(QString::fromLatin1(statement))) << statement;
        }
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().toStdString();
    EXPECT_EQ(db.value()->schemaVersion(), static_cast<int>(schemaMigrations().size()));
    MessageStore messages(*db.value());
    const auto id = MessageId::fromHex("0102030405060708090a0b0c0d0e0f10");
    ASSERT_TRUE(id);
    const auto message = messages.message(*id);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->body, QStringLiteral("as it was"));
    EXPECT_FALSE(message->editedMs);
    EXPECT_FALSE(message->deletedMs);
    EXPECT_FALSE(message->replyTo);
    EXPECT_TRUE(message->ownReaction.isEmpty() && message->peerReaction.isEmpty());
    EXPECT_TRUE(tableNames(*db.value()).contains(QStringLiteral("change_outbox")));
}

TEST(Database, RefusesSchemaNewerThanThisBuild)
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    const QString newer = QString::number(schemaMigrations().size() + 1);
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db) << db.error().toStdString();
        ASSERT_TRUE(db.value()->exec(QStringLiteral("PRAGMA user_version=%1").arg(newer)));
    }
    auto db = Database::open(path);
    ASSERT_FALSE(db);
    EXPECT_TRUE(db.error().contains(QStringLiteral("newer"))) << db.error().toStdString();
    EXPECT_TRUE(db.error().contains(QStringLiteral("schema %1").arg(newer))) << db.error().toStdString();
    // The refusal must not have touched the file: it is still refused the same way.
    auto again = Database::open(path);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error(), db.error());
}

TEST(Database, UnopenableFileGivesAnError)
{
    test::TempDir dir;
    // A folder where the file should be: SQLite cannot open it.
    auto db = Database::open(dir.path());
    ASSERT_FALSE(db);
    EXPECT_FALSE(db.error().isEmpty());
}

TEST(Database, TransactionRollsBackUnlessCommitted)
{
    test::TempDir dir;
    auto db = Database::open(dir.path(QStringLiteral("confab.db")));
    ASSERT_TRUE(db) << db.error().toStdString();
    Database& database = *db.value();
    const QString insert =
        QStringLiteral("INSERT INTO static_addresses (address, added_ms) VALUES ('%1', 1)");
    {
        Database::Transaction transaction(database);
        ASSERT_TRUE(database.exec(insert.arg(QStringLiteral("a:1"))));
    }
    EXPECT_EQ(scalar(database, QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 0);
    {
        Database::Transaction transaction(database);
        ASSERT_TRUE(database.exec(insert.arg(QStringLiteral("b:1"))));
        EXPECT_TRUE(transaction.commit());
    }
    EXPECT_EQ(scalar(database, QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 1);
}

TEST(Database, SeveralOpenDatabasesInOneProcessAreIndependent)
{
    // Several nodes share a process in tests; their connections must not collide.
    test::TempDir dir;
    auto first = Database::open(dir.path(QStringLiteral("one.db")));
    auto second = Database::open(dir.path(QStringLiteral("two.db")));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(first.value()->exec(QStringLiteral("INSERT INTO static_addresses VALUES ('x:1', 1)")));
    EXPECT_EQ(scalar(*first.value(), QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 1);
    EXPECT_EQ(scalar(*second.value(), QStringLiteral("SELECT COUNT(*) FROM static_addresses")).toInt(), 0);
}

} // namespace
} // namespace confab::storage
