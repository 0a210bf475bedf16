#include "file_tree.h"
#include "files/source_reader.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace confab::files {
namespace {

using test::patterned;
using test::touch;
using test::writeFile;

constexpr std::uint32_t kChunk = 64 * 1024;

class SourceReaderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(writeFile(at(QStringLiteral("drop/big.bin")), m_big));
        ASSERT_TRUE(writeFile(at(QStringLiteral("drop/small.txt")), "small"));
        ASSERT_TRUE(writeFile(at(QStringLiteral("drop/empty")), ByteView()));
        auto drop = collectSentDrop({at(QStringLiteral("drop"))});
        ASSERT_TRUE(drop.ok()) << drop.error().toStdString();
        // 0 drop, 1 drop/big.bin, 2 drop/empty, 3 drop/small.txt
        ASSERT_EQ(drop.value().entries.size(), 4U);
        m_reader.emplace(std::move(drop).value(), kChunk);
    }

    [[nodiscard]] QString at(const QString& relative) const { return m_dir.filePath(relative); }

    QTemporaryDir m_dir;
    Bytes m_big = patterned(2 * kChunk + 1000);
    std::optional<SourceReader> m_reader;
};

TEST_F(SourceReaderTest, ChunksAreTheFilesSlices)
{
    for (std::uint32_t chunk : {2U, 0U, 1U}) {
        auto bytes = m_reader->readChunk(1, chunk);
        ASSERT_TRUE(bytes.ok()) << toString(bytes.error());
        const std::size_t length = chunk == 2 ? 1000 : kChunk;
        const ByteView expected = ByteView(m_big).subspan(std::size_t{chunk} * kChunk, length);
        EXPECT_EQ(bytes.value(), Bytes(expected.begin(), expected.end()));
    }
    auto small = m_reader->readChunk(3, 0);
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small.value(), (Bytes{'s', 'm', 'a', 'l', 'l'}));
    // Back to a file read before.
    EXPECT_TRUE(m_reader->readChunk(1, 1).ok());
}

TEST_F(SourceReaderTest, ChunksThatDoNotExistAreRefused)
{
    EXPECT_EQ(m_reader->readChunk(0, 0).error(), SourceProblem::NoSuchChunk); // a folder
    EXPECT_EQ(m_reader->readChunk(1, 3).error(), SourceProblem::NoSuchChunk);
    EXPECT_EQ(m_reader->readChunk(2, 0).error(), SourceProblem::NoSuchChunk); // empty: no chunks
    EXPECT_EQ(m_reader->readChunk(4, 0).error(), SourceProblem::NoSuchChunk);
    EXPECT_EQ(m_reader->readChunk(1, 0xffffffffU).error(), SourceProblem::NoSuchChunk);
}

TEST_F(SourceReaderTest, AFileEditedSinceTheOfferIsChanged)
{
    ASSERT_TRUE(m_reader->readChunk(1, 0).ok()); // open now, then edited
    ASSERT_TRUE(touch(at(QStringLiteral("drop/big.bin")), 1'000'000));
    auto read = m_reader->readChunk(1, 1);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error(), SourceProblem::Changed);

    // Cut short before it was ever opened.
    ASSERT_EQ(::truncate(QFile::encodeName(at(QStringLiteral("drop/small.txt"))).constData(), 2), 0);
    EXPECT_EQ(m_reader->readChunk(3, 0).error(), SourceProblem::Changed);
}

TEST_F(SourceReaderTest, AFileReplacedOrRemovedIsNoticed)
{
    ASSERT_TRUE(m_reader->readChunk(1, 0).ok());
    // Saved by an editor: a new file renamed over the old one, which stays
    // readable through the open descriptor.
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/new.bin")), m_big));
    ASSERT_EQ(::rename(QFile::encodeName(at(QStringLiteral("drop/new.bin"))).constData(),
                       QFile::encodeName(at(QStringLiteral("drop/big.bin"))).constData()),
              0);
    ASSERT_TRUE(touch(at(QStringLiteral("drop/big.bin")), 1'000'000));
    EXPECT_EQ(m_reader->readChunk(1, 1).error(), SourceProblem::Changed);

    ASSERT_TRUE(m_reader->readChunk(3, 0).ok());
    ASSERT_TRUE(QFile::remove(at(QStringLiteral("drop/small.txt"))));
    EXPECT_EQ(m_reader->readChunk(3, 0).error(), SourceProblem::Missing);
    ASSERT_TRUE(QFile::remove(at(QStringLiteral("drop/big.bin"))));
    EXPECT_EQ(m_reader->readChunk(1, 0).error(), SourceProblem::Missing);
}

TEST_F(SourceReaderTest, ALinkInTheFilesPlaceIsAChange)
{
    ASSERT_TRUE(QFile::remove(at(QStringLiteral("drop/small.txt"))));
    ASSERT_TRUE(writeFile(at(QStringLiteral("elsewhere.txt")), "small"));
    ASSERT_EQ(::symlink(QFile::encodeName(at(QStringLiteral("elsewhere.txt"))).constData(),
                        QFile::encodeName(at(QStringLiteral("drop/small.txt"))).constData()),
              0);
    EXPECT_EQ(m_reader->readChunk(3, 0).error(), SourceProblem::Changed);
}

TEST_F(SourceReaderTest, AnUnreadableFileIsUnreadable)
{
    if (::geteuid() == 0) {
        GTEST_SKIP() << "running as root, which reads files whatever their mode";
    }
    ASSERT_EQ(::chmod(QFile::encodeName(at(QStringLiteral("drop/small.txt"))).constData(), 0), 0);
    EXPECT_EQ(m_reader->readChunk(3, 0).error(), SourceProblem::Unreadable);
}

} // namespace
} // namespace confab::files
