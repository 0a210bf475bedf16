#include "membership_log.h"

#include "crypto/content_hash.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

namespace confab::rooms {

namespace {

constexpr std::string_view kHashLabel = "confab room change id v1";
// The end of the epoch range of a member not removed (yet).
constexpr std::uint32_t kOpenEpoch = 0xFFFFFFFF;

ByteView labelBytes(std::string_view label)
{
    return {reinterpret_cast<const std::uint8_t*>(label.data()), label.size()};
}

bool signedByAuthor(const proto::RoomChange& change)
{
    return crypto::verifySignature(change.author, proto::roomChangeSignedBytes(change), change.signature);
}

bool needsAdmin(const proto::RoomChange& change)
{
    switch (change.kind) {
    case proto::RoomChangeKind::Remove:
        return change.member != change.author; // leaving needs no one's leave
    case proto::RoomChangeKind::Create:
        return false;
    case proto::RoomChangeKind::Add:
    case proto::RoomChangeKind::Promote:
    case proto::RoomChangeKind::Rename:
        return true;
    }
    return true;
}

} // namespace

proto::RoomChangeHash roomChangeHash(ByteView encodedChange)
{
    crypto::ContentHasher hasher;
    hasher.update(labelBytes(kHashLabel));
    hasher.update(encodedChange);
    return hasher.finish();
}

const char* toString(ChangeEffect effect)
{
    switch (effect) {
    case ChangeEffect::Applied:
        return "applied";
    case ChangeEffect::NotMember:
        return "author not a member";
    case ChangeEffect::NotAdmin:
        return "author not an admin";
    case ChangeEffect::RemovedConcurrently:
        return "author removed by a change that did not know it";
    case ChangeEffect::NoEffect:
        return "no effect";
    case ChangeEffect::RoomFull:
        return "room full";
    }
    return "unknown effect";
}

const char* toString(LogError error)
{
    switch (error) {
    case LogError::Malformed:
        return "malformed change";
    case LogError::WrongRoom:
        return "change of another room";
    case LogError::BadSignature:
        return "change not signed by its author";
    case LogError::SecondCreate:
        return "a second create";
    case LogError::Duplicate:
        return "change already held";
    case LogError::TooManyChanges:
        return "too many changes in the room";
    case LogError::TooManyPending:
        return "too many changes waiting for their parents";
    }
    return "unknown error";
}

Bytes MembershipLog::authorCreate(const crypto::IdentityKeyPair& creator, const proto::RoomId& room,
                                  const std::string& name, std::uint64_t timestampMs)
{
    proto::RoomChange change;
    change.kind = proto::RoomChangeKind::Create;
    change.room = room;
    change.author = creator.publicKey();
    change.timestampMs = timestampMs;
    change.name = name;
    change.signature = creator.sign(proto::roomChangeSignedBytes(change));
    return proto::encodeRoomChange(change);
}

Result<MembershipLog, LogError> MembershipLog::fromCreate(ByteView encodedCreate)
{
    auto decoded = proto::decodeRoomChange(encodedCreate);
    if (!decoded) {
        return LogError::Malformed;
    }
    if (decoded.value().kind != proto::RoomChangeKind::Create) {
        return LogError::Malformed;
    }
    if (!signedByAuthor(decoded.value())) {
        return LogError::BadSignature;
    }
    MembershipLog log;
    log.m_room = decoded.value().room;
    const auto hash = roomChangeHash(encodedCreate);
    log.m_changes.push_back(
        Entry{Bytes(encodedCreate.begin(), encodedCreate.end()), std::move(decoded).value()});
    log.m_hashes.push_back(hash);
    log.m_byHash.emplace(hash, 0);
    log.m_parentIndices.emplace_back();
    log.recompute();
    return log;
}

Result<MembershipLog::Added, LogError> MembershipLog::add(ByteView encodedChange)
{
    auto decoded = proto::decodeRoomChange(encodedChange);
    if (!decoded) {
        return LogError::Malformed;
    }
    const auto hash = roomChangeHash(encodedChange);
    if (decoded.value().room != m_room) {
        return LogError::WrongRoom;
    }
    if (contains(hash) || m_pending.count(hash) != 0) {
        return LogError::Duplicate;
    }
    if (decoded.value().kind == proto::RoomChangeKind::Create) {
        return LogError::SecondCreate;
    }
    if (!signedByAuthor(decoded.value())) {
        return LogError::BadSignature;
    }
    return admit(Entry{Bytes(encodedChange.begin(), encodedChange.end()), std::move(decoded).value()}, hash);
}

Result<MembershipLog::Added, LogError> MembershipLog::admit(Entry entry, const proto::RoomChangeHash& hash)
{
    if (m_changes.size() + m_pending.size() >= kMaxRoomChanges) {
        return LogError::TooManyChanges;
    }
    const bool parentsKnown = std::all_of(entry.change.parents.begin(), entry.change.parents.end(),
                                          [this](const auto& parent) { return contains(parent); });
    if (!parentsKnown) {
        if (m_pending.size() >= kMaxPendingChanges) {
            return LogError::TooManyPending;
        }
        m_pending.emplace(hash, std::move(entry));
        return Added::Pending;
    }
    std::vector<std::size_t> parents;
    parents.reserve(entry.change.parents.size());
    for (const auto& parent : entry.change.parents) {
        parents.push_back(m_byHash.at(parent));
    }
    m_byHash.emplace(hash, m_changes.size());
    m_hashes.push_back(hash);
    m_parentIndices.push_back(std::move(parents));
    m_changes.push_back(std::move(entry));
    takePendingWhoseParentsArrived();
    recompute();
    return Added::Taken;
}

void MembershipLog::takePendingWhoseParentsArrived()
{
    bool tookOne = true;
    while (tookOne) {
        tookOne = false;
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            const auto& parents = it->second.change.parents;
            if (std::all_of(parents.begin(), parents.end(), [this](const auto& p) { return contains(p); })) {
                const auto hash = it->first;
                Entry entry = std::move(it->second);
                m_pending.erase(it);
                std::vector<std::size_t> indices;
                for (const auto& parent : entry.change.parents) {
                    indices.push_back(m_byHash.at(parent));
                }
                m_byHash.emplace(hash, m_changes.size());
                m_hashes.push_back(hash);
                m_parentIndices.push_back(std::move(indices));
                m_changes.push_back(std::move(entry));
                tookOne = true;
                break; // the iterator is gone; start over
            }
        }
    }
}

bool MembershipLog::isAncestor(std::size_t ancestor, std::size_t of) const
{
    std::vector<char> seen(m_changes.size(), 0);
    std::vector<std::size_t> stack(m_parentIndices[of].begin(), m_parentIndices[of].end());
    while (!stack.empty()) {
        const std::size_t at = stack.back();
        stack.pop_back();
        if (at == ancestor) {
            return true;
        }
        if (seen[at] != 0) {
            continue;
        }
        seen[at] = 1;
        stack.insert(stack.end(), m_parentIndices[at].begin(), m_parentIndices[at].end());
    }
    return false;
}

void MembershipLog::recompute()
{
    // Parents first; among changes that are ready together, the smaller hash
    // first. Every member holding the same changes gets the same order.
    const std::size_t count = m_changes.size();
    std::vector<std::size_t> waitingFor(count);
    std::vector<std::vector<std::size_t>> children(count);
    for (std::size_t i = 0; i < count; ++i) {
        waitingFor[i] = m_parentIndices[i].size();
        for (const std::size_t parent : m_parentIndices[i]) {
            children[parent].push_back(i);
        }
    }
    std::set<std::pair<proto::RoomChangeHash, std::size_t>> ready;
    for (std::size_t i = 0; i < count; ++i) {
        if (waitingFor[i] == 0) {
            ready.emplace(m_hashes[i], i);
        }
    }

    m_ordered.clear();
    m_members.clear();
    m_name.clear();
    m_epoch = 0;
    m_everMember.clear();
    const auto joined = [this](const proto::IdentityKeyBytes& key, const PeerId& peer) {
        auto& membership = m_everMember[peer];
        membership.identityKey = key;
        membership.epochs.emplace_back(m_epoch, kOpenEpoch);
    };
    // The removals applied so far, by the identity key they removed.
    std::map<proto::IdentityKeyBytes, std::vector<std::size_t>> removals;

    while (!ready.empty()) {
        const std::size_t index = ready.begin()->second;
        ready.erase(ready.begin());
        for (const std::size_t child : children[index]) {
            if (--waitingFor[child] == 0) {
                ready.emplace(m_hashes[child], child);
            }
        }

        const auto& change = m_changes[index].change;
        const std::size_t position = m_ordered.size();
        const PeerId authorPeer = crypto::derivePeerId(change.author);
        ChangeEffect effect = ChangeEffect::Applied;
        const auto authorRemovals = removals.find(change.author);
        if (change.kind == proto::RoomChangeKind::Create) {
            m_members[authorPeer] = RoomMember{change.author, authorPeer, true, position};
            joined(change.author, authorPeer);
            m_name = change.name;
        } else if (!isMember(authorPeer)) {
            effect = ChangeEffect::NotMember;
        } else if (authorRemovals != removals.end() &&
                   std::any_of(authorRemovals->second.begin(), authorRemovals->second.end(),
                               [&](std::size_t removal) { return !isAncestor(removal, index); })) {
            effect = ChangeEffect::RemovedConcurrently;
        } else if (needsAdmin(change) && !isAdmin(authorPeer)) {
            effect = ChangeEffect::NotAdmin;
        } else {
            const PeerId memberPeer = crypto::derivePeerId(change.member);
            const auto member = m_members.find(memberPeer);
            switch (change.kind) {
            case proto::RoomChangeKind::Create:
                break;
            case proto::RoomChangeKind::Add:
                if (member != m_members.end()) {
                    effect = ChangeEffect::NoEffect;
                } else if (m_members.size() >= kMaxRoomMembers) {
                    effect = ChangeEffect::RoomFull;
                } else {
                    m_members[memberPeer] = RoomMember{change.member, memberPeer, false, position};
                    joined(change.member, memberPeer);
                }
                break;
            case proto::RoomChangeKind::Remove:
                if (member == m_members.end()) {
                    effect = ChangeEffect::NoEffect;
                } else {
                    m_members.erase(member);
                    removals[change.member].push_back(index);
                    m_everMember[memberPeer].epochs.back().second = m_epoch;
                    ++m_epoch;
                    handOverAdminIfNoneLeft();
                }
                break;
            case proto::RoomChangeKind::Promote:
                if (member == m_members.end() || member->second.admin) {
                    effect = ChangeEffect::NoEffect;
                } else {
                    member->second.admin = true;
                }
                break;
            case proto::RoomChangeKind::Rename:
                if (change.name == m_name) {
                    effect = ChangeEffect::NoEffect;
                } else {
                    m_name = change.name;
                }
                break;
            }
        }
        m_ordered.push_back(OrderedChange{m_hashes[index], change, effect});
    }
}

void MembershipLog::handOverAdminIfNoneLeft()
{
    // A room whose last admin left would be frozen: the member added
    // earliest becomes an admin, so no single member is needed.
    if (m_members.empty() ||
        std::any_of(m_members.begin(), m_members.end(), [](const auto& m) { return m.second.admin; })) {
        return;
    }
    auto earliest = std::min_element(m_members.begin(), m_members.end(), [](const auto& a, const auto& b) {
        return a.second.addedAt < b.second.addedAt;
    });
    earliest->second.admin = true;
}

bool MembershipLog::wasMemberIn(const PeerId& peer, std::uint32_t epoch) const
{
    const auto it = m_everMember.find(peer);
    if (it == m_everMember.end()) {
        return false;
    }
    return std::any_of(it->second.epochs.begin(), it->second.epochs.end(),
                       [epoch](const auto& range) { return range.first <= epoch && epoch <= range.second; });
}

std::optional<proto::IdentityKeyBytes> MembershipLog::identityKeyOf(const PeerId& peer) const
{
    const auto it = m_everMember.find(peer);
    if (it == m_everMember.end()) {
        return std::nullopt;
    }
    return it->second.identityKey;
}

const Bytes* MembershipLog::encoded(const proto::RoomChangeHash& hash) const
{
    const auto it = m_byHash.find(hash);
    return it == m_byHash.end() ? nullptr : &m_changes[it->second].encoded;
}

bool MembershipLog::isAdmin(const PeerId& peer) const
{
    const auto member = m_members.find(peer);
    return member != m_members.end() && member->second.admin;
}

std::vector<proto::RoomChangeHash> MembershipLog::heads() const
{
    std::vector<char> isParent(m_changes.size(), 0);
    for (const auto& parents : m_parentIndices) {
        for (const std::size_t parent : parents) {
            isParent[parent] = 1;
        }
    }
    std::vector<proto::RoomChangeHash> result;
    for (std::size_t i = 0; i < m_changes.size(); ++i) {
        if (isParent[i] == 0) {
            result.push_back(m_hashes[i]);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<Bytes>
MembershipLog::changesMissingFrom(const std::vector<proto::RoomChangeHash>& theirHeads) const
{
    // What they hold: their heads this log knows, and all their ancestors.
    std::vector<char> held(m_changes.size(), 0);
    std::vector<std::size_t> stack;
    for (const auto& head : theirHeads) {
        if (const auto known = m_byHash.find(head); known != m_byHash.end()) {
            stack.push_back(known->second);
        }
    }
    while (!stack.empty()) {
        const std::size_t at = stack.back();
        stack.pop_back();
        if (held[at] != 0) {
            continue;
        }
        held[at] = 1;
        stack.insert(stack.end(), m_parentIndices[at].begin(), m_parentIndices[at].end());
    }
    std::vector<Bytes> missing;
    for (const auto& ordered : m_ordered) {
        const std::size_t index = m_byHash.at(ordered.hash);
        if (held[index] == 0) {
            missing.push_back(m_changes[index].encoded);
        }
    }
    return missing;
}

Result<Bytes, ChangeEffect> MembershipLog::author(const crypto::IdentityKeyPair& author,
                                                  proto::RoomChangeKind kind,
                                                  const proto::IdentityKeyBytes& member,
                                                  const std::string& name, std::uint64_t timestampMs) const
{
    proto::RoomChange change;
    change.kind = kind;
    change.room = m_room;
    change.author = author.publicKey();
    change.timestampMs = timestampMs;
    auto parents = heads();
    if (parents.size() > proto::kMaxRoomChangeParents) {
        parents.resize(proto::kMaxRoomChangeParents);
    }
    change.parents = std::move(parents);
    change.member = member;
    change.name = name;
    change.signature = author.sign(proto::roomChangeSignedBytes(change));
    Bytes encoded = proto::encodeRoomChange(change);

    // Would the log apply it? Try it on a copy.
    MembershipLog trial = *this;
    if (!trial.add(encoded)) {
        return ChangeEffect::NoEffect;
    }
    const auto hash = roomChangeHash(encoded);
    const auto it = std::find_if(trial.m_ordered.begin(), trial.m_ordered.end(),
                                 [&](const OrderedChange& ordered) { return ordered.hash == hash; });
    if (it == trial.m_ordered.end() || it->effect != ChangeEffect::Applied) {
        return it == trial.m_ordered.end() ? ChangeEffect::NoEffect : it->effect;
    }
    return encoded;
}

} // namespace confab::rooms
