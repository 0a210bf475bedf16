#include "crypto/random.h"
#include "crypto/sender_key.h"
#include "proto/envelope.h"
#include "proto/room_change.h"
#include "proto/room_message.h"
#include "proto/room_sync.h"
#include "rooms/membership_log.h"
#include "rooms/room_service.h"
#include "storage/database.h"
#include "storage/room_store.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"

#include <algorithm>
#include <deque>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <vector>

// Failures show texts as text.
inline void PrintTo(const QString& text, std::ostream* os) // NOLINT(readability-identifier-naming)
{
    *os << '"' << text.toStdString() << '"';
}

namespace confab::rooms {
namespace {

using proto::EnvelopeKind;

// The links as RoomService sees them: it only asks who is linked, for its
// periodic summaries. Nobody is, unless a test says so.
class LinkedPeers : public session::MessagePort {
public:
    explicit LinkedPeers(const PeerId& self) : m_self(self) {}

    [[nodiscard]] const PeerId& self() const override { return m_self; }
    bool send(const PeerId& /*peer*/, proto::LinkMessageType /*type*/, ByteView /*body*/) override
    {
        return false;
    }
    [[nodiscard]] bool isConnected(const PeerId& peer) const override { return linked.count(peer) != 0; }
    [[nodiscard]] std::vector<PeerId> connectedPeers() const override
    {
        return {linked.begin(), linked.end()};
    }
    [[nodiscard]] std::optional<session::PeerLinkInfo> linkInfo(const PeerId& /*peer*/) const override
    {
        return std::nullopt;
    }
    void setHandler(proto::LinkMessageType /*type*/, Handler /*handler*/) override {}
    void dropPeer(const PeerId& /*peer*/, const QString& /*reason*/) override {}
    [[nodiscard]] bool isBlocked(const PeerId& /*peer*/) const override { return false; }

    std::set<PeerId> linked;

private:
    PeerId m_self;
};

// One pairwise envelope a service handed to its EnvelopeSender.
struct Traffic {
    PeerId from;
    PeerId to;
    EnvelopeKind kind = EnvelopeKind::RoomMessage;
    Bytes body;
};

// One node: its identity, its own database, and a RoomService on it.
struct Member {
    crypto::IdentityKeyPair identity = crypto::IdentityKeyPair::generate();
    QString databasePath;
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<storage::RoomStore> store;
    std::unique_ptr<LinkedPeers> port;
    std::unique_ptr<RoomService> service;

    [[nodiscard]] const PeerId& peer() const { return identity.peerId(); }
    [[nodiscard]] const proto::IdentityKeyBytes& key() const { return identity.publicKey(); }
    RoomService* operator->() { return service.get(); }
};

std::vector<PeerId> sorted(std::vector<PeerId> peers)
{
    std::sort(peers.begin(), peers.end());
    return peers;
}

std::vector<PeerId> memberIds(const RoomView& view)
{
    std::vector<PeerId> ids;
    for (const RoomMemberView& member : view.members) {
        ids.push_back(member.peer);
    }
    return ids;
}

std::map<PeerId, bool> adminFlags(const RoomView& view)
{
    std::map<PeerId, bool> flags;
    for (const RoomMemberView& member : view.members) {
        flags[member.peer] = member.admin;
    }
    return flags;
}

Bytes bytesOf(const proto::RoomId& room)
{
    return {room.begin(), room.end()};
}

// Rooms on several nodes, each with its own database and service, all on
// one virtual clock. What the services send goes into one queue; deliver()
// hands it to the recipients' services, except what a test cuts off.
class RoomServiceTest : public ::testing::Test {
protected:
    static constexpr std::size_t kHistory = 10000;
    // Virtual time one settle() round waits for a timer to send something.
    static constexpr std::int64_t kQuietMs = 3000;
    static constexpr int kMaxSettleRounds = 300;

    Member& addMember()
    {
        auto member = std::make_unique<Member>();
        member->databasePath = m_dir.path(QStringLiteral("member%1.db").arg(m_members.size()));
        m_members.push_back(std::move(member));
        Member& added = *m_members.back();
        start(added);
        return added;
    }

    // Opens the member's database and makes its service (again, after stop()).
    void start(Member& member)
    {
        auto db = storage::Database::open(member.databasePath);
        ASSERT_TRUE(db) << db.error().toStdString();
        member.db = std::move(db).value();
        member.store = std::make_unique<storage::RoomStore>(*member.db);
        member.port = std::make_unique<LinkedPeers>(member.peer());
        const PeerId self = member.peer();
        member.service = std::make_unique<RoomService>(
            *member.port, *member.store, member.identity, clock,
            [this, self](const PeerId& to, EnvelopeKind kind, ByteView body) {
                m_queue.push_back({self, to, kind, Bytes(body.begin(), body.end())});
                sent.push_back(m_queue.back());
                return true;
            });
    }
    static void stop(Member& member)
    {
        member.service.reset();
        member.port.reset();
        member.store.reset();
        member.db.reset();
    }

    Member* memberOf(const PeerId& peer)
    {
        for (auto& member : m_members) {
            if (member->peer() == peer) {
                return member.get();
            }
        }
        return nullptr;
    }

    // An envelope as the links or relays hand it over: encoded and decoded,
    // so every body a service sends must pass the envelope's own checks.
    static void hand(Member& to, const PeerId& from, EnvelopeKind kind, const Bytes& body)
    {
        proto::Envelope envelope;
        envelope.kind = kind;
        envelope.id = crypto::randomMessageId();
        envelope.sender = from;
        envelope.recipient = to.peer();
        envelope.body = body;
        auto decoded = proto::decodeEnvelope(proto::encodeEnvelope(envelope));
        ASSERT_TRUE(decoded) << proto::toString(decoded.error());
        to->acceptEnvelope(from, decoded.value());
    }

    [[nodiscard]] bool passes(const Traffic& traffic) const
    {
        if (offline.count(traffic.from) != 0 || offline.count(traffic.to) != 0) {
            return false;
        }
        return cut.count({traffic.from, traffic.to}) == 0 && cut.count({traffic.to, traffic.from}) == 0;
    }

    // Hands every queued envelope to its recipient, and what that sends, until the queue is empty.
    void deliver()
    {
        while (!m_queue.empty()) {
            const Traffic traffic = std::move(m_queue.front());
            m_queue.pop_front();
            Member* to = memberOf(traffic.to);
            if (!passes(traffic) || to == nullptr || !to->service) {
                continue;
            }
            hand(*to, traffic.from, traffic.kind, traffic.body);
        }
    }

    // Delivers and lets timers run until nothing more is sent for kQuietMs.
    void settle()
    {
        for (int round = 0; round < kMaxSettleRounds; ++round) {
            deliver();
            if (!confab::test::runUntil(
                    clock, [this] { return !m_queue.empty(); }, kQuietMs)) {
                return;
            }
        }
        ADD_FAILURE() << "the members never stop sending to each other";
        m_queue.clear();
    }

    // Lets `ms` of virtual time pass, delivering whatever is sent meanwhile.
    void pass(std::int64_t ms)
    {
        const std::int64_t end = clock.monotonicMs() + ms;
        for (int round = 0; clock.monotonicMs() < end; ++round) {
            ASSERT_LT(round, 100000) << "the members never stop sending to each other";
            confab::test::runUntil(
                clock, [this] { return !m_queue.empty(); }, end - clock.monotonicMs());
            deliver();
        }
    }

    void cutOff(const Member& a, const Member& b) { cut.insert({a.peer(), b.peer()}); }

    // Both ends see each other as reachable, as when a link comes up.
    void meet(Member& a, Member& b)
    {
        a->peerReachable(b.peer());
        b->peerReachable(a.peer());
        settle();
    }

    proto::RoomId createRoom(Member& creator, const QString& name, const std::vector<Member*>& others)
    {
        std::vector<proto::IdentityKeyBytes> keys;
        keys.reserve(others.size());
        for (const Member* other : others) {
            keys.push_back(other->key());
        }
        auto room = creator->create(name, keys);
        EXPECT_TRUE(room) << (room ? "" : room.error().toStdString());
        settle();
        return room ? room.value() : proto::RoomId{};
    }

    static storage::StoredRoomMessage sendText(Member& from, const proto::RoomId& room, const QString& text)
    {
        auto sentMessage = from->sendText(room, text);
        EXPECT_TRUE(sentMessage) << (sentMessage ? "" : sentMessage.error().toStdString());
        return sentMessage ? sentMessage.value() : storage::StoredRoomMessage{};
    }

    static std::optional<RoomMessageView> find(Member& member, const proto::RoomId& room, const MessageId& id)
    {
        for (auto& view : member->history(room, kHistory)) {
            if (view.message.id == id) {
                return view;
            }
        }
        return std::nullopt;
    }

    // The texts of the room's messages the member could read, oldest first.
    static std::vector<QString> textsOf(Member& member, const proto::RoomId& room)
    {
        std::vector<QString> texts;
        for (const auto& view : member->history(room, kHistory)) {
            if (view.message.decrypted &&
                view.message.kind == static_cast<int>(proto::RoomContentKind::Text)) {
                texts.push_back(view.message.text);
            }
        }
        return texts;
    }

    // Whether the member stored the message at all, read or not.
    static bool holds(Member& member, const MessageId& id) { return member.store->message(id).has_value(); }

    // Messages the member holds but has no key for.
    static std::size_t undecryptedCount(Member& member, const proto::RoomId& room)
    {
        std::size_t count = 0;
        for (const auto& [chain, indices] : member.store->heldIndices(bytesOf(room))) {
            count += member.store->undecrypted(bytesOf(room), chain.sender, chain.epoch, chain.keyId).size();
        }
        return count;
    }

    static RoomView viewOf(Member& member, const proto::RoomId& room)
    {
        auto view = member->room(room);
        EXPECT_TRUE(view.has_value()) << "the member does not have the room";
        return view.value_or(RoomView{});
    }

    // Expects the member to have read `message` as its sender sent it.
    static void expectReads(Member& member, const proto::RoomId& room,
                            const storage::StoredRoomMessage& message)
    {
        const auto view = find(member, room, message.id);
        ASSERT_TRUE(view.has_value()) << "message \"" << message.text.toStdString() << "\" not stored";
        EXPECT_TRUE(view->message.decrypted);
        EXPECT_EQ(view->message.text, message.text);
        EXPECT_EQ(view->message.sender, message.sender);
        EXPECT_FALSE(view->message.outgoing);
    }

    [[nodiscard]] std::vector<Traffic> sentOf(const Member& from, EnvelopeKind kind) const
    {
        std::vector<Traffic> result;
        std::copy_if(sent.begin(), sent.end(), std::back_inserter(result),
                     [&](const Traffic& t) { return t.from == from.peer() && t.kind == kind; });
        return result;
    }

    confab::test::VirtualClock clock;
    std::set<PeerId> offline;
    std::set<std::pair<PeerId, PeerId>> cut;
    std::vector<Traffic> sent; // everything every service sent, delivered or not

private:
    confab::test::TempDir m_dir;
    std::vector<std::unique_ptr<Member>> m_members;
    std::deque<Traffic> m_queue;
};

TEST_F(RoomServiceTest, EveryMemberGetsTheRoomReadsTextAndReportsReceipts)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral(" Field team "), {&bob, &cat});

    const auto expected = sorted({ann.peer(), bob.peer(), cat.peer()});
    for (Member* member : {&ann, &bob, &cat}) {
        const auto rooms = (*member)->rooms();
        ASSERT_EQ(rooms.size(), 1U);
        EXPECT_EQ(rooms.front().id, room);
        EXPECT_EQ(rooms.front().name, QStringLiteral("Field team"));
        EXPECT_EQ(memberIds(rooms.front()), expected);
        EXPECT_EQ(adminFlags(rooms.front()),
                  (std::map<PeerId, bool>{{ann.peer(), true}, {bob.peer(), false}, {cat.peer(), false}}));
        EXPECT_FALSE(rooms.front().left);
        EXPECT_EQ(rooms.front().admin, member == &ann);
        EXPECT_EQ(rooms.front().epoch, 0U);
    }

    const auto hello = sendText(ann, room, QStringLiteral("Meet at the north gate"));
    settle();
    expectReads(bob, room, hello);
    expectReads(cat, room, hello);
    EXPECT_EQ(textsOf(bob, room), std::vector<QString>{hello.text});
    EXPECT_EQ(textsOf(cat, room), std::vector<QString>{hello.text});

    auto atAnn = find(ann, room, hello.id);
    ASSERT_TRUE(atAnn.has_value());
    EXPECT_TRUE(atAnn->message.outgoing);
    EXPECT_EQ(atAnn->receipts, (std::map<PeerId, int>{{bob.peer(), 1}, {cat.peer(), 1}}));

    EXPECT_EQ(bob->markRead(room), 1U);
    settle();
    atAnn = find(ann, room, hello.id);
    ASSERT_TRUE(atAnn.has_value());
    EXPECT_EQ(atAnn->receipts, (std::map<PeerId, int>{{bob.peer(), 2}, {cat.peer(), 1}}));
}

TEST_F(RoomServiceTest, TheConversationAndTheUnreadCountShowOnlyText)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});

    const auto hello = sendText(ann, room, QStringLiteral("hello"));
    settle();
    // Only texts are for the user: whatever else the members exchange is neither shown nor counted.
    std::vector<MessageId> shown;
    for (const auto& view : bob->history(room, kHistory)) {
        shown.push_back(view.message.id);
    }
    EXPECT_EQ(shown, std::vector<MessageId>{hello.id});
    EXPECT_EQ(viewOf(bob, room).unread, 1);
    EXPECT_EQ(viewOf(ann, room).unread, 0);

    EXPECT_EQ(bob->markRead(room), 1U);
    settle();
    EXPECT_EQ(viewOf(bob, room).unread, 0);
    EXPECT_EQ(viewOf(ann, room).unread, 0);
    EXPECT_EQ(viewOf(cat, room).unread, 1);
}

TEST_F(RoomServiceTest, AMemberThatWasAwayCatchesUpFromAnotherMember)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});

    offline.insert(cat.peer());
    std::vector<QString> texts;
    texts.reserve(5);
    for (int i = 0; i < 5; ++i) {
        texts.push_back(sendText(ann, room, QStringLiteral("update %1").arg(i)).text);
    }
    settle();
    EXPECT_EQ(textsOf(bob, room), texts);
    EXPECT_TRUE(textsOf(cat, room).empty());

    // Cat comes back, but only Bob can reach it.
    offline.erase(cat.peer());
    cutOff(ann, cat);
    meet(bob, cat);
    EXPECT_EQ(textsOf(cat, room), texts);
    EXPECT_EQ(undecryptedCount(cat, room), 0U);

    // More than one batch: each summary brings the next.
    offline.insert(cat.peer());
    const std::size_t many = RoomService::kCatchUpBatch * 2 + 17;
    for (std::size_t i = 0; i < many; ++i) {
        texts.push_back(sendText(ann, room, QStringLiteral("bulk %1").arg(i)).text);
    }
    settle();
    EXPECT_EQ(textsOf(bob, room), texts);
    offline.erase(cat.peer());
    const auto summariesBefore = sentOf(bob, EnvelopeKind::RoomSummary).size();
    meet(bob, cat);
    EXPECT_EQ(textsOf(cat, room), texts);
    EXPECT_GE(sentOf(bob, EnvelopeKind::RoomSummary).size(), summariesBefore + 3);
    EXPECT_EQ(undecryptedCount(cat, room), 0U);
}

TEST_F(RoomServiceTest, LinkedMembersCompareWhatTheyHoldEveryMinute)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    offline.insert(cat.peer());
    const auto missed = sendText(ann, room, QStringLiteral("missed"));
    settle();
    offline.erase(cat.peer());
    cutOff(ann, cat);
    bob.port->linked.insert(cat.peer());
    cat.port->linked.insert(bob.peer());

    pass(RoomService::kSummaryIntervalMs / 2);
    EXPECT_FALSE(holds(cat, missed.id));
    pass(RoomService::kSummaryIntervalMs / 2 + kQuietMs);
    expectReads(cat, room, missed);
}

TEST_F(RoomServiceTest, CatchUpEndsWhenAMessageIsLostForGood)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});

    // One of Ann's messages reaches nobody, the many after it reach
    // everyone, and then Ann is gone: nobody can fill the gap.
    offline.insert(ann.peer());
    sendText(ann, room, QStringLiteral("lost"));
    settle();
    offline.erase(ann.peer());
    std::vector<QString> texts;
    const std::size_t many = RoomService::kCatchUpBatch * 2 + proto::kMaxRoomSummaryExtras;
    for (std::size_t i = 0; i < many; ++i) {
        texts.push_back(sendText(ann, room, QStringLiteral("after %1").arg(i)).text);
    }
    settle();
    offline.insert(ann.peer());
    EXPECT_EQ(textsOf(bob, room), texts);
    EXPECT_EQ(textsOf(cat, room), texts);

    const auto messagesBefore =
        sentOf(bob, EnvelopeKind::RoomMessage).size() + sentOf(cat, EnvelopeKind::RoomMessage).size();
    meet(bob, cat);
    // Each passes the other at most one batch of what it already holds.
    const auto passed = sentOf(bob, EnvelopeKind::RoomMessage).size() +
                        sentOf(cat, EnvelopeKind::RoomMessage).size() - messagesBefore;
    EXPECT_LE(passed, 2 * RoomService::kCatchUpBatch);
    EXPECT_EQ(textsOf(bob, room), texts);
    EXPECT_EQ(textsOf(cat, room), texts);

    // The gap holds up nobody else's messages.
    offline.insert(cat.peer());
    const auto fromBob = sendText(bob, room, QStringLiteral("while Cat was away"));
    settle();
    offline.erase(cat.peer());
    meet(bob, cat);
    expectReads(cat, room, fromBob);

    // Ann comes back: the lost message fills the gap.
    offline.erase(ann.peer());
    meet(ann, bob);
    meet(ann, cat);
    texts.push_back(fromBob.text);
    texts.push_back(QStringLiteral("lost")); // stored as it arrives
    EXPECT_EQ(textsOf(bob, room), texts);
    EXPECT_EQ(textsOf(cat, room), texts);
}

TEST_F(RoomServiceTest, AnInvitationThatFoundAMemberAwayArrivesLater)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    offline.insert(cat.peer());
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    const auto hello = sendText(ann, room, QStringLiteral("hello"));
    settle();
    EXPECT_FALSE(cat->room(room).has_value());

    offline.erase(cat.peer());
    cutOff(ann, cat);
    meet(bob, cat);
    ASSERT_TRUE(cat->room(room).has_value());
    EXPECT_EQ(memberIds(viewOf(cat, room)), sorted({ann.peer(), bob.peer(), cat.peer()}));
    // Ann's key comes when Ann can reach it; the message is held until then.
    cut.clear();
    meet(ann, cat);
    expectReads(cat, room, hello);
    const auto fromCat = sendText(cat, room, QStringLiteral("sorry, I was away"));
    settle();
    expectReads(ann, room, fromCat);
    expectReads(bob, room, fromCat);
}

TEST_F(RoomServiceTest, ANewMemberOfARoomWithALongLogJoins)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& dan = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob});
    const std::size_t renames = proto::kMaxRoomChangesPerBatch + 10;
    for (std::size_t i = 0; i < renames; ++i) {
        ASSERT_TRUE(ann->rename(room, QStringLiteral("Field team %1").arg(i)));
    }
    settle();
    ASSERT_TRUE(ann->invite(room, dan.key()));
    settle();
    const auto view = dan->room(room);
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->name, viewOf(ann, room).name);
    EXPECT_EQ(memberIds(*view), sorted({ann.peer(), bob.peer(), dan.peer()}));
    const auto hello = sendText(ann, room, QStringLiteral("welcome, Dan"));
    settle();
    expectReads(dan, room, hello);
}

TEST_F(RoomServiceTest, ARemovedMemberCannotReadWhatFollows)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    const auto before = sendText(bob, room, QStringLiteral("before"));
    settle();
    expectReads(cat, room, before);

    ASSERT_TRUE(ann->remove(room, cat.peer()));
    settle();
    EXPECT_TRUE(viewOf(cat, room).left);
    for (Member* member : {&ann, &bob}) {
        EXPECT_EQ(memberIds(viewOf(*member, room)), sorted({ann.peer(), bob.peer()}));
        EXPECT_EQ(viewOf(*member, room).epoch, 1U);
    }

    const auto fromAnn = sendText(ann, room, QStringLiteral("after, from Ann"));
    const auto fromBob = sendText(bob, room, QStringLiteral("after, from Bob"));
    settle();
    expectReads(bob, room, fromAnn);
    expectReads(ann, room, fromBob);
    EXPECT_FALSE(holds(cat, fromAnn.id));
    EXPECT_FALSE(holds(cat, fromBob.id));
    for (const auto& chain : cat.store->chains(bytesOf(room))) {
        EXPECT_EQ(chain.epoch, 0U) << "Cat holds a key of the epoch after its removal";
    }
    EXPECT_EQ(fromAnn.epoch, 1U);

    // The message's bytes, captured on the way and handed to Cat: it was
    // not a member when they were written, and has no key for them.
    for (const Traffic& traffic : sentOf(ann, EnvelopeKind::RoomMessage)) {
        hand(cat, ann.peer(), traffic.kind, traffic.body);
    }
    settle();
    EXPECT_FALSE(holds(cat, fromAnn.id));
    EXPECT_EQ(textsOf(cat, room), std::vector<QString>{before.text});

    // Catch-up does not bring them either.
    meet(cat, bob);
    meet(cat, ann);
    EXPECT_EQ(textsOf(cat, room), std::vector<QString>{before.text});
    EXPECT_FALSE(cat->sendText(room, QStringLiteral("still here?")));

    // Added again, Cat reads what is said from then on, not what was said while it was out.
    ASSERT_TRUE(ann->invite(room, cat.key()));
    settle();
    EXPECT_FALSE(viewOf(cat, room).left);
    const auto welcome = sendText(bob, room, QStringLiteral("welcome back"));
    settle();
    meet(cat, bob);
    meet(cat, ann);
    expectReads(cat, room, welcome);
    EXPECT_EQ(textsOf(cat, room), (std::vector<QString>{before.text, welcome.text}));
    const auto fromCat = sendText(cat, room, QStringLiteral("glad to be back"));
    settle();
    expectReads(ann, room, fromCat);
    expectReads(bob, room, fromCat);
}

TEST_F(RoomServiceTest, ARemovedMemberCannotWriteInTheEpochItWasRemovedFrom)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    // Written while Cat was a member, reaching Ann only through Bob after the removal.
    cutOff(ann, cat);
    const auto lastWords = sendText(cat, room, QStringLiteral("last words"));
    settle();
    ASSERT_TRUE(ann->remove(room, cat.peer()));
    settle();
    cut.clear();
    meet(bob, cat);
    EXPECT_TRUE(viewOf(cat, room).left);

    // Afterwards, in its own chain of that epoch, signed and readable.
    storage::StoredRoomChain own;
    for (const auto& chain : cat.store->chains(bytesOf(room))) {
        if (chain.sender == cat.peer()) {
            own = chain;
        }
    }
    ASSERT_EQ(own.epoch, 0U);
    proto::RoomMessage message;
    message.room = room;
    message.id = crypto::randomMessageId();
    message.sender = cat.peer();
    message.epoch = own.epoch;
    message.keyId = own.keyId;
    message.chainIndex = own.nextIndex;
    auto chain = crypto::SenderChain::fromKey(crypto::Secret<32>(own.chainKey), own.nextIndex);
    const QByteArray text = QStringLiteral("I am still here").toUtf8();
    const proto::RoomContent content{proto::RoomContentKind::Text, 1, Bytes(text.begin(), text.end())};
    message.ciphertext =
        chain.encrypt(proto::roomMessageHeaderBytes(message), proto::encodeRoomContent(content)).ciphertext;
    message.signature = cat.identity.sign(proto::roomMessageSignedBytes(message));
    hand(bob, cat.peer(), EnvelopeKind::RoomMessage, proto::encodeRoomMessage(message));
    hand(ann, cat.peer(), EnvelopeKind::RoomMessage, proto::encodeRoomMessage(message));
    settle();
    EXPECT_FALSE(holds(bob, message.id));
    EXPECT_FALSE(holds(ann, message.id));

    meet(ann, bob);
    expectReads(ann, room, lastWords);
    EXPECT_EQ(textsOf(ann, room), std::vector<QString>{lastWords.text});
    EXPECT_EQ(textsOf(bob, room), std::vector<QString>{lastWords.text});
}

TEST_F(RoomServiceTest, ConcurrentChangesByTwoAdminsEndInTheSameMembers)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    Member& dan = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    ASSERT_TRUE(ann->promote(room, bob.peer()));
    settle();
    EXPECT_TRUE(viewOf(bob, room).admin);

    // Neither hears of the other's change before making its own; the
    // others hear of both, in different orders.
    cutOff(ann, bob);
    ASSERT_TRUE(ann->remove(room, cat.peer()));
    settle();
    ASSERT_TRUE(bob->invite(room, dan.key()));
    settle();
    EXPECT_EQ(memberIds(viewOf(ann, room)), sorted({ann.peer(), bob.peer()}));
    EXPECT_EQ(memberIds(viewOf(bob, room)), sorted({ann.peer(), bob.peer(), cat.peer(), dan.peer()}));
    cut.clear();
    for (Member* a : {&ann, &bob, &cat, &dan}) {
        for (Member* b : {&ann, &bob, &cat, &dan}) {
            if (a != b) {
                (*a)->peerReachable(b->peer());
            }
        }
    }
    settle();

    const auto expected = sorted({ann.peer(), bob.peer(), dan.peer()});
    const auto annView = viewOf(ann, room);
    EXPECT_EQ(memberIds(annView), expected);
    for (Member* member : {&bob, &dan}) {
        const auto view = viewOf(*member, room);
        EXPECT_EQ(memberIds(view), expected);
        EXPECT_EQ(adminFlags(view), adminFlags(annView));
        EXPECT_EQ(view.epoch, annView.epoch);
        EXPECT_FALSE(view.left);
    }
    EXPECT_TRUE(viewOf(cat, room).left);

    // The room works for the members it ended with, and only for them.
    const auto fromDan = sendText(dan, room, QStringLiteral("hello from Dan"));
    const auto fromAnn = sendText(ann, room, QStringLiteral("welcome, Dan"));
    settle();
    expectReads(ann, room, fromDan);
    expectReads(bob, room, fromDan);
    expectReads(dan, room, fromAnn);
    expectReads(bob, room, fromAnn);
    EXPECT_FALSE(holds(cat, fromDan.id));
    EXPECT_FALSE(holds(cat, fromAnn.id));
}

TEST_F(RoomServiceTest, ASenderKeyThatComesBeforeItsSendersAddIsKept)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& dan = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob});
    ASSERT_TRUE(ann->promote(room, bob.peer()));
    settle();
    // Dan's key reaches Ann before Bob's change that adds Dan.
    cutOff(ann, bob);
    ASSERT_TRUE(bob->invite(room, dan.key()));
    settle();
    EXPECT_EQ(memberIds(viewOf(ann, room)), sorted({ann.peer(), bob.peer()}));
    cut.clear();
    meet(ann, bob);
    EXPECT_EQ(memberIds(viewOf(ann, room)), sorted({ann.peer(), bob.peer(), dan.peer()}));

    const auto fromDan = sendText(dan, room, QStringLiteral("hello from Dan"));
    settle();
    expectReads(bob, room, fromDan);
    expectReads(ann, room, fromDan);
}

// A stranger and a room's members, for the hostile cases.
class HostileInputTest : public RoomServiceTest {
protected:
    void SetUp() override
    {
        members = {&addMember(), &addMember(), &addMember()};
        room = createRoom(*members[0], QStringLiteral("Field team"), {members[1], members[2]});
    }

    Member& ann() { return *members[0]; }
    Member& bob() { return *members[1]; }
    Member& cat() { return *members[2]; }

    // Ann's room message as signed, never delivered.
    storage::StoredRoomMessage undelivered(const QString& text)
    {
        offline.insert(ann().peer());
        auto message = sendText(ann(), room, text);
        settle();
        offline.erase(ann().peer());
        return message;
    }

    // The room still works: a message from each member reaches the others.
    void expectRoomWorks()
    {
        for (Member* from : members) {
            const auto message = sendText(*from, room, QStringLiteral("still fine %1").arg(++m_checks));
            settle();
            for (Member* to : members) {
                if (to != from) {
                    expectReads(*to, room, message);
                }
            }
        }
        for (Member* member : members) {
            EXPECT_EQ(memberIds(viewOf(*member, room)), sorted({ann().peer(), bob().peer(), cat().peer()}));
        }
    }

    // A change the stranger signs on top of the room's current heads.
    proto::RoomChange strangerChange(proto::RoomChangeKind kind, const proto::IdentityKeyBytes& member)
    {
        auto log = MembershipLog::fromCreate(ann().store->changes(bytesOf(room)).front());
        EXPECT_TRUE(log);
        for (const Bytes& change : ann().store->changes(bytesOf(room))) {
            log.value().add(change);
        }
        proto::RoomChange change;
        change.kind = kind;
        change.room = room;
        change.author = stranger.publicKey();
        change.timestampMs = static_cast<std::uint64_t>(clock.wallMs());
        change.parents = log.value().heads();
        change.member = member;
        change.signature = stranger.sign(proto::roomChangeSignedBytes(change));
        return change;
    }

    std::vector<Member*> members;
    proto::RoomId room{};
    crypto::IdentityKeyPair stranger = crypto::IdentityKeyPair::generate();

private:
    int m_checks = 0;
};

TEST_F(HostileInputTest, AMessageWithAForgedSignatureIsDropped)
{
    const auto genuine = undelivered(QStringLiteral("genuine"));
    auto forged = genuine.wire;
    forged.back() ^= 0x01;
    hand(bob(), ann().peer(), EnvelopeKind::RoomMessage, forged);
    hand(cat(), bob().peer(), EnvelopeKind::RoomMessage, forged);
    settle();
    EXPECT_FALSE(holds(bob(), genuine.id));
    EXPECT_FALSE(holds(cat(), genuine.id));

    // Signed again by someone else, in Ann's name.
    auto message = proto::decodeRoomMessage(genuine.wire);
    ASSERT_TRUE(message);
    message.value().signature = stranger.sign(proto::roomMessageSignedBytes(message.value()));
    hand(bob(), ann().peer(), EnvelopeKind::RoomMessage, proto::encodeRoomMessage(message.value()));
    settle();
    EXPECT_FALSE(holds(bob(), genuine.id));

    // Signed by another member in Ann's name.
    message.value().signature = cat().identity.sign(proto::roomMessageSignedBytes(message.value()));
    hand(bob(), cat().peer(), EnvelopeKind::RoomMessage, proto::encodeRoomMessage(message.value()));
    settle();
    EXPECT_FALSE(holds(bob(), genuine.id));

    // The genuine message is still taken when it comes: the forgeries left nothing behind.
    hand(bob(), ann().peer(), EnvelopeKind::RoomMessage, genuine.wire);
    settle();
    expectReads(bob(), room, genuine);
    expectRoomWorks();
}

TEST_F(HostileInputTest, AMessageFromSomeoneNotAMemberIsDropped)
{
    const auto genuine = undelivered(QStringLiteral("genuine"));
    auto message = proto::decodeRoomMessage(genuine.wire);
    ASSERT_TRUE(message);
    message.value().id = crypto::randomMessageId();
    message.value().sender = stranger.peerId();
    message.value().signature = stranger.sign(proto::roomMessageSignedBytes(message.value()));
    const Bytes wire = proto::encodeRoomMessage(message.value());
    hand(bob(), stranger.peerId(), EnvelopeKind::RoomMessage, wire);
    hand(cat(), ann().peer(), EnvelopeKind::RoomMessage, wire); // passed on by a member
    settle();
    EXPECT_FALSE(holds(bob(), message.value().id));
    EXPECT_FALSE(holds(cat(), message.value().id));
    expectRoomWorks();
}

TEST_F(HostileInputTest, RoomChangesFromAStrangerAreDropped)
{
    const auto addSelf =
        proto::encodeRoomChange(strangerChange(proto::RoomChangeKind::Add, stranger.publicKey()));
    const auto removeAnn =
        proto::encodeRoomChange(strangerChange(proto::RoomChangeKind::Remove, ann().key()));
    const proto::RoomChangeBatch batch{room, {addSelf, removeAnn}};
    hand(bob(), stranger.peerId(), EnvelopeKind::RoomChanges, proto::encodeRoomChangeBatch(batch));
    // Passed on by a member: taken into the log, but without effect.
    hand(cat(), ann().peer(), EnvelopeKind::RoomChanges, proto::encodeRoomChangeBatch(batch));
    // A log of its own for the same room id, made by the stranger, with Bob in it.
    proto::RoomChangeBatch takeover{room, {MembershipLog::authorCreate(stranger, room, "Mine", 1)}};
    {
        auto log = MembershipLog::fromCreate(takeover.changes.front());
        ASSERT_TRUE(log);
        auto add = log.value().author(stranger, proto::RoomChangeKind::Add, bob().key(), {}, 2);
        ASSERT_TRUE(add);
        takeover.changes.push_back(add.value());
    }
    hand(bob(), stranger.peerId(), EnvelopeKind::RoomChanges, proto::encodeRoomChangeBatch(takeover));
    settle();

    for (Member* member : members) {
        const auto view = viewOf(*member, room);
        EXPECT_EQ(view.name, QStringLiteral("Field team"));
        EXPECT_EQ(view.epoch, 0U);
        EXPECT_TRUE(adminFlags(view).at(ann().peer()));
    }
    for (const auto& line : cat()->changeLines(room)) {
        if (line.change.author == stranger.publicKey()) {
            EXPECT_EQ(line.effect, ChangeEffect::NotMember);
        }
    }
    expectRoomWorks();
}

TEST_F(HostileInputTest, ASenderKeyFromAStrangerIsDropped)
{
    proto::RoomSenderKey key;
    key.room = room;
    key.keyId = 7;
    crypto::randomBytes(key.chainKey);
    hand(bob(), stranger.peerId(), EnvelopeKind::RoomSenderKey, proto::encodeRoomSenderKey(key));
    settle();
    for (const auto& chain : bob().store->chains(bytesOf(room))) {
        EXPECT_NE(chain.sender, stranger.peerId());
    }

    // With the key at hand, the stranger's message in that chain is still not taken.
    proto::RoomMessage message;
    message.room = room;
    message.id = crypto::randomMessageId();
    message.sender = stranger.peerId();
    message.keyId = key.keyId;
    auto chain = crypto::SenderChain::fromKey(crypto::Secret<32>(key.chainKey), 0);
    const proto::RoomContent content{proto::RoomContentKind::Text, 1, Bytes{'h', 'i'}};
    message.ciphertext =
        chain.encrypt(proto::roomMessageHeaderBytes(message), proto::encodeRoomContent(content)).ciphertext;
    message.signature = stranger.sign(proto::roomMessageSignedBytes(message));
    hand(bob(), stranger.peerId(), EnvelopeKind::RoomMessage, proto::encodeRoomMessage(message));
    settle();
    EXPECT_FALSE(holds(bob(), message.id));
    expectRoomWorks();
}

TEST_F(RoomServiceTest, AServiceMadeAgainOnTheSameDatabaseCarriesOn)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});
    const auto first = sendText(bob, room, QStringLiteral("before the restart"));
    sendText(ann, room, QStringLiteral("seen before the restart"));
    settle();
    const auto viewBefore = viewOf(bob, room);
    std::uint32_t nextIndex = 0;
    for (const auto& chain : bob.store->chains(bytesOf(room))) {
        if (chain.sender == bob.peer()) {
            nextIndex = std::max(nextIndex, chain.nextIndex);
        }
    }
    EXPECT_GT(nextIndex, first.chainIndex);

    stop(bob);
    start(bob);
    const auto rooms = bob->rooms();
    ASSERT_EQ(rooms.size(), 1U);
    EXPECT_EQ(rooms.front().id, room);
    EXPECT_EQ(rooms.front().name, viewBefore.name);
    EXPECT_EQ(memberIds(rooms.front()), memberIds(viewBefore));
    EXPECT_EQ(adminFlags(rooms.front()), adminFlags(viewBefore));

    const auto fromAnn = sendText(ann, room, QStringLiteral("after the restart"));
    settle();
    expectReads(bob, room, fromAnn);

    // Its chain goes on from where it was: no message key is used twice.
    const auto again = sendText(bob, room, QStringLiteral("back again"));
    EXPECT_GT(again.chainIndex, first.chainIndex);
    EXPECT_GE(again.chainIndex, nextIndex);
    EXPECT_EQ(again.keyId, first.keyId);
    settle();
    expectReads(ann, room, again);
    expectReads(cat, room, again);
}

TEST_F(RoomServiceTest, AMemberThatLeavesIsGoneFromEveryonesRoom)
{
    Member& ann = addMember();
    Member& bob = addMember();
    Member& cat = addMember();
    const auto room = createRoom(ann, QStringLiteral("Field team"), {&bob, &cat});

    ASSERT_TRUE(cat->leave(room));
    settle();
    const auto catView = viewOf(cat, room);
    EXPECT_TRUE(catView.left);
    EXPECT_FALSE(catView.admin);
    for (Member* member : {&ann, &bob}) {
        EXPECT_EQ(memberIds(viewOf(*member, room)), sorted({ann.peer(), bob.peer()}));
        EXPECT_FALSE(viewOf(*member, room).left);
    }
    EXPECT_FALSE(cat->sendText(room, QStringLiteral("one more thing")));
    const auto after = sendText(ann, room, QStringLiteral("after Cat left"));
    settle();
    expectReads(bob, room, after);
    EXPECT_FALSE(holds(cat, after.id));

    // The last admin leaving hands the room to the member added first.
    ASSERT_TRUE(ann->leave(room));
    settle();
    EXPECT_TRUE(viewOf(ann, room).left);
    const auto bobView = viewOf(bob, room);
    EXPECT_EQ(memberIds(bobView), std::vector<PeerId>{bob.peer()});
    EXPECT_TRUE(bobView.admin);
}

TEST_F(RoomServiceTest, ResolvesARoomByNameOrIdPrefix)
{
    Member& ann = addMember();
    const auto alpha = createRoom(ann, QStringLiteral("Alpha"), {});
    const auto beta1 = createRoom(ann, QStringLiteral("Beta"), {});
    const auto beta2 = createRoom(ann, QStringLiteral("Beta"), {});
    const QString alphaId = RoomService::idText(alpha);
    ASSERT_EQ(alphaId.size(), 32);

    const auto resolved = [&](const QString& text) -> std::optional<proto::RoomId> {
        const auto result = ann->resolve(text);
        if (!result) {
            return std::nullopt;
        }
        return result.value();
    };
    EXPECT_EQ(resolved(QStringLiteral("Alpha")), alpha);
    EXPECT_EQ(resolved(QStringLiteral("  Alpha ")), alpha);
    EXPECT_EQ(resolved(alphaId), alpha);
    EXPECT_EQ(resolved(alphaId.toUpper()), alpha);
    EXPECT_EQ(resolved(alphaId.left(6)), alpha);
    EXPECT_EQ(resolved(alphaId.left(7)), alpha);
    EXPECT_EQ(resolved(RoomService::idText(beta1).left(9)), beta1);
    EXPECT_EQ(resolved(RoomService::idText(beta2).left(12)), beta2);
    EXPECT_FALSE(resolved(alphaId.left(5)).has_value()) << "too short a prefix";
    EXPECT_FALSE(resolved(QStringLiteral("alpha")).has_value()) << "names are matched exactly";

    const auto ambiguous = ann->resolve(QStringLiteral("Beta"));
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error(),
              QStringLiteral(
                  "Several rooms match \"Beta\"; use more of the room's id (`confabctl rooms` lists them)."));
    const auto unknown = ann->resolve(QStringLiteral("Gamma"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error(),
              QStringLiteral("No room called \"Gamma\"; `confabctl rooms` lists the rooms."));
}

} // namespace
} // namespace confab::rooms
