#include "files/download_folder.h"
#include "files/received_name.h"
#include "support/hostile_names.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace confab::files {
namespace {

constexpr std::int64_t kMtime = 1'700'000'000'123'456'789;

constexpr proto::TransferId kTransferId = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                           0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};

QString partialName(int entry)
{
    return partialFileName(kTransferId, static_cast<std::uint32_t>(entry));
}

ByteView bytesOf(const QByteArray& text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.constData()), static_cast<std::size_t>(text.size())};
}

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot be read>");
}

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

struct stat statOf(const QString& path)
{
    struct stat status {};
    EXPECT_EQ(::lstat(QFile::encodeName(path).constData(), &status), 0) << path.toStdString();
    return status;
}

std::int64_t mtimeOf(const QString& path)
{
    const struct stat status = statOf(path);
    return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
}

mode_t currentUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

// Everything under `root`, links listed but never followed, relative to it.
QStringList everythingUnder(const QString& root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found << QDir(root).relativeFilePath(it.next());
    }
    found.sort();
    return found;
}

// A download folder two levels down a scratch folder, with a sibling
// "outside" that planted links point into: whatever climbs out of the
// download folder lands somewhere the test looks.
class DownloadFolderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_root.isValid());
        ASSERT_TRUE(QDir(m_root.path()).mkpath(QStringLiteral("up/downloads")));
        ASSERT_TRUE(QDir(m_root.path()).mkpath(QStringLiteral("outside")));
        auto opened = DownloadFolder::open(downloads());
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        m_folder.emplace(std::move(opened).value());
    }

    [[nodiscard]] QString downloads() const { return m_root.filePath(QStringLiteral("up/downloads")); }
    [[nodiscard]] QString downloads(const QString& relative) const
    {
        return downloads() + QLatin1Char('/') + relative;
    }
    [[nodiscard]] QString outside() const { return m_root.filePath(QStringLiteral("outside")); }
    [[nodiscard]] QString outside(const QString& name) const { return outside() + QLatin1Char('/') + name; }
    DownloadFolder& folder() { return *m_folder; }

    // A whole file received: opened, written, committed. Returns its name.
    QString receive(const QStringList& parentParts, const QString& name, const QByteArray& contents,
                    int entry = 0, std::int64_t mtimeNs = kMtime)
    {
        auto partial = folder().openPartial(parentParts, partialName(entry),
                                            static_cast<std::uint64_t>(contents.size()));
        if (!partial.ok()) {
            ADD_FAILURE() << partial.error().message.toStdString();
            return {};
        }
        EXPECT_FALSE(partial.value().writeAt(0, bytesOf(contents)).has_value());
        auto placed = folder().commit(std::move(partial).value(), name, mtimeNs);
        if (!placed.ok()) {
            ADD_FAILURE() << placed.error().message.toStdString();
            return {};
        }
        return placed.value();
    }

    void plantLink(const QString& linkPath, const QString& target)
    {
        ASSERT_EQ(::symlink(QFile::encodeName(target).constData(), QFile::encodeName(linkPath).constData()),
                  0);
    }

    QTemporaryDir m_root;
    std::optional<DownloadFolder> m_folder;
};

TEST_F(DownloadFolderTest, AFileLandsWithItsBytesModeAndTime)
{
    const QByteArray contents("hello, drop");
    auto partial = folder().openPartial({}, partialName(0), static_cast<std::uint64_t>(contents.size()));
    ASSERT_TRUE(partial.ok()) << partial.error().message.toStdString();
    EXPECT_FALSE(partial.value().resumed());
    EXPECT_EQ(partial.value().size(), static_cast<std::uint64_t>(contents.size()));
    // Preallocated to its size, hidden until it is whole.
    EXPECT_EQ(statOf(downloads(partialName(0))).st_size, contents.size());
    // Chunks come in any order.
    EXPECT_FALSE(partial.value().writeAt(7, bytesOf(contents.mid(7))).has_value());
    EXPECT_FALSE(partial.value().writeAt(0, bytesOf(contents.left(7))).has_value());
    auto back = partial.value().readAt(0, static_cast<std::size_t>(contents.size()));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(QByteArray(reinterpret_cast<const char*>(back.value().data()),
                         static_cast<qsizetype>(back.value().size())),
              contents);
    EXPECT_FALSE(partial.value().sync().has_value());

    auto placed = folder().commit(std::move(partial).value(), QStringLiteral("note.txt"), kMtime);
    ASSERT_TRUE(placed.ok()) << placed.error().message.toStdString();
    EXPECT_EQ(placed.value(), QStringLiteral("note.txt"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("note.txt"))), contents);
    const struct stat status = statOf(downloads(QStringLiteral("note.txt")));
    EXPECT_TRUE(S_ISREG(status.st_mode));
    EXPECT_EQ(status.st_mode & 07777, 0644 & ~currentUmask());
    EXPECT_EQ(mtimeOf(downloads(QStringLiteral("note.txt"))), kMtime);
    EXPECT_EQ(everythingUnder(downloads()), QStringList{QStringLiteral("note.txt")});
}

TEST_F(DownloadFolderTest, TimesBefore1970AndEmptyFiles)
{
    const std::int64_t before = -1'500'000'000; // 1969-12-31 23:59:58.5
    EXPECT_EQ(receive({}, QStringLiteral("empty"), QByteArray(), 0, before), QStringLiteral("empty"));
    EXPECT_EQ(statOf(downloads(QStringLiteral("empty"))).st_size, 0);
    EXPECT_EQ(mtimeOf(downloads(QStringLiteral("empty"))), before);
}

TEST_F(DownloadFolderTest, ATakenNameIsNumberedAndNeverReplaced)
{
    ASSERT_TRUE(writeFile(downloads(QStringLiteral("a.txt")), "old"));
    EXPECT_EQ(receive({}, QStringLiteral("a.txt"), "first", 0), QStringLiteral("a (1).txt"));
    EXPECT_EQ(receive({}, QStringLiteral("a.txt"), "second", 1), QStringLiteral("a (2).txt"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("a.txt"))), QByteArray("old"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("a (1).txt"))), QByteArray("first"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("a (2).txt"))), QByteArray("second"));

    // A folder or a link under the name is taken just the same; the link is
    // not written through.
    ASSERT_TRUE(QDir(downloads()).mkdir(QStringLiteral("b.txt")));
    EXPECT_EQ(receive({}, QStringLiteral("b.txt"), "b", 2), QStringLiteral("b (1).txt"));
    plantLink(downloads(QStringLiteral("c.txt")), outside(QStringLiteral("c.txt")));
    EXPECT_EQ(receive({}, QStringLiteral("c.txt"), "c", 3), QStringLiteral("c (1).txt"));
    EXPECT_TRUE(everythingUnder(outside()).isEmpty());
}

TEST_F(DownloadFolderTest, ATopFolderIsClaimedUnderAFreeName)
{
    auto first = folder().claimTopFolder(QStringLiteral("photos"));
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value(), QStringLiteral("photos"));
    auto second = folder().claimTopFolder(QStringLiteral("photos"));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.value(), QStringLiteral("photos (1)"));
    EXPECT_TRUE(QFileInfo(downloads(QStringLiteral("photos (1)"))).isDir());

    ASSERT_TRUE(writeFile(downloads(QStringLiteral("report")), "a file"));
    plantLink(downloads(QStringLiteral("report (1)")), outside());
    auto third = folder().claimTopFolder(QStringLiteral("report"));
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third.value(), QStringLiteral("report (2)"));

    // The claimed folder is the drop's: files go in it.
    EXPECT_EQ(receive({second.value(), QStringLiteral("2026")}, QStringLiteral("a.jpg"), "jpeg"),
              QStringLiteral("a.jpg"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("photos (1)/2026/a.jpg"))), QByteArray("jpeg"));
    EXPECT_TRUE(contentsOf(downloads(QStringLiteral("report"))) == "a file");
}

TEST_F(DownloadFolderTest, ALinkPlantedWhereAFolderGoesIsNotFollowed)
{
    auto top = folder().claimTopFolder(QStringLiteral("photos"));
    ASSERT_TRUE(top.ok());
    // Planted after the claim, as another program could while a drop arrives.
    plantLink(downloads(QStringLiteral("photos/2026")), outside());
    plantLink(downloads(QStringLiteral("photos/2027")), outside(QStringLiteral("made")));
    ASSERT_TRUE(writeFile(downloads(QStringLiteral("photos/file")), "a file"));

    auto throughLink =
        folder().openPartial({QStringLiteral("photos"), QStringLiteral("2026")}, partialName(0), 4);
    ASSERT_FALSE(throughLink.ok());
    EXPECT_EQ(throughLink.error().kind, DiskProblem::Kind::Refused)
        << throughLink.error().message.toStdString();
    EXPECT_TRUE(throughLink.error().message.contains(QStringLiteral("2026")));

    auto deeper =
        folder().ensureFolder({QStringLiteral("photos"), QStringLiteral("2027"), QStringLiteral("x")});
    ASSERT_TRUE(deeper.has_value());
    EXPECT_EQ(deeper->kind, DiskProblem::Kind::Refused);

    auto throughFile =
        folder().openPartial({QStringLiteral("photos"), QStringLiteral("file")}, partialName(1), 4);
    ASSERT_FALSE(throughFile.ok());
    EXPECT_EQ(throughFile.error().kind, DiskProblem::Kind::Refused);

    auto timed = folder().setFolderTime({QStringLiteral("photos"), QStringLiteral("2026")}, kMtime);
    ASSERT_TRUE(timed.has_value());
    EXPECT_EQ(timed->kind, DiskProblem::Kind::Refused);

    EXPECT_TRUE(everythingUnder(outside()).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(outside(QStringLiteral("made"))));
}

TEST_F(DownloadFolderTest, WhatStandsUnderThePartialNameIsNotWrittenThrough)
{
    // A link: refused, its target never created.
    plantLink(downloads(partialName(0)), outside(QStringLiteral("target")));
    auto linked = folder().openPartial({}, partialName(0), 4);
    ASSERT_FALSE(linked.ok());
    EXPECT_EQ(linked.error().kind, DiskProblem::Kind::Refused);
    EXPECT_FALSE(QFileInfo::exists(outside(QStringLiteral("target"))));

    // A hard link to a file elsewhere: writing would change that file.
    ASSERT_TRUE(writeFile(outside(QStringLiteral("secret")), "keep me"));
    ASSERT_EQ(::link(QFile::encodeName(outside(QStringLiteral("secret"))).constData(),
                     QFile::encodeName(downloads(partialName(1))).constData()),
              0);
    auto hardLinked = folder().openPartial({}, partialName(1), 100);
    ASSERT_FALSE(hardLinked.ok());
    EXPECT_EQ(hardLinked.error().kind, DiskProblem::Kind::Refused);
    EXPECT_EQ(contentsOf(outside(QStringLiteral("secret"))), QByteArray("keep me"));
    EXPECT_EQ(statOf(outside(QStringLiteral("secret"))).st_size, 7);

    // A FIFO: refused without waiting for a writer.
    ASSERT_EQ(::mkfifo(QFile::encodeName(downloads(partialName(2))).constData(), 0644), 0);
    auto fifo = folder().openPartial({}, partialName(2), 4);
    ASSERT_FALSE(fifo.ok());
    EXPECT_EQ(fifo.error().kind, DiskProblem::Kind::Refused);
}

TEST_F(DownloadFolderTest, NamesThatAreNotOneNameAreRefused)
{
    const QStringList notNames = {QString(),
                                  QStringLiteral("."),
                                  QStringLiteral(".."),
                                  QStringLiteral("a/b"),
                                  QStringLiteral("../up"),
                                  QString(QChar(0))};
    for (const QString& name : notNames) {
        auto asParent = folder().openPartial({name}, partialName(0), 1);
        ASSERT_FALSE(asParent.ok()) << name.toStdString();
        EXPECT_EQ(asParent.error().kind, DiskProblem::Kind::Refused);
        auto asPartial = folder().openPartial({}, name, 1);
        ASSERT_FALSE(asPartial.ok()) << name.toStdString();
        EXPECT_EQ(asPartial.error().kind, DiskProblem::Kind::Refused);
        auto asTop = folder().claimTopFolder(name);
        ASSERT_FALSE(asTop.ok()) << name.toStdString();
        EXPECT_EQ(asTop.error().kind, DiskProblem::Kind::Refused);
    }
    auto partial = folder().openPartial({}, partialName(0), 1);
    ASSERT_TRUE(partial.ok());
    auto placed = folder().commit(std::move(partial).value(), QStringLiteral(".."), kMtime);
    ASSERT_FALSE(placed.ok());
    EXPECT_EQ(placed.error().kind, DiskProblem::Kind::Refused);
    EXPECT_EQ(everythingUnder(m_root.path()),
              (QStringList{QStringLiteral("outside"), QStringLiteral("up"), QStringLiteral("up/downloads"),
                           QStringLiteral("up/downloads/") + partialName(0)}));
}

// Every name of the hostile corpus, as a file of its own, as a file in a sent
// folder and as a folder, goes through cleanReceivedPath and onto the disk:
// everything lands inside the download folder, under the name cleaning gave.
TEST_F(DownloadFolderTest, TheHostileCorpusLandsInsideTheDownloadFolder)
{
    const std::vector<HostileName> names = hostileNames();
    // Links under some of the names cleaning gives, pointing out: taken
    // names, never written through.
    for (const QString& planted : {QStringLiteral("_etc_passwd"), QStringLiteral(".._x"), QStringLiteral("_"),
                                   QStringLiteral("__server_share")}) {
        plantLink(downloads(planted), outside(planted));
    }
    int entry = 0;
    int placedFiles = 0;
    int refusedPaths = 0;
    for (const HostileName& name : names) {
        const QByteArray contents = QByteArray(name.why) + '\n';
        const QStringList received = {name.received, QStringLiteral("sent/") + name.received,
                                      name.received + QStringLiteral("/inside.txt")};
        for (const QString& path : received) {
            SCOPED_TRACE(std::string(name.why) + ": " + path.toStdString());
            auto parts = cleanReceivedPath(path);
            if (!parts.ok()) {
                ++refusedPaths; // "..", "", "/etc/passwd", "a/../../x" and the like: refused whole
                continue;
            }
            QStringList where = parts.value();
            const QString fileName = where.takeLast();
            if (!where.isEmpty()) {
                auto top = folder().claimTopFolder(where.first());
                ASSERT_TRUE(top.ok()) << top.error().message.toStdString();
                where.first() = top.value();
            }
            const QString placed = receive(where, fileName, contents, entry++);
            ASSERT_FALSE(placed.isEmpty());
            const QString relative = (where + QStringList{placed}).join(QLatin1Char('/'));
            EXPECT_EQ(contentsOf(downloads(relative)), contents);
            ++placedFiles;
        }
    }
    EXPECT_GE(placedFiles, 2 * static_cast<int>(names.size()));
    EXPECT_GT(refusedPaths, 0);

    // Nothing outside the download folder, nothing left half done in it.
    const QStringList everything = everythingUnder(m_root.path());
    int inside = 0;
    for (const QString& path : everything) {
        if (path == QLatin1String("outside") || path == QLatin1String("up") ||
            path == QLatin1String("up/downloads")) {
            continue;
        }
        EXPECT_TRUE(path.startsWith(QLatin1String("up/downloads/"))) << path.toStdString();
        EXPECT_FALSE(path.contains(QLatin1String(".confab-"))) << path.toStdString();
        ++inside;
    }
    EXPECT_GE(inside, placedFiles);
    EXPECT_TRUE(everythingUnder(outside()).isEmpty());
    // The planted links still point where they did, at nothing.
    EXPECT_FALSE(QFileInfo::exists(outside(QStringLiteral("_etc_passwd"))));
    EXPECT_TRUE(QFileInfo(downloads(QStringLiteral("_etc_passwd"))).isSymLink());
}

TEST(PartialFileName, HiddenAndNamingItsDropAndEntry)
{
    EXPECT_EQ(partialFileName(kTransferId, 7),
              QStringLiteral(".confab-00112233445566778899aabbccddeeff-7.part"));
    EXPECT_TRUE(isPartialFileName(partialFileName(kTransferId, 0)));
    EXPECT_TRUE(isPartialFileName(partialFileName(kTransferId, 4294967295U)));
    EXPECT_FALSE(isPartialFileName(QStringLiteral(".confab-00112233445566778899aabbccddeeff-7 (1).part")));
    EXPECT_FALSE(isPartialFileName(QStringLiteral(".confab-00112233445566778899AABBCCDDEEFF-7.part")));
    EXPECT_FALSE(isPartialFileName(QStringLiteral(".confab-00112233445566778899aabbccddee-7.part")));
    EXPECT_FALSE(isPartialFileName(QStringLiteral(".confab-00112233445566778899aabbccddeeff-.part")));
    EXPECT_FALSE(isPartialFileName(QStringLiteral("confab-00112233445566778899aabbccddeeff-7.part")));
}

// A sender may name a file after another entry's partial file; were it given
// that name, the other entry would take it for its partial and write into it.
TEST_F(DownloadFolderTest, NoReceivedNameIsAPartialFilesName)
{
    const QString lookalike = partialName(1);
    EXPECT_EQ(cleanReceivedName(lookalike), lookalike);
    const QString placed = receive({}, lookalike, "first file", 0);
    EXPECT_EQ(placed, QStringLiteral(".confab-00112233445566778899aabbccddeeff-1 (1).part"));
    auto second = folder().openPartial({}, lookalike, 11);
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second.value().resumed());
    auto top = folder().claimTopFolder(lookalike);
    ASSERT_TRUE(top.ok());
    EXPECT_NE(top.value(), lookalike);
    EXPECT_EQ(contentsOf(downloads(placed)), QByteArray("first file"));
}

TEST_F(DownloadFolderTest, AFolderRemovedBetweenTwoFilesIsMadeAgain)
{
    const QStringList parent{QStringLiteral("drop"), QStringLiteral("sub")};
    EXPECT_EQ(receive(parent, QStringLiteral("one"), "1", 0), QStringLiteral("one"));
    // Removed (by the user, say) before the next file of the same folder.
    ASSERT_TRUE(QDir(downloads(QStringLiteral("drop"))).removeRecursively());
    EXPECT_EQ(receive(parent, QStringLiteral("two"), "2", 1), QStringLiteral("two"));
    EXPECT_EQ(contentsOf(downloads(QStringLiteral("drop/sub/two"))), "2");
    // And a link planted there instead is refused, as on the first file.
    ASSERT_TRUE(QDir(downloads(QStringLiteral("drop"))).removeRecursively());
    ASSERT_TRUE(QDir().mkpath(downloads(QStringLiteral("drop"))));
    plantLink(downloads(QStringLiteral("drop/sub")), outside());
    auto throughLink = folder().openPartial(parent, partialName(2), 4);
    ASSERT_FALSE(throughLink.ok());
    EXPECT_EQ(throughLink.error().kind, DiskProblem::Kind::Refused);
    EXPECT_TRUE(everythingUnder(outside()).isEmpty());
}

TEST_F(DownloadFolderTest, AnExistingPartialIsResumedWithItsBytes)
{
    {
        auto partial = folder().openPartial({QStringLiteral("drop")}, partialName(4), 10);
        ASSERT_TRUE(partial.ok());
        EXPECT_FALSE(partial.value().resumed());
        EXPECT_FALSE(partial.value().writeAt(0, bytesOf("abc")).has_value());
    } // closed: the transfer broke off
    auto again = folder().openPartial({QStringLiteral("drop")}, partialName(4), 10);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value().resumed());
    EXPECT_EQ(again.value().size(), 10U);
    auto kept = again.value().readAt(0, 3);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept.value(), (Bytes{'a', 'b', 'c'}));
    EXPECT_EQ(statOf(downloads(QStringLiteral("drop/") + partialName(4))).st_size, 10);
}

TEST_F(DownloadFolderTest, AnExistingPartialLosesItsExecutableBits)
{
    const QString path = downloads(partialName(0));
    ASSERT_TRUE(writeFile(path, "#!/bin/sh\n"));
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 06755), 0);
    auto partial = folder().openPartial({}, partialName(0), 10);
    ASSERT_TRUE(partial.ok()) << partial.error().message.toStdString();
    EXPECT_TRUE(partial.value().resumed());
    EXPECT_EQ(statOf(path).st_mode & 07777, 0644U);
    ASSERT_TRUE(folder().commit(std::move(partial).value(), QStringLiteral("run.sh"), kMtime).ok());
    EXPECT_EQ(statOf(downloads(QStringLiteral("run.sh"))).st_mode & 07111, 0U);
}

TEST_F(DownloadFolderTest, ReadsAndWritesStayWithinTheFile)
{
    auto partial = folder().openPartial({}, partialName(0), 8);
    ASSERT_TRUE(partial.ok());
    EXPECT_TRUE(partial.value().writeAt(6, bytesOf("abc")).has_value());
    EXPECT_TRUE(partial.value().writeAt(~std::uint64_t{0}, bytesOf("a")).has_value());
    EXPECT_FALSE(partial.value().writeAt(5, bytesOf("abc")).has_value());
    EXPECT_FALSE(partial.value().readAt(9, 0).ok());
    EXPECT_FALSE(partial.value().readAt(4, 5).ok());
    EXPECT_EQ(statOf(downloads(partialName(0))).st_size, 8);
}

TEST_F(DownloadFolderTest, PartialsAreRemoved)
{
    auto partial = folder().openPartial({QStringLiteral("a"), QStringLiteral("b")}, partialName(0), 5);
    ASSERT_TRUE(partial.ok());
    auto removed = folder().removePartial({QStringLiteral("a"), QStringLiteral("b")}, partialName(0));
    ASSERT_TRUE(removed.ok());
    EXPECT_TRUE(removed.value());
    EXPECT_FALSE(QFileInfo::exists(downloads(QStringLiteral("a/b/") + partialName(0))));
    auto again = folder().removePartial({QStringLiteral("a"), QStringLiteral("b")}, partialName(0));
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again.value());
    auto noFolder = folder().removePartial({QStringLiteral("never")}, partialName(0));
    ASSERT_TRUE(noFolder.ok());
    EXPECT_FALSE(noFolder.value());
}

TEST_F(DownloadFolderTest, EmptyFoldersAndFolderTimes)
{
    const QStringList deep = {QStringLiteral("top"), QStringLiteral("empty"), QStringLiteral("deeper")};
    EXPECT_FALSE(folder().ensureFolder(deep).has_value());
    EXPECT_FALSE(folder().ensureFolder(deep).has_value()); // there already: fine
    EXPECT_TRUE(QFileInfo(downloads(QStringLiteral("top/empty/deeper"))).isDir());
    EXPECT_FALSE(folder().setFolderTime(deep, kMtime).has_value());
    EXPECT_FALSE(folder().setFolderTime(deep.mid(0, 1), kMtime + 1).has_value());
    EXPECT_EQ(mtimeOf(downloads(QStringLiteral("top/empty/deeper"))), kMtime);
    EXPECT_EQ(mtimeOf(downloads(QStringLiteral("top"))), kMtime + 1);
    auto missing = folder().setFolderTime({QStringLiteral("nowhere")}, kMtime);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->kind, DiskProblem::Kind::Gone);
}

TEST_F(DownloadFolderTest, FreeBytesComeFromTheDisk)
{
    struct statvfs disk {};
    ASSERT_EQ(::statvfs(QFile::encodeName(downloads()).constData(), &disk), 0);
    const std::uint64_t free = folder().freeBytes();
    EXPECT_GT(free, 0U);
    EXPECT_LT(free, std::numeric_limits<std::uint64_t>::max());
    // Other programs write meanwhile: the same order of size, not the same number.
    const std::uint64_t expected = static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
    EXPECT_LT(free > expected ? free - expected : expected - free, expected / 10 + (64U << 20U));
}

TEST_F(DownloadFolderTest, NoRoomLeavesNothingBehind)
{
    // A file size limit makes the preallocation fail as a full disk would,
    // without filling one; the kernel then sends SIGXFSZ, ignored here.
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = rlim_t{1024} * 1024;
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    auto partial = folder().openPartial({}, partialName(0), std::uint64_t{8} * 1024 * 1024);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);

    ASSERT_FALSE(partial.ok());
    EXPECT_EQ(partial.error().kind, DiskProblem::Kind::Full) << partial.error().message.toStdString();
    EXPECT_TRUE(everythingUnder(downloads()).isEmpty());
}

TEST_F(DownloadFolderTest, AReadOnlyFolderIsNotWritable)
{
    if (::geteuid() == 0) {
        GTEST_SKIP() << "running as root, which writes to read-only folders anyway";
    }
    ASSERT_TRUE(QDir(downloads()).mkdir(QStringLiteral("locked")));
    ASSERT_EQ(::chmod(QFile::encodeName(downloads(QStringLiteral("locked"))).constData(), 0555), 0);
    auto partial = folder().openPartial({QStringLiteral("locked")}, partialName(0), 4);
    ASSERT_FALSE(partial.ok());
    EXPECT_EQ(partial.error().kind, DiskProblem::Kind::NotWritable);
    auto deeper = folder().ensureFolder({QStringLiteral("locked"), QStringLiteral("sub")});
    ASSERT_TRUE(deeper.has_value());
    EXPECT_EQ(deeper->kind, DiskProblem::Kind::NotWritable);

    auto locked = DownloadFolder::open(downloads(QStringLiteral("locked")));
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().kind, DiskProblem::Kind::NotWritable);
    EXPECT_TRUE(locked.error().message.contains(QStringLiteral("locked")));
    ::chmod(QFile::encodeName(downloads(QStringLiteral("locked"))).constData(), 0755);
}

TEST_F(DownloadFolderTest, AFolderThatIsNotThereOrNotAFolder)
{
    auto missing = DownloadFolder::open(m_root.filePath(QStringLiteral("nowhere")));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, DiskProblem::Kind::Gone);
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("nowhere")));
    ASSERT_TRUE(writeFile(outside(QStringLiteral("plain")), "x"));
    auto file = DownloadFolder::open(outside(QStringLiteral("plain")));
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.error().kind, DiskProblem::Kind::Refused);
}

TEST(DiskProblem, ErrorsAreSortedAndPutInWords)
{
    const QString where = QStringLiteral("/home/someone/Downloads");
    const std::vector<std::pair<int, DiskProblem::Kind>> cases = {
        {ENOSPC, DiskProblem::Kind::Full},        {EDQUOT, DiskProblem::Kind::Full},
        {EFBIG, DiskProblem::Kind::Full},         {EROFS, DiskProblem::Kind::NotWritable},
        {EACCES, DiskProblem::Kind::NotWritable}, {EPERM, DiskProblem::Kind::NotWritable},
        {ELOOP, DiskProblem::Kind::Refused},      {ENOTDIR, DiskProblem::Kind::Refused},
        {ENOENT, DiskProblem::Kind::Gone},        {EIO, DiskProblem::Kind::Other},
    };
    for (const auto& [error, kind] : cases) {
        const DiskProblem problem = diskProblem(error, where);
        EXPECT_EQ(problem.kind, kind) << error;
        EXPECT_TRUE(problem.message.contains(where)) << problem.message.toStdString();
    }
    EXPECT_TRUE(diskProblem(ENOSPC, where).message.contains(QStringLiteral("full")));
    EXPECT_TRUE(diskProblem(EACCES, where).message.contains(QStringLiteral("cannot be written")));
}

} // namespace
} // namespace confab::files
