#pragma once

#include "base/bytes.h"
#include "base/message_id.h"
#include "base/peer_id.h"

#include <QString>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// A room this node is (or was) a member of. The membership itself lives in
// the room's change log (room_changes); the name here is a copy for lists.
struct StoredRoom {
    Bytes id; // 16 bytes
    QString name;
    bool left = false; // this node left or was removed: kept for its history
    std::int64_t createdMs = 0;
    std::int64_t lastActivityMs = 0;
};

// One room message as every member keeps it: the bytes its sender signed
// (passed on unchanged when another member catches up) and, once a key for
// its chain is at hand, what it says.
struct StoredRoomMessage {
    std::int64_t seq = 0; // set by the store
    Bytes room;
    MessageId id;
    PeerId sender;
    std::uint32_t epoch = 0;
    std::uint32_t keyId = 0;
    std::uint32_t chainIndex = 0;
    Bytes wire; // encoded proto::RoomMessage, signature included
    bool outgoing = false;
    bool decrypted = false;
    int kind = 0;              // proto::RoomContentKind once decrypted
    QString text;              // a Text message's text once decrypted
    std::int64_t sentMs = 0;   // the sender's clock, once decrypted
    std::int64_t storedMs = 0; // this node's clock when it arrived
    bool read = false;         // shown to this node's user (outgoing: always)
};

// One chain of sender keys (crypto/sender_key.h): this node's own (sender =
// self) or another member's, as far as this node has read it.
struct StoredRoomChain {
    Bytes room;
    PeerId sender;
    std::uint32_t epoch = 0;
    std::uint32_t keyId = 0;
    std::uint32_t firstIndex = 0; // the first index this node may read
    std::uint32_t nextIndex = 0;
    std::array<std::uint8_t, 32> chainKey{};                       // at nextIndex; secret
    std::map<std::uint32_t, std::array<std::uint8_t, 32>> skipped; // message keys kept; secret
};

// A sender key this node handed to a member, kept so that it can be handed
// again, unchanged, until the member shows it holds it.
struct StoredRoomKeyGrant {
    Bytes room;
    PeerId member;
    std::uint32_t epoch = 0;
    std::uint32_t keyId = 0;
    std::uint32_t firstIndex = 0;
    std::array<std::uint8_t, 32> chainKey{}; // secret
};

// Rooms (core/rooms): rooms, their change logs, their messages with
// per-member delivery and read state, and the sender keys. Secrets are
// stored in the profile's database, which only the profile's owner can read.
class RoomStore {
public:
    explicit RoomStore(Database& db);

    // Rooms.
    bool saveRoom(const StoredRoom& room); // insert or update by id
    [[nodiscard]] std::optional<StoredRoom> room(ByteView id);
    std::vector<StoredRoom> rooms(); // most recently active first

    // The membership log: encoded changes in the order they were taken.
    // Adding a change already held (same hash) is not an error.
    bool addChange(ByteView room, ByteView hash, ByteView encoded);
    std::vector<Bytes> changes(ByteView room);

    // Messages. Returns the new seq, or nullopt when the id is held already
    // (or on a store failure).
    std::optional<std::int64_t> insertMessage(const StoredRoomMessage& message);
    // `forTheUser` false (a receipt): it is marked read at once, so it never
    // counts as unread.
    bool markDecrypted(std::int64_t seq, int kind, const QString& text, std::int64_t sentMs, bool forTheUser);
    [[nodiscard]] std::optional<StoredRoomMessage> message(const MessageId& id);
    // The newest `limit` decrypted messages of one kind in a room (before
    // `beforeSeq` when set), oldest first.
    std::vector<StoredRoomMessage> messages(ByteView room, int kind, std::size_t limit,
                                            std::optional<std::int64_t> beforeSeq = std::nullopt);
    // Messages not decrypted yet of one chain (their key has not come).
    std::vector<StoredRoomMessage> undecrypted(ByteView room, const PeerId& sender, std::uint32_t epoch,
                                               std::uint32_t keyId);
    // Which chain indices this node holds, per chain (sender, epoch, key id): what catch-up compares.
    struct ChainId {
        PeerId sender;
        std::uint32_t epoch = 0;
        std::uint32_t keyId = 0;
        auto operator<=>(const ChainId&) const = default; // NOLINT(modernize-use-nullptr)
    };
    std::map<ChainId, std::vector<std::uint32_t>> heldIndices(ByteView room);
    // The stored bytes of the given indices of one chain (at most `limit`).
    std::vector<Bytes> wireOf(ByteView room, const ChainId& chain, const std::vector<std::uint32_t>& indices,
                              std::size_t limit);
    // Decrypted incoming messages not read yet.
    std::int64_t unreadCount(ByteView room);
    // Marks every unread decrypted message of the room read; returns their ids.
    std::vector<MessageId> markRoomRead(ByteView room);

    // Delivery and read state per member: state 1 delivered, 2 read; a
    // lower state never replaces a higher one.
    bool setReceipt(const MessageId& message, const PeerId& member, int state);
    std::map<PeerId, int> receipts(const MessageId& message);

    // Sender keys.
    bool saveChain(const StoredRoomChain& chain); // insert or update by (room, sender, epoch, key id)
    std::vector<StoredRoomChain> chains(ByteView room);
    bool saveGrant(const StoredRoomKeyGrant& grant); // insert or update by (room, member, epoch, key id)
    std::vector<StoredRoomKeyGrant> grants(ByteView room, const PeerId& member);

private:
    Database& m_db;
};

} // namespace confab::storage
