// A drop sent to several receivers at once (docs/PROTOCOL.md, "Several
// receivers"), over the simulated network on a virtual clock: the receivers
// fetch chunks from each other as well as from the sender, so the sender
// uploads about one copy, and a node that breaks the rules between receivers
// loses its connection, never the drop.
//
// The test plays every node's transfer service, as the service does it: each
// end's connection is made once its transfer connection is up, a receiver
// dials the others its sender named when it reports them (and again after a
// connection with one ended), and the connections between receivers are
// handed to the receivers' connections. A "stranger" is a node named as a
// receiver that speaks records itself on raw channels, to break the rules.
#include "drop_harness.h"
#include "file_tree.h"
#include "files/receiving_connection.h"
#include "files/sending_connection.h"
#include "files/source_reader.h"
#include "session/transfer_channel.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"
#include "unit/session/link_node.h"

#include <QTemporaryDir>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <set>

namespace confab::files {
namespace {

using session::TransferChannel;
using session::test::LinkNode;
using test::chunkRecord;
using test::contentsOf;
using test::Owner;

constexpr std::uint32_t kChunk = 64 * 1024;
constexpr std::int64_t kPatienceMs = 120'000;
// The sender's pace to each receiver, a chunk a second: slow enough that
// the receivers have the time to pass chunks on to each other.
constexpr std::uint64_t kSlowBytesPerSecond = kChunk;
// As the service: another receiver is dialled again 1 s after a connection
// with it ended, then after 2, 4 ... 30 s.
constexpr std::int64_t kFirstRedialMs = 1000;
constexpr std::int64_t kMaxRedialMs = 30'000;

// A receiver of the drop, and what its service knows of it.
struct Receiver {
    Receiver(sim::SimNetwork& network, const QString& address, const QString& name)
        : node(network, address, name)
    {
    }

    struct Redial {
        std::int64_t atMs = 0;
        std::int64_t afterMs = kFirstRedialMs;
    };

    [[nodiscard]] ReceivingConnection* connection() const
    {
        return static_cast<ReceivingConnection*>(owner.connection.get());
    }
    [[nodiscard]] bool names(const PeerId& peer) const
    {
        return std::any_of(others.begin(), others.end(),
                           [&peer](const proto::SwarmMember& other) { return other.peer == peer; });
    }
    [[nodiscard]] int goneCount(const proto::TransferId& theirs) const
    {
        int count = 0;
        for (const DropReport& report : owner.reports) {
            const auto* gone = std::get_if<DropSwarmOtherGone>(&report);
            count += gone != nullptr && gone->theirId == theirs ? 1 : 0;
        }
        return count;
    }

    LinkNode node;
    proto::TransferId id{};
    ReceivingConnection::Drop drop;
    Owner owner;
    std::vector<proto::SwarmMember> others; // as its sender named them
    std::set<proto::TransferId> dialled;    // others it is connected with or dialling
    std::map<proto::TransferId, Redial> redial;
    std::int64_t endedAtMs = -1;
};

// One raw transfer channel of a stranger, and what came on it.
struct RawChannel {
    std::unique_ptr<TransferChannel> channel;
    std::vector<proto::TransferRecord> received;
    bool dialled = false; // the stranger dialled it, rather than took it
    bool closed = false;

    void send(const proto::TransferRecord& record) const
    {
        channel->send(proto::encodeTransferRecord(record));
    }
    [[nodiscard]] int countOf(proto::TransferRecordType type) const
    {
        return static_cast<int>(std::count_if(received.begin(), received.end(),
                                              [type](const auto& record) { return record.type == type; }));
    }
};

// A node that speaks records itself, to play another receiver (or a
// receiver of the sender) that breaks the rules, or keeps them exactly.
struct Stranger {
    Stranger(sim::SimNetwork& network, const QString& address, const QString& name)
        : node(network, address, name)
    {
    }

    LinkNode node;
    proto::TransferId id{};
    std::vector<std::unique_ptr<RawChannel>> channels; // in the order they came up

    // The channels others dialled to it.
    [[nodiscard]] std::size_t taken() const
    {
        return static_cast<std::size_t>(
            std::count_if(channels.begin(), channels.end(), [](const auto& raw) { return !raw->dialled; }));
    }
    [[nodiscard]] const RawChannel* dialledChannel() const
    {
        for (const auto& raw : channels) {
            if (raw->dialled) {
                return raw.get();
            }
        }
        return nullptr;
    }
};

// What a stranger does on a raw channel: as it comes up, and on each record.
using Greet = std::function<void(RawChannel&)>;
using Answer = std::function<void(RawChannel&, const proto::TransferRecord&)>;

proto::TransferRecord rangesRecord(proto::TransferRecordType type, std::vector<proto::ChunkRange> ranges)
{
    proto::TransferRecord record;
    record.type = type;
    record.ranges = std::move(ranges);
    return record;
}

proto::TransferRecord helloRecord(bool wantManifest, bool wantSwarm)
{
    proto::TransferRecord record;
    record.type = proto::TransferRecordType::Hello;
    record.wantManifest = wantManifest;
    record.wantSwarm = wantSwarm;
    return record;
}

class DropSwarmTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        const QString source = m_dir.filePath(QStringLiteral("source/album"));
        // Two files, 48 chunks across them: a chunk a second from the
        // sender alone would take 48 s.
        m_first = test::patterned(20 * kChunk + 100, 3);
        m_second = test::patterned(std::size_t{27} * kChunk, 5);
        ASSERT_TRUE(test::writeFile(source + QStringLiteral("/first.bin"), m_first));
        ASSERT_TRUE(test::writeFile(source + QStringLiteral("/second.bin"), m_second));
        auto prepared = test::prepareDrop({source}, kChunk);
        ASSERT_TRUE(prepared) << prepared.error().toStdString();
        m_sending = prepared.value().sending;
        m_offer = prepared.value().offer;
        m_reader = std::make_unique<SourceReader>(m_sending.sources, kChunk);
        ASSERT_EQ(chunksOfDrop(), 48U);

        QObject::connect(&m_senderNode.manager(), &session::LinkManager::transferConnection,
                         &m_senderNode.manager(),
                         [this](TransferChannel* channel, const PeerId& peer, const proto::TransferId& id) {
                             onSenderConnection(std::unique_ptr<TransferChannel>(channel), peer, id);
                         });
        // As the service's retry timer: the others not connected are dialled
        // again once their wait is over.
        m_redialTimer = m_clock.createTimer([this] {
            for (const auto& receiver : m_receivers) {
                dialOthers(*receiver);
            }
        });
        m_redialTimer->startRepeating(kFirstRedialMs);
    }

    void TearDown() override
    {
        // What was handed on or deleted later goes while the network is here.
        for (const auto& receiver : m_receivers) {
            receiver->owner.connection.reset();
        }
        m_sent.clear();
        confab::test::runFor(m_clock, 1);
    }

    // Receiver `n` of the drop (ranked by n: its transferId is n's bytes),
    // named to the others by the sender.
    Receiver& addReceiver(std::uint8_t n)
    {
        auto& receiver = *m_receivers.emplace_back(std::make_unique<Receiver>(
            m_network, QStringLiteral("10.0.1.%1").arg(n), QStringLiteral("receiver %1").arg(n)));
        receiver.id.fill(n);
        receiver.drop.offer = m_offer;
        receiver.drop.offer.transferId = receiver.id;
        receiver.drop.folder = m_dir.filePath(QStringLiteral("downloads %1").arg(n));
        receiver.drop.senderSwarms = true;
        EXPECT_TRUE(QDir().mkpath(receiver.drop.folder));
        m_recipients[receiver.id] = receiver.node.id();
        m_swarm.push_back({receiver.node.id(), receiver.id});
        actAsService(receiver);
        return receiver;
    }

    Stranger& addStranger(std::uint8_t n)
    {
        auto& stranger = *m_strangers.emplace_back(std::make_unique<Stranger>(
            m_network, QStringLiteral("10.0.2.%1").arg(n), QStringLiteral("stranger %1").arg(n)));
        stranger.id.fill(n);
        return stranger;
    }
    // The sender names `stranger` to its receivers as one of them.
    void nameAsReceiver(const Stranger& stranger) { m_swarm.push_back({stranger.node.id(), stranger.id}); }

    // Every receiver dials the sender.
    void start()
    {
        for (const auto& receiver : m_receivers) {
            receiver->node.manager().dialTransfer(m_senderNode.address(), m_senderNode.id(), receiver->id);
        }
    }

    bool runUntilReceiversEnded()
    {
        return runUntil([this] {
            return std::all_of(m_receivers.begin(), m_receivers.end(),
                               [](const auto& receiver) { return receiver->owner.ended() != nullptr; });
        });
    }
    // The receivers, and the sender's connection with each.
    bool runUntilAllEnded()
    {
        return runUntil([this] {
            return std::all_of(m_receivers.begin(), m_receivers.end(), [this](const auto& receiver) {
                const auto sent = m_sent.find(receiver->id);
                return receiver->owner.ended() != nullptr && sent != m_sent.end() &&
                       sent->second.ended() != nullptr;
            });
        });
    }
    bool runUntil(const std::function<bool()>& done)
    {
        return confab::test::runUntil(m_clock, done, kPatienceMs);
    }

    // The stranger takes the connections receivers dial to it, the first
    // `limit` of them (later ones are refused).
    void strangerServes(Stranger& stranger, std::size_t limit, const Greet& greet, const Answer& answer)
    {
        QObject::connect(&stranger.node.manager(), &session::LinkManager::transferConnection,
                         &stranger.node.manager(),
                         [&stranger, limit, greet, answer](TransferChannel* channel, const PeerId&,
                                                           const proto::TransferId& id) {
                             std::unique_ptr<TransferChannel> owned(channel);
                             if (id != stranger.id || stranger.taken() >= limit) {
                                 owned->abort(QStringLiteral("refused"));
                                 return;
                             }
                             adopt(stranger, std::move(owned), false, greet, answer);
                         });
    }

    // The stranger dials `node` for the drop `id`.
    void strangerDials(Stranger& stranger, LinkNode& node, const proto::TransferId& id, const Greet& greet,
                       const Answer& answer)
    {
        QObject::connect(&stranger.node.manager(), &session::LinkManager::transferChannelReady,
                         &stranger.node.manager(),
                         [&stranger, greet, answer](TransferChannel* channel, const proto::TransferId&) {
                             adopt(stranger, std::unique_ptr<TransferChannel>(channel), true, greet, answer);
                         });
        stranger.node.manager().dialTransfer(node.address(), node.id(), id);
    }

    // Plays another receiver that holds the whole drop and keeps the rules:
    // says so as each connection comes up, and sends each chunk asked for.
    void strangerSeeds(Stranger& stranger)
    {
        strangerServes(
            stranger, 1,
            [this](RawChannel& raw) { raw.send(rangesRecord(proto::TransferRecordType::Have, wholeDrop())); },
            [this](RawChannel& raw, const proto::TransferRecord& record) {
                for (const proto::ChunkRange& range : record.ranges) {
                    for (std::uint32_t c = 0; c < range.chunkCount; ++c) {
                        raw.send(chunkRecord(*m_reader, range.entry, range.firstChunk + c));
                    }
                }
            });
    }

    // Every chunk of the drop, a range for each file.
    [[nodiscard]] std::vector<proto::ChunkRange> wholeDrop() const
    {
        std::vector<proto::ChunkRange> ranges;
        for (std::uint32_t entry = 0; entry < m_sending.manifest.entries.size(); ++entry) {
            if (const std::uint32_t chunks = m_sending.manifest.chunkCount(entry); chunks > 0) {
                ranges.push_back({entry, 0, chunks});
            }
        }
        return ranges;
    }
    [[nodiscard]] std::uint32_t chunksOfDrop() const
    {
        std::uint32_t chunks = 0;
        for (const proto::ChunkRange& range : wholeDrop()) {
            chunks += range.chunkCount;
        }
        return chunks;
    }

    [[nodiscard]] bool receivedWhole(const Receiver& receiver) const
    {
        const QString album = receiver.drop.folder + QStringLiteral("/album/");
        return contentsOf(album + QStringLiteral("first.bin")) == m_first &&
               contentsOf(album + QStringLiteral("second.bin")) == m_second;
    }

    QTemporaryDir m_dir;
    Bytes m_first;
    Bytes m_second;
    SendingConnection::Drop m_sending;
    proto::FileOffer m_offer;
    std::unique_ptr<SourceReader> m_reader;
    std::uint64_t m_bytesPerSecond = 0; // the sender's pace to each receiver; 0: none
    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    LinkNode m_senderNode{m_network, QStringLiteral("10.0.0.1"), QStringLiteral("sender")};
    std::vector<std::unique_ptr<Receiver>> m_receivers;
    std::vector<std::unique_ptr<Stranger>> m_strangers;
    // The sender's side: who it sends the drop to, by transferId; whom it
    // names as the receivers; its connection for each.
    std::map<proto::TransferId, PeerId> m_recipients;
    std::vector<proto::SwarmMember> m_swarm;
    std::map<proto::TransferId, Owner> m_sent;
    std::map<proto::TransferId, std::int64_t> m_sentFromMs; // when each connection started
    std::unique_ptr<Timer> m_redialTimer;
    QObject m_context; // for what the services do later; goes first

private:
    void later(std::function<void()> call)
    {
        QMetaObject::invokeMethod(&m_context, std::move(call), Qt::QueuedConnection);
    }

    // The Swarm record the sender answers `id`'s Hello with: the others, when
    // `id` is one of at least two receivers it names; else none.
    [[nodiscard]] Bytes swarmRecordFor(const proto::TransferId& id) const
    {
        proto::TransferRecord record;
        record.type = proto::TransferRecordType::Swarm;
        for (const proto::SwarmMember& member : m_swarm) {
            if (member.transferId != id) {
                record.swarm.push_back(member);
            }
        }
        if (record.swarm.empty() || record.swarm.size() + 1 != m_swarm.size()) {
            return {};
        }
        return proto::encodeTransferRecord(record);
    }

    void onSenderConnection(std::unique_ptr<TransferChannel> channel, const PeerId& peer,
                            const proto::TransferId& id)
    {
        const auto recipient = m_recipients.find(id);
        if (recipient == m_recipients.end() || recipient->second != peer) {
            channel->abort(QStringLiteral("no such drop being sent to this peer"));
            return;
        }
        SendingConnection::Drop drop = m_sending;
        drop.swarm = swarmRecordFor(id);
        drop.maxBytesPerSecond = m_bytesPerSecond;
        Owner& owner = m_sent[id];
        owner.connection = std::make_unique<SendingConnection>(std::move(channel), std::move(drop), m_clock,
                                                               owner.reporter());
        m_sentFromMs[id] = m_clock.monotonicMs();
        owner.connection->start();
    }

    void actAsService(Receiver& receiver)
    {
        session::LinkManager& manager = receiver.node.manager();
        QObject::connect(&manager, &session::LinkManager::transferChannelReady, &manager,
                         [this, &receiver](TransferChannel* channel, const proto::TransferId& id) {
                             if (id == receiver.id) { // to the sender
                                 receiver.owner.connection = std::make_unique<ReceivingConnection>(
                                     std::unique_ptr<TransferChannel>(channel), receiver.drop, m_clock,
                                     receiver.owner.reporter());
                                 receiver.owner.connection->start();
                                 return;
                             }
                             handOver(receiver, channel, false); // to another receiver, to fetch from it
                         });
        QObject::connect(&manager, &session::LinkManager::transferChannelFailed, &manager,
                         [this, &receiver](const proto::TransferId& id, const QString&) {
                             if (id != receiver.id) {
                                 otherGone(receiver, id);
                             }
                         });
        // Another receiver, to serve: only while this one receives the drop
        // and its sender named that one.
        QObject::connect(
            &manager, &session::LinkManager::transferConnection, &manager,
            [this, &receiver](TransferChannel* channel, const PeerId& peer, const proto::TransferId& id) {
                if (id != receiver.id || !receiver.names(peer) || receiver.connection() == nullptr) {
                    std::unique_ptr<TransferChannel>(channel)->abort(
                        QStringLiteral("not receiving this drop with that peer now"));
                    return;
                }
                handOver(receiver, channel, true);
            });
        receiver.owner.heard = [this, &receiver](const DropReport& report) {
            if (const auto* joined = std::get_if<DropSwarmJoined>(&report)) {
                receiver.others = joined->others;
                later([this, &receiver] { dialOthers(receiver); });
            } else if (const auto* gone = std::get_if<DropSwarmOtherGone>(&report)) {
                later([this, &receiver, theirs = gone->theirId] { otherGone(receiver, theirs); });
            } else if (std::holds_alternative<DropEnded>(report)) {
                receiver.endedAtMs = m_clock.monotonicMs();
                // Its connections with the other receivers close with it.
                receiver.owner.connection.release()->deleteLater();
            }
        };
    }

    // As the service: the channel reaches the receiver's connection from an
    // event of its own, unless that connection ended meanwhile.
    void handOver(Receiver& receiver, TransferChannel* channel, bool serving)
    {
        later([&receiver, channel, serving] {
            std::unique_ptr<TransferChannel> owned(channel);
            if (receiver.connection() == nullptr) {
                owned->close();
                return;
            }
            receiver.connection()->addOther(std::move(owned), serving);
        });
    }

    void dialOthers(Receiver& receiver)
    {
        if (receiver.connection() == nullptr) {
            return;
        }
        for (const proto::SwarmMember& other : receiver.others) {
            const auto address = addressOf(other.peer);
            if (!address || receiver.dialled.contains(other.transferId) ||
                receiver.redial[other.transferId].atMs > m_clock.monotonicMs()) {
                continue;
            }
            receiver.dialled.insert(other.transferId);
            receiver.node.manager().dialTransfer(*address, other.peer, other.transferId);
        }
    }

    void otherGone(Receiver& receiver, const proto::TransferId& theirs)
    {
        receiver.dialled.erase(theirs);
        Receiver::Redial& redial = receiver.redial[theirs];
        redial.atMs = m_clock.monotonicMs() + redial.afterMs;
        redial.afterMs = std::min(redial.afterMs * 2, kMaxRedialMs);
    }

    [[nodiscard]] std::optional<net::HostPort> addressOf(const PeerId& peer) const
    {
        for (const auto& receiver : m_receivers) {
            if (receiver->node.id() == peer) {
                return receiver->node.address();
            }
        }
        for (const auto& stranger : m_strangers) {
            if (stranger->node.id() == peer) {
                return stranger->node.address();
            }
        }
        return std::nullopt;
    }

    static void adopt(Stranger& stranger, std::unique_ptr<TransferChannel> channel, bool dialled,
                      const Greet& greet, const Answer& answer)
    {
        RawChannel& raw = *stranger.channels.emplace_back(std::make_unique<RawChannel>());
        raw.channel = std::move(channel);
        raw.dialled = dialled;
        raw.channel->setParent(nullptr);
        QObject::connect(raw.channel.get(), &TransferChannel::recordsReceived, raw.channel.get(),
                         [&raw, answer](const std::vector<Bytes>& records) {
                             for (const Bytes& bytes : records) {
                                 auto record = proto::decodeTransferRecord(bytes);
                                 ASSERT_TRUE(record);
                                 raw.received.push_back(record.value());
                                 if (answer) {
                                     answer(raw, record.value());
                                 }
                             }
                         });
        QObject::connect(raw.channel.get(), &TransferChannel::closed, raw.channel.get(),
                         [&raw](const QString&) { raw.closed = true; });
        if (greet) {
            greet(raw);
        }
        raw.channel->start();
    }
};

TEST_F(DropSwarmTest, ThreeReceiversPassChunksOnSoTheSenderUploadsAboutOneCopy)
{
    m_bytesPerSecond = kSlowBytesPerSecond;
    for (std::uint8_t n = 1; n <= 3; ++n) {
        addReceiver(n);
    }
    start();
    ASSERT_TRUE(runUntilAllEnded());

    const std::uint64_t total = m_offer.totalBytes;
    std::uint64_t fromOthers = 0;
    for (const auto& receiver : m_receivers) {
        ASSERT_EQ(receiver->owner.ended()->how, DropEnded::How::Completed)
            << receiver->owner.ended()->message.toStdString();
        EXPECT_TRUE(receivedWhole(*receiver));
        EXPECT_EQ(receiver->others.size(), 2U); // the sender named the other two
        EXPECT_EQ(receiver->owner.lastBytesDone(), total);
        fromOthers += receiver->owner.bytesFromOthers();
    }
    // Much of what they got came from each other, and what came from the
    // sender is well below a copy each.
    const std::uint64_t received = 3 * total;
    EXPECT_GT(fromOthers, received / 3);
    EXPECT_LT(received - fromOthers, received / 2);

    // The pace caps what the sender could send on each connection: rate ×
    // the connection's time, plus the one record a pace lets through ahead.
    // Each was done long before that allowed a whole copy, whatever the
    // receivers say.
    std::uint64_t mostSent = 0;
    for (const auto& receiver : m_receivers) {
        const std::int64_t ms = receiver->endedAtMs - m_sentFromMs.at(receiver->id);
        mostSent += static_cast<std::uint64_t>(ms) * kSlowBytesPerSecond / 1000 + kChunk;
    }
    EXPECT_LT(mostSent, received / 2);

    // The sender shows each receiver whole: its Have records count what
    // came from the others too.
    for (const auto& receiver : m_receivers) {
        const Owner& sent = m_sent.at(receiver->id);
        ASSERT_NE(sent.ended(), nullptr);
        EXPECT_EQ(sent.ended()->how, DropEnded::How::Completed);
        EXPECT_EQ(sent.lastBytesDone(), total);
    }
}

TEST_F(DropSwarmTest, AReceiverAskingASenderThatNamesNoOthersGetsEverythingFromTheSender)
{
    Receiver& receiver = addReceiver(1); // the only one: its sender names no others
    start();
    ASSERT_TRUE(runUntilAllEnded());
    // It waits for the Swarm record before its first Want: done means it came.
    ASSERT_EQ(receiver.owner.ended()->how, DropEnded::How::Completed);
    EXPECT_TRUE(receivedWhole(receiver));
    EXPECT_EQ(receiver.owner.count<DropSwarmJoined>(), 0);
    EXPECT_EQ(receiver.owner.bytesFromOthers(), 0U);
    EXPECT_EQ(m_sent.at(receiver.id).lastBytesDone(), m_offer.totalBytes);
}

TEST_F(DropSwarmTest, TheEmptySwarmRecordComesBeforeTheManifest)
{
    Stranger& asker = addStranger(7);
    m_recipients[asker.id] = asker.node.id(); // a receiver of the sender, speaking for itself
    strangerDials(asker, m_senderNode, asker.id, [](RawChannel& raw) { raw.send(helloRecord(true, true)); },
                  {});
    ASSERT_TRUE(runUntil([&] { return !asker.channels.empty() && asker.channels[0]->received.size() >= 2; }));
    const auto& received = asker.channels[0]->received;
    EXPECT_EQ(received[0].type, proto::TransferRecordType::Swarm);
    EXPECT_TRUE(received[0].swarm.empty());
    EXPECT_EQ(received[1].type, proto::TransferRecordType::ManifestPart);
    EXPECT_EQ(received[1].offset, 0U);
}

TEST_F(DropSwarmTest, AnotherReceiverMetBeforeTheManifestCameIsFetchedFromForAllItHeld)
{
    m_bytesPerSecond = kSlowBytesPerSecond;
    Receiver& receiver = addReceiver(1);
    Stranger& seeder = addStranger(9);
    nameAsReceiver(seeder);
    strangerSeeds(seeder);
    // A slow link with the sender: the Swarm record comes at once, the
    // manifest well after the seeder said what it holds.
    m_network.setLink(m_senderNode.host().address(), receiver.node.host().address(),
                      {.latencyMs = 1, .bytesPerSecond = std::int64_t{32} * 1024});
    start();
    ASSERT_TRUE(runUntilReceiversEnded());

    ASSERT_EQ(seeder.channels.size(), 1U);
    ASSERT_EQ(receiver.owner.ended()->how, DropEnded::How::Completed)
        << receiver.owner.ended()->message.toStdString();
    EXPECT_TRUE(receivedWhole(receiver));
    EXPECT_GT(receiver.owner.bytesFromOthers(), m_offer.totalBytes / 2);
}

TEST_F(DropSwarmTest, AnotherReceiverSendingDamagedChunksLosesItsConnectionsNotTheDrop)
{
    m_bytesPerSecond = kSlowBytesPerSecond;
    Receiver& receiver = addReceiver(1);
    Stranger& liar = addStranger(9);
    nameAsReceiver(liar);
    // It says it holds everything, and damages every chunk it is asked for;
    // after three connections it refuses the next.
    int damagedSent = 0;
    strangerServes(
        liar, 3,
        [this](RawChannel& raw) { raw.send(rangesRecord(proto::TransferRecordType::Have, wholeDrop())); },
        [this, &damagedSent](RawChannel& raw, const proto::TransferRecord& record) {
            if (record.type != proto::TransferRecordType::Want) {
                return;
            }
            for (const proto::ChunkRange& range : record.ranges) {
                for (std::uint32_t c = 0; c < range.chunkCount; ++c) {
                    proto::TransferRecord chunk = chunkRecord(*m_reader, range.entry, range.firstChunk + c);
                    chunk.data[chunk.data.size() / 2] ^= 0x40;
                    raw.send(chunk);
                    ++damagedSent;
                }
            }
        });
    start();
    ASSERT_TRUE(runUntilReceiversEnded());

    // More damaged chunks than a sender may send (kMaxMismatches), yet the
    // drop completed: each cost the liar its connection and went to the sender.
    ASSERT_EQ(liar.channels.size(), 3U);
    EXPECT_GE(damagedSent, IncomingDrop::kMaxMismatches);
    for (const auto& raw : liar.channels) {
        EXPECT_GE(raw->countOf(proto::TransferRecordType::Want), 1);
        EXPECT_TRUE(raw->closed);
    }
    EXPECT_GE(receiver.goneCount(liar.id), 3);
    ASSERT_EQ(receiver.owner.ended()->how, DropEnded::How::Completed)
        << receiver.owner.ended()->message.toStdString();
    EXPECT_TRUE(receivedWhole(receiver));
    EXPECT_EQ(receiver.owner.bytesFromOthers(), 0U); // every chunk came from the sender
}

TEST_F(DropSwarmTest, AFetcherAskingForAChunkNeverAnnouncedLosesItsConnectionNotTheDrop)
{
    m_bytesPerSecond = kSlowBytesPerSecond;
    Receiver& receiver = addReceiver(1); // ranked first: it asks the sender from chunk 0 on
    Stranger& greedy = addStranger(9);
    nameAsReceiver(greedy);
    strangerServes(greedy, 1, {}, {}); // holds nothing, says nothing
    start();
    ASSERT_TRUE(runUntil([&] { return receiver.names(greedy.node.id()); }));

    // It fetches the first chunk announced to it, as it may, then asks for
    // the drop's last chunk, which at a chunk a second is held there only
    // after ~48 s.
    const proto::ChunkRange lastFile = wholeDrop().back();
    const proto::ChunkRange last{lastFile.entry, lastFile.firstChunk + lastFile.chunkCount - 1, 1};
    std::optional<proto::ChunkRange> announced;
    strangerDials(
        greedy, receiver.node, receiver.id, [](RawChannel& raw) { raw.send(helloRecord(false, false)); },
        [&](RawChannel& raw, const proto::TransferRecord& record) {
            if (record.type == proto::TransferRecordType::Have && !announced) {
                announced = proto::ChunkRange{record.ranges[0].entry, record.ranges[0].firstChunk, 1};
                raw.send(rangesRecord(proto::TransferRecordType::Want, {*announced}));
            } else if (record.type == proto::TransferRecordType::Chunk) {
                raw.send(rangesRecord(proto::TransferRecordType::Want, {last}));
            }
        });
    ASSERT_TRUE(
        runUntil([&] { return greedy.dialledChannel() != nullptr && greedy.dialledChannel()->closed; }));
    const RawChannel& fetching = *greedy.dialledChannel();
    ASSERT_TRUE(announced);
    ASSERT_EQ(fetching.countOf(proto::TransferRecordType::Chunk), 1);
    for (const proto::TransferRecord& record : fetching.received) {
        if (record.type == proto::TransferRecordType::Chunk) {
            EXPECT_EQ(record, chunkRecord(*m_reader, announced->entry, announced->firstChunk));
            continue;
        }
        ASSERT_EQ(record.type, proto::TransferRecordType::Have);
        for (const proto::ChunkRange& range : record.ranges) {
            EXPECT_FALSE(range.entry == last.entry && range.firstChunk <= last.firstChunk &&
                         last.firstChunk < range.firstChunk + range.chunkCount);
        }
    }
    EXPECT_EQ(receiver.owner.ended(), nullptr); // still receiving

    // Only that connection closed: the one it fetches from the stranger on
    // stayed, and the drop completes.
    ASSERT_TRUE(runUntilReceiversEnded());
    ASSERT_EQ(receiver.owner.ended()->how, DropEnded::How::Completed)
        << receiver.owner.ended()->message.toStdString();
    EXPECT_TRUE(receivedWhole(receiver));
    EXPECT_EQ(receiver.goneCount(greedy.id), 0);
}

TEST_F(DropSwarmTest, AChunkFromAnotherReceiverNeverAskedForClosesThatConnection)
{
    m_bytesPerSecond = kSlowBytesPerSecond;
    Receiver& receiver = addReceiver(1);
    Stranger& pushy = addStranger(9);
    nameAsReceiver(pushy);
    // A good chunk, but announced in no Have and asked for in no Want.
    strangerServes(pushy, 1, [this](RawChannel& raw) { raw.send(chunkRecord(*m_reader, 1, 2)); }, {});
    start();
    ASSERT_TRUE(runUntilReceiversEnded());

    ASSERT_EQ(pushy.channels.size(), 1U);
    EXPECT_TRUE(pushy.channels[0]->closed);
    EXPECT_GE(receiver.goneCount(pushy.id), 1);
    ASSERT_EQ(receiver.owner.ended()->how, DropEnded::How::Completed)
        << receiver.owner.ended()->message.toStdString();
    EXPECT_TRUE(receivedWhole(receiver));
    EXPECT_EQ(receiver.owner.bytesFromOthers(), 0U); // the pushed chunk did not count
}

} // namespace
} // namespace confab::files
