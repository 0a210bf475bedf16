#include "crypto/identity.h"
#include "link_node.h"
#include "noise_peer.h"
#include "proto/limits.h"
#include "session/link_manager.h"
#include "session/transfer_channel.h"
#include "sim/sim_network.h"
#include "support/log_capture.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"
#include "transfer_probe.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::session {
namespace {

using confab::test::runFor;
using confab::test::runUntil;
using test::LinkNode;
using test::NoisePeer;
using test::Probe;
using test::Transfers;

constexpr std::int64_t kPatienceMs = 60'000;
constexpr std::size_t kMebibyte = std::size_t{1024} * 1024;
const QString kTransferLog = QStringLiteral("confab.transfer");
const QString kLinkLog = QStringLiteral("confab.link");

const TransferId kDrop = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                          0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
const TransferId kOtherDrop = {0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
                               0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff};

// A record body that says which record it is: `n`, then `size - 4` bytes
// that depend on it.
Bytes numbered(std::uint32_t n, std::size_t size)
{
    Bytes bytes(std::max<std::size_t>(size, 4));
    bytes[0] = static_cast<std::uint8_t>(n >> 24);
    bytes[1] = static_cast<std::uint8_t>(n >> 16);
    bytes[2] = static_cast<std::uint8_t>(n >> 8);
    bytes[3] = static_cast<std::uint8_t>(n);
    for (std::size_t i = 4; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(std::size_t{n} * 7 + i * 13 + (i >> 10));
    }
    return bytes;
}

Bytes text(std::string_view value)
{
    const auto bytes = asBytes(value);
    return {bytes.begin(), bytes.end()};
}

// Alice (who fetches a drop) dials Bob (who offered it) on simulated hosts
// 1 ms apart.
class TransferChannelTest : public ::testing::Test {
protected:
    LinkNode& addNode(const QString& address, const QString& name) { return m_nodes.add(address, name); }

    void link(LinkNode& from, LinkNode& to) { ASSERT_TRUE(m_nodes.link(from, to, kPatienceMs)); }

    // Alice dials a transfer connection to Bob; both channels are up and started.
    void openChannel()
    {
        m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), kDrop);
        ASSERT_TRUE(runUntil(
            m_clock, [&] { return !m_aliceTransfers.ready.empty() && !m_bobTransfers.incoming.empty(); },
            kPatienceMs));
    }

    Probe& aliceEnd() { return *m_aliceTransfers.ready.at(0).probe; }
    Probe& bobEnd() { return *m_bobTransfers.incoming.at(0).probe; }

    // A hand-driven initiator on a host of its own, with its own identity,
    // that has run the handshake to Bob asking for `transferId`.
    std::unique_ptr<NoisePeer> rawTransfer(const TransferId& transferId,
                                           const std::vector<Bytes>& withMessage3 = {})
    {
        auto peer = std::make_unique<NoisePeer>(m_rawHost.connectTo(m_bob.address()), m_clock);
        NoisePeer::Hello hello;
        hello.payload.protocolVersion = proto::kProtocolVersion;
        hello.payload.peerId = m_rawIdentity.peerId();
        hello.payload.identityKey = m_rawIdentity.publicKey();
        hello.payload.transferId = transferId;
        EXPECT_TRUE(peer->waitConnected());
        EXPECT_TRUE(peer->handshake(m_rawIdentity, hello, {}, withMessage3));
        if (withMessage3.empty()) {
            peer->startRecords();
        }
        return peer;
    }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    test::LinkNodes m_nodes{m_network};
    LinkNode& m_alice = addNode(QStringLiteral("10.0.0.1"), QStringLiteral("alice"));
    LinkNode& m_bob = addNode(QStringLiteral("10.0.0.2"), QStringLiteral("bob"));
    Transfers m_aliceTransfers{m_alice.manager(), m_clock};
    Transfers m_bobTransfers{m_bob.manager(), m_clock};
    sim::SimHost& m_rawHost = m_network.addHost(QStringLiteral("10.0.0.9"));
    crypto::IdentityKeyPair m_rawIdentity = crypto::IdentityKeyPair::generate();
};

TEST_F(TransferChannelTest, OpensWithThePeerAndTheDropOnBothSides)
{
    openChannel();
    ASSERT_EQ(m_aliceTransfers.ready.size(), 1u);
    EXPECT_EQ(m_aliceTransfers.ready[0].transferId, kDrop);
    EXPECT_TRUE(m_aliceTransfers.failed.empty());
    EXPECT_TRUE(aliceEnd().channel->isOpen());
    EXPECT_EQ(aliceEnd().channel->peer(), m_bob.id());
    EXPECT_EQ(aliceEnd().channel->transferId(), kDrop);
    EXPECT_EQ(aliceEnd().channel->remoteAddress(), m_bob.address());

    ASSERT_EQ(m_bobTransfers.incoming.size(), 1u);
    EXPECT_EQ(m_bobTransfers.incoming[0].peer, m_alice.id());
    EXPECT_EQ(m_bobTransfers.incoming[0].transferId, kDrop);
    EXPECT_EQ(bobEnd().channel->peer(), m_alice.id());
    EXPECT_EQ(bobEnd().channel->transferId(), kDrop);
    EXPECT_EQ(bobEnd().channel->remoteAddress().host, m_alice.address().host);
    EXPECT_TRUE(bobEnd().channel->describe().startsWith(QStringLiteral("transfer #")))
        << bobEnd().channel->describe().toStdString();

    // Not a link on either side, and nothing left behind in the managers.
    EXPECT_FALSE(m_alice.manager().isConnected(m_bob.id()));
    EXPECT_FALSE(m_bob.manager().isConnected(m_alice.id()));
    EXPECT_TRUE(m_alice.connected.empty());
    EXPECT_TRUE(m_bob.connected.empty());
    EXPECT_TRUE(m_alice.dials.empty()); // not a dial the Dialer hears of
    runFor(m_clock, 1);                 // the Links' deferred deletion
    EXPECT_TRUE(m_alice.links().empty());
    EXPECT_TRUE(m_bob.links().empty());
    // Each pinned the other on first use, as for a link.
    EXPECT_EQ(*m_alice.trust().pinnedKey(m_bob.id()), m_bob.identity().publicKey());
    EXPECT_EQ(*m_bob.trust().pinnedKey(m_alice.id()), m_alice.identity().publicKey());

    // No pings on a transfer connection, and no idle timeout of its own:
    // whether a quiet drop is stuck is its owner's to judge.
    const auto segments = m_network.stats().segments;
    runFor(m_clock, 120'000);
    EXPECT_EQ(m_network.stats().segments, segments);
    EXPECT_TRUE(aliceEnd().channel->isOpen());
    EXPECT_TRUE(bobEnd().channel->isOpen());
}

TEST_F(TransferChannelTest, RecordsFlowBothWaysInOrder)
{
    openChannel();
    constexpr std::uint32_t kSmall = 2000;
    for (std::uint32_t i = 0; i < kSmall; ++i) {
        ASSERT_TRUE(aliceEnd().channel->send(numbered(i, 5 + i % 40)));
        ASSERT_TRUE(bobEnd().channel->send(numbered(i, 5 + i % 70)));
    }
    const std::int64_t sentAt = m_clock.monotonicMs();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return aliceEnd().records.size() == kSmall && bobEnd().records.size() == kSmall; },
        kPatienceMs));
    EXPECT_EQ(m_clock.monotonicMs(), sentAt + 1); // one latency, nothing held back
    for (std::uint32_t i = 0; i < kSmall; ++i) {
        ASSERT_EQ(bobEnd().records[i], numbered(i, 5 + i % 40)) << i;
        ASSERT_EQ(aliceEnd().records[i], numbered(i, 5 + i % 70)) << i;
    }

    // The largest records, each way, between small ones.
    const Bytes largest = numbered(7, kMaxTransferRecordSize);
    const Bytes mebibyte = numbered(8, kMebibyte);
    ASSERT_TRUE(aliceEnd().channel->send(largest));
    ASSERT_TRUE(aliceEnd().channel->send(text("x")));
    ASSERT_TRUE(bobEnd().channel->send(mebibyte));
    ASSERT_TRUE(bobEnd().channel->send(largest));
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] { return bobEnd().records.size() == kSmall + 2 && aliceEnd().records.size() == kSmall + 2; },
        kPatienceMs));
    EXPECT_EQ(bobEnd().records[kSmall], largest);
    EXPECT_EQ(bobEnd().records[kSmall + 1], text("x"));
    EXPECT_EQ(aliceEnd().records[kSmall], mebibyte);
    EXPECT_EQ(aliceEnd().records[kSmall + 1], largest);
    EXPECT_FALSE(aliceEnd().closed() || bobEnd().closed());
}

TEST_F(TransferChannelTest, SendRefusesEmptyAndOversizedRecords)
{
    openChannel();
    EXPECT_FALSE(aliceEnd().channel->send({}));
    EXPECT_FALSE(aliceEnd().channel->send(Bytes(kMaxTransferRecordSize + 1, 1)));
    EXPECT_TRUE(aliceEnd().channel->send(text("after")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bobEnd().records.empty(); }, kPatienceMs));
    // Nothing of the refused ones went out: the next record is the first.
    EXPECT_EQ(bobEnd().records, std::vector<Bytes>{text("after")});
    EXPECT_TRUE(aliceEnd().channel->isOpen());
}

TEST_F(TransferChannelTest, AnExistingLinkToTheSamePeerIsNotDisturbed)
{
    link(m_alice, m_bob);
    const auto aliceLinks = m_alice.links();
    const auto bobLinks = m_bob.links();
    ASSERT_EQ(aliceLinks.size(), 1u);
    ASSERT_EQ(bobLinks.size(), 1u);

    openChannel();
    ASSERT_EQ(m_bobTransfers.incoming.size(), 1u);
    EXPECT_EQ(m_bobTransfers.incoming[0].peer, m_alice.id());
    EXPECT_EQ(m_bobTransfers.incoming[0].transferId, kDrop);
    // A second connection between the same peers, and no one-link-per-peer
    // rule, no new link, no disconnect or replacement on either side.
    runFor(m_clock, 1000);
    EXPECT_EQ(m_alice.links(), aliceLinks);
    EXPECT_EQ(m_bob.links(), bobLinks);
    EXPECT_EQ(aliceLinks[0]->state(), Link::State::Established);
    EXPECT_EQ(bobLinks[0]->state(), Link::State::Established);
    EXPECT_EQ(m_alice.connected.size(), 1u);
    EXPECT_EQ(m_bob.connected.size(), 1u);
    EXPECT_TRUE(m_alice.disconnected.empty());
    EXPECT_TRUE(m_bob.disconnected.empty());
    EXPECT_TRUE(m_alice.replaced.empty());
    EXPECT_TRUE(m_bob.replaced.empty());
    EXPECT_EQ(m_alice.dials.size(), 1u); // only the link's

    // Both carry their own traffic; closing the channel leaves the link be.
    ASSERT_TRUE(aliceEnd().channel->send(text("record")));
    ASSERT_TRUE(m_alice.manager().send(m_bob.id(), proto::LinkMessageType::Envelope, text("envelope")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !bobEnd().records.empty() && !m_bob.received.empty(); }, kPatienceMs));
    EXPECT_EQ(bobEnd().records[0], text("record"));
    EXPECT_EQ(m_bob.received[0].body, text("envelope"));
    aliceEnd().channel->close();
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
    runFor(m_clock, 1000);
    EXPECT_TRUE(m_alice.manager().isConnected(m_bob.id()));
    EXPECT_TRUE(m_bob.manager().isConnected(m_alice.id()));
    EXPECT_TRUE(m_bob.disconnected.empty());
}

TEST_F(TransferChannelTest, CloseDeliversWhatWasQueuedThenThePeerSeesTheEnd)
{
    openChannel();
    for (std::uint32_t i = 0; i < 10; ++i) {
        ASSERT_TRUE(aliceEnd().channel->send(numbered(i, 300'000)));
    }
    aliceEnd().channel->close();
    EXPECT_FALSE(aliceEnd().channel->isOpen());
    EXPECT_EQ(aliceEnd().closedCount, 1);
    EXPECT_FALSE(aliceEnd().channel->send(text("late")));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
    ASSERT_EQ(bobEnd().records.size(), 10u);
    for (std::uint32_t i = 0; i < 10; ++i) {
        EXPECT_EQ(bobEnd().records[i], numbered(i, 300'000));
    }
    EXPECT_EQ(bobEnd().closeReason, QStringLiteral("connection closed by the peer"));
    runFor(m_clock, 1000);
    EXPECT_EQ(aliceEnd().closedCount, 1);
    EXPECT_EQ(bobEnd().closedCount, 1);
}

TEST_F(TransferChannelTest, RecordsThatCameWithTheLastHandshakeMessageAreNotLost)
{
    // Message 3 and three records in one write, so they arrive in one read
    // of Bob's: the handshake's reader must hand the records over.
    auto raw = rawTransfer(kDrop, {text("hello"), numbered(1, 70'000), text("third")});
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty() && bobEnd().records.size() == 3; },
        kPatienceMs));
    EXPECT_EQ(m_bobTransfers.incoming[0].peer, m_rawIdentity.peerId());
    EXPECT_EQ(bobEnd().records[0], text("hello"));
    EXPECT_EQ(bobEnd().records[1], numbered(1, 70'000));
    EXPECT_EQ(bobEnd().records[2], text("third"));
    EXPECT_EQ(bobEnd().batches, std::vector<std::size_t>{3});

    // And the conversation goes on from there, both ways.
    raw->sendRecord(text("fourth"));
    ASSERT_TRUE(bobEnd().channel->send(text("answer")));
    const auto answer = raw->readRecord();
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, text("answer"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().records.size() == 4; }, kPatienceMs));
    EXPECT_EQ(bobEnd().records[3], text("fourth"));
}

TEST_F(TransferChannelTest, RecordsAndACloseBeforeStartWaitForStart)
{
    LinkNode& carolNode = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("carol"));
    Transfers carol(carolNode.manager(), m_clock, false);
    auto raw = std::make_unique<NoisePeer>(m_rawHost.connectTo(carolNode.address()), m_clock);
    NoisePeer::Hello hello;
    hello.payload.protocolVersion = proto::kProtocolVersion;
    hello.payload.peerId = m_rawIdentity.peerId();
    hello.payload.identityKey = m_rawIdentity.publicKey();
    hello.payload.transferId = kDrop;
    ASSERT_TRUE(raw->waitConnected());
    ASSERT_TRUE(raw->handshake(m_rawIdentity, hello, {}, {text("one")}));
    raw->sendRecord(text("two"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !carol.incoming.empty(); }, kPatienceMs));
    runFor(m_clock, 100);
    raw->stream().closeAfterWriting();
    runFor(m_clock, 100);
    Probe& probe = *carol.incoming[0].probe;
    EXPECT_TRUE(probe.records.empty());
    EXPECT_FALSE(probe.closed());

    probe.channel->start();
    EXPECT_EQ(probe.records, (std::vector<Bytes>{text("one"), text("two")}));
    EXPECT_EQ(probe.closedCount, 1);
    EXPECT_EQ(probe.closeReason, QStringLiteral("connection closed by the peer"));
    EXPECT_FALSE(probe.channel->isOpen());
}

TEST_F(TransferChannelTest, TamperedRecordClosesTheChannelWithOneLoggedReason)
{
    confab::test::LogCapture log;
    auto raw = rawTransfer(kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
    raw->sendRecord(text("authentic"));
    Bytes tampered = raw->record(text("tampered with"));
    tampered[10] ^= 0x40;
    Bytes afterwards = raw->record(text("never read"));
    tampered.insert(tampered.end(), afterwards.begin(), afterwards.end());
    raw->writeRaw(tampered);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
    // What was authentic before it counts; nothing after it is read.
    EXPECT_EQ(bobEnd().records, std::vector<Bytes>{text("authentic")});
    EXPECT_TRUE(bobEnd().closeReason.contains(QStringLiteral("failed authentication")))
        << bobEnd().closeReason.toStdString();
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return raw->isClosed(); }, kPatienceMs));
    runFor(m_clock, 1000);
    EXPECT_EQ(bobEnd().closedCount, 1);
    EXPECT_EQ(log.count(kTransferLog, QStringLiteral("failed authentication")), 1);
    EXPECT_EQ(log.count(kTransferLog, QStringLiteral("closed")), 1);
    // A record does not pass for a security event of the link layer.
    EXPECT_TRUE(m_bob.securityEvents.isEmpty());
}

TEST_F(TransferChannelTest, ARecordReplayedOrFromTheWrongDirectionCloses)
{
    auto raw = rawTransfer(kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
    const Bytes first = raw->record(text("first"));
    raw->writeRaw(first);
    raw->writeRaw(first);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
    EXPECT_EQ(bobEnd().records, std::vector<Bytes>{text("first")});
    EXPECT_TRUE(bobEnd().closeReason.contains(QStringLiteral("failed authentication")));

    // Bob's own record sent back to him: sealed for the other direction.
    m_bobTransfers.incoming.clear();
    auto second = rawTransfer(kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
    ASSERT_TRUE(bobEnd().channel->send(text("from bob")));
    const auto header = second->readExactly(4);
    ASSERT_TRUE(header);
    const auto body = second->readExactly(std::size_t{(*header)[3]});
    ASSERT_TRUE(body);
    Bytes reflected = *header;
    reflected.insert(reflected.end(), body->begin(), body->end());
    second->writeRaw(reflected);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
    EXPECT_TRUE(bobEnd().records.empty());
    EXPECT_TRUE(bobEnd().closeReason.contains(QStringLiteral("failed authentication")));
}

TEST_F(TransferChannelTest, LengthsOutOfBoundsCloseOnTheHeaderAlone)
{
    for (const std::uint32_t length : {std::uint32_t{kMaxTransferRecordLength + 1}, 0xffffffffU,
                                       std::uint32_t{kMinTransferRecordLength - 1}, 0U}) {
        SCOPED_TRACE(testing::Message() << "length " << length);
        confab::test::LogCapture log;
        m_bobTransfers.incoming.clear();
        auto raw = rawTransfer(kDrop);
        ASSERT_TRUE(runUntil(
            m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
        raw->sendRecord(text("fine"));
        const std::int64_t sentAt = m_clock.monotonicMs();
        raw->writeFrameHeader(length); // and not one byte of a body
        ASSERT_TRUE(runUntil(
            m_clock, [&] { return bobEnd().closed(); }, kPatienceMs));
        EXPECT_EQ(bobEnd().closedAt, sentAt + 1);
        EXPECT_EQ(bobEnd().records, std::vector<Bytes>{text("fine")});
        EXPECT_TRUE(bobEnd().closeReason.contains(QStringLiteral("record length")))
            << bobEnd().closeReason.toStdString();
        EXPECT_EQ(log.count(kTransferLog, QStringLiteral("record length")), 1);
    }
}

TEST_F(TransferChannelTest, TheLargestLengthsAllowedAreTaken)
{
    auto raw = rawTransfer(kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_bobTransfers.incoming.empty(); }, kPatienceMs));
    raw->sendRecord(Bytes(kMaxTransferRecordSize, 0x5a)); // length kMaxTransferRecordLength
    raw->sendRecord(Bytes(1, 0x05));                      // length kMinTransferRecordLength
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().records.size() == 2 || bobEnd().closed(); }, kPatienceMs));
    EXPECT_FALSE(bobEnd().closed()) << bobEnd().closeReason.toStdString();
    EXPECT_EQ(bobEnd().records[0], Bytes(kMaxTransferRecordSize, 0x5a));
    EXPECT_EQ(bobEnd().records[1], Bytes(1, 0x05));
}

TEST_F(TransferChannelTest, ABlockedPeersTransferConnectionIsRefused)
{
    confab::test::LogCapture log;
    m_bob.manager().setBlocked(m_alice.id(), true);
    m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), kDrop);
    // As for a link, the initiator learns it only when the responder hangs up.
    ASSERT_TRUE(runUntil(
        m_clock,
        [&] {
            return !m_aliceTransfers.failed.empty() ||
                   (!m_aliceTransfers.ready.empty() && m_aliceTransfers.ready[0].probe->closed());
        },
        kPatienceMs));
    runFor(m_clock, 1000);
    EXPECT_TRUE(m_bobTransfers.incoming.empty());
    EXPECT_EQ(log.count(kLinkLog, QStringLiteral("is blocked here")), 1);
    EXPECT_TRUE(m_bob.securityEvents.isEmpty());
    runFor(m_clock, 1);
    EXPECT_TRUE(m_bob.links().empty());

    // Alice's side refuses a blocked peer before dialling at all.
    m_alice.manager().setBlocked(m_bob.id(), true);
    const auto segments = m_network.stats().segments;
    m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), kOtherDrop);
    ASSERT_FALSE(m_aliceTransfers.failed.empty());
    EXPECT_EQ(m_aliceTransfers.failed.back().transferId, kOtherDrop);
    EXPECT_TRUE(m_aliceTransfers.failed.back().reason.contains(QStringLiteral("blocked")));
    EXPECT_EQ(m_network.stats().segments, segments);
}

TEST_F(TransferChannelTest, BlockingThePeerClosesItsOpenChannels)
{
    openChannel();
    m_bob.manager().setBlocked(m_alice.id(), true);
    EXPECT_TRUE(bobEnd().closed());
    EXPECT_EQ(bobEnd().closeReason, QStringLiteral("blocked by the user"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return aliceEnd().closed(); }, kPatienceMs));
}

TEST_F(TransferChannelTest, ADialToAnotherPeerThanExpectedFails)
{
    LinkNode& mallory = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("mallory"));
    Transfers malloryTransfers(mallory.manager(), m_clock);
    m_alice.manager().dialTransfer(mallory.address(), m_bob.id(), kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.failed.empty(); }, kPatienceMs));
    EXPECT_EQ(m_aliceTransfers.failed[0].transferId, kDrop);
    EXPECT_TRUE(m_aliceTransfers.failed[0].reason.contains(QStringLiteral("expected")))
        << m_aliceTransfers.failed[0].reason.toStdString();
    runFor(m_clock, 1000);
    EXPECT_TRUE(m_aliceTransfers.ready.empty());
    EXPECT_EQ(m_aliceTransfers.failed.size(), 1u);
    // Alice never sent her identity, so Mallory learned nothing of the drop.
    EXPECT_TRUE(malloryTransfers.incoming.empty());
    EXPECT_FALSE(mallory.trust().pinnedKey(m_alice.id()));
}

TEST_F(TransferChannelTest, ADialToAPeerPresentingAnotherKeyIsASecurityEvent)
{
    // Bob's key is pinned; at Bob's address answers someone claiming Bob's
    // ID with a key of its own.
    m_alice.trust().preset(m_bob.id(), m_bob.identity().publicKey());
    const auto impostor = crypto::IdentityKeyPair::generate();
    sim::SimHost& host = m_network.addHost(QStringLiteral("10.0.0.4"));
    auto listener = host.createListener();
    ASSERT_TRUE(listener->listen({QStringLiteral("10.0.0.4"), LinkNode::kPort}, true));
    std::unique_ptr<NoisePeer> answering;
    QObject::connect(
        listener.get(), &net::StreamListener::accepted, listener.get(), [&](net::ByteStream* stream) {
            answering = std::make_unique<NoisePeer>(std::unique_ptr<net::ByteStream>(stream), m_clock);
        });
    m_alice.manager().dialTransfer({QStringLiteral("10.0.0.4"), LinkNode::kPort}, m_bob.id(), kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return answering != nullptr; }, kPatienceMs));
    NoisePeer::Hello hello;
    hello.payload.protocolVersion = proto::kProtocolVersion;
    hello.payload.peerId = m_bob.id();
    hello.payload.identityKey = impostor.publicKey();
    EXPECT_FALSE(answering->respond(impostor, hello)); // message 3 never comes

    ASSERT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_aliceTransfers.failed[0].transferId, kDrop);
    EXPECT_TRUE(m_aliceTransfers.failed[0].reason.contains(QStringLiteral("pinned")))
        << m_aliceTransfers.failed[0].reason.toStdString();
    ASSERT_EQ(m_alice.securityEvents.size(), 1);
    EXPECT_TRUE(m_aliceTransfers.ready.empty());
    EXPECT_EQ(*m_alice.trust().pinnedKey(m_bob.id()), m_bob.identity().publicKey());
}

TEST_F(TransferChannelTest, CancellingADialFailsItOnce)
{
    m_network.setDefaultLink({.latencyMs = 50});
    m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), kDrop);
    m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), kOtherDrop);
    runFor(m_clock, 10);
    m_alice.manager().cancelTransferDial(kDrop);
    ASSERT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_aliceTransfers.failed[0].transferId, kDrop);
    EXPECT_EQ(m_aliceTransfers.failed[0].reason, QStringLiteral("dial cancelled"));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.ready.empty(); }, kPatienceMs));
    EXPECT_EQ(m_aliceTransfers.ready[0].transferId, kOtherDrop);
    runFor(m_clock, 1000);
    EXPECT_EQ(m_aliceTransfers.failed.size(), 1u);
    EXPECT_EQ(m_aliceTransfers.ready.size(), 1u);
}

TEST_F(TransferChannelTest, ANodeThatTakesNoTransfersClosesThem)
{
    confab::test::LogCapture log;
    LinkNode& carol = addNode(QStringLiteral("10.0.0.3"), QStringLiteral("carol")); // nothing connected
    m_alice.manager().dialTransfer(carol.address(), carol.id(), kDrop);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return !m_aliceTransfers.ready.empty() && aliceEnd().closed(); }, kPatienceMs));
    EXPECT_EQ(log.count(kTransferLog, QStringLiteral("nothing on this node takes transfer connections")), 1);
    EXPECT_FALSE(carol.manager().isConnected(m_alice.id()));
}

TEST_F(TransferChannelTest, WritableComesOnceTheQueueDrainsBelowTheMark)
{
    // 16 MB/s: eight 1 MiB records take about half a second to leave.
    m_network.setDefaultLink({.latencyMs = 1, .bytesPerSecond = 16'000'000});
    openChannel();
    const Bytes chunk = numbered(1, kMebibyte);
    EXPECT_EQ(aliceEnd().channel->pendingWriteBytes(), 0);
    std::int64_t queued = 0;
    for (int i = 0; i < 8; ++i) {
        ASSERT_TRUE(aliceEnd().channel->send(chunk));
        queued += static_cast<std::int64_t>(chunk.size() + crypto::kRecordTagSize + 4);
        EXPECT_EQ(aliceEnd().channel->pendingWriteBytes(), queued);
    }
    EXPECT_GE(aliceEnd().channel->pendingWriteBytes(), TransferChannel::kWritableBelowBytes);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return aliceEnd().writableCount > 0; }, kPatienceMs));
    // Exactly when the queue fell below the mark: four records (a little
    // more than 4 MiB) were not enough, the fifth was; three are on their way.
    EXPECT_LT(aliceEnd().pendingAtWritable[0], TransferChannel::kWritableBelowBytes);
    EXPECT_EQ(aliceEnd().pendingAtWritable[0], queued / 8 * 3);
    EXPECT_EQ(bobEnd().records.size(), 5u);
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().records.size() == 8; }, kPatienceMs));
    EXPECT_EQ(aliceEnd().channel->pendingWriteBytes(), 0);
    EXPECT_EQ(aliceEnd().writableCount, 1); // once per time the mark was passed

    // Below the mark nothing is owed: small sends bring no writable().
    ASSERT_TRUE(aliceEnd().channel->send(chunk));
    ASSERT_TRUE(runUntil(
        m_clock, [&] { return bobEnd().records.size() == 9; }, kPatienceMs));
    EXPECT_EQ(aliceEnd().writableCount, 1);
}

// The simulated stream's side of it, without a channel.
TEST(SimStreamBackpressure, PendingBytesFallAsTheyArriveAndEachArrivalSaysWritten)
{
    confab::test::VirtualClock clock;
    sim::SimNetwork network(clock, 1);
    network.setDefaultLink({.latencyMs = 5, .bytesPerSecond = 1'000'000});
    sim::SimHost& a = network.addHost(QStringLiteral("10.0.0.1"));
    sim::SimHost& b = network.addHost(QStringLiteral("10.0.0.2"));
    auto listener = b.createListener();
    ASSERT_TRUE(listener->listen({QStringLiteral("10.0.0.2"), 7000}, true));
    std::unique_ptr<net::ByteStream> accepted;
    QObject::connect(listener.get(), &net::StreamListener::accepted, listener.get(),
                     [&](net::ByteStream* stream) { accepted.reset(stream); });
    auto stream = a.connectTo({QStringLiteral("10.0.0.2"), 7000});
    int written = 0;
    std::vector<std::int64_t> pendingAtWritten;
    QObject::connect(stream.get(), &net::ByteStream::written, stream.get(), [&] {
        ++written;
        pendingAtWritten.push_back(stream->pendingWriteBytes());
    });
    ASSERT_TRUE(runUntil(
        clock, [&] { return stream->isOpen() && accepted != nullptr; }, 10'000));
    EXPECT_EQ(stream->pendingWriteBytes(), 0);

    stream->write(Bytes(10'000, 1)); // 10 ms on the wire, then 5 ms latency
    stream->write(Bytes(5'000, 2));
    EXPECT_EQ(stream->pendingWriteBytes(), 15'000);
    EXPECT_EQ(accepted->pendingWriteBytes(), 0); // per direction
    const std::int64_t start = clock.monotonicMs();
    runFor(clock, 14);
    EXPECT_EQ(stream->pendingWriteBytes(), 15'000);
    EXPECT_EQ(written, 0);
    runFor(clock, 1);
    EXPECT_EQ(clock.monotonicMs(), start + 15);
    EXPECT_EQ(stream->pendingWriteBytes(), 5'000);
    EXPECT_EQ(written, 1);
    ASSERT_TRUE(runUntil(
        clock, [&] { return written == 2; }, 10'000));
    EXPECT_EQ(clock.monotonicMs(), start + 20);
    EXPECT_EQ(pendingAtWritten, (std::vector<std::int64_t>{5'000, 0}));
    EXPECT_EQ(accepted->readAll().size(), 15'000u);

    // An abort drops what was queued: nothing is pending any more.
    stream->write(Bytes(1'000, 3));
    EXPECT_EQ(stream->pendingWriteBytes(), 1'000);
    stream->abort();
    EXPECT_EQ(stream->pendingWriteBytes(), 0);
}

} // namespace
} // namespace confab::session
