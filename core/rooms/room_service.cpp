#include "room_service.h"

#include "crypto/random.h"
#include "proto/limits.h"
#include "proto/receipt.h"
#include "proto/utf8.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRooms, "confab.rooms")

namespace confab::rooms {

namespace {

// Sender keys that came before the invitation to their room (relays do not
// keep order), held until it comes.
constexpr std::size_t kMaxEarlyKeys = 64;
// Invitations whose first batches came and whose last has not, at most.
constexpr std::size_t kMaxPartialInvitations = 4;

Bytes bytesOf(const proto::RoomId& room)
{
    return {room.begin(), room.end()};
}

proto::RoomId roomIdOf(ByteView bytes)
{
    proto::RoomId room{};
    std::copy_n(bytes.begin(), std::min(bytes.size(), room.size()), room.begin());
    return room;
}

QString shortPeer(const PeerId& peer)
{
    return QString::fromStdString(peer.toText().substr(0, 8));
}

std::array<std::uint8_t, 32> bytesOfSecret(const crypto::Secret<32>& secret)
{
    std::array<std::uint8_t, 32> out{};
    std::copy(secret.view().begin(), secret.view().end(), out.begin());
    return out;
}

storage::StoredRoomChain storedReader(const proto::RoomId& room, const ChainId& chain,
                                      const crypto::ReceiverChain& reader)
{
    storage::StoredRoomChain stored;
    stored.room = bytesOf(room);
    stored.sender = chain.sender;
    stored.epoch = chain.epoch;
    stored.keyId = chain.keyId;
    stored.firstIndex = reader.firstIndex();
    stored.nextIndex = reader.nextIndex();
    stored.chainKey = bytesOfSecret(reader.chainKey());
    for (const auto& [index, key] : reader.skippedKeys()) {
        stored.skipped.emplace(index, bytesOfSecret(key));
    }
    return stored;
}

// A room's or a message's name as the user gave it: trimmed, UTF-8, within
// the wire limit, without control characters.
std::optional<QString> roomNameProblem(const QString& name)
{
    const QByteArray utf8 = name.toUtf8();
    if (name.isEmpty()) {
        return QCoreApplication::translate("Rooms", "A room needs a name.");
    }
    if (static_cast<std::size_t>(utf8.size()) > proto::kMaxRoomNameBytes) {
        return QCoreApplication::translate("Rooms", "A room's name can be at most %1 bytes long.")
            .arg(proto::kMaxRoomNameBytes);
    }
    if (std::any_of(name.begin(), name.end(), [](QChar c) { return c.category() == QChar::Other_Control; })) {
        return QCoreApplication::translate("Rooms", "A room's name cannot contain control characters.");
    }
    return std::nullopt;
}

QString effectSentence(ChangeEffect effect, proto::RoomChangeKind kind)
{
    switch (effect) {
    case ChangeEffect::NotMember:
    case ChangeEffect::RemovedConcurrently:
        return QCoreApplication::translate("Rooms", "You are not a member of this room.");
    case ChangeEffect::NotAdmin:
        return QCoreApplication::translate("Rooms", "Only an admin of the room can do that.");
    case ChangeEffect::RoomFull:
        return QCoreApplication::translate("Rooms", "The room is full: it has %1 members.")
            .arg(kMaxRoomMembers);
    case ChangeEffect::Applied:
    case ChangeEffect::NoEffect:
        break;
    }
    switch (kind) {
    case proto::RoomChangeKind::Add:
        return QCoreApplication::translate("Rooms", "That peer is already a member of the room.");
    case proto::RoomChangeKind::Remove:
        return QCoreApplication::translate("Rooms", "That peer is not a member of the room.");
    case proto::RoomChangeKind::Promote:
        return QCoreApplication::translate("Rooms", "That member is already an admin.");
    case proto::RoomChangeKind::Rename:
        return QCoreApplication::translate("Rooms", "The room already has that name.");
    case proto::RoomChangeKind::Create:
        break;
    }
    return QCoreApplication::translate("Rooms", "That change would do nothing.");
}

} // namespace

RoomService::RoomService(session::MessagePort& port, storage::RoomStore& store,
                         const crypto::IdentityKeyPair& identity, Clock& clock, EnvelopeSender send,
                         QObject* parent)
    : QObject(parent), m_port(port), m_store(store), m_identity(identity), m_clock(clock),
      m_send(std::move(send))
{
    m_receiptTimer = m_clock.createTimer([this] { flushReceipts(); });
    m_replyTimer = m_clock.createTimer([this] {
        const auto due = std::exchange(m_summariesDue, {});
        for (const auto& [room, peer] : due) {
            if (const RoomState* state = find(room)) {
                sendSummary(*state, peer);
            }
        }
    });
    m_summaryTimer = m_clock.createTimer([this] { summariseToLinkedMembers(); });
    m_summaryTimer->startRepeating(kSummaryIntervalMs);
    load();
}

RoomService::~RoomService() = default;

QString RoomService::idText(const proto::RoomId& room)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(room.data()), static_cast<qsizetype>(room.size())).toHex());
}

void RoomService::load()
{
    for (const storage::StoredRoom& stored : m_store.rooms()) {
        const auto changes = m_store.changes(stored.id);
        const auto create = std::find_if(changes.begin(), changes.end(), [](const Bytes& change) {
            const auto decoded = proto::decodeRoomChange(change);
            return decoded && decoded.value().kind == proto::RoomChangeKind::Create;
        });
        if (create == changes.end()) {
            qCWarning(lcRooms) << "room" << idText(roomIdOf(stored.id)) << "has no create change; skipped";
            continue;
        }
        auto log = MembershipLog::fromCreate(*create);
        if (!log) {
            qCWarning(lcRooms) << "room" << idText(roomIdOf(stored.id)) << "has a bad create change; skipped";
            continue;
        }
        auto state = std::make_unique<RoomState>(std::move(log).value());
        for (const Bytes& change : changes) {
            state->log.add(change); // the Create comes back as SecondCreate or Duplicate
            state->storedChanges.insert(roomChangeHash(change));
        }
        for (const storage::StoredRoomChain& chain : m_store.chains(stored.id)) {
            if (chain.sender == m_identity.peerId()) {
                if (!state->ownChain || chain.epoch >= state->ownChain->epoch) {
                    state->ownChain = chain;
                }
                continue;
            }
            auto reader = crypto::ReceiverChain::restore(crypto::Secret<32>(chain.chainKey), chain.nextIndex,
                                                         chain.firstIndex);
            for (const auto& [index, key] : chain.skipped) {
                reader.restoreSkippedKey(index, crypto::Secret<32>(key));
            }
            state->readers.emplace(ChainId{chain.sender, chain.epoch, chain.keyId}, std::move(reader));
        }
        m_rooms.emplace(state->log.room(), std::move(state));
    }
}

RoomService::RoomState* RoomService::find(const proto::RoomId& room)
{
    const auto it = m_rooms.find(room);
    return it == m_rooms.end() ? nullptr : it->second.get();
}

const RoomService::RoomState* RoomService::find(const proto::RoomId& room) const
{
    const auto it = m_rooms.find(room);
    return it == m_rooms.end() ? nullptr : it->second.get();
}

RoomService::Outcome<proto::RoomId> RoomService::create(const QString& rawName,
                                                        const std::vector<proto::IdentityKeyBytes>& members)
{
    const QString name = rawName.trimmed();
    if (const auto problem = roomNameProblem(name)) {
        return *problem;
    }
    if (m_rooms.size() >= kMaxRooms) {
        return QCoreApplication::translate("Rooms", "This node is in %1 rooms already; leave one first.")
            .arg(kMaxRooms);
    }
    if (members.size() + 1 > kMaxRoomMembers) {
        return QCoreApplication::translate("Rooms", "A room can have at most %1 members.")
            .arg(kMaxRoomMembers);
    }
    proto::RoomId room{};
    crypto::randomBytes(room);
    const std::int64_t now = m_clock.wallMs();
    auto log = MembershipLog::fromCreate(
        MembershipLog::authorCreate(m_identity, room, name.toStdString(), static_cast<std::uint64_t>(now)));
    if (!log) {
        return QCoreApplication::translate("Rooms", "Could not create the room.");
    }
    auto state = std::make_unique<RoomState>(std::move(log).value());
    for (const auto& member : members) {
        if (member == m_identity.publicKey()) {
            continue;
        }
        auto change = state->log.author(m_identity, proto::RoomChangeKind::Add, member, {},
                                        static_cast<std::uint64_t>(now));
        if (change) {
            state->log.add(change.value());
        }
    }
    if (!m_store.saveRoom(storage::StoredRoom{bytesOf(room), name, false, now, now})) {
        return QCoreApplication::translate("Rooms", "Could not save the room.");
    }
    RoomState& saved = *m_rooms.emplace(room, std::move(state)).first->second;
    afterLogChanged(saved, {m_identity.peerId()});
    qCInfo(lcRooms) << "created room" << idText(room) << "with" << saved.log.members().size() << "members";
    return room;
}

RoomService::Outcome<bool> RoomService::publishChange(RoomState& state, proto::RoomChangeKind kind,
                                                      const proto::IdentityKeyBytes& member,
                                                      const std::string& name)
{
    auto change =
        state.log.author(m_identity, kind, member, name, static_cast<std::uint64_t>(m_clock.wallMs()));
    if (!change) {
        return effectSentence(change.error(), kind);
    }
    std::vector<PeerId> before;
    for (const auto& [peer, _] : state.log.members()) {
        before.push_back(peer);
    }
    state.log.add(change.value());
    // Everyone who was or is a member hears of it: a removed member learns
    // it is out, the others learn the change. New members get the whole log.
    for (const PeerId& peer : before) {
        if (peer != m_identity.peerId()) {
            sendChangesTo(state, peer, {change.value()});
        }
    }
    afterLogChanged(state, before);
    return true;
}

void RoomService::afterLogChanged(RoomState& state, const std::vector<PeerId>& membersBefore)
{
    persistChanges(state);
    const proto::RoomId& room = state.log.room();
    auto stored = m_store.room(bytesOf(room));
    if (stored) {
        stored->name = QString::fromStdString(state.log.name());
        stored->left = !state.log.isMember(m_identity.peerId());
        m_store.saveRoom(*stored);
    }
    if (state.log.isMember(m_identity.peerId())) {
        const auto all = state.log.changesMissingFrom({});
        for (const auto& [peer, member] : state.log.members()) {
            if (peer != m_identity.peerId() &&
                std::find(membersBefore.begin(), membersBefore.end(), peer) == membersBefore.end()) {
                sendChangesTo(state, peer, all); // the invitation: the whole log
            }
        }
        ensureOwnChain(state);
        for (const auto& [peer, member] : state.log.members()) {
            if (peer != m_identity.peerId()) {
                grantOwnKey(state, peer, false);
            }
        }
    }
    auto early = std::exchange(m_earlyKeys, {});
    for (auto& [sender, key] : early) {
        if (key.room == room) {
            onSenderKey(sender, proto::encodeRoomSenderKey(key));
        } else {
            m_earlyKeys.emplace_back(sender, key);
        }
    }
    emit roomChanged(room);
}

void RoomService::persistChanges(RoomState& state)
{
    const Bytes room = bytesOf(state.log.room());
    for (const OrderedChange& ordered : state.log.ordered()) {
        if (state.storedChanges.count(ordered.hash) == 0 &&
            m_store.addChange(room, ordered.hash, *state.log.encoded(ordered.hash))) {
            state.storedChanges.insert(ordered.hash);
        }
    }
}

void RoomService::ensureOwnChain(RoomState& state)
{
    const std::uint32_t epoch = state.log.epoch();
    if (state.ownChain && state.ownChain->epoch == epoch) {
        return;
    }
    // A new epoch (someone left or was removed): a fresh chain that only
    // the members from now on are given.
    const auto chain = crypto::SenderChain::generate();
    storage::StoredRoomChain stored;
    stored.room = bytesOf(state.log.room());
    stored.sender = m_identity.peerId();
    stored.epoch = epoch;
    crypto::randomBytes({reinterpret_cast<std::uint8_t*>(&stored.keyId), sizeof stored.keyId});
    stored.firstIndex = 0;
    stored.nextIndex = chain.nextIndex();
    stored.chainKey = bytesOfSecret(chain.chainKey());
    if (!m_store.saveChain(stored)) {
        qCWarning(lcRooms) << "could not save a new sender key for room" << idText(state.log.room());
        return;
    }
    state.ownChain = stored;
}

void RoomService::grantOwnKey(RoomState& state, const PeerId& member, bool resend)
{
    if (!state.ownChain) {
        return;
    }
    const auto& own = *state.ownChain;
    const auto grants = m_store.grants(own.room, member);
    const auto existing =
        std::find_if(grants.begin(), grants.end(), [&](const storage::StoredRoomKeyGrant& g) {
            return g.epoch == own.epoch && g.keyId == own.keyId;
        });
    storage::StoredRoomKeyGrant grant;
    if (existing != grants.end()) {
        if (!resend) {
            return;
        }
        grant = *existing;
    } else {
        // From the next message on: a new member reads what is said after
        // it joined, not before.
        grant =
            storage::StoredRoomKeyGrant{own.room, member, own.epoch, own.keyId, own.nextIndex, own.chainKey};
        if (!m_store.saveGrant(grant)) {
            return;
        }
    }
    proto::RoomSenderKey key;
    key.room = state.log.room();
    key.epoch = grant.epoch;
    key.keyId = grant.keyId;
    key.firstIndex = grant.firstIndex;
    key.chainKey = grant.chainKey;
    m_send(member, proto::EnvelopeKind::RoomSenderKey, proto::encodeRoomSenderKey(key));
}

void RoomService::sendChangesTo(const RoomState& state, const PeerId& member,
                                const std::vector<Bytes>& changes)
{
    proto::RoomChangeBatch batch;
    batch.room = state.log.room();
    std::size_t bytes = 0;
    const auto flush = [&] {
        if (!batch.changes.empty()) {
            m_send(member, proto::EnvelopeKind::RoomChanges, proto::encodeRoomChangeBatch(batch));
            batch.changes.clear();
            bytes = 0;
        }
    };
    for (const Bytes& change : changes) {
        if (batch.changes.size() == proto::kMaxRoomChangesPerBatch ||
            bytes + change.size() > kMaxChangeBatchBytes) {
            flush();
        }
        batch.changes.push_back(change);
        bytes += change.size() + 2;
    }
    flush();
}

std::vector<ReadableChain> RoomService::readableChains(const RoomState& state) const
{
    std::vector<ReadableChain> readable;
    if (state.ownChain) {
        readable.push_back({ChainId{m_identity.peerId(), state.ownChain->epoch, state.ownChain->keyId}, 0});
    }
    for (const auto& [chain, reader] : state.readers) {
        readable.push_back({chain, reader.firstIndex()});
    }
    return readable;
}

void RoomService::sendSummary(const RoomState& state, const PeerId& member)
{
    proto::RoomSummary summary;
    summary.room = state.log.room();
    summary.heads = state.log.heads();
    if (summary.heads.size() > proto::kMaxRoomSummaryHeads) {
        summary.heads.resize(proto::kMaxRoomSummaryHeads);
    }
    summary.chains = holdingsOf(readableChains(state), m_store.heldIndices(bytesOf(summary.room)));
    m_lastSummarySent[{summary.room, member}] = m_clock.monotonicMs();
    m_send(member, proto::EnvelopeKind::RoomSummary, proto::encodeRoomSummary(summary));
}

void RoomService::sendSummarySoon(const proto::RoomId& room, const PeerId& member)
{
    const auto last = m_lastSummarySent.find({room, member});
    const std::int64_t now = m_clock.monotonicMs();
    if (last == m_lastSummarySent.end() || now - last->second >= kSummaryReplyGapMs) {
        if (const RoomState* state = find(room)) {
            sendSummary(*state, member);
        }
        return;
    }
    m_summariesDue.insert({room, member});
    if (!m_replyTimer->isActive()) {
        m_replyTimer->start(kSummaryReplyGapMs - (now - last->second));
    }
}

void RoomService::broadcast(const RoomState& state, ByteView wire)
{
    for (const auto& [peer, member] : state.log.members()) {
        if (peer != m_identity.peerId()) {
            m_send(peer, proto::EnvelopeKind::RoomMessage, wire);
        }
    }
}

RoomService::Outcome<storage::StoredRoomMessage> RoomService::sendText(const proto::RoomId& room,
                                                                       const QString& text)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    if (!state->log.isMember(m_identity.peerId())) {
        return QCoreApplication::translate("Rooms", "You are no longer a member of this room.");
    }
    if (text.trimmed().isEmpty()) {
        return QCoreApplication::translate("Rooms", "The message is empty.");
    }
    const QByteArray utf8 = text.toUtf8();
    if (static_cast<std::size_t>(utf8.size()) > proto::kMaxTextBytes) {
        return QCoreApplication::translate("Rooms", "The message is too long: at most %1 bytes.")
            .arg(proto::kMaxTextBytes);
    }
    proto::RoomContent content;
    content.kind = proto::RoomContentKind::Text;
    content.timestampMs = static_cast<std::uint64_t>(m_clock.wallMs());
    content.body.assign(utf8.begin(), utf8.end());
    return sendContent(*state, content);
}

RoomService::Outcome<storage::StoredRoomMessage> RoomService::sendContent(RoomState& state,
                                                                          const proto::RoomContent& content)
{
    ensureOwnChain(state);
    if (!state.ownChain) {
        return QCoreApplication::translate("Rooms", "Could not save the room's key.");
    }
    storage::StoredRoomChain& own = *state.ownChain;
    proto::RoomMessage message;
    message.room = state.log.room();
    message.id = crypto::randomMessageId();
    message.sender = m_identity.peerId();
    message.epoch = own.epoch;
    message.keyId = own.keyId;
    message.chainIndex = own.nextIndex;
    auto chain = crypto::SenderChain::fromKey(crypto::Secret<32>(own.chainKey), own.nextIndex);
    auto sealed = chain.encrypt(proto::roomMessageHeaderBytes(message), proto::encodeRoomContent(content));
    message.ciphertext = std::move(sealed.ciphertext);
    message.signature = m_identity.sign(proto::roomMessageSignedBytes(message));

    // The chain moves on in storage before anything is sent: after a crash
    // a message key is never used twice.
    storage::StoredRoomChain advanced = own;
    advanced.nextIndex = chain.nextIndex();
    advanced.chainKey = bytesOfSecret(chain.chainKey());
    if (!m_store.saveChain(advanced)) {
        return QCoreApplication::translate("Rooms", "Could not save the message.");
    }
    own = advanced;

    storage::StoredRoomMessage stored;
    stored.room = bytesOf(message.room);
    stored.id = message.id;
    stored.sender = message.sender;
    stored.epoch = message.epoch;
    stored.keyId = message.keyId;
    stored.chainIndex = message.chainIndex;
    stored.wire = proto::encodeRoomMessage(message);
    stored.outgoing = true;
    stored.decrypted = true;
    stored.kind = static_cast<int>(content.kind);
    if (content.kind == proto::RoomContentKind::Text) {
        stored.text = QString::fromUtf8(reinterpret_cast<const char*>(content.body.data()),
                                        static_cast<qsizetype>(content.body.size()));
    }
    stored.sentMs = static_cast<std::int64_t>(content.timestampMs);
    stored.storedMs = m_clock.wallMs();
    stored.read = true;
    const auto seq = m_store.insertMessage(stored);
    if (!seq) {
        return QCoreApplication::translate("Rooms", "Could not save the message.");
    }
    stored.seq = *seq;
    broadcast(state, stored.wire);
    if (content.kind == proto::RoomContentKind::Text) {
        emit messageStored(stored);
    }
    return stored;
}

std::size_t RoomService::markRead(const proto::RoomId& room)
{
    if (find(room) == nullptr) {
        return 0;
    }
    const auto ids = m_store.markRoomRead(bytesOf(room));
    std::map<PeerId, std::vector<MessageId>> bySender;
    for (const MessageId& id : ids) {
        if (const auto message = m_store.message(id)) {
            bySender[message->sender].push_back(id);
        }
    }
    for (const auto& [sender, read] : bySender) {
        sendReceipt(room, sender, proto::ReceiptState::Read, read);
    }
    return ids.size();
}

void RoomService::flushReceipts()
{
    const auto pending = std::exchange(m_pendingDelivered, {});
    for (const auto& [to, ids] : pending) {
        sendReceipt(to.first, to.second, proto::ReceiptState::Delivered, ids);
    }
}

void RoomService::sendReceipt(const proto::RoomId& room, const PeerId& sender, proto::ReceiptState state,
                              const std::vector<MessageId>& ids)
{
    for (std::size_t at = 0; at < ids.size(); at += proto::kMaxReceiptIds) {
        const auto end = std::min(ids.size(), at + proto::kMaxReceiptIds);
        proto::RoomReceipt receipt;
        receipt.room = room;
        receipt.receipt.state = state;
        receipt.receipt.ids.assign(ids.begin() + static_cast<std::ptrdiff_t>(at),
                                   ids.begin() + static_cast<std::ptrdiff_t>(end));
        m_send(sender, proto::EnvelopeKind::RoomReceipt, proto::encodeRoomReceipt(receipt));
    }
}

void RoomService::onRoomReceipt(const PeerId& from, ByteView body)
{
    const auto receipt = proto::decodeRoomReceipt(body);
    if (!receipt) {
        warnOnce(from, QStringLiteral("a malformed room receipt"));
        return;
    }
    const RoomState* state = find(receipt.value().room);
    if (state == nullptr || !state->log.identityKeyOf(from)) {
        warnOnce(from, QStringLiteral("a room receipt from a peer that was never a member"));
        return;
    }
    const Bytes room = bytesOf(receipt.value().room);
    bool changed = false;
    for (const MessageId& id : receipt.value().receipt.ids) {
        // Only for this node's own messages of that room: nobody else's
        // receipts are kept.
        const auto message = m_store.message(id);
        if (message && message->outgoing && message->room == room) {
            changed =
                m_store.setReceipt(id, from, static_cast<int>(receipt.value().receipt.state)) || changed;
        }
    }
    if (changed) {
        emit receiptsChanged(receipt.value().room);
    }
}

RoomService::Outcome<bool> RoomService::invite(const proto::RoomId& room,
                                               const proto::IdentityKeyBytes& member)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    return publishChange(*state, proto::RoomChangeKind::Add, member, {});
}

RoomService::Outcome<bool> RoomService::remove(const proto::RoomId& room, const PeerId& member)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    if (!state->log.isMember(member)) {
        return QCoreApplication::translate("Rooms", "That peer is not a member of the room.");
    }
    return publishChange(*state, proto::RoomChangeKind::Remove, *state->log.identityKeyOf(member), {});
}

RoomService::Outcome<bool> RoomService::promote(const proto::RoomId& room, const PeerId& member)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    if (!state->log.isMember(member)) {
        return QCoreApplication::translate("Rooms", "That peer is not a member of the room.");
    }
    return publishChange(*state, proto::RoomChangeKind::Promote, *state->log.identityKeyOf(member), {});
}

RoomService::Outcome<bool> RoomService::rename(const proto::RoomId& room, const QString& rawName)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    const QString name = rawName.trimmed();
    if (const auto problem = roomNameProblem(name)) {
        return *problem;
    }
    return publishChange(*state, proto::RoomChangeKind::Rename, {}, name.toStdString());
}

RoomService::Outcome<bool> RoomService::leave(const proto::RoomId& room)
{
    RoomState* state = find(room);
    if (state == nullptr) {
        return QCoreApplication::translate("Rooms", "No such room.");
    }
    return publishChange(*state, proto::RoomChangeKind::Remove, m_identity.publicKey(), {});
}

void RoomService::acceptEnvelope(const PeerId& from, const proto::Envelope& envelope)
{
    switch (envelope.kind) {
    case proto::EnvelopeKind::RoomChanges:
        onChanges(from, envelope.body);
        break;
    case proto::EnvelopeKind::RoomSenderKey:
        onSenderKey(from, envelope.body);
        break;
    case proto::EnvelopeKind::RoomMessage:
        onRoomMessage(from, envelope.body);
        break;
    case proto::EnvelopeKind::RoomSummary:
        onSummary(from, envelope.body);
        break;
    case proto::EnvelopeKind::RoomReceipt:
        onRoomReceipt(from, envelope.body);
        break;
    default:
        break;
    }
}

void RoomService::onChanges(const PeerId& from, ByteView body)
{
    auto batch = proto::decodeRoomChangeBatch(body);
    if (!batch) {
        warnOnce(from, QStringLiteral("a malformed room change batch"));
        return;
    }
    RoomState* state = find(batch.value().room);
    if (state == nullptr) {
        // An invitation: the whole log, which must make this node a member
        // and show that the peer who sent it is one. A log too long for one
        // batch comes in several, the Create in the first: the log so far
        // waits for the rest.
        if (m_rooms.size() >= kMaxRooms) {
            warnOnce(from, QStringLiteral("an invitation to a room beyond the room limit"));
            return;
        }
        const proto::RoomId room = batch.value().room;
        std::optional<MembershipLog> log;
        const auto partial =
            std::find_if(m_partialInvitations.begin(), m_partialInvitations.end(),
                         [&](const PartialInvitation& p) { return p.from == from && p.log.room() == room; });
        if (partial != m_partialInvitations.end()) {
            log.emplace(std::move(partial->log));
            m_partialInvitations.erase(partial);
        } else {
            const auto create = std::find_if(
                batch.value().changes.begin(), batch.value().changes.end(), [](const Bytes& change) {
                    const auto decoded = proto::decodeRoomChange(change);
                    return decoded && decoded.value().kind == proto::RoomChangeKind::Create;
                });
            if (create == batch.value().changes.end()) {
                return; // changes of a room this node is not in (yet): catch-up brings the log
            }
            auto created = MembershipLog::fromCreate(*create);
            if (!created) {
                warnOnce(from, QStringLiteral("an invitation with a forged create change"));
                return;
            }
            log.emplace(std::move(created).value());
        }
        for (const Bytes& change : batch.value().changes) {
            log->add(change);
        }
        if (!log->isMember(m_identity.peerId()) || !log->isMember(from)) {
            if (m_partialInvitations.size() >= kMaxPartialInvitations) {
                m_partialInvitations.erase(m_partialInvitations.begin());
            }
            m_partialInvitations.push_back({from, std::move(*log)});
            return;
        }
        std::erase_if(m_partialInvitations, [&](const PartialInvitation& p) { return p.log.room() == room; });
        const std::int64_t now = m_clock.wallMs();
        if (!m_store.saveRoom(
                storage::StoredRoom{bytesOf(room), QString::fromStdString(log->name()), false, now, now})) {
            return;
        }
        RoomState& joined =
            *m_rooms.emplace(room, std::make_unique<RoomState>(std::move(*log))).first->second;
        qCInfo(lcRooms) << "joined room" << idText(room) << "on an invitation from" << shortPeer(from);
        std::vector<PeerId> members;
        for (const auto& [peer, _] : joined.log.members()) {
            members.push_back(peer); // each has the log already: no invitations from here
        }
        afterLogChanged(joined, members);
        sendSummary(joined, from);
        return;
    }
    // Changes carry their authors' signatures and the log checks each, so
    // they are taken from whoever passes them on: a member added while this
    // node was away is not known as one until its changes are.
    std::vector<PeerId> before;
    for (const auto& [peer, _] : state->log.members()) {
        before.push_back(peer);
    }
    bool took = false;
    bool waiting = false;
    for (const Bytes& change : batch.value().changes) {
        const auto added = state->log.add(change);
        if (added) {
            took = took || added.value() == MembershipLog::Added::Taken;
            waiting = waiting || added.value() == MembershipLog::Added::Pending;
        } else if (added.error() != LogError::Duplicate) {
            warnOnce(
                from,
                QStringLiteral("a room change refused: %1").arg(QString::fromUtf8(toString(added.error()))));
        }
    }
    if (took) {
        afterLogChanged(*state, before);
    }
    if (waiting && state->log.isMember(from)) {
        sendSummarySoon(state->log.room(), from); // our heads tell it what we lack
    }
}

void RoomService::onSenderKey(const PeerId& from, ByteView body)
{
    auto key = proto::decodeRoomSenderKey(body);
    if (!key) {
        warnOnce(from, QStringLiteral("a malformed room sender key"));
        return;
    }
    RoomState* state = find(key.value().room);
    if (state == nullptr || !state->log.identityKeyOf(from)) {
        // Before the invitation to its room, or before the change that adds
        // its sender: afterLogChanged() takes it up.
        if (m_earlyKeys.size() == kMaxEarlyKeys) {
            m_earlyKeys.erase(m_earlyKeys.begin());
        }
        m_earlyKeys.emplace_back(from, key.value());
        return;
    }
    if (!state->log.wasMemberIn(from, key.value().epoch)) {
        warnOnce(from, QStringLiteral("a sender key for a room epoch it was not a member in"));
        return;
    }
    const ChainId chain{from, key.value().epoch, key.value().keyId};
    if (state->readers.count(chain) != 0) {
        return; // sent again: the one held is the same or older and in use
    }
    const crypto::ReceiverChain reader(crypto::Secret<32>(key.value().chainKey), key.value().firstIndex);
    if (!m_store.saveChain(storedReader(state->log.room(), chain, reader))) {
        return;
    }
    state->readers.emplace(chain, reader);
    openWaiting(*state, chain);
}

void RoomService::onRoomMessage(const PeerId& from, ByteView body)
{
    auto message = proto::decodeRoomMessage(body);
    if (!message) {
        warnOnce(from, QStringLiteral("a malformed room message"));
        return;
    }
    RoomState* state = find(message.value().room);
    if (state == nullptr) {
        return; // a room this node is not in (any more)
    }
    // A member that left or was removed could otherwise go on writing in
    // the epoch it was a member in. What it sent while it was one comes
    // from the members that took it then.
    if (from == message.value().sender && !state->log.isMember(from)) {
        warnOnce(from, QStringLiteral("a room message from its sender, not a member (any more)"));
        return;
    }
    acceptRoomMessage(*state, message.value(), body);
}

bool RoomService::acceptRoomMessage(RoomState& state, const proto::RoomMessage& message, ByteView wire)
{
    if (!state.log.isMember(m_identity.peerId())) {
        return false;
    }
    const auto key = state.log.identityKeyOf(message.sender);
    if (!key || !state.log.wasMemberIn(message.sender, message.epoch)) {
        warnOnce(message.sender, QStringLiteral("a room message from a peer that was not a member then"));
        return false;
    }
    if (!crypto::verifySignature(*key, proto::roomMessageSignedBytes(message), message.signature)) {
        warnOnce(message.sender, QStringLiteral("a room message with a bad signature"));
        return false;
    }
    storage::StoredRoomMessage stored;
    stored.room = bytesOf(message.room);
    stored.id = message.id;
    stored.sender = message.sender;
    stored.epoch = message.epoch;
    stored.keyId = message.keyId;
    stored.chainIndex = message.chainIndex;
    stored.wire.assign(wire.begin(), wire.end());
    stored.outgoing = message.sender == m_identity.peerId();
    stored.read = stored.outgoing;
    stored.storedMs = m_clock.wallMs();
    const auto seq = m_store.insertMessage(stored);
    if (!seq) {
        return false; // held already (or not storable: catch-up brings it again)
    }
    stored.seq = *seq;
    openMessage(state, stored);
    return true;
}

void RoomService::openMessage(RoomState& state, const storage::StoredRoomMessage& stored)
{
    const ChainId chain{stored.sender, stored.epoch, stored.keyId};
    const auto reader = state.readers.find(chain);
    if (reader == state.readers.end()) {
        return; // its key has not come yet; openWaiting() reads it then
    }
    const auto message = proto::decodeRoomMessage(stored.wire);
    if (!message) {
        return;
    }
    crypto::ReceiverChain trial = reader->second;
    auto plaintext = trial.decrypt(message.value().chainIndex, proto::roomMessageHeaderBytes(message.value()),
                                   message.value().ciphertext);
    if (!plaintext) {
        warnOnce(stored.sender, QStringLiteral("a room message that does not decrypt: %1")
                                    .arg(QString::fromUtf8(crypto::toString(plaintext.error()))));
        return;
    }
    if (!m_store.saveChain(storedReader(state.log.room(), chain, trial))) {
        return;
    }
    reader->second = std::move(trial);
    const auto content = proto::decodeRoomContent(plaintext.value());
    if (!content) {
        warnOnce(stored.sender, QStringLiteral("a room message whose content is malformed"));
        return;
    }
    storage::StoredRoomMessage opened = stored;
    opened.decrypted = true;
    opened.kind = static_cast<int>(content.value().kind);
    opened.sentMs = static_cast<std::int64_t>(content.value().timestampMs);
    if (content.value().kind == proto::RoomContentKind::Text) {
        opened.text = QString::fromUtf8(reinterpret_cast<const char*>(content.value().body.data()),
                                        static_cast<qsizetype>(content.value().body.size()));
    }
    if (!m_store.markDecrypted(opened.seq, opened.kind, opened.text, opened.sentMs,
                               content.value().kind == proto::RoomContentKind::Text)) {
        return;
    }
    applyContent(state, opened, content.value());
}

void RoomService::applyContent(RoomState& state, const storage::StoredRoomMessage& stored,
                               const proto::RoomContent& content)
{
    switch (content.kind) {
    case proto::RoomContentKind::Text:
        emit messageStored(stored);
        if (!stored.outgoing) {
            // Gathered for a while: one receipt then covers what came meanwhile.
            m_pendingDelivered[{state.log.room(), stored.sender}].push_back(stored.id);
            if (!m_receiptTimer->isActive()) {
                m_receiptTimer->start(kDeliveredReceiptDelayMs);
            }
        }
        break;
    }
}

void RoomService::openWaiting(RoomState& state, const ChainId& chain)
{
    auto waiting = m_store.undecrypted(bytesOf(state.log.room()), chain.sender, chain.epoch, chain.keyId);
    std::sort(waiting.begin(), waiting.end(),
              [](const auto& a, const auto& b) { return a.chainIndex < b.chainIndex; });
    for (const auto& stored : waiting) {
        openMessage(state, stored);
    }
}

void RoomService::onSummary(const PeerId& from, ByteView body)
{
    auto summary = proto::decodeRoomSummary(body);
    if (!summary) {
        warnOnce(from, QStringLiteral("a malformed room summary"));
        return;
    }
    RoomState* state = find(summary.value().room);
    if (state == nullptr || !state->log.isMember(m_identity.peerId())) {
        return;
    }
    if (!state->log.isMember(from)) {
        // It may have been removed without knowing: the changes tell it.
        if (state->log.identityKeyOf(from)) {
            sendChangesTo(*state, from, state->log.changesMissingFrom(summary.value().heads));
        }
        // Or added while this node was away: heads this node lacks make it
        // answer with its own, so the sender passes the changes on.
        const auto& heads = summary.value().heads;
        if (std::any_of(heads.begin(), heads.end(),
                        [&](const auto& head) { return !state->log.contains(head); })) {
            sendSummarySoon(state->log.room(), from);
        }
        return;
    }
    const proto::RoomId room = state->log.room();
    m_heardFrom.insert({room, from});
    bool answerWithSummary = false;

    const auto changes = state->log.changesMissingFrom(summary.value().heads);
    if (!changes.empty()) {
        sendChangesTo(*state, from, changes);
    }
    answerWithSummary = std::any_of(summary.value().heads.begin(), summary.value().heads.end(),
                                    [&](const auto& head) { return !state->log.contains(head); });

    const auto held = m_store.heldIndices(bytesOf(room));
    const auto missing = missingFrom(summary.value().chains, held, kCatchUpBatch);
    std::size_t sent = 0;
    for (const auto& [chain, indices] : missing) {
        for (const Bytes& wire : m_store.wireOf(bytesOf(room), chain, indices, kCatchUpBatch - sent)) {
            m_send(from, proto::EnvelopeKind::RoomMessage, wire);
            ++sent;
        }
    }
    // More than one batch: our summary makes it ask for the next.
    answerWithSummary = answerWithSummary || sent == kCatchUpBatch ||
                        holdsMoreThan(summary.value().chains, readableChains(*state), held);

    if (state->ownChain) {
        const ChainId own{m_identity.peerId(), state->ownChain->epoch, state->ownChain->keyId};
        const bool holdsOwn = std::any_of(summary.value().chains.begin(), summary.value().chains.end(),
                                          [&](const proto::RoomChainHolding& h) {
                                              return ChainId{h.sender, h.epoch, h.keyId} == own;
                                          });
        if (!holdsOwn) {
            grantOwnKey(*state, from, true);
            // Our summary, after the key, shows what it lacks of our chain:
            // its answer brings those messages.
            answerWithSummary = true;
        }
    }
    if (answerWithSummary) {
        sendSummarySoon(room, from);
    }
}

void RoomService::peerReachable(const PeerId& peer)
{
    for (const auto& [room, state] : m_rooms) {
        if (state->log.isMember(m_identity.peerId()) && state->log.isMember(peer) &&
            peer != m_identity.peerId()) {
            if (m_heardFrom.count({room, peer}) == 0) {
                sendChangesTo(*state, peer, state->log.changesMissingFrom({}));
            }
            sendSummary(*state, peer);
        }
    }
}

void RoomService::summariseToLinkedMembers()
{
    for (const PeerId& peer : m_port.connectedPeers()) {
        peerReachable(peer);
    }
}

void RoomService::warnOnce(const PeerId& from, const QString& what)
{
    if (m_warned.insert({from, what}).second) {
        qCWarning(lcRooms) << "dropped" << what << "from" << shortPeer(from);
    }
}

RoomView RoomService::viewOf(const RoomState& state) const
{
    RoomView view;
    view.id = state.log.room();
    view.name = QString::fromStdString(state.log.name());
    for (const auto& [peer, member] : state.log.members()) {
        view.members.push_back({peer, member.admin});
    }
    view.left = !state.log.isMember(m_identity.peerId());
    view.admin = state.log.isAdmin(m_identity.peerId());
    view.epoch = state.log.epoch();
    view.unread = m_store.unreadCount(bytesOf(view.id));
    if (const auto stored = m_store.room(bytesOf(view.id))) {
        view.lastActivityMs = stored->lastActivityMs;
    }
    return view;
}

std::vector<RoomView> RoomService::rooms() const
{
    std::vector<RoomView> views;
    for (const auto& [room, state] : m_rooms) {
        views.push_back(viewOf(*state));
    }
    std::stable_sort(views.begin(), views.end(), [](const RoomView& a, const RoomView& b) {
        return a.lastActivityMs > b.lastActivityMs;
    });
    return views;
}

std::optional<RoomView> RoomService::room(const proto::RoomId& room) const
{
    const RoomState* state = find(room);
    if (state == nullptr) {
        return std::nullopt;
    }
    return viewOf(*state);
}

RoomService::Outcome<proto::RoomId> RoomService::resolve(const QString& idOrName) const
{
    const QString wanted = idOrName.trimmed();
    std::vector<proto::RoomId> byName;
    std::vector<proto::RoomId> byId;
    // Any length from 6 digits on: an odd one does not survive a round trip
    // through bytes. Ids are all hex, so anything else matches none.
    const bool mayBeId = wanted.size() >= 6;
    for (const auto& [room, state] : m_rooms) {
        if (QString::fromStdString(state->log.name()) == wanted) {
            byName.push_back(room);
        }
        if (mayBeId && idText(room).startsWith(wanted.toLower())) {
            byId.push_back(room);
        }
    }
    if (byId.size() == 1) {
        return byId.front();
    }
    if (byName.size() == 1) {
        return byName.front();
    }
    if (byName.size() > 1 || byId.size() > 1) {
        return QCoreApplication::translate(
                   "Rooms",
                   "Several rooms match \"%1\"; use more of the room's id (`confabctl rooms` lists them).")
            .arg(wanted);
    }
    return QCoreApplication::translate("Rooms", "No room called \"%1\"; `confabctl rooms` lists the rooms.")
        .arg(wanted);
}

std::vector<RoomMessageView> RoomService::history(const proto::RoomId& room, std::size_t limit) const
{
    std::vector<RoomMessageView> views;
    for (auto& message :
         m_store.messages(bytesOf(room), static_cast<int>(proto::RoomContentKind::Text), limit)) {
        RoomMessageView view;
        view.receipts = m_store.receipts(message.id);
        view.message = std::move(message);
        views.push_back(std::move(view));
    }
    return views;
}

std::vector<RoomChangeLine> RoomService::changeLines(const proto::RoomId& room) const
{
    std::vector<RoomChangeLine> lines;
    if (const RoomState* state = find(room)) {
        for (const OrderedChange& ordered : state->log.ordered()) {
            lines.push_back({ordered.change, ordered.effect});
        }
    }
    return lines;
}

} // namespace confab::rooms
