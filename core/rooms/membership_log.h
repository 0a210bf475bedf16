#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"
#include "crypto/identity.h"
#include "proto/room_change.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace confab::rooms {

// The most changes one room's log holds, and the most members it has.
inline constexpr std::size_t kMaxRoomChanges = 4096;
inline constexpr std::size_t kMaxRoomMembers = 128;
// Changes whose parents have not arrived yet are held, at most this many.
inline constexpr std::size_t kMaxPendingChanges = 256;

// BLAKE2b-256 over the label "confab room change id v1" and the encoded change.
proto::RoomChangeHash roomChangeHash(ByteView encodedChange);

struct RoomMember {
    proto::IdentityKeyBytes identityKey{};
    PeerId peer;
    bool admin = false;
    // Position in the log's order of the change that (last) added the member:
    // the earliest-added member takes over when the last admin goes.
    std::size_t addedAt = 0;

    bool operator==(const RoomMember&) const = default;
};

// What a change did once the log was put in order.
enum class ChangeEffect {
    Applied,
    NotMember,           // its author was not a member at that point
    NotAdmin,            // it needs an admin and its author was not one
    RemovedConcurrently, // its author was removed by a change that did not know it
    NoEffect,            // adds a member already in, removes or promotes one not in, ...
    RoomFull,            // an Add beyond kMaxRoomMembers
};
const char* toString(ChangeEffect effect);

// Why a change was not taken into the log at all.
enum class LogError {
    Malformed,    // does not decode
    WrongRoom,    // of another room
    BadSignature, // not signed by its author
    SecondCreate, // a Create other than this log's root
    Duplicate,    // already in the log (or held): not an error for the sender
    TooManyChanges,
    TooManyPending,
};
const char* toString(LogError error);

// One applied or ignored change, in the log's order: what a conversation
// shows as a system line ("Ann added Bob").
struct OrderedChange {
    proto::RoomChangeHash hash{};
    proto::RoomChange change;
    ChangeEffect effect = ChangeEffect::Applied;
};

// A room's membership as a log of signed, hash-linked changes (docs/PROTOCOL.md,
// "Rooms", "Membership log"). Every member holds the same set of changes once
// they have exchanged them, and this class turns any such set into the same
// order and the same members, whatever order the changes arrived in:
// changes are ordered parents first, ties by hash; then applied one by one,
// each checked against the membership it finds. A change by a member whom a
// removal did not know about (concurrent with it, or after it) is ignored, so
// a removed member cannot act in the room again unless re-added.
// Pure: no clock, no I/O.
class MembershipLog {
public:
    // A new room's first change, signed by its creator; `room` is random.
    static Bytes authorCreate(const crypto::IdentityKeyPair& creator, const proto::RoomId& room,
                              const std::string& name, std::uint64_t timestampMs);
    // A log from its Create change (checked: decodes, Create, signed).
    static Result<MembershipLog, LogError> fromCreate(ByteView encodedCreate);

    enum class Added { Taken, Pending };
    // Takes a change from anyone. A change whose parents are not all known
    // yet is held (Pending) and taken in when they arrive.
    Result<Added, LogError> add(ByteView encodedChange);

    // Signs a new change by `author` on top of the current heads, if the log
    // would apply it; the effect that stops it otherwise.
    Result<Bytes, ChangeEffect> author(const crypto::IdentityKeyPair& author, proto::RoomChangeKind kind,
                                       const proto::IdentityKeyBytes& member, const std::string& name,
                                       std::uint64_t timestampMs) const;

    [[nodiscard]] const proto::RoomId& room() const { return m_room; }
    [[nodiscard]] const std::string& name() const { return m_name; }
    // Members by peer id.
    [[nodiscard]] const std::map<PeerId, RoomMember>& members() const { return m_members; }
    [[nodiscard]] bool isMember(const PeerId& peer) const { return m_members.count(peer) != 0; }
    [[nodiscard]] bool isAdmin(const PeerId& peer) const;
    // Counts applied removals: sender keys change with every one, so a
    // removed member cannot read what follows.
    [[nodiscard]] std::uint32_t epoch() const { return m_epoch; }
    // Whether `peer` was a member at some point while the epoch was `epoch`:
    // a message it wrote in that epoch is its to write.
    [[nodiscard]] bool wasMemberIn(const PeerId& peer, std::uint32_t epoch) const;
    // The identity key of anyone the log ever added (or created the room).
    [[nodiscard]] std::optional<proto::IdentityKeyBytes> identityKeyOf(const PeerId& peer) const;
    // Changes no other change names as a parent, ascending.
    [[nodiscard]] std::vector<proto::RoomChangeHash> heads() const;
    [[nodiscard]] bool contains(const proto::RoomChangeHash& hash) const { return m_byHash.count(hash) != 0; }
    // A change the log holds, as encoded; nullptr for one it does not.
    [[nodiscard]] const Bytes* encoded(const proto::RoomChangeHash& hash) const;
    [[nodiscard]] std::size_t size() const { return m_changes.size(); }
    [[nodiscard]] std::size_t pendingCount() const { return m_pending.size(); }
    // Every change in order, each with what it did.
    [[nodiscard]] const std::vector<OrderedChange>& ordered() const { return m_ordered; }
    // Encoded changes, parents first: what a member that holds `theirHeads`
    // lacks (all of them when it names none this log knows).
    [[nodiscard]] std::vector<Bytes>
    changesMissingFrom(const std::vector<proto::RoomChangeHash>& theirHeads) const;

private:
    struct Entry {
        Bytes encoded;
        proto::RoomChange change;
    };

    MembershipLog() = default;
    Result<Added, LogError> admit(Entry entry, const proto::RoomChangeHash& hash);
    void takePendingWhoseParentsArrived();
    void recompute();
    void handOverAdminIfNoneLeft();
    [[nodiscard]] bool isAncestor(std::size_t ancestor, std::size_t of) const;

    proto::RoomId m_room{};
    std::vector<Entry> m_changes; // in arrival order; index 0 is the Create
    std::vector<proto::RoomChangeHash> m_hashes;
    std::map<proto::RoomChangeHash, std::size_t> m_byHash;
    std::vector<std::vector<std::size_t>> m_parentIndices;
    std::map<proto::RoomChangeHash, Entry> m_pending;

    // Derived by recompute().
    std::vector<OrderedChange> m_ordered;
    std::map<PeerId, RoomMember> m_members;
    std::string m_name;
    std::uint32_t m_epoch = 0;
    struct Membership {
        proto::IdentityKeyBytes identityKey{};
        std::vector<std::pair<std::uint32_t, std::uint32_t>> epochs; // [from, to] ranges, inclusive
    };
    std::map<PeerId, Membership> m_everMember;
};

} // namespace confab::rooms
