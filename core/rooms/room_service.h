#pragma once

#include "base/clock.h"
#include "catch_up.h"
#include "crypto/identity.h"
#include "crypto/sender_key.h"
#include "membership_log.h"
#include "proto/envelope.h"
#include "proto/room_message.h"
#include "proto/room_sync.h"
#include "session/message_port.h"
#include "storage/room_store.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace confab::rooms {

struct RoomMemberView {
    PeerId peer;
    bool admin = false;
};

struct RoomView {
    proto::RoomId id{};
    QString name;
    std::vector<RoomMemberView> members;
    bool left = false;  // this node left or was removed
    bool admin = false; // this node is an admin
    std::uint32_t epoch = 0;
    std::int64_t unread = 0;
    std::int64_t lastActivityMs = 0;
};

struct RoomMessageView {
    storage::StoredRoomMessage message;
    std::map<PeerId, int> receipts; // this node's own messages: per member, 1 delivered, 2 read
};

// A line a conversation shows for a membership change ("Ann added Bob").
struct RoomChangeLine {
    proto::RoomChange change;
    ChangeEffect effect = ChangeEffect::Applied;
};

// Rooms: group chat among members that hold the same membership log
// (docs/PROTOCOL.md, "Rooms"). Messages are encrypted once with the sender's
// chain key and signed; every member keeps every message as signed, so a
// member that was away catches up from whichever member it meets first.
// Everything pairwise (invitations, changes, sender keys, summaries, receipts, and the
// room messages themselves) travels as envelopes over the link or sealed
// through relays, the way 1:1 chat does. Lives on the network thread.
class RoomService : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxRooms = 256;
    // Messages sent in answer to one summary; the rest follow the next one.
    static constexpr std::size_t kCatchUpBatch = 128;
    // Encoded changes per RoomChanges envelope, so one fits any envelope.
    static constexpr std::size_t kMaxChangeBatchBytes = 48000;
    // Summaries to linked members this often, and a summary sent in answer
    // to one at most this often per member and room.
    static constexpr std::int64_t kSummaryIntervalMs = 60000;
    static constexpr std::int64_t kSummaryReplyGapMs = 200;
    // Delivered receipts go to a message's sender this long after the first
    // message they cover arrived.
    static constexpr std::int64_t kDeliveredReceiptDelayMs = 1000;

    // Hands a pairwise envelope to the peer's link, or sealed to relays;
    // false when it cannot go now (catch-up brings it later).
    using EnvelopeSender = std::function<bool(const PeerId& to, proto::EnvelopeKind kind, ByteView body)>;

    RoomService(session::MessagePort& port, storage::RoomStore& store,
                const crypto::IdentityKeyPair& identity, Clock& clock, EnvelopeSender send,
                QObject* parent = nullptr);
    ~RoomService() override;

    template <typename T> using Outcome = Result<T, QString>; // the error is a sentence for the user

    Outcome<proto::RoomId> create(const QString& name, const std::vector<proto::IdentityKeyBytes>& members);
    Outcome<bool> invite(const proto::RoomId& room, const proto::IdentityKeyBytes& member);
    Outcome<bool> remove(const proto::RoomId& room, const PeerId& member);
    Outcome<bool> promote(const proto::RoomId& room, const PeerId& member);
    Outcome<bool> rename(const proto::RoomId& room, const QString& name);
    Outcome<bool> leave(const proto::RoomId& room);
    Outcome<storage::StoredRoomMessage> sendText(const proto::RoomId& room, const QString& text);
    // Marks the room's messages read and tells the members; how many it marked.
    std::size_t markRead(const proto::RoomId& room);

    [[nodiscard]] std::vector<RoomView> rooms() const;
    [[nodiscard]] std::optional<RoomView> room(const proto::RoomId& room) const;
    // A room by its id in hex (or a unique prefix of at least 6 digits) or its exact name.
    [[nodiscard]] Outcome<proto::RoomId> resolve(const QString& idOrName) const;
    [[nodiscard]] std::vector<RoomMessageView> history(const proto::RoomId& room, std::size_t limit) const;
    [[nodiscard]] std::vector<RoomChangeLine> changeLines(const proto::RoomId& room) const;

    // A room envelope (kinds RoomChanges, RoomSenderKey, RoomMessage,
    // RoomSummary, RoomReceipt) from an authenticated peer, over its link or opened from relays.
    void acceptEnvelope(const PeerId& from, const proto::Envelope& envelope);
    // The peer can be reached now (a link came up, or relays reach it):
    // members compare what they hold.
    void peerReachable(const PeerId& peer);

    static QString idText(const proto::RoomId& room);

signals:
    void roomChanged(const confab::proto::RoomId& room);
    // A message was stored (sent here, or received and decrypted).
    void messageStored(const confab::storage::StoredRoomMessage& message);
    void receiptsChanged(const confab::proto::RoomId& room);

private:
    struct RoomState {
        explicit RoomState(MembershipLog membership) : log(std::move(membership)) {}
        MembershipLog log;
        std::set<proto::RoomChangeHash> storedChanges;
        std::optional<storage::StoredRoomChain> ownChain;
        std::map<ChainId, crypto::ReceiverChain> readers;
    };

    void load();
    RoomState* find(const proto::RoomId& room);
    const RoomState* find(const proto::RoomId& room) const;
    Outcome<bool> publishChange(RoomState& state, proto::RoomChangeKind kind,
                                const proto::IdentityKeyBytes& member, const std::string& name);
    // After the log changed: store new changes, keep keys and grants in
    // step with the members, note that this node left, take up the sender
    // keys that came before the change adding their sender.
    void afterLogChanged(RoomState& state, const std::vector<PeerId>& membersBefore);
    void persistChanges(RoomState& state);
    void ensureOwnChain(RoomState& state);
    void grantOwnKey(RoomState& state, const PeerId& member, bool resend);
    void sendChangesTo(const RoomState& state, const PeerId& member, const std::vector<Bytes>& changes);
    void sendSummary(const RoomState& state, const PeerId& member);
    void sendSummarySoon(const proto::RoomId& room, const PeerId& member);
    void sendRoomMessage(const RoomState& state, const PeerId& member, ByteView wire);
    void broadcast(const RoomState& state, ByteView wire);
    Outcome<storage::StoredRoomMessage> sendContent(RoomState& state, const proto::RoomContent& content);
    void flushReceipts();
    void sendReceipt(const proto::RoomId& room, const PeerId& sender, proto::ReceiptState state,
                     const std::vector<MessageId>& ids);
    void onRoomReceipt(const PeerId& from, ByteView body);

    void onChanges(const PeerId& from, ByteView body);
    void onSenderKey(const PeerId& from, ByteView body);
    void onRoomMessage(const PeerId& from, ByteView body);
    void onSummary(const PeerId& from, ByteView body);
    bool acceptRoomMessage(RoomState& state, const proto::RoomMessage& message, ByteView wire);
    // Decrypts and applies a stored message if its chain's key is at hand.
    void openMessage(RoomState& state, const storage::StoredRoomMessage& stored);
    void applyContent(RoomState& state, const storage::StoredRoomMessage& stored,
                      const proto::RoomContent& content);
    void openWaiting(RoomState& state, const ChainId& chain);
    [[nodiscard]] std::vector<ReadableChain> readableChains(const RoomState& state) const;
    [[nodiscard]] RoomView viewOf(const RoomState& state) const;
    void summariseToLinkedMembers();
    void warnOnce(const PeerId& from, const QString& what);

    session::MessagePort& m_port;
    storage::RoomStore& m_store;
    const crypto::IdentityKeyPair& m_identity;
    Clock& m_clock;
    EnvelopeSender m_send;
    std::map<proto::RoomId, std::unique_ptr<RoomState>> m_rooms;
    // Delivered receipts to send, per room and message sender.
    std::map<std::pair<proto::RoomId, PeerId>, std::vector<MessageId>> m_pendingDelivered;
    std::unique_ptr<Timer> m_receiptTimer;
    std::unique_ptr<Timer> m_summaryTimer;
    std::unique_ptr<Timer> m_replyTimer;
    std::map<std::pair<proto::RoomId, PeerId>, std::int64_t> m_lastSummarySent;
    std::set<std::pair<proto::RoomId, PeerId>> m_summariesDue;
    std::set<std::pair<PeerId, QString>> m_warned;
    std::vector<std::pair<PeerId, proto::RoomSenderKey>> m_earlyKeys;
    // Members that sent a summary of the room this run: they hold its log.
    // The others are sent the whole log again when they can be reached, so
    // an invitation that found them away arrives later.
    std::set<std::pair<proto::RoomId, PeerId>> m_heardFrom;
    // An invitation whose log takes several batches: the log so far.
    struct PartialInvitation {
        PeerId from;
        MembershipLog log;
    };
    std::vector<PartialInvitation> m_partialInvitations;
};

} // namespace confab::rooms
