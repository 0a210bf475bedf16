#include "chat/chat_service.h"
#include "crypto/identity.h"
#include "crypto/random.h"
#include "proto/limits.h"
#include "proto/message_change.h"
#include "session/link_manager.h"
#include "sim/sim_network.h"
#include "storage/database.h"
#include "support/memory_trust_store.h"
#include "support/offset_clock.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"
#include "unit/session/noise_peer.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
#include <optional>

namespace confab::chat {
namespace {

using confab::test::runFor;
using confab::test::runUntil;
using storage::MessageState;
using storage::StoredMessage;

constexpr quint16 kPort = 42042;
// Long enough for anything these tests wait for; it is virtual time.
constexpr std::int64_t kPatienceMs = 60'000;

// A message on its way out of a port, decoded when it is an envelope.
struct Outgoing {
    PeerId to;
    proto::LinkMessageType type;
    std::optional<proto::Envelope> envelope;
    bool accepted = false; // the port took it (a link was up)
};

// The links' MessagePort, passed through, with everything sent through it
// recorded: what a service says is checked where it says it.
class RecordingPort : public session::MessagePort {
public:
    explicit RecordingPort(session::MessagePort& inner) : m_inner(inner)
    {
        connect(&inner, &MessagePort::peerConnected, this, &MessagePort::peerConnected);
        connect(&inner, &MessagePort::peerDisconnected, this, &MessagePort::peerDisconnected);
        connect(&inner, &MessagePort::linkReplaced, this, &MessagePort::linkReplaced);
        connect(&inner, &MessagePort::blockChanged, this, &MessagePort::blockChanged);
    }

    [[nodiscard]] const PeerId& self() const override { return m_inner.self(); }
    bool send(const PeerId& peer, proto::LinkMessageType type, ByteView body) override
    {
        Outgoing out{peer, type, std::nullopt, false};
        if (type == proto::LinkMessageType::Envelope) {
            if (auto envelope = proto::decodeEnvelope(body)) {
                out.envelope = std::move(envelope).value();
            }
        }
        out.accepted = m_inner.send(peer, type, body);
        sent.push_back(std::move(out));
        return sent.back().accepted;
    }
    [[nodiscard]] bool isConnected(const PeerId& peer) const override { return m_inner.isConnected(peer); }
    [[nodiscard]] std::vector<PeerId> connectedPeers() const override { return m_inner.connectedPeers(); }
    [[nodiscard]] std::optional<session::PeerLinkInfo> linkInfo(const PeerId& peer) const override
    {
        return m_inner.linkInfo(peer);
    }
    void setHandler(proto::LinkMessageType type, Handler handler) override
    {
        m_inner.setHandler(type, std::move(handler));
    }
    void dropPeer(const PeerId& peer, const QString& reason) override { m_inner.dropPeer(peer, reason); }
    [[nodiscard]] bool isBlocked(const PeerId& peer) const override { return m_inner.isBlocked(peer); }

    std::vector<Outgoing> sent;

private:
    session::MessagePort& m_inner;
};

// Identity, trust and links of one node on a simulated host, listening on kPort.
class LinkSide {
public:
    LinkSide(sim::SimNetwork& network, const QString& address, const QString& name)
        : m_clock(network.clock()), m_host(network.addHost(address)),
          m_links(m_identity, m_trust, m_host, network.clock(), session::LinkTimings{}),
          m_listener(m_host.createListener())
    {
        EXPECT_TRUE(m_listener->listen({address, kPort}, true));
        QObject::connect(m_listener.get(), &net::StreamListener::accepted, &m_links,
                         &session::LinkManager::acceptIncoming);
        m_links.setOwnInfo(name, kPort);
        QObject::connect(&m_links, &session::MessagePort::peerConnected, &m_links,
                         [this](const PeerId&) { connects.push_back(m_clock.monotonicMs()); });
        QObject::connect(&m_links, &session::MessagePort::peerDisconnected, &m_links,
                         [this](const PeerId&, const QString& reason) { disconnects.append(reason); });
    }

    [[nodiscard]] PeerId id() const { return m_identity.peerId(); }
    session::LinkManager& links() { return m_links; }
    [[nodiscard]] net::HostPort address() const { return {m_host.address(), kPort}; }

    // Dials `other` and runs until both ends have the link.
    bool connectTo(LinkSide& other)
    {
        m_links.dial(other.address(), other.id());
        return runUntil(
            m_clock, [&] { return m_links.isConnected(other.id()) && other.links().isConnected(id()); },
            kPatienceMs);
    }

    // A side without a chat service: keeps every envelope that arrives, decoded
    // (receipts included), with its virtual arrival time.
    void recordEnvelopes()
    {
        m_links.setHandler(proto::LinkMessageType::Envelope,
                           [this](const PeerId&, const std::vector<Bytes>& bodies) {
                               for (const Bytes& body : bodies) {
                                   if (auto envelope = proto::decodeEnvelope(body)) {
                                       envelopes.push_back(envelope.value());
                                       envelopeTimes.push_back(m_clock.monotonicMs());
                                   }
                               }
                           });
    }

    std::vector<proto::Envelope> envelopes;
    std::vector<std::int64_t> envelopeTimes;
    std::vector<std::int64_t> connects;
    QStringList disconnects;

private:
    confab::test::VirtualClock& m_clock;
    crypto::IdentityKeyPair m_identity = crypto::IdentityKeyPair::generate();
    confab::test::MemoryTrustStore m_trust;
    sim::SimHost& m_host;
    session::LinkManager m_links;
    std::unique_ptr<net::StreamListener> m_listener;
};

// A LinkSide with a database and a ChatService on top, recording its signals
// and what it sends. Its wall clock reads `wallStartMs` at virtual time 0.
class ChatSide : public LinkSide {
public:
    ChatSide(sim::SimNetwork& network, const QString& address, const QString& name, std::int64_t wallStartMs)
        : LinkSide(network, address, name), m_virtual(network.clock()), m_clock(network.clock(), wallStartMs),
          m_port(links())
    {
        auto db = storage::Database::open(m_dir.path(QStringLiteral("confab.db")));
        EXPECT_TRUE(db);
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::MessageStore>(*m_db);
        m_chat = std::make_unique<ChatService>(m_port, *m_store, m_clock);
        QObject::connect(m_chat.get(), &ChatService::messageStored, m_chat.get(),
                         [this](const StoredMessage& message) { stored.push_back(message); });
        QObject::connect(m_chat.get(), &ChatService::messageStateChanged, m_chat.get(),
                         [this](const StoredMessage& message) {
                             changes.push_back(message);
                             changeTimes.push_back(m_virtual.monotonicMs());
                         });
        QObject::connect(
            m_chat.get(), &ChatService::conversationRead, m_chat.get(),
            [this](const PeerId& peer, std::size_t count) { conversationsRead.emplace_back(peer, count); });
    }
    ~ChatSide()
    {
        m_chat.reset();
        m_store.reset();
    }
    ChatSide(const ChatSide&) = delete;
    ChatSide& operator=(const ChatSide&) = delete;

    ChatService& chat() { return *m_chat; }
    storage::MessageStore& store() { return *m_store; }
    RecordingPort& port() { return m_port; }

    // Sends and runs until the store's verdict.
    ChatService::SendResult send(const PeerId& to, const QString& text)
    {
        std::optional<ChatService::SendResult> result;
        m_chat->sendText(to, text, [&result](const ChatService::SendResult& outcome) { result = outcome; });
        EXPECT_TRUE(runUntil(
            m_virtual, [&] { return result.has_value(); }, kPatienceMs));
        if (result) {
            return *result;
        }
        return QStringLiteral("no answer");
    }

    [[nodiscard]] std::optional<MessageState> stateOf(const MessageId& id)
    {
        auto message = m_store->message(id);
        return message ? std::optional<MessageState>(message->state) : std::nullopt;
    }

    // Envelopes of `kind` this side handed to its port, in order.
    [[nodiscard]] std::vector<proto::Envelope> sentEnvelopes(proto::EnvelopeKind kind) const
    {
        std::vector<proto::Envelope> found;
        for (const Outgoing& out : m_port.sent) {
            if (out.envelope && out.envelope->kind == kind) {
                found.push_back(*out.envelope);
            }
        }
        return found;
    }

    std::vector<StoredMessage> stored;
    std::vector<StoredMessage> changes;
    std::vector<std::int64_t> changeTimes;
    std::vector<std::pair<PeerId, std::size_t>> conversationsRead;

private:
    confab::test::VirtualClock& m_virtual;
    confab::test::OffsetClock m_clock;
    RecordingPort m_port;
    confab::test::TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::MessageStore> m_store;
    std::unique_ptr<ChatService> m_chat;
};

proto::Envelope textEnvelope(const PeerId& from, const PeerId& to, std::string_view text)
{
    proto::Envelope envelope;
    envelope.kind = proto::EnvelopeKind::Text;
    envelope.id = crypto::randomMessageId();
    envelope.sender = from;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = to;
    envelope.timestampMs = 1234;
    const auto bytes = asBytes(text);
    envelope.body.assign(bytes.begin(), bytes.end());
    return envelope;
}

proto::Envelope receiptEnvelope(const PeerId& from, const PeerId& to, proto::ReceiptState state,
                                std::vector<MessageId> ids)
{
    proto::Envelope envelope;
    envelope.kind = proto::EnvelopeKind::Receipt;
    envelope.id = crypto::randomMessageId();
    envelope.sender = from;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = to;
    envelope.body = proto::encodeReceipt(proto::Receipt{state, std::move(ids)});
    return envelope;
}

// The receipts among `envelopes`, decoded, in order.
std::vector<proto::Receipt> receiptsIn(const std::vector<proto::Envelope>& envelopes)
{
    std::vector<proto::Receipt> receipts;
    for (const proto::Envelope& envelope : envelopes) {
        if (envelope.kind != proto::EnvelopeKind::Receipt) {
            continue;
        }
        const auto receipt = proto::decodeReceipt(envelope.body);
        EXPECT_TRUE(receipt) << "undecodable receipt";
        if (receipt) {
            receipts.push_back(receipt.value());
        }
    }
    return receipts;
}

// Receipt ids of the given state among the envelopes, in order.
std::vector<MessageId> receiptIds(const std::vector<proto::Envelope>& envelopes, proto::ReceiptState state)
{
    std::vector<MessageId> ids;
    for (const proto::Receipt& receipt : receiptsIn(envelopes)) {
        if (receipt.state == state) {
            ids.insert(ids.end(), receipt.ids.begin(), receipt.ids.end());
        }
    }
    return ids;
}

// The text envelopes among `envelopes`, by id, in order.
std::vector<MessageId> textIds(const std::vector<proto::Envelope>& envelopes)
{
    std::vector<MessageId> ids;
    for (const proto::Envelope& envelope : envelopes) {
        if (envelope.kind == proto::EnvelopeKind::Text) {
            ids.push_back(envelope.id);
        }
    }
    return ids;
}

constexpr std::int64_t kAliceWallMs = 1'000'000;
constexpr std::int64_t kBobWallMs = 2'000'000;

// Alice and Bob with chat services on simulated hosts 1 ms apart. Their wall
// clocks disagree by 1000 s; virtual time starts at 0.
class ChatServiceTest : public ::testing::Test {
protected:
    confab::test::VirtualClock m_clock{0};
    sim::SimNetwork m_network{m_clock, 1};
    ChatSide m_alice{m_network, QStringLiteral("10.0.0.1"), QStringLiteral("alice"), kAliceWallMs};
    ChatSide m_bob{m_network, QStringLiteral("10.0.0.2"), QStringLiteral("bob"), kBobWallMs};
};

TEST_F(ChatServiceTest, EmptyTextIsRefusedWithAReason)
{
    for (const QString& text : {QString(), QStringLiteral(""), QStringLiteral("  \n\t ")}) {
        const auto result = m_alice.send(m_bob.id(), text);
        ASSERT_FALSE(result);
        EXPECT_TRUE(result.error().contains(QStringLiteral("empty"))) << result.error().toStdString();
    }
    runFor(m_clock, 1000);
    EXPECT_TRUE(m_alice.stored.empty());
    EXPECT_TRUE(m_alice.store().history(m_bob.id(), 10).empty());
}

TEST_F(ChatServiceTest, TextOverTheByteLimitIsRefusedWithAReason)
{
    // Counted in UTF-8 bytes: half as many two-byte characters are already too many.
    const QString tooLong(static_cast<qsizetype>(proto::kMaxTextBytes / 2 + 1), QChar(0x00E9));
    const auto result = m_alice.send(m_bob.id(), tooLong);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().contains(QStringLiteral("too long"))) << result.error().toStdString();
    EXPECT_TRUE(result.error().contains(QString::number(proto::kMaxTextBytes)))
        << result.error().toStdString();
    EXPECT_FALSE(m_alice.send(m_bob.id(), QString(static_cast<qsizetype>(proto::kMaxTextBytes + 1), u'x')));
    EXPECT_TRUE(m_alice.store().history(m_bob.id(), 10).empty());
}

TEST_F(ChatServiceTest, TextAtTheByteLimitIsAcceptedAndDelivered)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const QString atLimit(static_cast<qsizetype>(proto::kMaxTextBytes / 2), QChar(0x00E9));
    const auto result = m_alice.send(m_bob.id(), atLimit);
    ASSERT_TRUE(result) << result.error().toStdString();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob.stored.empty(); }, kPatienceMs));
    EXPECT_EQ(m_bob.stored[0].body, atLimit);
}

TEST_F(ChatServiceTest, MessageToSelfIsRefused)
{
    const auto result = m_alice.send(m_alice.id(), QStringLiteral("hello me"));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().contains(QStringLiteral("yourself"))) << result.error().toStdString();
    EXPECT_TRUE(m_alice.store().history(m_alice.id(), 10).empty());
}

TEST_F(ChatServiceTest, OnlineMessageIsSentStoredAndConfirmed)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const std::int64_t sentAt = m_clock.monotonicMs();
    const auto result = m_alice.send(m_bob.id(), QStringLiteral("hello bob"));
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_EQ(m_clock.monotonicMs(), sentAt); // committed in the same instant
    const StoredMessage& sent = result.value();
    EXPECT_EQ(sent.state, MessageState::Sent);
    EXPECT_TRUE(sent.outgoing);
    EXPECT_EQ(sent.sentMs, kAliceWallMs + sentAt);
    ASSERT_EQ(m_alice.stored.size(), 1u);

    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(sent.id) == MessageState::Delivered; }, kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 2); // there and back
    ASSERT_EQ(m_bob.stored.size(), 1u);
    const StoredMessage& received = m_bob.stored[0];
    EXPECT_EQ(received.id, sent.id);
    EXPECT_EQ(received.peer, m_alice.id());
    EXPECT_FALSE(received.outgoing);
    EXPECT_EQ(received.body, QStringLiteral("hello bob"));
    EXPECT_EQ(received.state, MessageState::Unread);
    EXPECT_EQ(received.sentMs, kAliceWallMs + sentAt) // the sender's clock
        << "stored " << received.storedMs;
    EXPECT_EQ(received.storedMs, kBobWallMs + sentAt + 1); // the receiver's clock
    // Stored on Bob's side before the receipt left.
    EXPECT_TRUE(m_bob.store().message(sent.id));
    EXPECT_EQ(receiptIds(m_bob.sentEnvelopes(proto::EnvelopeKind::Receipt), proto::ReceiptState::Delivered),
              std::vector<MessageId>{sent.id});

    ASSERT_EQ(m_alice.changes.size(), 1u);
    EXPECT_EQ(m_alice.changes[0].state, MessageState::Delivered);
    EXPECT_TRUE(m_alice.store().outbox(m_bob.id()).empty());
}

TEST_F(ChatServiceTest, QueuedWhileOfflineThenSentInOrderAsSoonAsTheLinkComesUp)
{
    std::vector<MessageId> ids;
    for (int i = 0; i < 5; ++i) {
        const auto result = m_alice.send(m_bob.id(), QStringLiteral("queued %1").arg(i));
        ASSERT_TRUE(result) << result.error().toStdString();
        EXPECT_EQ(result.value().state, MessageState::Queued);
        ids.push_back(result.value().id);
    }
    EXPECT_EQ(m_alice.store().outbox(m_bob.id()).size(), 5u);
    // Nothing can leave while there is no link; the periodic resend passes by.
    runFor(m_clock, std::int64_t{3} * ChatService::kResendAfterMs);
    EXPECT_TRUE(m_alice.sentEnvelopes(proto::EnvelopeKind::Text).empty());

    ASSERT_TRUE(m_alice.connectTo(m_bob));
    ASSERT_EQ(m_alice.connects.size(), 1u);
    // On the link coming up, not at the next periodic resend: there and back.
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            return std::all_of(ids.begin(), ids.end(), [&](const MessageId& id) {
                return m_alice.stateOf(id) == MessageState::Delivered;
            });
        },
        kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), m_alice.connects[0] + 2);
    EXPECT_EQ(textIds(m_alice.sentEnvelopes(proto::EnvelopeKind::Text)), ids); // each once, in order
    ASSERT_EQ(m_bob.stored.size(), 5u);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(m_bob.stored[i].id, ids[i]);
        EXPECT_EQ(m_bob.stored[i].body, QStringLiteral("queued %1").arg(i));
    }
    // Queued, then Sent (one change each), then Delivered.
    ASSERT_EQ(m_alice.changes.size(), 10u);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(m_alice.changes[i].id, ids[i]);
        EXPECT_EQ(m_alice.changes[i].state, MessageState::Sent);
        EXPECT_EQ(m_alice.changes[5 + i].state, MessageState::Delivered);
    }
    EXPECT_TRUE(m_alice.store().outbox(m_bob.id()).empty());
}

TEST_F(ChatServiceTest, MessagesSentInOneBurstShareACommitAndKeepTheirOrder)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    constexpr int kCount = 50;
    std::vector<std::optional<ChatService::SendResult>> results(kCount);
    for (int i = 0; i < kCount; ++i) {
        m_alice.chat().sendText(m_bob.id(), QStringLiteral("burst %1").arg(i),
                                [&results, i](const ChatService::SendResult& outcome) {
                                    results[static_cast<std::size_t>(i)] = outcome;
                                });
    }
    // Nothing is stored, reported saved or sent before the commit, after this event.
    EXPECT_TRUE(std::none_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); }));
    EXPECT_TRUE(m_alice.store().history(m_bob.id(), kCount).empty());
    EXPECT_TRUE(m_alice.port().sent.empty());
    runFor(m_clock, 0);
    EXPECT_TRUE(std::all_of(results.begin(), results.end(), [](const auto& r) { return r && *r; }));
    EXPECT_EQ(m_alice.store().history(m_bob.id(), kCount).size(), static_cast<std::size_t>(kCount));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bob.stored.size() == kCount; }, kPatienceMs));
    for (int i = 0; i < kCount; ++i) {
        const auto index = static_cast<std::size_t>(i);
        ASSERT_TRUE(results[index] && *results[index]);
        EXPECT_EQ(results[index]->value().state, MessageState::Sent);
        EXPECT_EQ(m_bob.stored[index].id, results[index]->value().id);
        EXPECT_EQ(m_bob.stored[index].body, QStringLiteral("burst %1").arg(i));
    }
}

TEST_F(ChatServiceTest, AFullBatchIsCommittedWithoutWaitingForTheEventLoop)
{
    std::size_t done = 0;
    const auto count = [&done](const ChatService::SendResult& outcome) {
        if (outcome) {
            ++done;
        }
    };
    for (std::size_t i = 0; i + 1 < ChatService::kMaxCommitBatch; ++i) {
        m_alice.chat().sendText(m_bob.id(), QStringLiteral("m%1").arg(i), count);
    }
    EXPECT_EQ(done, 0u);
    m_alice.chat().sendText(m_bob.id(), QStringLiteral("last"), count);
    EXPECT_EQ(done, ChatService::kMaxCommitBatch);
    EXPECT_EQ(m_alice.store().outbox(m_bob.id()).size(), ChatService::kMaxCommitBatch);
}

TEST_F(ChatServiceTest, MarkReadTellsTheSender)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const auto sent = m_alice.send(m_bob.id(), QStringLiteral("read me"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob.stored.empty(); }, kPatienceMs));
    const std::int64_t readAt = m_clock.monotonicMs();
    ASSERT_TRUE(m_bob.chat().markRead(m_bob.stored[0]));
    EXPECT_EQ(m_bob.stateOf(sent.value().id), MessageState::ReadIncoming);
    ASSERT_FALSE(m_bob.changes.empty());
    EXPECT_EQ(m_bob.changes.back().state, MessageState::ReadIncoming);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(sent.value().id) == MessageState::Read; }, kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), readAt + 1);
    EXPECT_EQ(receiptIds(m_bob.sentEnvelopes(proto::EnvelopeKind::Receipt), proto::ReceiptState::Read),
              std::vector<MessageId>{sent.value().id});
    // Read once only; outgoing messages cannot be "read" locally.
    EXPECT_FALSE(m_bob.chat().markRead(m_bob.stored[0]));
    EXPECT_FALSE(m_alice.chat().markRead(sent.value()));
    EXPECT_EQ(m_bob.sentEnvelopes(proto::EnvelopeKind::Receipt).size(), 2u); // Delivered, then Read
}

TEST_F(ChatServiceTest, MarkConversationReadMarksAllAtOnceAndSendsOneReadReceiptWithEveryId)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    std::vector<MessageId> ids;
    for (int i = 0; i < 7; ++i) {
        const auto sent = m_alice.send(m_bob.id(), QStringLiteral("unread %1").arg(i));
        ASSERT_TRUE(sent);
        ids.push_back(sent.value().id);
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bob.stored.size() == ids.size(); }, kPatienceMs));
    // One of them was read on its own already; the rest are unread.
    ASSERT_TRUE(m_bob.chat().markRead(m_bob.stored[2]));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(ids[2]) == MessageState::Read; }, kPatienceMs));
    ASSERT_EQ(m_bob.store().unreadCount(m_alice.id()), 6);
    const std::size_t sentBefore = m_bob.port().sent.size();
    const std::size_t changesBefore = m_bob.changes.size();

    const std::int64_t readAt = m_clock.monotonicMs();
    EXPECT_EQ(m_bob.chat().markConversationRead(m_alice.id()), 6u);

    // Marked in one go: by the time the call returns, every one is read...
    EXPECT_EQ(m_bob.store().unreadCount(m_alice.id()), 0);
    for (const MessageId& id : ids) {
        EXPECT_EQ(m_bob.stateOf(id), MessageState::ReadIncoming);
    }
    // ...and the view hears of it once for the conversation, not per message.
    ASSERT_EQ(m_bob.conversationsRead.size(), 1u);
    EXPECT_EQ(m_bob.conversationsRead[0].first, m_alice.id());
    EXPECT_EQ(m_bob.conversationsRead[0].second, 6u);
    EXPECT_EQ(m_bob.changes.size(), changesBefore);

    // Exactly one envelope left: a Read receipt with every id that was unread, in order.
    ASSERT_EQ(m_bob.port().sent.size(), sentBefore + 1);
    const Outgoing& out = m_bob.port().sent.back();
    EXPECT_TRUE(out.accepted);
    EXPECT_EQ(out.to, m_alice.id());
    ASSERT_TRUE(out.envelope);
    EXPECT_EQ(out.envelope->kind, proto::EnvelopeKind::Receipt);
    EXPECT_EQ(out.envelope->sender, m_bob.id());
    EXPECT_EQ(out.envelope->recipient, m_alice.id());
    std::vector<MessageId> unread = ids;
    unread.erase(unread.begin() + 2);
    const auto receipts = receiptsIn({*out.envelope});
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(receipts[0].state, proto::ReceiptState::Read);
    EXPECT_EQ(receipts[0].ids, unread);

    // Alice sees them all read one latency later, each reported once.
    const std::size_t aliceChangesBefore = m_alice.changes.size();
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            return std::all_of(ids.begin(), ids.end(), [&](const MessageId& id) {
                return m_alice.stateOf(id) == MessageState::Read;
            });
        },
        kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), readAt + 1);
    ASSERT_EQ(m_alice.changes.size(), aliceChangesBefore + unread.size());
    for (std::size_t i = 0; i < unread.size(); ++i) {
        EXPECT_EQ(m_alice.changes[aliceChangesBefore + i].id, unread[i]);
        EXPECT_EQ(m_alice.changes[aliceChangesBefore + i].state, MessageState::Read);
        EXPECT_EQ(m_alice.changeTimes[aliceChangesBefore + i], readAt + 1);
    }

    // Nothing left to mark: no receipt, no signal.
    EXPECT_EQ(m_bob.chat().markConversationRead(m_alice.id()), 0u);
    EXPECT_EQ(m_bob.port().sent.size(), sentBefore + 1);
    EXPECT_EQ(m_bob.conversationsRead.size(), 1u);
}

TEST_F(ChatServiceTest, MarkConversationReadLeavesOtherConversationsAndLaterMessagesUnread)
{
    ChatSide carol{m_network, QStringLiteral("10.0.0.3"), QStringLiteral("carol"), 3'000'000};
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    ASSERT_TRUE(carol.connectTo(m_bob));
    ASSERT_TRUE(m_alice.send(m_bob.id(), QStringLiteral("from alice")));
    const auto fromCarol = carol.send(m_bob.id(), QStringLiteral("from carol"));
    ASSERT_TRUE(fromCarol);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bob.stored.size() == 2; }, kPatienceMs));
    EXPECT_EQ(m_bob.chat().markConversationRead(m_alice.id()), 1u);
    EXPECT_EQ(m_bob.store().unreadCount(carol.id()), 1);
    EXPECT_EQ(m_bob.stateOf(fromCarol.value().id), MessageState::Unread);
    runFor(m_clock, 100);
    EXPECT_EQ(carol.stateOf(fromCarol.value().id), MessageState::Delivered);
    EXPECT_TRUE(
        receiptIds(m_bob.sentEnvelopes(proto::EnvelopeKind::Receipt), proto::ReceiptState::Read).size() ==
        1u);

    const auto later = m_alice.send(m_bob.id(), QStringLiteral("after the read"));
    ASSERT_TRUE(later);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_bob.stored.size() == 3; }, kPatienceMs));
    EXPECT_EQ(m_bob.stateOf(later.value().id), MessageState::Unread);
    EXPECT_EQ(m_bob.store().unreadCount(m_alice.id()), 1);
}

// Alice's chat service with Mallory, who speaks the link protocol correctly
// but has no chat service: she sees every envelope and builds her own by hand.
// Relays that can always carry: what the chat hands them is recorded, and
// the test delivers what they would have opened.
class FakeRelay : public session::RelayPath {
public:
    [[nodiscard]] bool canReach(const PeerId&) const override { return true; }
    [[nodiscard]] std::optional<PeerId> transferRelayFor(const PeerId&) const override
    {
        return std::nullopt;
    }
    [[nodiscard]] std::optional<std::uint32_t> capabilitiesOf(const PeerId&) const override
    {
        return capabilities;
    }
    bool send(const proto::Envelope& envelope) override
    {
        sent.push_back(envelope);
        return true;
    }
    std::vector<proto::Envelope> sent;
    std::optional<std::uint32_t> capabilities;
};

TEST_F(ChatServiceTest, NothingFromABlockedPeerIsStoredOrAcknowledged)
{
    FakeRelay relay;
    m_alice.chat().setRelayPath(relay);
    m_alice.links().setBlocked(m_bob.id(), true);
    emit relay.envelopeReceived(m_bob.id(), textEnvelope(m_bob.id(), m_alice.id(), "let me in"));
    runFor(m_clock, 1000);
    EXPECT_TRUE(m_alice.stored.empty());
    EXPECT_TRUE(m_alice.store().conversations().empty());
    EXPECT_TRUE(relay.sent.empty()); // no receipt either

    m_alice.links().setBlocked(m_bob.id(), false);
    emit relay.envelopeReceived(m_bob.id(), textEnvelope(m_bob.id(), m_alice.id(), "hello again"));
    ASSERT_EQ(m_alice.stored.size(), 1u);
    EXPECT_EQ(m_alice.stored[0].body, QStringLiteral("hello again"));
}

TEST_F(ChatServiceTest, MessagesToABlockedPeerWaitAndGoWhenItIsUnblocked)
{
    FakeRelay relay;
    m_alice.chat().setRelayPath(relay);
    m_alice.links().setBlocked(m_bob.id(), true);
    const auto result = m_alice.send(m_bob.id(), QStringLiteral("for later"));
    ASSERT_TRUE(result) << result.error().toStdString();
    EXPECT_EQ(result.value().state, MessageState::Queued);
    runFor(m_clock, std::int64_t{3} * ChatService::kResendAfterMs);
    EXPECT_TRUE(relay.sent.empty());

    m_alice.links().setBlocked(m_bob.id(), false);
    ASSERT_EQ(relay.sent.size(), 1u); // at once, not at the next resend
    EXPECT_EQ(relay.sent[0].id, result.value().id);
    EXPECT_EQ(m_alice.stateOf(result.value().id), MessageState::Sent);
}

class RawPeerTest : public ChatServiceTest {
protected:
    void SetUp() override
    {
        m_mallory.recordEnvelopes();
        ASSERT_TRUE(m_mallory.connectTo(m_alice));
    }

    void sendRaw(const proto::Envelope& envelope)
    {
        ASSERT_TRUE(m_mallory.links().send(m_alice.id(), proto::LinkMessageType::Envelope,
                                           proto::encodeEnvelope(envelope)));
    }

    // How many times the text with `id` has reached Mallory.
    [[nodiscard]] std::size_t timesReceived(const MessageId& id) const
    {
        const auto texts = textIds(m_mallory.envelopes);
        return static_cast<std::size_t>(std::count(texts.begin(), texts.end(), id));
    }

    LinkSide m_mallory{m_network, QStringLiteral("10.0.0.66"), QStringLiteral("mallory")};
};

TEST_F(RawPeerTest, UnconfirmedMessageIsSentAgainAfterTheResendIntervalUntilConfirmed)
{
    runFor(m_clock, 1000); // away from the resend timer's ticks
    const auto sent = m_alice.send(m_mallory.id(), QStringLiteral("are you there?"));
    ASSERT_TRUE(sent);
    const std::int64_t sentAt = m_clock.monotonicMs();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return timesReceived(sent.value().id) == 1; }, kPatienceMs));
    EXPECT_EQ(m_mallory.envelopeTimes.back(), sentAt + 1);
    // No receipt comes back. The resend timer looks every kResendAfterMs / 2
    // (from the service's start, time 0) and sends what has waited that long.
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return timesReceived(sent.value().id) == 2; }, kPatienceMs));
    const std::int64_t half = ChatService::kResendAfterMs / 2;
    const std::int64_t due = sentAt + ChatService::kResendAfterMs;
    const std::int64_t resentAt = (due + half - 1) / half * half;
    EXPECT_EQ(m_mallory.envelopeTimes.back(), resentAt + 1);
    EXPECT_EQ(m_mallory.envelopes.back().id, sent.value().id);
    EXPECT_EQ(m_mallory.envelopes.back().timestampMs, static_cast<std::uint64_t>(sent.value().sentMs));
    EXPECT_EQ(m_alice.stateOf(sent.value().id), MessageState::Sent);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return timesReceived(sent.value().id) == 3; }, kPatienceMs));
    EXPECT_EQ(m_mallory.envelopeTimes.back(), resentAt + ChatService::kResendAfterMs + 1);

    // Confirmed: never sent again.
    sendRaw(receiptEnvelope(m_mallory.id(), m_alice.id(), proto::ReceiptState::Delivered, {sent.value().id}));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(sent.value().id) == MessageState::Delivered; }, kPatienceMs));
    runFor(m_clock, std::int64_t{5} * ChatService::kResendAfterMs);
    EXPECT_EQ(timesReceived(sent.value().id), 3u);
    EXPECT_TRUE(m_alice.store().outbox(m_mallory.id()).empty());
}

TEST_F(RawPeerTest, UnconfirmedMessagesAreSentAgainInOrderAtOnceOnReconnect)
{
    std::vector<MessageId> ids;
    for (int i = 0; i < 3; ++i) {
        const auto sent = m_alice.send(m_mallory.id(), QStringLiteral("m%1").arg(i));
        ASSERT_TRUE(sent);
        ids.push_back(sent.value().id);
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_mallory.envelopes.size() == 3; }, kPatienceMs));
    m_mallory.links().dropPeer(m_alice.id(), QStringLiteral("going away"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.links().isConnected(m_mallory.id()); }, kPatienceMs));
    m_mallory.envelopes.clear();
    ASSERT_TRUE(m_mallory.connectTo(m_alice));
    ASSERT_EQ(m_alice.connects.size(), 2u);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_mallory.envelopes.size() == 3; }, kPatienceMs));
    EXPECT_EQ(textIds(m_mallory.envelopes), ids);
    EXPECT_EQ(m_mallory.envelopeTimes.back(), m_alice.connects[1] + 1); // not at the next periodic resend
}

TEST_F(RawPeerTest, ReplacedLinkSendsEverythingUnconfirmedAgainAtOnce)
{
    const auto sent = m_alice.send(m_mallory.id(), QStringLiteral("once more"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return timesReceived(sent.value().id) == 1; }, kPatienceMs));
    const std::int64_t replacedAt = m_clock.monotonicMs();
    emit m_alice.port().linkReplaced(m_mallory.id());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return timesReceived(sent.value().id) == 2; }, kPatienceMs));
    EXPECT_EQ(m_mallory.envelopeTimes.back(), replacedAt + 1);
}

TEST_F(RawPeerTest, DuplicateEnvelopeIdsAreStoredOnceAndAcknowledgedEachTime)
{
    const proto::Envelope envelope = textEnvelope(m_mallory.id(), m_alice.id(), "only once");
    sendRaw(envelope);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 1; },
        kPatienceMs));
    // Again later (a resend after a lost receipt), and twice in one batch.
    sendRaw(envelope);
    sendRaw(envelope);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 3; },
        kPatienceMs));
    for (const MessageId& id : receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered)) {
        EXPECT_EQ(id, envelope.id);
    }
    EXPECT_EQ(m_alice.stored.size(), 1u);
    const auto history = m_alice.store().history(m_mallory.id(), 10);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].body, QStringLiteral("only once"));
    EXPECT_EQ(history[0].sentMs, 1234);
    EXPECT_TRUE(m_alice.links().isConnected(m_mallory.id()));
}

TEST_F(RawPeerTest, EnvelopesAreStoredAndAcknowledgedInArrivalOrder)
{
    std::vector<MessageId> ids;
    for (int i = 0; i < 4; ++i) {
        const proto::Envelope envelope =
            textEnvelope(m_mallory.id(), m_alice.id(), QStringLiteral("batch %1").arg(i).toStdString());
        ids.push_back(envelope.id);
        ASSERT_TRUE(m_mallory.links().send(m_alice.id(), proto::LinkMessageType::Envelope,
                                           proto::encodeEnvelope(envelope)));
    }
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 4; },
        kPatienceMs));
    EXPECT_EQ(receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered), ids);
    ASSERT_EQ(m_alice.stored.size(), 4u);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(m_alice.stored[i].id, ids[i]);
    }
}

TEST_F(RawPeerTest, ForgedSenderDropsTheLinkAndStoresNothing)
{
    const auto carol = crypto::IdentityKeyPair::generate();
    sendRaw(textEnvelope(carol.peerId(), m_alice.id(), "I am Carol"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.links().isConnected(m_mallory.id()); }, kPatienceMs));
    EXPECT_TRUE(m_alice.disconnects.back().contains(QStringLiteral("forged")))
        << m_alice.disconnects.back().toStdString();
    EXPECT_TRUE(m_alice.stored.empty());
    EXPECT_TRUE(m_alice.store().history(carol.peerId(), 10).empty());
    EXPECT_TRUE(m_alice.store().history(m_mallory.id(), 10).empty());
    EXPECT_TRUE(m_mallory.envelopes.empty()); // nothing acknowledged
}

TEST_F(RawPeerTest, EnvelopeForSomeoneElseDropsTheLink)
{
    sendRaw(textEnvelope(m_mallory.id(), m_bob.id(), "misrouted"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.links().isConnected(m_mallory.id()); }, kPatienceMs));
    EXPECT_TRUE(m_alice.disconnects.back().contains(QStringLiteral("wrong recipient")))
        << m_alice.disconnects.back().toStdString();
    EXPECT_TRUE(m_alice.stored.empty());
}

TEST_F(RawPeerTest, MalformedEnvelopeDropsTheLink)
{
    const Bytes garbage{0x01, 0x02, 0x03};
    ASSERT_TRUE(m_mallory.links().send(m_alice.id(), proto::LinkMessageType::Envelope, garbage));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.links().isConnected(m_mallory.id()); }, kPatienceMs));
    EXPECT_TRUE(m_alice.disconnects.back().contains(QStringLiteral("malformed envelope")))
        << m_alice.disconnects.back().toStdString();
    EXPECT_TRUE(m_alice.stored.empty());
}

TEST_F(RawPeerTest, ReceiptFromAnotherPeerDoesNotTouchOurMessages)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const auto sent = m_alice.send(m_bob.id(), QStringLiteral("for bob only"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(sent.value().id) == MessageState::Delivered; }, kPatienceMs));
    // Mallory learned the id somehow and claims Bob read it.
    sendRaw(receiptEnvelope(m_mallory.id(), m_alice.id(), proto::ReceiptState::Read, {sent.value().id}));
    runFor(m_clock, 100);
    EXPECT_EQ(m_alice.stateOf(sent.value().id), MessageState::Delivered);
    EXPECT_TRUE(m_alice.links().isConnected(m_mallory.id()));
}

TEST_F(RawPeerTest, EmptyTextFromAnotherImplementationIsStoredAndAcknowledged)
{
    // The wire format allows an empty text body; it must not block the batch it came in.
    const proto::Envelope empty = textEnvelope(m_mallory.id(), m_alice.id(), "");
    const proto::Envelope after = textEnvelope(m_mallory.id(), m_alice.id(), "after the empty one");
    sendRaw(empty);
    sendRaw(after);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 2; },
        kPatienceMs))
        << "acknowledged: " << receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size();
    const auto history = m_alice.store().history(m_mallory.id(), 10);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_TRUE(history[0].body.isEmpty());
    EXPECT_EQ(history[1].body, QStringLiteral("after the empty one"));
}

// Alice's chat service with a peer driven by hand at the frame level, who
// can put several envelopes into one read.
class FramePeerTest : public ChatServiceTest {
protected:
    void SetUp() override
    {
        sim::SimHost& host = m_network.addHost(QStringLiteral("10.0.0.77"));
        m_peer = std::make_unique<session::test::NoisePeer>(host.connectTo(m_alice.address()), m_clock);
        ASSERT_TRUE(m_peer->waitConnected());
        proto::HandshakePayload hello;
        hello.protocolVersion = proto::kProtocolVersion;
        hello.peerId = m_identity.peerId();
        hello.identityKey = m_identity.publicKey();
        hello.displayName = "frames";
        ASSERT_TRUE(m_peer->handshake(m_identity, {proto::kProtocolVersion, hello}));
        ASSERT_TRUE(runUntil(
            m_clock, [&] { return m_alice.links().isConnected(m_identity.peerId()); }, kPatienceMs));
    }

    // The envelopes, in order, in one write (so they arrive in one read).
    void writeInOneRead(const std::vector<proto::Envelope>& envelopes)
    {
        Bytes bytes;
        for (const proto::Envelope& envelope : envelopes) {
            const Bytes frame =
                m_peer->messageFrame(proto::LinkMessageType::Envelope, proto::encodeEnvelope(envelope));
            bytes.insert(bytes.end(), frame.begin(), frame.end());
        }
        m_peer->writeRaw(bytes);
    }

    // The next envelope Alice sends, if one comes within the wait.
    std::optional<proto::Envelope> readEnvelope(std::int64_t waitMs = 1000)
    {
        const auto frame = m_peer->readFrame(waitMs);
        if (!frame) {
            return std::nullopt;
        }
        const auto message = m_peer->decryptCounted(*frame);
        if (!message || message->type != proto::LinkMessageType::Envelope) {
            ADD_FAILURE() << "not an envelope";
            return std::nullopt;
        }
        auto envelope = proto::decodeEnvelope(message->body);
        return envelope ? std::optional<proto::Envelope>(envelope.value()) : std::nullopt;
    }

    crypto::IdentityKeyPair m_identity = crypto::IdentityKeyPair::generate();
    std::unique_ptr<session::test::NoisePeer> m_peer;
};

TEST_F(FramePeerTest, EnvelopesOfOneReadAreStoredTogetherAndAcknowledgedInOneReceipt)
{
    const PeerId me = m_identity.peerId();
    std::vector<proto::Envelope> envelopes;
    envelopes.reserve(3);
    for (int i = 0; i < 3; ++i) {
        envelopes.push_back(
            textEnvelope(me, m_alice.id(), QStringLiteral("one read %1").arg(i).toStdString()));
    }
    envelopes.push_back(envelopes[0]); // a duplicate in the same read
    const std::int64_t sentAt = m_clock.monotonicMs();
    writeInOneRead(envelopes);

    const auto receipt = readEnvelope();
    ASSERT_TRUE(receipt) << "no receipt";
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 2);
    EXPECT_EQ(receipt->kind, proto::EnvelopeKind::Receipt);
    EXPECT_EQ(receipt->sender, m_alice.id());
    EXPECT_EQ(receipt->recipient, me);
    // Every id of the read, duplicate included, in one receipt.
    const auto receipts = receiptsIn({*receipt});
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(receipts[0].state, proto::ReceiptState::Delivered);
    EXPECT_EQ(receipts[0].ids,
              (std::vector<MessageId>{envelopes[0].id, envelopes[1].id, envelopes[2].id, envelopes[0].id}));
    EXPECT_FALSE(readEnvelope()) << "a second envelope";

    ASSERT_EQ(m_alice.stored.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(m_alice.stored[i].id, envelopes[i].id);
        EXPECT_EQ(m_alice.stored[i].storedMs, kAliceWallMs + sentAt + 1);
    }
}

TEST_F(FramePeerTest, ForgedEnvelopeVoidsItsWholeReadAndDropsTheLink)
{
    const PeerId me = m_identity.peerId();
    const auto carol = crypto::IdentityKeyPair::generate();
    writeInOneRead(
        {textEnvelope(me, m_alice.id(), "genuine"), textEnvelope(carol.peerId(), m_alice.id(), "forged")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_alice.links().isConnected(me); }, kPatienceMs));
    EXPECT_TRUE(m_alice.disconnects.back().contains(QStringLiteral("forged")))
        << m_alice.disconnects.back().toStdString();
    // Nothing of that read is stored or acknowledged.
    EXPECT_TRUE(m_alice.stored.empty());
    EXPECT_TRUE(m_alice.store().history(me, 10).empty());
    EXPECT_FALSE(readEnvelope());
}

// Edits and deletes between Alice and Bob, who both take them.
class MessageChangesTest : public ChatServiceTest {
protected:
    void SetUp() override
    {
        m_alice.links().setCapabilities(kTakesChanges);
        m_bob.links().setCapabilities(kTakesChanges);
    }

    static constexpr auto kTakesChanges = static_cast<std::uint32_t>(proto::Capability::MessageChanges);

    // Alice's message to Bob, delivered.
    StoredMessage delivered(const QString& text)
    {
        const auto sent = m_alice.send(m_bob.id(), text);
        EXPECT_TRUE(sent);
        if (!sent) {
            return {};
        }
        EXPECT_TRUE(runUntil(
            m_clock, [&] { return m_alice.stateOf(sent.value().id) == MessageState::Delivered; },
            kPatienceMs));
        return sent.value();
    }

    std::optional<StoredMessage> bobsCopy(const MessageId& id) { return m_bob.store().message(id); }
};

TEST_F(MessageChangesTest, AnEditReachesThePeerAndIsConfirmed)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage sent = delivered(QStringLiteral("see you at 5"));
    const auto edited = m_alice.chat().editMessage(sent.id, QStringLiteral("see you at 6"));
    ASSERT_TRUE(edited) << edited.error().toStdString();
    EXPECT_EQ(edited.value().body, QStringLiteral("see you at 6"));
    EXPECT_EQ(m_alice.changes.back().body, QStringLiteral("see you at 6")); // told at once
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().changeOutbox(m_bob.id()).empty(); }, kPatienceMs));
    const auto copy = bobsCopy(sent.id);
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->body, QStringLiteral("see you at 6"));
    EXPECT_EQ(copy->editedMs, edited.value().editedMs);
    EXPECT_EQ(m_bob.changes.back().id, sent.id);
    EXPECT_EQ(m_bob.changes.back().body, QStringLiteral("see you at 6"));
    // The edit went once, as its own envelope naming the message.
    const auto edits = m_alice.sentEnvelopes(proto::EnvelopeKind::Edit);
    ASSERT_EQ(edits.size(), 1U);
    EXPECT_EQ(proto::decodeMessageEdit(edits[0].body)->target, sent.id);
    EXPECT_NE(edits[0].id, sent.id);
}

TEST_F(MessageChangesTest, ADeleteMadeOfflineGoesWithTheNextLink)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage sent = delivered(QStringLiteral("oops, wrong chat"));
    m_alice.links().dropPeer(m_bob.id(), QStringLiteral("going away"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob.links().isConnected(m_alice.id()); }, kPatienceMs));
    const auto deleted = m_alice.chat().deleteMessage(sent.id);
    ASSERT_TRUE(deleted) << deleted.error().toStdString();
    EXPECT_TRUE(deleted.value().deletedMs);
    runFor(m_clock, std::int64_t{3} * ChatService::kResendAfterMs);
    EXPECT_EQ(bobsCopy(sent.id)->body, QStringLiteral("oops, wrong chat"));
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobsCopy(sent.id)->deletedMs.has_value(); }, kPatienceMs));
    EXPECT_TRUE(bobsCopy(sent.id)->body.isEmpty());
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().changeOutbox(m_bob.id()).empty(); }, kPatienceMs));
}

TEST_F(MessageChangesTest, DeletingAMessageNotYetSentKeepsItFromGoing)
{
    const auto queued = m_alice.send(m_bob.id(), QStringLiteral("never mind"));
    ASSERT_TRUE(queued);
    ASSERT_TRUE(m_alice.chat().deleteMessage(queued.value().id));
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().changeOutbox(m_bob.id()).empty(); }, kPatienceMs));
    EXPECT_TRUE(m_alice.sentEnvelopes(proto::EnvelopeKind::Text).empty());
    EXPECT_FALSE(bobsCopy(queued.value().id)); // Bob never had it; the delete named nothing he holds
}

TEST_F(MessageChangesTest, OnlyOwnMessagesWithTextCanBeChanged)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage sent = delivered(QStringLiteral("mine"));
    const auto bobEdits = m_bob.chat().editMessage(sent.id, QStringLiteral("yours now"));
    ASSERT_FALSE(bobEdits);
    EXPECT_EQ(bobEdits.error(), QStringLiteral("Only your own messages can be edited."));
    EXPECT_FALSE(m_bob.chat().deleteMessage(sent.id));
    EXPECT_FALSE(m_alice.chat().editMessage(sent.id, QStringLiteral("  ")));
    EXPECT_FALSE(m_alice.chat().editMessage(crypto::randomMessageId(), QStringLiteral("who?")));
    ASSERT_TRUE(m_alice.chat().deleteMessage(sent.id));
    const auto again = m_alice.chat().editMessage(sent.id, QStringLiteral("back"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error(), QStringLiteral("That message was deleted already."));
}

TEST_F(MessageChangesTest, APeerThatDoesNotTakeChangesIsNeverSentThem)
{
    m_bob.links().setCapabilities(0);
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage sent = delivered(QStringLiteral("first draft"));
    ASSERT_TRUE(m_alice.chat().editMessage(sent.id, QStringLiteral("second draft")));
    runFor(m_clock, std::int64_t{3} * ChatService::kResendAfterMs);
    EXPECT_TRUE(m_alice.sentEnvelopes(proto::EnvelopeKind::Edit).empty());
    EXPECT_TRUE(m_alice.links().isConnected(m_bob.id()));
    EXPECT_EQ(m_alice.store().changeOutbox(m_bob.id()).size(), 1U); // kept for a later version of Bob
}

TEST_F(MessageChangesTest, ReactionsGoBothWaysAndCanBeTakenBack)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage sent = delivered(QStringLiteral("we won"));
    ASSERT_TRUE(m_bob.chat().react(sent.id, QStringLiteral("🎉")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().message(sent.id)->peerReaction == QStringLiteral("🎉"); },
        kPatienceMs));
    EXPECT_EQ(m_alice.changes.back().peerReaction, QStringLiteral("🎉"));
    ASSERT_TRUE(m_alice.chat().react(sent.id, QStringLiteral("👍")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobsCopy(sent.id)->peerReaction == QStringLiteral("👍"); }, kPatienceMs));
    ASSERT_TRUE(m_bob.chat().react(sent.id, QString()));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().message(sent.id)->peerReaction.isEmpty(); }, kPatienceMs));
    const auto tooLong = m_alice.chat().react(sent.id, QString(40, u'x'));
    ASSERT_FALSE(tooLong);
    EXPECT_TRUE(tooLong.error().contains(QStringLiteral("one emoji")));
}

TEST_F(MessageChangesTest, AReplyCarriesItsQuoteAndGoesPlainToAPeerWithoutReplies)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const StoredMessage question = delivered(QStringLiteral("Pizza or sushi?"));
    std::optional<ChatService::SendResult> answer;
    m_bob.chat().sendReply(m_alice.id(), question.id, QStringLiteral("Sushi"),
                           [&answer](const ChatService::SendResult& result) { answer = result; });
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return answer.has_value(); }, kPatienceMs));
    ASSERT_TRUE(*answer) << answer->error().toStdString();
    EXPECT_EQ(answer->value().replyTo, std::optional<MessageId>(question.id));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().message(answer->value().id).has_value(); }, kPatienceMs));
    EXPECT_EQ(m_alice.store().message(answer->value().id)->replyTo, std::optional<MessageId>(question.id));
    EXPECT_EQ(m_bob.sentEnvelopes(proto::EnvelopeKind::Reply).size(), 1U);

    // Only a message of the conversation can be quoted.
    std::optional<ChatService::SendResult> stray;
    m_bob.chat().sendReply(m_alice.id(), crypto::randomMessageId(), QStringLiteral("?"),
                           [&stray](const ChatService::SendResult& result) { stray = result; });
    ASSERT_TRUE(stray && !*stray);

    // A peer that does not take replies gets the text as a plain message.
    m_alice.links().dropPeer(m_bob.id(), QStringLiteral("upgrade"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bob.links().isConnected(m_alice.id()); }, kPatienceMs));
    m_alice.links().setCapabilities(0);
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    std::optional<ChatService::SendResult> plain;
    m_bob.chat().sendReply(m_alice.id(), question.id, QStringLiteral("Or pizza"),
                           [&plain](const ChatService::SendResult& result) { plain = result; });
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return plain && *plain && m_alice.store().message(plain->value().id).has_value(); },
        kPatienceMs));
    EXPECT_FALSE(m_alice.store().message(plain->value().id)->replyTo);
    EXPECT_EQ(m_bob.sentEnvelopes(proto::EnvelopeKind::Reply).size(), 1U);
}

TEST_F(MessageChangesTest, RelaysCarryChangesToAPeerWhoseStatementSaysItTakesThem)
{
    FakeRelay relay;
    m_alice.chat().setRelayPath(relay);
    const auto sent = m_alice.send(m_bob.id(), QStringLiteral("via relays"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(m_alice.chat().editMessage(sent.value().id, QStringLiteral("via relays, edited")));
    const auto editsSealed = [&] {
        return std::count_if(relay.sent.begin(), relay.sent.end(),
                             [](const proto::Envelope& e) { return e.kind == proto::EnvelopeKind::Edit; });
    };
    // No statement of Bob is known: he might be a version that drops them.
    runFor(m_clock, std::int64_t{2} * ChatService::kResendAfterMs);
    EXPECT_EQ(editsSealed(), 0);
    relay.capabilities = kTakesChanges;
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return editsSealed() > 0; }, kPatienceMs));
    // The message itself went first.
    EXPECT_EQ(relay.sent.front().kind, proto::EnvelopeKind::Text);
}

// Mallory takes changes and sends whatever it likes.
class RawChangesTest : public RawPeerTest {
protected:
    void SetUp() override
    {
        m_alice.links().setCapabilities(kTakesChanges);
        m_mallory.links().setCapabilities(kTakesChanges);
        RawPeerTest::SetUp();
    }

    proto::Envelope change(proto::EnvelopeKind kind, const MessageId& target, std::string_view text,
                           std::uint64_t madeMs)
    {
        proto::Envelope envelope = textEnvelope(m_mallory.id(), m_alice.id(), "");
        envelope.kind = kind;
        envelope.timestampMs = madeMs;
        const auto bytes = asBytes(text);
        envelope.body = proto::encodeTargetedText({target, Bytes(bytes.begin(), bytes.end())});
        return envelope;
    }

    static constexpr auto kTakesChanges = static_cast<std::uint32_t>(proto::Capability::MessageChanges);
};

TEST_F(RawChangesTest, AChangeToSomeoneElsesMessageChangesNothingButIsAcknowledged)
{
    const auto own = m_alice.send(m_mallory.id(), QStringLiteral("Alice wrote this"));
    ASSERT_TRUE(own);
    const proto::Envelope forged =
        change(proto::EnvelopeKind::Edit, own.value().id, "Alice says pay Mallory", 5);
    const proto::Envelope erase = change(proto::EnvelopeKind::Delete, own.value().id, "", 6);
    sendRaw(forged);
    sendRaw(erase);
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            const auto ids = receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered);
            return std::count(ids.begin(), ids.end(), forged.id) == 1 &&
                   std::count(ids.begin(), ids.end(), erase.id) == 1;
        },
        kPatienceMs));
    const auto message = m_alice.store().message(own.value().id);
    EXPECT_EQ(message->body, QStringLiteral("Alice wrote this"));
    EXPECT_FALSE(message->editedMs);
    EXPECT_FALSE(message->deletedMs);
    EXPECT_TRUE(m_alice.links().isConnected(m_mallory.id()));
}

TEST_F(RawChangesTest, ThePeersOwnEditsApplyNewestLast)
{
    const proto::Envelope original = textEnvelope(m_mallory.id(), m_alice.id(), "v1");
    sendRaw(original);
    sendRaw(change(proto::EnvelopeKind::Edit, original.id, "v3", 3000));
    sendRaw(change(proto::EnvelopeKind::Edit, original.id, "v2", 2000)); // late
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 3; },
        kPatienceMs));
    EXPECT_EQ(m_alice.store().message(original.id)->body, QStringLiteral("v3"));
}

TEST_F(RawChangesTest, AnUnconfirmedChangeIsSentAgainUntilConfirmed)
{
    const auto sent = m_alice.send(m_mallory.id(), QStringLiteral("typo"));
    ASSERT_TRUE(sent);
    sendRaw(receiptEnvelope(m_mallory.id(), m_alice.id(), proto::ReceiptState::Delivered, {sent.value().id}));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.stateOf(sent.value().id) == MessageState::Delivered; }, kPatienceMs));
    ASSERT_TRUE(m_alice.chat().editMessage(sent.value().id, QStringLiteral("typo fixed")));
    const auto edits = [&] {
        std::vector<proto::Envelope> found;
        std::copy_if(m_mallory.envelopes.begin(), m_mallory.envelopes.end(), std::back_inserter(found),
                     [](const proto::Envelope& e) { return e.kind == proto::EnvelopeKind::Edit; });
        return found;
    };
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return edits().size() == 2; }, kPatienceMs));
    EXPECT_EQ(edits()[0].id, edits()[1].id);
    sendRaw(receiptEnvelope(m_mallory.id(), m_alice.id(), proto::ReceiptState::Delivered, {edits()[0].id}));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return m_alice.store().changeOutbox(m_mallory.id()).empty(); }, kPatienceMs));
    runFor(m_clock, std::int64_t{5} * ChatService::kResendAfterMs);
    EXPECT_EQ(edits().size(), 2U);
}

} // namespace
} // namespace confab::chat
