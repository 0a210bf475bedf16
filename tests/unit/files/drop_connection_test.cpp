// One drop's transfer connection, both ends: Bob's SendingConnection serves
// Alice's ReceivingConnection over the simulated network on a virtual clock.
// The service runs them on its transfer thread; here they run on the test's
// thread, and the test plays their owner: it collects their reports and
// confirms the saves.
#include "drop_harness.h"
#include "file_tree.h"
#include "files/receiving_connection.h"
#include "files/sending_connection.h"
#include "session/transfer_channel.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"
#include "unit/session/link_node.h"

#include <QDirIterator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace confab::files {
namespace {

using session::test::LinkNode;
using test::contentsOf;
using test::Owner;

constexpr std::uint32_t kChunk = 64 * 1024;
constexpr std::int64_t kPatienceMs = 60'000;

class DropConnectionTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        const QString source = m_dir.filePath(QStringLiteral("source"));
        m_downloads = m_dir.filePath(QStringLiteral("downloads"));
        QDir().mkpath(m_downloads);
        m_big = test::patterned(6 * kChunk + 321, 11);
        ASSERT_TRUE(test::writeFile(source + QStringLiteral("/photos/big.bin"), m_big));
        ASSERT_TRUE(test::writeFile(source + QStringLiteral("/photos/small.txt"), "small"));
        ASSERT_TRUE(QDir().mkpath(source + QStringLiteral("/photos/empty folder")));

        auto prepared = test::prepareDrop({source + QStringLiteral("/photos")}, kChunk);
        ASSERT_TRUE(prepared) << prepared.error().toStdString();
        m_sending = prepared.value().sending;
        m_receiving.offer = prepared.value().offer;
        m_receiving.offer.transferId = m_id;
        m_receiving.folder = m_downloads;

        QObject::connect(&m_bob.manager(), &session::LinkManager::transferConnection, &m_bob.manager(),
                         [this](session::TransferChannel* channel, const PeerId&, const proto::TransferId&) {
                             m_sender.connection = std::make_unique<SendingConnection>(
                                 std::unique_ptr<session::TransferChannel>(channel), m_sending, m_clock,
                                 m_sender.reporter());
                             m_sender.connection->start();
                         });
        QObject::connect(&m_alice.manager(), &session::LinkManager::transferChannelReady, &m_alice.manager(),
                         [this](session::TransferChannel* channel, const proto::TransferId&) {
                             m_receiver.connection = std::make_unique<ReceivingConnection>(
                                 std::unique_ptr<session::TransferChannel>(channel), m_receiving, m_clock,
                                 m_receiver.reporter());
                             m_receiver.connection->start();
                         });
    }

    void dial() { m_alice.manager().dialTransfer(m_bob.address(), m_bob.id(), m_id); }

    bool runUntilEnded()
    {
        return confab::test::runUntil(
            m_clock, [&] { return m_sender.ended() != nullptr && m_receiver.ended() != nullptr; },
            kPatienceMs);
    }

    [[nodiscard]] QStringList partialFiles() const
    {
        QStringList found;
        QDirIterator it(m_downloads, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QStringLiteral(".part"))) {
                found.append(path);
            }
        }
        return found;
    }

    QTemporaryDir m_dir;
    QString m_downloads;
    Bytes m_big;
    proto::TransferId m_id{0x51, 0x52};
    SendingConnection::Drop m_sending;
    ReceivingConnection::Drop m_receiving;
    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network{m_clock, 1};
    LinkNode m_alice{m_network, QStringLiteral("10.0.0.1"), QStringLiteral("alice")};
    LinkNode m_bob{m_network, QStringLiteral("10.0.0.2"), QStringLiteral("bob")};
    Owner m_sender;
    Owner m_receiver;
};

TEST_F(DropConnectionTest, AFolderArrivesWholeAndBothEndsReportItDone)
{
    dial();
    ASSERT_TRUE(runUntilEnded());

    EXPECT_EQ(m_sender.ended()->how, DropEnded::How::Completed);
    ASSERT_EQ(m_receiver.ended()->how, DropEnded::How::Completed)
        << m_receiver.ended()->message.toStdString();
    EXPECT_EQ(m_receiver.ended()->savedAs, QStringList{QStringLiteral("photos")});
    EXPECT_EQ(contentsOf(m_downloads + QStringLiteral("/photos/big.bin")), m_big);
    EXPECT_TRUE(QFileInfo(m_downloads + QStringLiteral("/photos/empty folder")).isDir());
    EXPECT_TRUE(partialFiles().isEmpty());

    // The receiver told its owner the manifest (before any chunk) and the
    // folder it claimed; each chunk's save was asked for on its own.
    ASSERT_GE(m_receiver.reports.size(), 3U);
    const auto* manifest = std::get_if<DropManifestArrived>(&m_receiver.reports[0]);
    ASSERT_NE(manifest, nullptr);
    EXPECT_EQ(manifest->manifest, m_sending.encodedManifest);
    EXPECT_TRUE(manifest->fileHash.isEmpty()); // a folder has no single file hash
    const auto* claimed = std::get_if<DropFoldersClaimed>(&m_receiver.reports[1]);
    ASSERT_NE(claimed, nullptr);
    EXPECT_EQ(claimed->topNames, QStringList{QStringLiteral("photos/photos")});
    EXPECT_GE(m_receiver.progressWithFiles(), 7); // 7 chunks of big.bin, small.txt's one
    const auto* last = std::get_if<DropProgress>(&m_receiver.reports[m_receiver.reports.size() - 2]);
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->bytesDone, m_receiving.offer.totalBytes);

    const auto* sent = std::get_if<DropProgress>(&m_sender.reports[m_sender.reports.size() - 2]);
    ASSERT_NE(sent, nullptr);
    EXPECT_EQ(sent->bytesDone, m_receiving.offer.totalBytes);
}

TEST_F(DropConnectionTest, NoChunkIsWrittenBeforeTheLastOneIsSaved)
{
    m_receiver.confirmSaves = false;
    dial();
    ASSERT_TRUE(confab::test::runUntil(
        m_clock, [&] { return m_receiver.unconfirmedSaves > 0; }, kPatienceMs));
    confab::test::runFor(m_clock, 5'000); // every chunk has long arrived
    EXPECT_EQ(m_receiver.unconfirmedSaves, 1);
    EXPECT_EQ(m_receiver.ended(), nullptr);

    // Saved: the rest goes, one save at a time.
    m_receiver.confirmSaves = true;
    m_receiver.connection->saved();
    ASSERT_TRUE(runUntilEnded());
    EXPECT_EQ(m_receiver.ended()->how, DropEnded::How::Completed);
    EXPECT_EQ(contentsOf(m_downloads + QStringLiteral("/photos/big.bin")), m_big);
}

TEST_F(DropConnectionTest, StoppingTheReceiverRemovesItsPartialsAndTellsTheSenderWhy)
{
    m_receiver.confirmSaves = false;
    dial();
    ASSERT_TRUE(confab::test::runUntil(
        m_clock, [&] { return m_receiver.unconfirmedSaves > 0; }, kPatienceMs));
    ASSERT_FALSE(partialFiles().isEmpty());

    m_receiver.connection->stop(proto::DropReason::Cancelled, true);
    ASSERT_TRUE(confab::test::runUntil(
        m_clock, [&] { return m_sender.ended() != nullptr; }, kPatienceMs));
    EXPECT_EQ(m_sender.ended()->how, DropEnded::How::Stopped);
    EXPECT_EQ(m_sender.ended()->reason, proto::DropReason::Cancelled);
    EXPECT_TRUE(partialFiles().isEmpty());
    EXPECT_EQ(m_receiver.ended(), nullptr); // a stop is not reported
}

TEST_F(DropConnectionTest, AManifestThatIsNotTheOfferedOneFailsTheDrop)
{
    m_receiving.offer.totalBytes += 1;
    dial();
    ASSERT_TRUE(runUntilEnded());
    ASSERT_EQ(m_receiver.ended()->how, DropEnded::How::Failed);
    EXPECT_EQ(m_receiver.ended()->reason, proto::DropReason::Refused);
    EXPECT_EQ(m_sender.ended()->how, DropEnded::How::Stopped);
    EXPECT_EQ(m_sender.ended()->reason, proto::DropReason::Refused);
    EXPECT_TRUE(QDir(m_downloads).isEmpty());
}

TEST_F(DropConnectionTest, ASourceFileChangedAfterTheOfferFailsTheDropOnBothEnds)
{
    m_sending.sources.entries[1].mtimeNs += 1; // big.bin, as if it was written since
    dial();
    ASSERT_TRUE(runUntilEnded());
    EXPECT_EQ(m_sender.ended()->how, DropEnded::How::Failed);
    EXPECT_EQ(m_sender.ended()->reason, proto::DropReason::SourceChanged);
    // The receiver hears the Stop; the sender's answer envelope says why.
    EXPECT_EQ(m_receiver.ended()->how, DropEnded::How::Closed);
}

} // namespace
} // namespace confab::files
