#include "schema.h"

namespace confab::storage {

const std::vector<QStringList>& schemaMigrations()
{
    static const std::vector<QStringList> migrations = {
        // 1: conversations, messages, outgoing queue, pinned keys, peers, events.
        {
            QStringLiteral("CREATE TABLE peers ("
                           " id TEXT PRIMARY KEY,"
                           " display_name TEXT NOT NULL DEFAULT '',"
                           " last_address TEXT NOT NULL DEFAULT '',"
                           " last_seen_ms INTEGER NOT NULL DEFAULT 0,"
                           " verified INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE pinned_keys ("
                           " peer_id TEXT PRIMARY KEY,"
                           " identity_key BLOB NOT NULL,"
                           " pinned_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE static_addresses ("
                           " address TEXT PRIMARY KEY,"
                           " added_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE conversations ("
                           " peer_id TEXT PRIMARY KEY,"
                           " last_activity_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE messages ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " id BLOB NOT NULL UNIQUE,"
                           " peer_id TEXT NOT NULL REFERENCES conversations(peer_id),"
                           " outgoing INTEGER NOT NULL,"
                           " body TEXT NOT NULL,"
                           " sent_ms INTEGER NOT NULL,"
                           " stored_ms INTEGER NOT NULL,"
                           " state INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX messages_by_peer ON messages(peer_id, seq)"),
            QStringLiteral("CREATE INDEX messages_unread ON messages(seq) WHERE state = 4"),
            QStringLiteral("CREATE TABLE outbox ("
                           " message_seq INTEGER PRIMARY KEY REFERENCES messages(seq) ON DELETE CASCADE,"
                           " peer_id TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX outbox_by_peer ON outbox(peer_id, message_seq)"),
            QStringLiteral("CREATE TABLE events ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " at_ms INTEGER NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " peer_id TEXT,"
                           " detail TEXT NOT NULL)"),
        },
        // 2: trust — a warning per peer after a security event about it, kept
        // until the user acknowledges it (acknowledged_ms set).
        {
            QStringLiteral("CREATE TABLE key_warnings ("
                           " peer_id TEXT PRIMARY KEY,"
                           " raised_ms INTEGER NOT NULL,"
                           " detail TEXT NOT NULL,"
                           " acknowledged_ms INTEGER)"),
        },
        // 3: relaying — a state between sent and delivered (the states after
        // it move up by one), sealed envelopes held for others, and every
        // routing id seen (duplicates, replays, what was delivered).
        {
            QStringLiteral("UPDATE messages SET state = state + 1 WHERE state >= 2"),
            QStringLiteral("DROP INDEX messages_unread"),
            QStringLiteral("CREATE INDEX messages_unread ON messages(seq) WHERE state = 5"),
            QStringLiteral("CREATE TABLE relay_envelopes ("
                           " routing_id BLOB PRIMARY KEY,"
                           " recipient TEXT NOT NULL,"
                           " origin TEXT NOT NULL,"
                           " expires_ms INTEGER NOT NULL,"
                           " stored_ms INTEGER NOT NULL,"
                           " envelope BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX relay_envelopes_by_recipient ON relay_envelopes(recipient)"),
            QStringLiteral("CREATE INDEX relay_envelopes_by_expiry ON relay_envelopes(expires_ms)"),
            QStringLiteral("CREATE TABLE relay_seen ("
                           " routing_id BLOB PRIMARY KEY,"
                           " recipient TEXT NOT NULL,"
                           " first_seen_ms INTEGER NOT NULL,"
                           " expires_ms INTEGER NOT NULL,"
                           " delivered INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX relay_seen_by_expiry ON relay_seen(expires_ms)"),
        },
        // 4: full-text search — an FTS5 index over message bodies (the text
        // stays only in messages). Messages join it in chunks after they are
        // stored (MessageStore::indexForSearch), not one by one as they are
        // written: a transaction that adds to an FTS5 index writes a segment of
        // its own, which would halve the rate of small transactions.
        // indexed_through is the newest seq in the index; a message edited or
        // deleted after it was indexed is taken out of the index again.
        {
            QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5("
                           " body, content='messages', content_rowid='seq',"
                           " tokenize='unicode61 remove_diacritics 2')"),
            QStringLiteral("CREATE TABLE search_index (indexed_through INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO search_index (indexed_through) VALUES (0)"),
            QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                           " WHEN old.seq <= (SELECT indexed_through FROM search_index) BEGIN"
                           " INSERT INTO messages_fts(messages_fts, rowid, body)"
                           " VALUES ('delete', old.seq, old.body);"
                           " END"),
            QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages"
                           " WHEN old.seq <= (SELECT indexed_through FROM search_index) BEGIN"
                           " INSERT INTO messages_fts(messages_fts, rowid, body)"
                           " VALUES ('delete', old.seq, old.body);"
                           " INSERT INTO messages_fts(rowid, body) VALUES (new.seq, new.body);"
                           " END"),
        },
        // 5: peer management — a nickname the user gave the peer, shown
        // instead of the name it announces ('' = none), and when the user
        // blocked it (NULL = not blocked).
        {
            QStringLiteral("ALTER TABLE peers ADD COLUMN nickname TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE peers ADD COLUMN blocked_ms INTEGER"),
        },
        // 6: file drops — each drop sent or received (its offer, manifest and
        // where it stands), and per received file the chunks verified so far
        // and the name it got, so a drop resumes after a restart.
        {
            QStringLiteral("CREATE TABLE transfers ("
                           " id BLOB PRIMARY KEY,"
                           " peer_id TEXT NOT NULL,"
                           " outgoing INTEGER NOT NULL,"
                           " state INTEGER NOT NULL,"
                           " reason INTEGER NOT NULL DEFAULT 0,"
                           " paused_here INTEGER NOT NULL DEFAULT 0,"
                           " paused_there INTEGER NOT NULL DEFAULT 0,"
                           " offer BLOB NOT NULL,"
                           " manifest BLOB,"
                           " sources TEXT NOT NULL DEFAULT '',"
                           " folder TEXT NOT NULL DEFAULT '',"
                           " top_names TEXT NOT NULL DEFAULT '',"
                           " problem TEXT NOT NULL DEFAULT '',"
                           " file_hash TEXT NOT NULL DEFAULT '',"
                           " saved_as TEXT NOT NULL DEFAULT '',"
                           " bytes_done INTEGER NOT NULL DEFAULT 0,"
                           " created_ms INTEGER NOT NULL,"
                           " updated_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX transfers_by_peer ON transfers(peer_id, created_ms)"),
            QStringLiteral("CREATE TABLE transfer_files ("
                           " transfer_id BLOB NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,"
                           " entry INTEGER NOT NULL,"
                           " verified BLOB NOT NULL,"
                           " final_name TEXT,"
                           " PRIMARY KEY (transfer_id, entry))"),
        },
        // 7: rooms — each room this node is or was in (has_left: it left or
        // was removed, the history stays), its membership log in the order the
        // changes were taken, its messages (the signed bytes as they came, and
        // what they say once decrypted), each member's delivery and read state
        // per message, the sender-key chains this node can read (skipped: the
        // message keys kept, packed as a big-endian u32 index followed by the
        // 32-byte key, repeated) and the sender keys it handed to members.
        {
            QStringLiteral("CREATE TABLE rooms ("
                           " id BLOB PRIMARY KEY,"
                           " name TEXT NOT NULL DEFAULT '',"
                           " has_left INTEGER NOT NULL DEFAULT 0,"
                           " created_ms INTEGER NOT NULL,"
                           " last_activity_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX rooms_by_activity ON rooms(last_activity_ms)"),
            QStringLiteral("CREATE TABLE room_changes ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " room_id BLOB NOT NULL,"
                           " hash BLOB NOT NULL,"
                           " encoded BLOB NOT NULL,"
                           " UNIQUE (room_id, hash))"),
            QStringLiteral("CREATE INDEX room_changes_by_room ON room_changes(room_id, seq)"),
            QStringLiteral("CREATE TABLE room_messages ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " id BLOB NOT NULL UNIQUE,"
                           " room_id BLOB NOT NULL,"
                           " sender TEXT NOT NULL,"
                           " epoch INTEGER NOT NULL,"
                           " key_id INTEGER NOT NULL,"
                           " chain_index INTEGER NOT NULL,"
                           " wire BLOB NOT NULL,"
                           " outgoing INTEGER NOT NULL,"
                           " decrypted INTEGER NOT NULL DEFAULT 0,"
                           " kind INTEGER NOT NULL DEFAULT 0,"
                           " body TEXT NOT NULL DEFAULT '',"
                           " sent_ms INTEGER NOT NULL DEFAULT 0,"
                           " stored_ms INTEGER NOT NULL,"
                           " read INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX room_messages_by_room ON room_messages(room_id, seq)"),
            QStringLiteral("CREATE INDEX room_messages_by_chain"
                           " ON room_messages(room_id, sender, epoch, key_id, chain_index)"),
            QStringLiteral("CREATE INDEX room_messages_unread ON room_messages(room_id, seq) WHERE read = 0"),
            QStringLiteral("CREATE TABLE room_receipts ("
                           " message_id BLOB NOT NULL,"
                           " member TEXT NOT NULL,"
                           " state INTEGER NOT NULL,"
                           " PRIMARY KEY (message_id, member))"),
            QStringLiteral("CREATE TABLE room_chains ("
                           " room_id BLOB NOT NULL,"
                           " sender TEXT NOT NULL,"
                           " epoch INTEGER NOT NULL,"
                           " key_id INTEGER NOT NULL,"
                           " first_index INTEGER NOT NULL,"
                           " next_index INTEGER NOT NULL,"
                           " chain_key BLOB NOT NULL,"
                           " skipped BLOB NOT NULL,"
                           " PRIMARY KEY (room_id, sender, epoch, key_id))"),
            QStringLiteral("CREATE TABLE room_key_grants ("
                           " room_id BLOB NOT NULL,"
                           " member TEXT NOT NULL,"
                           " epoch INTEGER NOT NULL,"
                           " key_id INTEGER NOT NULL,"
                           " first_index INTEGER NOT NULL,"
                           " chain_key BLOB NOT NULL,"
                           " PRIMARY KEY (room_id, member, epoch, key_id))"),
        },
        // 8: edits, deletes, reactions and replies — when a message was last
        // edited and when it was deleted (NULL: never; a deleted message
        // keeps its row with an empty body, so the conversation can say it
        // was there), the message a reply quotes, each side's reaction (''
        // none) and when the peer's was made, and our own changes not yet
        // confirmed by the peer, sent again until they are.
        {
            QStringLiteral("ALTER TABLE messages ADD COLUMN edited_ms INTEGER"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN deleted_ms INTEGER"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN reply_to BLOB"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN own_reaction TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN peer_reaction TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN peer_reaction_ms INTEGER"),
            QStringLiteral("CREATE TABLE change_outbox ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " id BLOB NOT NULL UNIQUE,"
                           " peer_id TEXT NOT NULL,"
                           " kind INTEGER NOT NULL,"
                           " target BLOB NOT NULL,"
                           " body TEXT NOT NULL,"
                           " made_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX change_outbox_by_peer ON change_outbox(peer_id, seq)"),
        },
        // 9: pictures — the user's own and the ones peers sent, as sent.
        {
            QStringLiteral("CREATE TABLE avatars ("
                           " peer_id TEXT PRIMARY KEY,"
                           " image BLOB NOT NULL,"
                           " changed_ms INTEGER NOT NULL)"),
        },
        // 10: a drop sent to several receivers at once — on each of the
        // sender's drops, the Swarm record naming the other receivers
        // (empty: a drop to one receiver); on a receiver's, the bytes the
        // other receivers passed on.
        {
            QStringLiteral("ALTER TABLE transfers ADD COLUMN swarm BLOB NOT NULL DEFAULT X''"),
            QStringLiteral("ALTER TABLE transfers ADD COLUMN from_others INTEGER NOT NULL DEFAULT 0"),
        },
    };
    return migrations;
}

} // namespace confab::storage
