#include "crypto/content_hash.h"
#include "file_tree.h"
#include "files/sent_drop.h"

#include <QTemporaryDir>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace confab::files {
namespace {

using test::mtimeNsOf;
using test::patterned;
using test::touch;
using test::writeFile;

constexpr std::uint32_t kMiB = 1024 * 1024;
constexpr std::size_t kMiBytes = kMiB;
constexpr std::uint32_t kSmallChunk = 64 * 1024;
using Kind = proto::ManifestEntryKind;

class SentDropTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    [[nodiscard]] QString at(const QString& relative) const { return m_dir.filePath(relative); }

    QTemporaryDir m_dir;
};

TEST_F(SentDropTest, AFolderIsWalkedInOrderKeepingEmptyFolders)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/b.txt")), "bee"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/A.txt")), "capital"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/.hidden")), ""));
    ASSERT_TRUE(QDir().mkpath(at(QStringLiteral("tree/empty"))));
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/sub/c/d.txt")), "deep"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/sub/a.bin")), "bin"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("single.txt")), "alone"));

    auto drop = collectSentDrop({at(QStringLiteral("tree")), at(QStringLiteral("single.txt"))});
    ASSERT_TRUE(drop.ok()) << drop.error().toStdString();

    // A folder before its contents; names in byte order ("." < "A" < "b").
    const std::vector<std::pair<QString, Kind>> expected = {
        {QStringLiteral("tree"), Kind::Folder},           {QStringLiteral("tree/.hidden"), Kind::File},
        {QStringLiteral("tree/A.txt"), Kind::File},       {QStringLiteral("tree/b.txt"), Kind::File},
        {QStringLiteral("tree/empty"), Kind::Folder},     {QStringLiteral("tree/sub"), Kind::Folder},
        {QStringLiteral("tree/sub/a.bin"), Kind::File},   {QStringLiteral("tree/sub/c"), Kind::Folder},
        {QStringLiteral("tree/sub/c/d.txt"), Kind::File}, {QStringLiteral("single.txt"), Kind::File},
    };
    const std::vector<SentEntry>& entries = drop.value().entries;
    ASSERT_EQ(entries.size(), expected.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        EXPECT_EQ(entries[i].path, expected[i].first) << i;
        EXPECT_EQ(entries[i].kind, expected[i].second) << i;
        EXPECT_EQ(entries[i].sourcePath, at(expected[i].first)) << i;
        EXPECT_EQ(entries[i].mtimeNs, mtimeNsOf(at(expected[i].first))) << i;
        EXPECT_EQ(entries[i].size,
                  entries[i].kind == Kind::File ? QFileInfo(at(expected[i].first)).size() : 0)
            << i;
    }
    EXPECT_EQ(drop.value().fileCount(), 6U);
    EXPECT_EQ(drop.value().folderCount(), 4U);
    EXPECT_EQ(drop.value().totalBytes(), 3U + 7U + 0U + 4U + 3U + 5U);
    EXPECT_EQ(drop.value().topNames(), (QStringList{QStringLiteral("tree"), QStringLiteral("single.txt")}));

    // A relative path and a trailing "/" name the same folder.
    const QString cwd = QDir::currentPath();
    ASSERT_TRUE(QDir::setCurrent(m_dir.path()));
    auto relative = collectSentDrop({QStringLiteral("tree/")});
    QDir::setCurrent(cwd);
    ASSERT_TRUE(relative.ok()) << relative.error().toStdString();
    EXPECT_EQ(relative.value().entries.front().path, QStringLiteral("tree"));
    EXPECT_EQ(relative.value().entries.front().sourcePath, at(QStringLiteral("tree")));
}

TEST_F(SentDropTest, LinksAreRefusedByName)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/real.txt")), "real"));
    ASSERT_TRUE(QDir().mkpath(at(QStringLiteral("tree/sub"))));
    ASSERT_EQ(
        ::symlink("../real.txt", QFile::encodeName(at(QStringLiteral("tree/sub/link.txt"))).constData()), 0);
    auto inFolder = collectSentDrop({at(QStringLiteral("tree"))});
    ASSERT_FALSE(inFolder.ok());
    EXPECT_TRUE(inFolder.error().contains(at(QStringLiteral("tree/sub/link.txt"))))
        << inFolder.error().toStdString();
    EXPECT_TRUE(inFolder.error().contains(QStringLiteral("link")));

    ASSERT_EQ(::symlink("tree", QFile::encodeName(at(QStringLiteral("top"))).constData()), 0);
    auto top = collectSentDrop({at(QStringLiteral("top"))});
    ASSERT_FALSE(top.ok());
    EXPECT_TRUE(top.error().contains(at(QStringLiteral("top")))) << top.error().toStdString();
}

TEST_F(SentDropTest, HardLinksAreRefusedInsideAFolderOnly)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("elsewhere.txt")), "shared"));
    ASSERT_TRUE(QDir().mkpath(at(QStringLiteral("tree"))));
    ASSERT_EQ(::link(QFile::encodeName(at(QStringLiteral("elsewhere.txt"))).constData(),
                     QFile::encodeName(at(QStringLiteral("tree/linked.txt"))).constData()),
              0);
    auto inFolder = collectSentDrop({at(QStringLiteral("tree"))});
    ASSERT_FALSE(inFolder.ok());
    EXPECT_TRUE(inFolder.error().contains(at(QStringLiteral("tree/linked.txt"))))
        << inFolder.error().toStdString();
    EXPECT_TRUE(inFolder.error().contains(QStringLiteral("hard link")));

    // Chosen on its own, it is exactly what the user picked.
    auto alone = collectSentDrop({at(QStringLiteral("tree/linked.txt"))});
    ASSERT_TRUE(alone.ok()) << alone.error().toStdString();
    EXPECT_EQ(alone.value().entries.size(), 1U);
}

TEST_F(SentDropTest, WhatIsNotAFileOrFolderIsRefused)
{
    ASSERT_TRUE(QDir().mkpath(at(QStringLiteral("tree"))));
    ASSERT_EQ(::mkfifo(QFile::encodeName(at(QStringLiteral("tree/pipe"))).constData(), 0644), 0);
    auto drop = collectSentDrop({at(QStringLiteral("tree"))});
    ASSERT_FALSE(drop.ok());
    EXPECT_TRUE(drop.error().contains(at(QStringLiteral("tree/pipe")))) << drop.error().toStdString();
}

TEST_F(SentDropTest, OddChoicesAreRefused)
{
    EXPECT_FALSE(collectSentDrop({}).ok());

    auto missing = collectSentDrop({at(QStringLiteral("nowhere.txt"))});
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().contains(QStringLiteral("nowhere.txt")));

    ASSERT_TRUE(writeFile(at(QStringLiteral("one/same.txt")), "1"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("two/same.txt")), "2"));
    auto twice = collectSentDrop({at(QStringLiteral("one/same.txt")), at(QStringLiteral("two/same.txt"))});
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().contains(QStringLiteral("same.txt"))) << twice.error().toStdString();

    EXPECT_FALSE(collectSentDrop({QStringLiteral("/")}).ok());

    // A name that is not UTF-8 cannot go into a manifest.
    ASSERT_TRUE(QDir().mkpath(at(QStringLiteral("latin1"))));
    const QByteArray latin1 = QFile::encodeName(at(QStringLiteral("latin1"))) + "/caf\xe9.txt";
    const int fd = ::open(latin1.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    ASSERT_GE(fd, 0);
    ::close(fd);
    auto notUtf8 = collectSentDrop({at(QStringLiteral("latin1"))});
    ASSERT_FALSE(notUtf8.ok());
    EXPECT_TRUE(notUtf8.error().contains(QStringLiteral("UTF-8"))) << notUtf8.error().toStdString();
}

TEST_F(SentDropTest, UnreadableFilesAreRefused)
{
    if (::geteuid() == 0) {
        GTEST_SKIP() << "running as root, which reads files whatever their mode";
    }
    ASSERT_TRUE(writeFile(at(QStringLiteral("tree/secret.txt")), "secret"));
    ASSERT_EQ(::chmod(QFile::encodeName(at(QStringLiteral("tree/secret.txt"))).constData(), 0), 0);
    auto drop = collectSentDrop({at(QStringLiteral("tree"))});
    ASSERT_FALSE(drop.ok());
    EXPECT_TRUE(drop.error().contains(at(QStringLiteral("tree/secret.txt")))) << drop.error().toStdString();
}

TEST_F(SentDropTest, TheManifestHashesEachFileAndEachChunk)
{
    const Bytes big = patterned(2 * kMiBytes + kMiBytes / 2);
    const Bytes small = patterned(100, 2);
    const Bytes exact = patterned(kMiB, 3);
    const Bytes oneMore = patterned(kMiB + 1, 4);
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/big.bin")), big));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/empty")), ByteView()));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/exact.bin")), exact));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/one more.bin")), oneMore));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/small.txt")), small));
    auto drop = collectSentDrop({at(QStringLiteral("drop"))});
    ASSERT_TRUE(drop.ok()) << drop.error().toStdString();

    std::vector<std::uint64_t> told;
    auto manifest = buildManifest(drop.value(), kMiB, [&told](std::uint64_t done) {
        told.push_back(done);
        return true;
    });
    ASSERT_TRUE(manifest.ok()) << manifest.error().toStdString();
    EXPECT_EQ(manifest.value().chunkSize, kMiB);
    const std::vector<proto::ManifestEntry>& entries = manifest.value().entries;
    ASSERT_EQ(entries.size(), 6U);

    EXPECT_EQ(entries[0].kind, Kind::Folder);
    EXPECT_EQ(entries[0].path, "drop");
    EXPECT_EQ(entries[0].mtimeNs, drop.value().entries[0].mtimeNs);

    const proto::ManifestEntry& bigEntry = entries[1];
    EXPECT_EQ(bigEntry.path, "drop/big.bin");
    EXPECT_EQ(bigEntry.size, big.size());
    EXPECT_EQ(bigEntry.mtimeNs, mtimeNsOf(at(QStringLiteral("drop/big.bin"))));
    EXPECT_EQ(bigEntry.fileHash, crypto::contentHash(big));
    ASSERT_EQ(bigEntry.chunkHashes.size(), 3U);
    EXPECT_EQ(bigEntry.chunkHashes[0], crypto::contentHash(ByteView(big).subspan(0, kMiB)));
    EXPECT_EQ(bigEntry.chunkHashes[1], crypto::contentHash(ByteView(big).subspan(kMiB, kMiB)));
    EXPECT_EQ(bigEntry.chunkHashes[2], crypto::contentHash(ByteView(big).subspan(2 * kMiBytes)));

    // No chunks, one chunk: no chunk hashes; the file hash stands for the chunk.
    EXPECT_EQ(entries[2].path, "drop/empty");
    EXPECT_EQ(entries[2].fileHash, crypto::contentHash({}));
    EXPECT_TRUE(entries[2].chunkHashes.empty());
    EXPECT_EQ(entries[3].fileHash, crypto::contentHash(exact));
    EXPECT_TRUE(entries[3].chunkHashes.empty());
    EXPECT_EQ(entries[5].path, "drop/small.txt");
    EXPECT_EQ(entries[5].fileHash, crypto::contentHash(small));
    EXPECT_TRUE(entries[5].chunkHashes.empty());

    ASSERT_EQ(entries[4].chunkHashes.size(), 2U);
    EXPECT_EQ(entries[4].chunkHashes[1], crypto::contentHash(ByteView(oneMore).subspan(kMiB)));

    // Told after each block, up to every byte of the drop.
    ASSERT_FALSE(told.empty());
    EXPECT_TRUE(std::is_sorted(told.begin(), told.end()));
    EXPECT_EQ(told.back(), drop.value().totalBytes());
    EXPECT_GE(told.size(), 6U); // 3 blocks of big.bin, 1 of each other non-empty file

    // Smaller chunks from the same reading.
    auto fine = buildManifest(drop.value(), kSmallChunk, {});
    ASSERT_TRUE(fine.ok());
    ASSERT_EQ(fine.value().entries[1].chunkHashes.size(), 40U);
    EXPECT_EQ(fine.value().entries[1].chunkHashes[17],
              crypto::contentHash(ByteView(big).subspan(std::size_t{17} * kSmallChunk, kSmallChunk)));
    EXPECT_EQ(fine.value().entries[1].fileHash, bigEntry.fileHash);
}

TEST_F(SentDropTest, ReadingCanBeCancelled)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("big.bin")), patterned(3 * kMiBytes)));
    auto drop = collectSentDrop({at(QStringLiteral("big.bin"))});
    ASSERT_TRUE(drop.ok());
    int calls = 0;
    auto manifest = buildManifest(drop.value(), kMiB, [&calls](std::uint64_t) {
        ++calls;
        return false;
    });
    EXPECT_FALSE(manifest.ok());
    EXPECT_EQ(calls, 1);
}

TEST_F(SentDropTest, AFileChangedAfterCollectingIsAnError)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/grows.txt")), "short"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/edited.txt")), "same size"));
    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/removed.txt")), "gone soon"));

    auto grows = collectSentDrop({at(QStringLiteral("drop/grows.txt"))});
    auto edited = collectSentDrop({at(QStringLiteral("drop/edited.txt"))});
    auto removed = collectSentDrop({at(QStringLiteral("drop/removed.txt"))});
    ASSERT_TRUE(grows.ok() && edited.ok() && removed.ok());

    ASSERT_TRUE(writeFile(at(QStringLiteral("drop/grows.txt")), "much longer now"));
    ASSERT_TRUE(touch(at(QStringLiteral("drop/edited.txt")), 1'000'000));
    ASSERT_TRUE(QFile::remove(at(QStringLiteral("drop/removed.txt"))));

    auto grew = buildManifest(grows.value(), kMiB, {});
    ASSERT_FALSE(grew.ok());
    EXPECT_TRUE(grew.error().contains(at(QStringLiteral("drop/grows.txt"))));
    EXPECT_TRUE(grew.error().contains(QStringLiteral("changed while it was being read")))
        << grew.error().toStdString();

    auto touched = buildManifest(edited.value(), kMiB, {});
    ASSERT_FALSE(touched.ok());
    EXPECT_TRUE(touched.error().contains(QStringLiteral("changed while it was being read")));

    auto gone = buildManifest(removed.value(), kMiB, {});
    ASSERT_FALSE(gone.ok());
    EXPECT_TRUE(gone.error().contains(at(QStringLiteral("drop/removed.txt"))));
}

TEST_F(SentDropTest, OnlyChunkSizesTheProtocolAllows)
{
    ASSERT_TRUE(writeFile(at(QStringLiteral("a.txt")), "a"));
    auto drop = collectSentDrop({at(QStringLiteral("a.txt"))});
    ASSERT_TRUE(drop.ok());
    for (const std::uint32_t size : {0U, 1000U, 32U * 1024U, 2U * kMiB, 100'000U}) {
        EXPECT_FALSE(buildManifest(drop.value(), size, {}).ok()) << size;
    }
    EXPECT_TRUE(buildManifest(drop.value(), kSmallChunk, {}).ok());
}

} // namespace
} // namespace confab::files
