#include "rooms/membership_log.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace confab::rooms {
namespace {

using proto::RoomChangeKind;

const proto::RoomId kRoom{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
const proto::IdentityKeyBytes kNoMember{};

struct Person {
    crypto::IdentityKeyPair keys = crypto::IdentityKeyPair::generate();
    [[nodiscard]] const proto::IdentityKeyBytes& key() const { return keys.publicKey(); }
    [[nodiscard]] const PeerId& peer() const { return keys.peerId(); }
};

MembershipLog newRoom(const Person& creator, const std::string& name = "Project")
{
    auto log = MembershipLog::fromCreate(MembershipLog::authorCreate(creator.keys, kRoom, name, 1000));
    EXPECT_TRUE(log.ok());
    return std::move(log).value();
}

// Authors a change on `log` and adds it there; returns its bytes.
Bytes act(MembershipLog& log, const Person& author, RoomChangeKind kind, const Person* member,
          const std::string& name = {})
{
    auto change = log.author(author.keys, kind, member != nullptr ? member->key() : kNoMember, name, 2000);
    EXPECT_TRUE(change.ok()) << (change.ok() ? "" : toString(change.error()));
    if (!change.ok()) {
        return {};
    }
    EXPECT_TRUE(log.add(change.value()).ok());
    return change.value();
}

std::vector<PeerId> memberIds(const MembershipLog& log)
{
    std::vector<PeerId> ids;
    for (const auto& [peer, member] : log.members()) {
        ids.push_back(peer);
    }
    return ids;
}

std::vector<proto::RoomChangeHash> orderOf(const MembershipLog& log)
{
    std::vector<proto::RoomChangeHash> hashes;
    for (const auto& change : log.ordered()) {
        hashes.push_back(change.hash);
    }
    return hashes;
}

ChangeEffect effectOf(const MembershipLog& log, ByteView change)
{
    const auto hash = roomChangeHash(change);
    for (const auto& ordered : log.ordered()) {
        if (ordered.hash == hash) {
            return ordered.effect;
        }
    }
    ADD_FAILURE() << "change not in the log";
    return ChangeEffect::NoEffect;
}

TEST(MembershipLog, TheCreatorIsTheOnlyMemberAndAnAdmin)
{
    Person ann;
    const auto log = newRoom(ann, "Field team");
    EXPECT_EQ(log.name(), "Field team");
    EXPECT_EQ(memberIds(log), std::vector<PeerId>{ann.peer()});
    EXPECT_TRUE(log.isAdmin(ann.peer()));
    EXPECT_EQ(log.epoch(), 0U);
    EXPECT_EQ(log.heads().size(), 1U);
    EXPECT_EQ(log.room(), kRoom);
}

TEST(MembershipLog, ACreateNotSignedByItsAuthorIsRefused)
{
    Person ann;
    Person eve;
    auto create = proto::decodeRoomChange(MembershipLog::authorCreate(ann.keys, kRoom, "Room", 1)).value();
    create.author = eve.key(); // claims Eve created it; Ann's signature
    const auto log = MembershipLog::fromCreate(proto::encodeRoomChange(create));
    ASSERT_FALSE(log.ok());
    EXPECT_EQ(log.error(), LogError::BadSignature);
}

TEST(MembershipLog, AnAdminAddsRenamesAndPromotes)
{
    Person ann;
    Person bob;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);
    EXPECT_TRUE(log.isMember(bob.peer()));
    EXPECT_FALSE(log.isAdmin(bob.peer()));
    act(log, ann, RoomChangeKind::Rename, nullptr, "Renamed");
    EXPECT_EQ(log.name(), "Renamed");
    act(log, ann, RoomChangeKind::Promote, &bob);
    EXPECT_TRUE(log.isAdmin(bob.peer()));
    EXPECT_EQ(log.size(), 4U);
    EXPECT_EQ(log.heads().size(), 1U);
}

TEST(MembershipLog, AMemberWhoIsNotAnAdminCannotAddOrRenameButCanLeave)
{
    Person ann;
    Person bob;
    Person cat;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);

    const auto add = log.author(bob.keys, RoomChangeKind::Add, cat.key(), {}, 1);
    ASSERT_FALSE(add.ok());
    EXPECT_EQ(add.error(), ChangeEffect::NotAdmin);
    const auto rename = log.author(bob.keys, RoomChangeKind::Rename, kNoMember, "Mine", 1);
    ASSERT_FALSE(rename.ok());
    EXPECT_EQ(rename.error(), ChangeEffect::NotAdmin);

    act(log, bob, RoomChangeKind::Remove, &bob);
    EXPECT_FALSE(log.isMember(bob.peer()));
    EXPECT_EQ(log.epoch(), 1U);
}

TEST(MembershipLog, AStrangerCannotAct)
{
    Person ann;
    Person eve;
    auto log = newRoom(ann);
    const auto add = log.author(eve.keys, RoomChangeKind::Add, eve.key(), {}, 1);
    ASSERT_FALSE(add.ok());
    EXPECT_EQ(add.error(), ChangeEffect::NotMember);
}

TEST(MembershipLog, AChangeByANonAdminSentAnywayIsKeptButDoesNothing)
{
    Person ann;
    Person bob;
    Person eve;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);
    // Bob signs an Add by hand, as a hostile client would.
    proto::RoomChange forged;
    forged.kind = RoomChangeKind::Add;
    forged.room = kRoom;
    forged.author = bob.key();
    forged.parents = log.heads();
    forged.member = eve.key();
    forged.signature = bob.keys.sign(proto::roomChangeSignedBytes(forged));
    const auto bytes = proto::encodeRoomChange(forged);
    ASSERT_TRUE(log.add(bytes).ok());
    EXPECT_EQ(effectOf(log, bytes), ChangeEffect::NotAdmin);
    EXPECT_FALSE(log.isMember(eve.peer()));
}

TEST(MembershipLog, RefusesForgedForeignDuplicateAndSecondCreate)
{
    Person ann;
    Person bob;
    auto log = newRoom(ann);
    const auto add = act(log, ann, RoomChangeKind::Add, &bob);

    auto tampered = add;
    tampered[tampered.size() - 70] ^= 0x01; // inside the member key
    auto result = log.add(tampered);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), LogError::BadSignature);

    result = log.add(add);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), LogError::Duplicate);

    result = log.add(Bytes{1, 2, 3});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), LogError::Malformed);

    auto otherRoom = kRoom;
    otherRoom[0] ^= 0xFF;
    result = log.add(MembershipLog::authorCreate(ann.keys, otherRoom, "Other", 1));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), LogError::WrongRoom);

    result = log.add(MembershipLog::authorCreate(ann.keys, kRoom, "Again", 5));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), LogError::SecondCreate);
    EXPECT_EQ(log.size(), 2U);
}

TEST(MembershipLog, AChangeWaitsForItsParentsAndIsTakenWhenTheyArrive)
{
    Person ann;
    Person bob;
    Person cat;
    auto full = newRoom(ann);
    const auto create = full.ordered().front();
    const auto addBob = act(full, ann, RoomChangeKind::Add, &bob);
    const auto addCat = act(full, ann, RoomChangeKind::Add, &cat);

    auto late = MembershipLog::fromCreate(proto::encodeRoomChange(create.change)).value();
    auto result = late.add(addCat);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value(), MembershipLog::Added::Pending);
    EXPECT_FALSE(late.isMember(cat.peer()));
    EXPECT_EQ(late.pendingCount(), 1U);

    result = late.add(addBob);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value(), MembershipLog::Added::Taken);
    EXPECT_EQ(late.pendingCount(), 0U);
    EXPECT_TRUE(late.isMember(cat.peer()));
    EXPECT_EQ(orderOf(late), orderOf(full));
}

TEST(MembershipLog, TwoAdminsChangingAtOnceConvergeWhateverTheArrivalOrder)
{
    Person ann;
    Person bob;
    Person cat;
    Person dan;
    Person eve;
    auto base = newRoom(ann);
    std::vector<Bytes> history;
    history.push_back(proto::encodeRoomChange(base.ordered().front().change));
    history.push_back(act(base, ann, RoomChangeKind::Add, &bob));
    history.push_back(act(base, ann, RoomChangeKind::Promote, &bob));
    history.push_back(act(base, ann, RoomChangeKind::Add, &cat));

    // Ann and Bob act on the same state without seeing each other.
    auto annSide = base;
    auto bobSide = base;
    std::vector<Bytes> concurrent;
    concurrent.push_back(act(annSide, ann, RoomChangeKind::Remove, &cat));
    concurrent.push_back(act(annSide, ann, RoomChangeKind::Add, &dan));
    concurrent.push_back(act(bobSide, bob, RoomChangeKind::Add, &eve));
    concurrent.push_back(act(bobSide, bob, RoomChangeKind::Rename, nullptr, "Bob's name"));

    std::vector<Bytes> all = history;
    all.insert(all.end(), concurrent.begin(), concurrent.end());
    std::mt19937 shuffle(7);
    std::optional<std::vector<proto::RoomChangeHash>> expectedOrder;
    for (int round = 0; round < 20; ++round) {
        std::vector<Bytes> tail(all.begin() + 1, all.end());
        std::shuffle(tail.begin(), tail.end(), shuffle);
        auto log = MembershipLog::fromCreate(all.front()).value();
        for (const auto& change : tail) {
            ASSERT_TRUE(log.add(change).ok());
        }
        EXPECT_EQ(log.pendingCount(), 0U);
        const std::vector<PeerId> expectedMembers = [&] {
            std::vector<PeerId> ids{ann.peer(), bob.peer(), dan.peer(), eve.peer()};
            std::sort(ids.begin(), ids.end());
            return ids;
        }();
        EXPECT_EQ(memberIds(log), expectedMembers);
        EXPECT_EQ(log.name(), "Bob's name");
        EXPECT_EQ(log.epoch(), 1U);
        EXPECT_EQ(log.heads().size(), 2U);
        if (!expectedOrder) {
            expectedOrder = orderOf(log);
        }
        EXPECT_EQ(orderOf(log), *expectedOrder);
    }
}

TEST(MembershipLog, TwoAdminsRemovingEachOtherAtOnceLeaveExactlyOne)
{
    Person ann;
    Person bob;
    auto base = newRoom(ann);
    act(base, ann, RoomChangeKind::Add, &bob);
    act(base, ann, RoomChangeKind::Promote, &bob);
    auto annSide = base;
    auto bobSide = base;
    const auto annRemovesBob = act(annSide, ann, RoomChangeKind::Remove, &bob);
    const auto bobRemovesAnn = act(bobSide, bob, RoomChangeKind::Remove, &ann);

    ASSERT_TRUE(annSide.add(bobRemovesAnn).ok());
    ASSERT_TRUE(bobSide.add(annRemovesBob).ok());
    EXPECT_EQ(memberIds(annSide), memberIds(bobSide));
    EXPECT_EQ(annSide.members().size(), 1U);
    EXPECT_EQ(orderOf(annSide), orderOf(bobSide));
    // The one who stays is an admin, so the room can still change.
    EXPECT_TRUE(annSide.isAdmin(annSide.members().begin()->first));
}

TEST(MembershipLog, ARemovedMembersChangesMadeAfterHeLearntOfItAreIgnored)
{
    Person ann;
    Person bob;
    Person fay;
    auto base = newRoom(ann);
    act(base, ann, RoomChangeKind::Add, &bob);
    act(base, ann, RoomChangeKind::Promote, &bob);
    auto bobSide = base;
    const auto removeBob = act(base, ann, RoomChangeKind::Remove, &bob);
    ASSERT_TRUE(bobSide.add(removeBob).ok());
    EXPECT_FALSE(bobSide.isMember(bob.peer()));

    // A hostile client signs a change on top of the removal anyway.
    proto::RoomChange later;
    later.kind = RoomChangeKind::Add;
    later.room = kRoom;
    later.author = bob.key();
    later.parents = bobSide.heads();
    later.member = fay.key();
    later.signature = bob.keys.sign(proto::roomChangeSignedBytes(later));
    const auto laterBytes = proto::encodeRoomChange(later);
    ASSERT_TRUE(base.add(laterBytes).ok());
    EXPECT_EQ(effectOf(base, laterBytes), ChangeEffect::NotMember);
    EXPECT_FALSE(base.isMember(fay.peer()));
}

TEST(MembershipLog, AConcurrentChangeOrderedBeforeTheRemovalStillCountsOnlyIfItCameFirst)
{
    // The rule in both directions: search for a pair of changes where the
    // removed member's concurrent change sorts first and one where it sorts
    // after, and check that only the first is applied.
    Person ann;
    auto base = newRoom(ann);
    int sortedBefore = 0;
    int sortedAfter = 0;
    for (int attempt = 0; attempt < 40 && (sortedBefore == 0 || sortedAfter == 0); ++attempt) {
        Person bob;
        Person eve;
        auto log = base;
        act(log, ann, RoomChangeKind::Add, &bob);
        act(log, ann, RoomChangeKind::Promote, &bob);
        auto bobSide = log;
        const auto removeBob = act(log, ann, RoomChangeKind::Remove, &bob);
        const auto bobAddsEve = act(bobSide, bob, RoomChangeKind::Add, &eve);
        ASSERT_TRUE(log.add(bobAddsEve).ok());
        if (roomChangeHash(bobAddsEve) < roomChangeHash(removeBob)) {
            ++sortedBefore;
            EXPECT_EQ(effectOf(log, bobAddsEve), ChangeEffect::Applied);
            EXPECT_TRUE(log.isMember(eve.peer()));
        } else {
            ++sortedAfter;
            EXPECT_EQ(effectOf(log, bobAddsEve), ChangeEffect::NotMember);
            EXPECT_FALSE(log.isMember(eve.peer()));
        }
    }
    EXPECT_GT(sortedBefore, 0);
    EXPECT_GT(sortedAfter, 0);
}

TEST(MembershipLog, AChangeMadeWithoutKnowingOfARemovalDoesNotCountOnceTheMemberIsBack)
{
    // Bob is removed and added again; a change he made before he knew of
    // the removal, sorting after it, must not count even though he is a
    // member again by then.
    Person ann;
    auto base = newRoom(ann);
    int checked = 0;
    for (int attempt = 0; attempt < 40 && checked < 3; ++attempt) {
        Person bob;
        Person eve;
        auto log = base;
        act(log, ann, RoomChangeKind::Add, &bob);
        act(log, ann, RoomChangeKind::Promote, &bob);
        auto bobSide = log;
        const auto removeBob = act(log, ann, RoomChangeKind::Remove, &bob);
        act(log, ann, RoomChangeKind::Add, &bob);
        const auto bobAddsEve = act(bobSide, bob, RoomChangeKind::Add, &eve);
        ASSERT_TRUE(log.add(bobAddsEve).ok());
        if (roomChangeHash(bobAddsEve) < roomChangeHash(removeBob)) {
            continue;
        }
        ++checked;
        const auto effect = effectOf(log, bobAddsEve);
        EXPECT_TRUE(effect == ChangeEffect::RemovedConcurrently || effect == ChangeEffect::NotMember)
            << toString(effect);
        EXPECT_FALSE(log.isMember(eve.peer()));
        EXPECT_TRUE(log.isMember(bob.peer()));
    }
    EXPECT_EQ(checked, 3);
}

TEST(MembershipLog, RemembersWhoWasAMemberInWhichEpoch)
{
    Person ann;
    Person bob;
    Person stranger;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);
    act(log, ann, RoomChangeKind::Remove, &bob); // epoch 0 -> 1
    Person cat;
    act(log, ann, RoomChangeKind::Add, &cat);
    EXPECT_TRUE(log.wasMemberIn(bob.peer(), 0));
    EXPECT_FALSE(log.wasMemberIn(bob.peer(), 1));
    EXPECT_FALSE(log.wasMemberIn(cat.peer(), 0));
    EXPECT_TRUE(log.wasMemberIn(cat.peer(), 1));
    EXPECT_TRUE(log.wasMemberIn(ann.peer(), 0));
    EXPECT_TRUE(log.wasMemberIn(ann.peer(), 7));
    EXPECT_FALSE(log.wasMemberIn(stranger.peer(), 0));
    EXPECT_EQ(log.identityKeyOf(bob.peer()), bob.key());
    EXPECT_FALSE(log.identityKeyOf(stranger.peer()).has_value());
}

TEST(MembershipLog, WhenTheLastAdminLeavesTheEarliestAddedMemberTakesOver)
{
    Person ann;
    Person bob;
    Person cat;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);
    act(log, ann, RoomChangeKind::Add, &cat);
    act(log, ann, RoomChangeKind::Remove, &ann);
    EXPECT_FALSE(log.isMember(ann.peer()));
    EXPECT_TRUE(log.isAdmin(bob.peer()));
    EXPECT_FALSE(log.isAdmin(cat.peer()));
    act(log, bob, RoomChangeKind::Rename, nullptr, "Bob runs it");
    EXPECT_EQ(log.name(), "Bob runs it");
}

TEST(MembershipLog, ARemovedMemberCanBeAddedAgainAndActAgain)
{
    Person ann;
    Person bob;
    Person cat;
    auto log = newRoom(ann);
    act(log, ann, RoomChangeKind::Add, &bob);
    act(log, ann, RoomChangeKind::Promote, &bob);
    act(log, ann, RoomChangeKind::Remove, &bob);
    act(log, ann, RoomChangeKind::Add, &bob);
    EXPECT_FALSE(log.isAdmin(bob.peer())); // comes back as a plain member
    act(log, ann, RoomChangeKind::Promote, &bob);
    act(log, bob, RoomChangeKind::Add, &cat);
    EXPECT_TRUE(log.isMember(cat.peer()));
    EXPECT_EQ(log.epoch(), 1U);
}

TEST(MembershipLog, ChangesWithoutEffectAreRefusedWhenAuthored)
{
    Person ann;
    Person bob;
    auto log = newRoom(ann, "Same");
    act(log, ann, RoomChangeKind::Add, &bob);
    auto again = log.author(ann.keys, RoomChangeKind::Add, bob.key(), {}, 1);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), ChangeEffect::NoEffect);
    again = log.author(ann.keys, RoomChangeKind::Rename, kNoMember, "Same", 1);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), ChangeEffect::NoEffect);
    Person stranger;
    again = log.author(ann.keys, RoomChangeKind::Remove, stranger.key(), {}, 1);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), ChangeEffect::NoEffect);
}

TEST(MembershipLog, SendsWhatAnotherMemberLacks)
{
    Person ann;
    Person bob;
    Person cat;
    auto log = newRoom(ann);
    const auto behind = log.heads();
    const auto addBob = act(log, ann, RoomChangeKind::Add, &bob);
    const auto addCat = act(log, ann, RoomChangeKind::Add, &cat);

    EXPECT_EQ(log.changesMissingFrom(behind), (std::vector<Bytes>{addBob, addCat}));
    EXPECT_TRUE(log.changesMissingFrom(log.heads()).empty());
    proto::RoomChangeHash unknown{};
    unknown.fill(0xAB);
    EXPECT_EQ(log.changesMissingFrom({unknown}).size(), 3U);

    // Replaying what is missing brings a copy level.
    auto copy = MembershipLog::fromCreate(log.changesMissingFrom({}).front()).value();
    for (const auto& change : log.changesMissingFrom(copy.heads())) {
        ASSERT_TRUE(copy.add(change).ok());
    }
    EXPECT_EQ(orderOf(copy), orderOf(log));
}

TEST(MembershipLog, TheRoomHoldsAtMostItsMemberLimit)
{
    Person ann;
    auto log = newRoom(ann);
    for (std::size_t i = 1; i < kMaxRoomMembers; ++i) {
        Person member;
        act(log, ann, RoomChangeKind::Add, &member);
    }
    EXPECT_EQ(log.members().size(), kMaxRoomMembers);
    Person oneTooMany;
    const auto add = log.author(ann.keys, RoomChangeKind::Add, oneTooMany.key(), {}, 1);
    ASSERT_FALSE(add.ok());
    EXPECT_EQ(add.error(), ChangeEffect::RoomFull);
}

TEST(MembershipLog, HoldsOnlySoManyChangesWaitingForParents)
{
    Person ann;
    auto log = newRoom(ann);
    proto::RoomChangeHash missingParent{};
    missingParent.fill(0x5A);
    for (std::size_t i = 0; i <= kMaxPendingChanges; ++i) {
        proto::RoomChange orphan;
        orphan.kind = RoomChangeKind::Rename;
        orphan.room = kRoom;
        orphan.author = ann.key();
        orphan.timestampMs = i;
        orphan.parents = {missingParent};
        orphan.name = "n";
        orphan.signature = ann.keys.sign(proto::roomChangeSignedBytes(orphan));
        const auto result = log.add(proto::encodeRoomChange(orphan));
        if (i < kMaxPendingChanges) {
            ASSERT_TRUE(result.ok());
            EXPECT_EQ(result.value(), MembershipLog::Added::Pending);
        } else {
            ASSERT_FALSE(result.ok());
            EXPECT_EQ(result.error(), LogError::TooManyPending);
        }
    }
    EXPECT_EQ(log.pendingCount(), kMaxPendingChanges);
    EXPECT_EQ(log.size(), 1U);
}

} // namespace
} // namespace confab::rooms
