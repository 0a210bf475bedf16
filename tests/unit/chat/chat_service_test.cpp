#include "chat/chat_service.h"
#include "crypto/identity.h"
#include "crypto/random.h"
#include "proto/limits.h"
#include "storage/database.h"
#include "support/fake_clock.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/wait.h"

#include <QTcpServer>

#include <gtest/gtest.h>
#include <memory>

namespace confab::chat {
namespace {

using confab::test::spinFor;
using confab::test::waitUntil;
using storage::MessageState;
using storage::StoredMessage;

// Identity, trust and links of one node, listening on 127.0.0.1.
class LinkSide {
public:
    explicit LinkSide(const QString& name)
        : m_identity(crypto::IdentityKeyPair::generate()),
          m_links(m_identity, m_trust, session::LinkTimings{})
    {
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                m_links.acceptIncoming(socket);
            }
        });
        m_links.setOwnInfo(name, m_server.serverPort());
        QObject::connect(&m_links, &session::LinkManager::messagesReceived, &m_links,
                         [this](const proto::PeerId&, const std::vector<proto::LinkMessage>& messages) {
                             for (const auto& message : messages) {
                                 if (auto envelope = proto::decodeEnvelope(message.body)) {
                                     envelopes.push_back(envelope.value());
                                 }
                             }
                         });
        QObject::connect(&m_links, &session::LinkManager::peerDisconnected, &m_links,
                         [this](const proto::PeerId&, const QString& reason) { disconnects.append(reason); });
    }

    [[nodiscard]] proto::PeerId id() const { return m_identity.peerId(); }
    session::LinkManager& links() { return m_links; }
    [[nodiscard]] net::HostPort address() const
    {
        return {QStringLiteral("127.0.0.1"), m_server.serverPort()};
    }

    // Dials `other` and waits until both ends have the link.
    bool connectTo(LinkSide& other)
    {
        m_links.dial(other.address(), other.id());
        return waitUntil([&] { return m_links.isConnected(other.id()) && other.links().isConnected(id()); });
    }

    // Every envelope that arrived here, decoded (receipts included).
    std::vector<proto::Envelope> envelopes;
    QStringList disconnects;

private:
    crypto::IdentityKeyPair m_identity;
    confab::test::MemoryTrustStore m_trust;
    QTcpServer m_server;
    session::LinkManager m_links;
};

// A LinkSide with a database and a ChatService on top, recording its signals.
class ChatSide : public LinkSide {
public:
    ChatSide(const QString& name, std::int64_t clockMs) : LinkSide(name), m_clock(clockMs)
    {
        auto db = storage::Database::open(m_dir.path(QStringLiteral("confab.db")));
        EXPECT_TRUE(db);
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::MessageStore>(*m_db);
        m_chat = std::make_unique<ChatService>(id(), links(), *m_store, m_clock);
        QObject::connect(m_chat.get(), &ChatService::messageStored, m_chat.get(),
                         [this](const StoredMessage& message) { stored.push_back(message); });
        QObject::connect(m_chat.get(), &ChatService::messageStateChanged, m_chat.get(),
                         [this](const StoredMessage& message) { changes.push_back(message); });
    }
    ~ChatSide()
    {
        m_chat.reset();
        m_store.reset();
    }

    ChatService& chat() { return *m_chat; }
    storage::MessageStore& store() { return *m_store; }
    test::FakeClock& clock() { return m_clock; }

    // Sends and waits for the store's verdict.
    ChatService::SendResult send(const proto::PeerId& to, const QString& text)
    {
        std::optional<ChatService::SendResult> result;
        m_chat->sendText(to, text, [&result](const ChatService::SendResult& outcome) { result = outcome; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
        if (result) {
            return *result;
        }
        return QStringLiteral("no answer");
    }

    [[nodiscard]] std::optional<MessageState> stateOf(const proto::MessageId& id)
    {
        auto message = m_store->message(id);
        return message ? std::optional<MessageState>(message->state) : std::nullopt;
    }

    std::vector<StoredMessage> stored;
    std::vector<StoredMessage> changes;

private:
    test::FakeClock m_clock;
    confab::test::TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::MessageStore> m_store;
    std::unique_ptr<ChatService> m_chat;
};

proto::Envelope textEnvelope(const proto::PeerId& from, const proto::PeerId& to, std::string_view text)
{
    proto::Envelope envelope;
    envelope.kind = proto::EnvelopeKind::Text;
    envelope.id = crypto::randomMessageId();
    envelope.sender = from;
    envelope.recipientType = proto::RecipientType::Peer;
    envelope.recipient = to;
    envelope.timestampMs = 1234;
    const auto bytes = proto::asBytes(text);
    envelope.body.assign(bytes.begin(), bytes.end());
    return envelope;
}

proto::Envelope receiptEnvelope(const proto::PeerId& from, const proto::PeerId& to, proto::ReceiptState state,
                                std::vector<proto::MessageId> ids)
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

// Receipt ids of the given state among the envelopes a side received.
std::vector<proto::MessageId> receiptIds(const std::vector<proto::Envelope>& envelopes,
                                         proto::ReceiptState state)
{
    std::vector<proto::MessageId> ids;
    for (const proto::Envelope& envelope : envelopes) {
        if (envelope.kind != proto::EnvelopeKind::Receipt) {
            continue;
        }
        const auto receipt = proto::decodeReceipt(envelope.body);
        if (receipt && receipt.value().state == state) {
            ids.insert(ids.end(), receipt.value().ids.begin(), receipt.value().ids.end());
        }
    }
    return ids;
}

class ChatServiceTest : public ::testing::Test {
protected:
    ChatSide m_alice{QStringLiteral("alice"), 1'000'000};
    ChatSide m_bob{QStringLiteral("bob"), 2'000'000};
};

TEST_F(ChatServiceTest, EmptyTextIsRefusedWithAReason)
{
    for (const QString& text : {QString(), QStringLiteral(""), QStringLiteral("  \n\t ")}) {
        const auto result = m_alice.send(m_bob.id(), text);
        ASSERT_FALSE(result);
        EXPECT_TRUE(result.error().contains(QStringLiteral("empty"))) << result.error().toStdString();
    }
    spinFor(20);
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
    ASSERT_TRUE(waitUntil([&] { return !m_bob.stored.empty(); }));
    EXPECT_EQ(m_bob.stored[0].body, atLimit);
}

TEST_F(ChatServiceTest, MessageToSelfIsRefused)
{
    const auto result = m_alice.send(m_alice.id(), QStringLiteral("hello me"));
    ASSERT_FALSE(result);
    EXPECT_FALSE(result.error().isEmpty());
}

TEST_F(ChatServiceTest, OnlineMessageIsSentStoredAndConfirmed)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const auto result = m_alice.send(m_bob.id(), QStringLiteral("hello bob"));
    ASSERT_TRUE(result) << result.error().toStdString();
    const StoredMessage& sent = result.value();
    EXPECT_EQ(sent.state, MessageState::Sent);
    EXPECT_TRUE(sent.outgoing);
    EXPECT_EQ(sent.sentMs, 1'000'000);
    ASSERT_EQ(m_alice.stored.size(), 1u);

    ASSERT_TRUE(waitUntil([&] { return m_alice.stateOf(sent.id) == MessageState::Delivered; }));
    ASSERT_EQ(m_bob.stored.size(), 1u);
    const StoredMessage& received = m_bob.stored[0];
    EXPECT_EQ(received.id, sent.id);
    EXPECT_EQ(received.peer, m_alice.id());
    EXPECT_FALSE(received.outgoing);
    EXPECT_EQ(received.body, QStringLiteral("hello bob"));
    EXPECT_EQ(received.state, MessageState::Unread);
    EXPECT_EQ(received.sentMs, 1'000'000);   // the sender's clock
    EXPECT_EQ(received.storedMs, 2'000'000); // the receiver's clock
    // Stored on Bob's side before the receipt left.
    EXPECT_TRUE(m_bob.store().message(sent.id));

    ASSERT_FALSE(m_alice.changes.empty());
    EXPECT_EQ(m_alice.changes.back().state, MessageState::Delivered);
    EXPECT_TRUE(m_alice.store().outbox(m_bob.id()).empty());
}

TEST_F(ChatServiceTest, QueuedWhileOfflineThenSentInOrderWhenTheLinkComesUp)
{
    std::vector<proto::MessageId> ids;
    for (int i = 0; i < 5; ++i) {
        const auto result = m_alice.send(m_bob.id(), QStringLiteral("queued %1").arg(i));
        ASSERT_TRUE(result) << result.error().toStdString();
        EXPECT_EQ(result.value().state, MessageState::Queued);
        ids.push_back(result.value().id);
    }
    EXPECT_EQ(m_alice.store().outbox(m_bob.id()).size(), 5u);

    ASSERT_TRUE(m_alice.connectTo(m_bob));
    // Promptly, on the link coming up: well before the periodic resend could do it.
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::all_of(ids.begin(), ids.end(), [&](const proto::MessageId& id) {
                return m_alice.stateOf(id) == MessageState::Delivered;
            });
        },
        ChatService::kResendAfterMs / 5));
    ASSERT_EQ(m_bob.stored.size(), 5u);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(m_bob.stored[i].id, ids[i]);
        EXPECT_EQ(m_bob.stored[i].body, QStringLiteral("queued %1").arg(i));
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
    // Nothing is reported saved before the commit.
    EXPECT_TRUE(std::none_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); }));
    ASSERT_TRUE(waitUntil([&] { return m_bob.stored.size() == kCount; }));
    for (int i = 0; i < kCount; ++i) {
        ASSERT_TRUE(results[static_cast<std::size_t>(i)] && *results[static_cast<std::size_t>(i)]);
        EXPECT_EQ(m_bob.stored[static_cast<std::size_t>(i)].body, QStringLiteral("burst %1").arg(i));
    }
}

TEST_F(ChatServiceTest, MarkReadTellsTheSender)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const auto sent = m_alice.send(m_bob.id(), QStringLiteral("read me"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(waitUntil([&] { return !m_bob.stored.empty(); }));
    ASSERT_TRUE(m_bob.chat().markRead(m_bob.stored[0]));
    EXPECT_EQ(m_bob.stateOf(sent.value().id), MessageState::ReadIncoming);
    ASSERT_TRUE(waitUntil([&] { return m_alice.stateOf(sent.value().id) == MessageState::Read; }));
    // Read once only; outgoing messages cannot be "read" locally.
    EXPECT_FALSE(m_bob.chat().markRead(m_bob.stored[0]));
    EXPECT_FALSE(m_alice.chat().markRead(sent.value()));
}

class RawSenderTest : public ChatServiceTest {
protected:
    // Mallory speaks the link protocol correctly but builds envelopes by hand.
    void SetUp() override { ASSERT_TRUE(m_mallory.connectTo(m_alice)); }

    void sendRaw(const proto::Envelope& envelope)
    {
        ASSERT_TRUE(m_mallory.links().send(m_alice.id(), proto::LinkMessageType::Envelope,
                                           proto::encodeEnvelope(envelope)));
    }

    LinkSide m_mallory{QStringLiteral("mallory")};
};

TEST_F(RawSenderTest, DuplicateEnvelopeIdsAreStoredOnceAndAcknowledgedEachTime)
{
    const proto::Envelope envelope = textEnvelope(m_mallory.id(), m_alice.id(), "only once");
    sendRaw(envelope);
    ASSERT_TRUE(waitUntil(
        [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 1; }));
    // Again later (a resend after a lost receipt), and twice in one batch.
    sendRaw(envelope);
    sendRaw(envelope);
    ASSERT_TRUE(waitUntil(
        [&] { return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 3; }));
    for (const proto::MessageId& id : receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered)) {
        EXPECT_EQ(id, envelope.id);
    }
    EXPECT_EQ(m_alice.stored.size(), 1u);
    const auto history = m_alice.store().history(m_mallory.id(), 10);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].body, QStringLiteral("only once"));
    EXPECT_EQ(history[0].sentMs, 1234);
    EXPECT_TRUE(m_alice.links().isConnected(m_mallory.id()));
}

TEST_F(RawSenderTest, ForgedSenderDropsTheLinkAndStoresNothing)
{
    const auto carol = crypto::IdentityKeyPair::generate();
    sendRaw(textEnvelope(carol.peerId(), m_alice.id(), "I am Carol"));
    ASSERT_TRUE(waitUntil([&] { return !m_alice.links().isConnected(m_mallory.id()); }));
    EXPECT_TRUE(m_alice.stored.empty());
    EXPECT_TRUE(m_alice.store().history(carol.peerId(), 10).empty());
    EXPECT_TRUE(m_alice.store().history(m_mallory.id(), 10).empty());
}

TEST_F(RawSenderTest, EnvelopeForSomeoneElseDropsTheLink)
{
    sendRaw(textEnvelope(m_mallory.id(), m_bob.id(), "misrouted"));
    ASSERT_TRUE(waitUntil([&] { return !m_alice.links().isConnected(m_mallory.id()); }));
    EXPECT_TRUE(m_alice.stored.empty());
}

TEST_F(RawSenderTest, MalformedEnvelopeDropsTheLink)
{
    const proto::Bytes garbage{0x01, 0x02, 0x03};
    ASSERT_TRUE(m_mallory.links().send(m_alice.id(), proto::LinkMessageType::Envelope, garbage));
    ASSERT_TRUE(waitUntil([&] { return !m_alice.links().isConnected(m_mallory.id()); }));
    EXPECT_TRUE(m_alice.stored.empty());
}

TEST_F(RawSenderTest, ReceiptFromAnotherPeerDoesNotTouchOurMessages)
{
    ASSERT_TRUE(m_alice.connectTo(m_bob));
    const auto sent = m_alice.send(m_bob.id(), QStringLiteral("for bob only"));
    ASSERT_TRUE(sent);
    ASSERT_TRUE(waitUntil([&] { return m_alice.stateOf(sent.value().id) == MessageState::Delivered; }));
    // Mallory learned the id somehow and claims Bob read it.
    sendRaw(receiptEnvelope(m_mallory.id(), m_alice.id(), proto::ReceiptState::Read, {sent.value().id}));
    spinFor(100);
    EXPECT_EQ(m_alice.stateOf(sent.value().id), MessageState::Delivered);
    EXPECT_TRUE(m_alice.links().isConnected(m_mallory.id()));
}

TEST_F(RawSenderTest, EmptyTextFromAnotherImplementationIsStoredAndAcknowledged)
{
    // The wire format allows an empty text body; it must not block the batch it came in.
    const proto::Envelope empty = textEnvelope(m_mallory.id(), m_alice.id(), "");
    const proto::Envelope after = textEnvelope(m_mallory.id(), m_alice.id(), "after the empty one");
    sendRaw(empty);
    sendRaw(after);
    ASSERT_TRUE(waitUntil([&] {
        return receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size() == 2;
    })) << "acknowledged: "
        << receiptIds(m_mallory.envelopes, proto::ReceiptState::Delivered).size();
    const auto history = m_alice.store().history(m_mallory.id(), 10);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_TRUE(history[0].body.isEmpty());
    EXPECT_EQ(history[1].body, QStringLiteral("after the empty one"));
}

} // namespace
} // namespace confab::chat
