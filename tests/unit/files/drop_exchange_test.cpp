// The two halves of a drop talking records to each other, with no network in
// between: what arrives is what was sent, a chunk damaged on the way or on the
// receiver's disk is fetched again, and a receiver that starts over from what
// it saved asks only for what it does not have.
#include "drop_harness.h"
#include "file_tree.h"
#include "files/incoming_drop.h"
#include "files/outgoing_drop.h"
#include "files/sent_drop.h"
#include "files/source_reader.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace confab::files {
namespace {

using test::chunkRecord;

constexpr std::uint32_t kChunk = 64 * 1024; // small chunks: many of them in a small test

class DropExchangeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_source = m_dir.filePath(QStringLiteral("source"));
        m_downloads = m_dir.filePath(QStringLiteral("downloads"));
        QDir().mkpath(m_downloads);
        m_big = test::patterned(5 * kChunk + 123, 7);
        ASSERT_TRUE(test::writeFile(m_source + QStringLiteral("/photos/big.bin"), m_big));
        ASSERT_TRUE(test::writeFile(m_source + QStringLiteral("/photos/small.txt"), "small"));
        ASSERT_TRUE(test::writeFile(m_source + QStringLiteral("/photos/empty"), ""));
        ASSERT_TRUE(QDir().mkpath(m_source + QStringLiteral("/photos/nothing here")));
        ASSERT_TRUE(test::writeFile(m_source + QStringLiteral("/notes.txt"), "notes"));

        auto sent =
            collectSentDrop({m_source + QStringLiteral("/photos"), m_source + QStringLiteral("/notes.txt")});
        ASSERT_TRUE(sent) << sent.error().toStdString();
        auto manifest = buildManifest(sent.value(), kChunk, [](std::uint64_t) { return true; });
        ASSERT_TRUE(manifest) << manifest.error().toStdString();
        m_manifest = manifest.value();
        m_encoded = proto::encodeManifest(m_manifest);
        m_reader = std::make_unique<SourceReader>(sent.value(), kChunk);
        m_id.fill(0x42);
        auto folder = DownloadFolder::open(m_downloads);
        ASSERT_TRUE(folder);
        m_folder.emplace(std::move(folder).value());
    }

    std::unique_ptr<IncomingDrop> receiver(std::map<std::uint32_t, storage::ReceivedFileState> saved = {})
    {
        auto drop = IncomingDrop::prepare(m_id, m_manifest, *m_folder, m_topNames, std::move(saved));
        EXPECT_TRUE(drop) << (drop ? "" : drop.error().message.toStdString());
        return drop ? std::move(drop).value() : nullptr;
    }

    // Hands the sender what the receiver wants and the receiver what the
    // sender sends, until both are quiet; `tamper` may change each chunk
    // record on the way. Returns the chunks that travelled.
    int exchange(IncomingDrop& in, OutgoingDrop& out,
                 const std::function<void(proto::TransferRecord&)>& tamper = {})
    {
        int chunks = 0;
        std::vector<proto::TransferRecord> toSender = in.wants();
        for (int round = 0; round < 100; ++round) {
            for (const auto& record : toSender) {
                EXPECT_TRUE(out.onRecord(record));
            }
            toSender.clear();
            while (auto next = out.nextRecord()) {
                EXPECT_TRUE(next->ok());
                auto record = proto::decodeTransferRecord(next->value());
                EXPECT_TRUE(record);
                if (!record) {
                    return chunks;
                }
                if (tamper) {
                    tamper(record.value());
                }
                QString protocolError;
                auto outcome = in.onChunk(record.value(), protocolError);
                EXPECT_TRUE(protocolError.isEmpty()) << protocolError.toStdString();
                EXPECT_TRUE(outcome);
                ++chunks;
                for (auto& again : in.wantAgain()) {
                    toSender.push_back(std::move(again));
                }
            }
            if (toSender.empty() && in.allChunksVerified() && !in.finished()) {
                auto finished = in.finish();
                EXPECT_TRUE(finished);
                if (finished) {
                    toSender = finished.value();
                }
            }
            if (toSender.empty()) {
                break;
            }
        }
        return chunks;
    }

    static proto::TransferRecord rangesOf(proto::TransferRecordType type,
                                          std::vector<proto::ChunkRange> ranges)
    {
        proto::TransferRecord record;
        record.type = type;
        record.ranges = std::move(ranges);
        return record;
    }

    static proto::TransferRecord hello()
    {
        proto::TransferRecord record;
        record.type = proto::TransferRecordType::Hello;
        return record;
    }

    // The index of the entry sent as `path`.
    [[nodiscard]] std::uint32_t entryOf(const std::string& path) const
    {
        for (std::uint32_t i = 0; i < m_manifest.entries.size(); ++i) {
            if (m_manifest.entries[i].path == path) {
                return i;
            }
        }
        ADD_FAILURE() << "no entry " << path;
        return 0;
    }

    // The bytes of chunk `chunk` of big.bin.
    [[nodiscard]] Bytes bigChunk(std::uint32_t chunk) const
    {
        const std::size_t from = std::size_t{chunk} * kChunk;
        const std::size_t to = std::min(m_big.size(), from + kChunk);
        return {m_big.begin() + static_cast<std::ptrdiff_t>(from),
                m_big.begin() + static_cast<std::ptrdiff_t>(to)};
    }

    QByteArray received(const QString& relative) const
    {
        QFile file(m_downloads + QLatin1Char('/') + relative);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

    QTemporaryDir m_dir;
    QString m_source;
    QString m_downloads;
    Bytes m_big;
    proto::Manifest m_manifest;
    Bytes m_encoded;
    std::unique_ptr<SourceReader> m_reader;
    proto::TransferId m_id{};
    std::optional<DownloadFolder> m_folder;
    QStringList m_topNames;
};

TEST_F(DropExchangeTest, EverythingArrivesInPlace)
{
    auto in = receiver();
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    EXPECT_EQ(exchange(*in, out), 6 + 1 + 1); // big.bin in 6 chunks, small.txt, notes.txt
    ASSERT_TRUE(in->finished());

    const QByteArray big = received(QStringLiteral("photos/big.bin"));
    EXPECT_EQ(Bytes(big.begin(), big.end()), m_big);
    EXPECT_EQ(received(QStringLiteral("photos/small.txt")), "small");
    EXPECT_EQ(received(QStringLiteral("photos/empty")), "");
    EXPECT_EQ(received(QStringLiteral("notes.txt")), "notes");
    EXPECT_TRUE(QFileInfo(m_downloads + QStringLiteral("/photos/nothing here")).isDir());
    EXPECT_EQ(in->topLevelPaths(), (QStringList{QStringLiteral("photos"), QStringLiteral("notes.txt")}));
    EXPECT_EQ(in->bytesVerified(), m_big.size() + 5 + 5);
    // No partial file is left.
    EXPECT_TRUE(QDir(m_downloads + QStringLiteral("/photos"))
                    .entryList({QStringLiteral(".confab-*")}, QDir::Hidden | QDir::Files)
                    .isEmpty());
}

TEST_F(DropExchangeTest, AChunkDamagedOnTheWayIsFetchedAgain)
{
    auto in = receiver();
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    bool flipped = false;
    const int chunks = exchange(*in, out, [&flipped](proto::TransferRecord& record) {
        if (!flipped && record.chunk == 3) {
            record.data[100] ^= 0x01;
            flipped = true;
        }
    });
    EXPECT_TRUE(flipped);
    EXPECT_EQ(chunks, 9); // one more than the drop has
    ASSERT_TRUE(in->finished());
    const QByteArray big = received(QStringLiteral("photos/big.bin"));
    EXPECT_EQ(Bytes(big.begin(), big.end()), m_big);
}

TEST_F(DropExchangeTest, AChunkThatKeepsArrivingDamagedFailsTheDrop)
{
    auto in = receiver();
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    for (const auto& want : in->wants()) {
        ASSERT_TRUE(out.onRecord(want));
    }
    std::optional<IncomingDrop::Problem> problem;
    for (int sent = 0; sent < 20 && !problem;) {
        auto next = out.nextRecord();
        if (!next) {
            for (const auto& again : in->wantAgain()) {
                ASSERT_TRUE(out.onRecord(again));
            }
            continue;
        }
        auto record = proto::decodeTransferRecord(next->value()).value();
        ++sent;
        if (record.chunk == 2) {
            record.data[0] ^= 0xFF;
        }
        QString protocolError;
        auto outcome = in->onChunk(record, protocolError);
        if (!outcome) {
            problem = outcome.error();
        }
    }
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->reason, proto::DropReason::Damaged);
    EXPECT_FALSE(problem->pauses());
}

TEST_F(DropExchangeTest, AByteDamagedOnTheReceiversDiskIsCaughtBeforeTheRename)
{
    auto in = receiver();
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    for (const auto& want : in->wants()) {
        ASSERT_TRUE(out.onRecord(want));
    }
    while (auto next = out.nextRecord()) {
        QString protocolError;
        ASSERT_TRUE(in->onChunk(proto::decodeTransferRecord(next->value()).value(), protocolError));
    }
    ASSERT_TRUE(in->allChunksVerified());
    // The partial file of big.bin (entry 1: photos is entry 0) gets a flipped byte.
    QFile partial(m_downloads + QStringLiteral("/photos/") + partialFileName(m_id, 1));
    ASSERT_TRUE(partial.open(QIODevice::ReadWrite)) << partial.fileName().toStdString();
    ASSERT_TRUE(partial.seek(4 * kChunk + 7));
    char byte = 0;
    ASSERT_TRUE(partial.getChar(&byte));
    ASSERT_TRUE(partial.seek(4 * kChunk + 7));
    ASSERT_TRUE(partial.putChar(static_cast<char>(byte ^ 0x10)));
    partial.close();

    auto again = in->finish();
    ASSERT_TRUE(again);
    ASSERT_EQ(again.value().size(), 1U);
    EXPECT_EQ(again.value()[0].ranges, (std::vector<proto::ChunkRange>{{1, 4, 1}}));
    EXPECT_FALSE(in->finished());
    EXPECT_EQ(received(QStringLiteral("photos/big.bin")), "<missing>"); // not renamed while damaged

    EXPECT_EQ(exchange(*in, out), 1);
    ASSERT_TRUE(in->finished());
    const QByteArray big = received(QStringLiteral("photos/big.bin"));
    EXPECT_EQ(Bytes(big.begin(), big.end()), m_big);
}

TEST_F(DropExchangeTest, AReceiverStartingOverAsksOnlyForWhatItDoesNotHave)
{
    std::map<std::uint32_t, storage::ReceivedFileState> saved;
    {
        auto in = receiver();
        OutgoingDrop out(m_manifest, m_encoded, *m_reader);
        ASSERT_TRUE(out.onRecord(hello()));
        for (const auto& want : in->wants()) {
            ASSERT_TRUE(out.onRecord(want));
        }
        for (int i = 0; i < 3; ++i) { // three chunks of big.bin, then the connection "breaks"
            auto next = out.nextRecord();
            ASSERT_TRUE(next);
            QString protocolError;
            ASSERT_TRUE(in->onChunk(proto::decodeTransferRecord(next->value()).value(), protocolError));
        }
        saved = in->takeChanged();
    }
    const QStringList claimed = m_topNames;
    auto in = receiver(saved);
    EXPECT_EQ(m_topNames, claimed); // "photos" is not claimed a second time
    const auto wants = in->wants();
    ASSERT_EQ(wants.size(), 1U);
    EXPECT_EQ(wants[0].ranges.front(), (proto::ChunkRange{1, 3, 3}));
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    EXPECT_EQ(exchange(*in, out), 3 + 1 + 1);
    ASSERT_TRUE(in->finished());
    const QByteArray big = received(QStringLiteral("photos/big.bin"));
    EXPECT_EQ(Bytes(big.begin(), big.end()), m_big);
    EXPECT_FALSE(QFileInfo::exists(m_downloads + QStringLiteral("/photos (1)")));
}

TEST_F(DropExchangeTest, AChunkNeverAskedForIsABrokenSender)
{
    auto in = receiver();
    proto::TransferRecord chunk;
    chunk.type = proto::TransferRecordType::Chunk;
    chunk.entry = 0; // the folder "photos"
    chunk.chunk = 0;
    chunk.data = Bytes(10, 1);
    QString protocolError;
    (void)in->onChunk(chunk, protocolError);
    EXPECT_FALSE(protocolError.isEmpty());

    chunk.entry = 1; // big.bin, chunk 0, of the wrong length
    protocolError.clear();
    (void)in->onChunk(chunk, protocolError);
    EXPECT_FALSE(protocolError.isEmpty());
}

TEST_F(DropExchangeTest, ASenderRefusesWantsOutsideTheDrop)
{
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    proto::TransferRecord want;
    want.type = proto::TransferRecordType::Want;
    want.ranges = {{1, 0, 1}};
    EXPECT_FALSE(out.onRecord(want)); // before Hello
    ASSERT_TRUE(out.onRecord(hello()));
    want.ranges = {{0, 0, 1}}; // a folder
    EXPECT_FALSE(out.onRecord(want));
    want.ranges = {{1, 5, 2}}; // past the end of big.bin (6 chunks)
    EXPECT_FALSE(out.onRecord(want));
    want.ranges = {{99, 0, 1}};
    EXPECT_FALSE(out.onRecord(want));
}

TEST_F(DropExchangeTest, TheManifestIsSentInPartsWhenAskedFor)
{
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    proto::TransferRecord greeting = hello();
    greeting.wantManifest = true;
    ASSERT_TRUE(out.onRecord(greeting));
    Bytes manifest;
    while (auto next = out.nextRecord()) {
        auto record = proto::decodeTransferRecord(next->value()).value();
        ASSERT_EQ(record.type, proto::TransferRecordType::ManifestPart);
        EXPECT_EQ(record.offset, manifest.size());
        manifest.insert(manifest.end(), record.data.begin(), record.data.end());
    }
    EXPECT_EQ(manifest, m_encoded);
}

TEST_F(DropExchangeTest, DamagedChunksFromAnotherReceiverNeverFailTheDropNorAreAskedForAgain)
{
    auto in = receiver();
    const std::uint32_t big = entryOf("photos/big.bin");
    proto::TransferRecord damaged = chunkRecord(*m_reader, big, 2);
    damaged.data[10] ^= 0x01;
    for (int i = 0; i < IncomingDrop::kMaxMismatches + 2; ++i) {
        QString protocolError;
        auto outcome = in->onChunk(damaged, protocolError, IncomingDrop::From::OtherReceiver);
        ASSERT_TRUE(outcome) << outcome.error().message.toStdString();
        EXPECT_TRUE(protocolError.isEmpty());
        EXPECT_TRUE(outcome.value().damaged);
        EXPECT_EQ(outcome.value().bytesAccepted, 0U);
    }
    // Which source it is fetched from next is the scheduler's choice.
    EXPECT_TRUE(in->wantAgain().empty());
    EXPECT_TRUE(in->isMissing(big, 2));
    EXPECT_FALSE(in->holds(big, 2));

    // None of those counted towards the sender's limit: it may still send
    // it damaged kMaxMismatches - 1 times.
    for (int i = 0; i < IncomingDrop::kMaxMismatches - 1; ++i) {
        QString protocolError;
        auto outcome = in->onChunk(damaged, protocolError);
        ASSERT_TRUE(outcome) << outcome.error().message.toStdString();
        EXPECT_TRUE(outcome.value().damaged);
    }
    EXPECT_EQ(in->wantAgain().size(), 1U);
    QString protocolError;
    auto outcome =
        in->onChunk(chunkRecord(*m_reader, big, 2), protocolError, IncomingDrop::From::OtherReceiver);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome.value().damaged);
    EXPECT_EQ(outcome.value().bytesAccepted, kChunk);
    EXPECT_TRUE(in->holds(big, 2));
}

TEST_F(DropExchangeTest, OnlyChunksOfFilesStillToFetchAreMissing)
{
    auto in = receiver();
    const std::uint32_t big = entryOf("photos/big.bin"); // 6 chunks
    EXPECT_TRUE(in->isMissing(big, 0));
    EXPECT_TRUE(in->isMissing(big, 5));
    EXPECT_FALSE(in->isMissing(big, 6));                     // past its end
    EXPECT_FALSE(in->isMissing(entryOf("photos"), 0));       // a folder
    EXPECT_FALSE(in->isMissing(entryOf("photos/empty"), 0)); // a file of no chunks
    EXPECT_FALSE(in->isMissing(99, 0));                      // no such entry

    QString protocolError;
    ASSERT_TRUE(in->onChunk(chunkRecord(*m_reader, big, 0), protocolError));
    EXPECT_FALSE(in->isMissing(big, 0));
    EXPECT_TRUE(in->isMissing(big, 1));
}

TEST_F(DropExchangeTest, HeldChunksAreTheVerifiedOnesUntilTheFilesAreInPlace)
{
    auto in = receiver();
    const std::uint32_t big = entryOf("photos/big.bin");
    EXPECT_TRUE(in->heldRanges().empty());
    for (const std::uint32_t chunk : {1U, 2U, 5U}) {
        QString protocolError;
        ASSERT_TRUE(in->onChunk(chunkRecord(*m_reader, big, chunk), protocolError));
    }
    proto::TransferRecord damaged = chunkRecord(*m_reader, big, 3);
    damaged.data[0] ^= 0x80;
    QString protocolError;
    ASSERT_TRUE(in->onChunk(damaged, protocolError));
    (void)in->wantAgain(); // asked for below with the rest

    EXPECT_EQ(in->heldRanges(), (std::vector<proto::ChunkRange>{{big, 1, 2}, {big, 5, 1}}));
    for (std::uint32_t chunk = 0; chunk < 6; ++chunk) {
        EXPECT_EQ(in->holds(big, chunk), chunk == 1 || chunk == 2 || chunk == 5) << chunk;
    }
    for (const std::uint32_t chunk : {1U, 2U, 5U}) { // the last one shorter
        auto data = in->readHeld(big, chunk);
        ASSERT_TRUE(data) << data.error().message.toStdString();
        EXPECT_EQ(data.value(), bigChunk(chunk)) << chunk;
    }

    // Once the files are in place there are no partial files to serve from.
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    exchange(*in, out);
    ASSERT_TRUE(in->finished());
    EXPECT_TRUE(in->heldRanges().empty());
    EXPECT_FALSE(in->holds(big, 1));
    EXPECT_FALSE(in->isMissing(big, 1));
}

TEST_F(DropExchangeTest, HaveRecordsAddUpToTheBytesHeldThere)
{
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    const std::uint32_t big = entryOf("photos/big.bin"); // 5 whole chunks, then 123 bytes
    ASSERT_TRUE(out.onRecord(rangesOf(proto::TransferRecordType::Have, {{big, 0, 2}})));
    EXPECT_EQ(out.bytesHeldThere(), 2U * kChunk);
    ASSERT_TRUE(
        out.onRecord(rangesOf(proto::TransferRecordType::Have, {{big, 5, 1}, {entryOf("notes.txt"), 0, 1}})));
    EXPECT_EQ(out.bytesHeldThere(), 2U * kChunk + 123 + 5);
    // A Have asks for nothing.
    EXPECT_FALSE(out.nextRecord());
    EXPECT_EQ(out.bytesSent(), 0U);
}

TEST_F(DropExchangeTest, AHavePastAnEntrysEndIsRefused)
{
    OutgoingDrop out(m_manifest, m_encoded, *m_reader);
    ASSERT_TRUE(out.onRecord(hello()));
    const std::uint32_t big = entryOf("photos/big.bin"); // 6 chunks
    EXPECT_FALSE(out.onRecord(rangesOf(proto::TransferRecordType::Have, {{big, 5, 2}})));
    EXPECT_FALSE(out.onRecord(rangesOf(proto::TransferRecordType::Have, {{big, 6, 1}})));
    EXPECT_FALSE(out.onRecord(rangesOf(proto::TransferRecordType::Have, {{entryOf("photos"), 0, 1}})));
    EXPECT_FALSE(out.onRecord(rangesOf(proto::TransferRecordType::Have, {{99, 0, 1}})));
    EXPECT_EQ(out.bytesHeldThere(), 0U);
}

} // namespace
} // namespace confab::files
