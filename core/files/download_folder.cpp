#include "download_folder.h"

#include "received_name.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace confab::files {
namespace {

// Received files are data: read and write for their owner, read for others,
// never executable. The umask takes away what the user wants taken.
constexpr mode_t kFileMode = 0644;
constexpr mode_t kFolderMode = 0777;
constexpr mode_t kExecutableOrSpecial = 07111;

// A name that can be created in a folder as it is: one part, nothing that
// climbs out. Cleaned names always are; anything else is refused, not fixed.
bool isSingleName(const QString& name)
{
    return !name.isEmpty() && name != QLatin1String(".") && name != QLatin1String("..") &&
           !name.contains(QLatin1Char('/')) && !name.contains(QChar(0)) &&
           name.toUtf8().size() <= kMaxNameBytes;
}

DiskProblem notAName(const QString& name)
{
    return {DiskProblem::Kind::Refused,
            QCoreApplication::translate("Transfers",
                                        "\u201c%1\u201d is not a name a received file or folder can have")
                .arg(name)};
}

timespec timeOf(std::int64_t ns)
{
    constexpr std::int64_t kPerSecond = 1'000'000'000;
    std::int64_t seconds = ns / kPerSecond;
    std::int64_t rest = ns % kPerSecond;
    if (rest < 0) { // before 1970: the nanoseconds still count forwards
        rest += kPerSecond;
        --seconds;
    }
    timespec time{};
    time.tv_sec = static_cast<time_t>(seconds);
    time.tv_nsec = static_cast<long>(rest);
    return time;
}

// Sets the modification time of `fd` and leaves the access time alone.
bool setModificationTime(int fd, std::int64_t mtimeNs)
{
    const timespec times[2] = {{0, UTIME_OMIT}, timeOf(mtimeNs)};
    return ::futimens(fd, times) == 0;
}

} // namespace

DownloadFolder::DownloadFolder(UniqueFd folder, QString path)
    : m_folder(std::move(folder)), m_path(std::move(path))
{
}

Result<DownloadFolder, DiskProblem> DownloadFolder::open(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    UniqueFd folder(::open(QFile::encodeName(absolute).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!folder.valid()) {
        return diskProblem(errno, absolute);
    }
    // Asked now, so a drop is not accepted into a folder it cannot be written to.
    if (::faccessat(folder.get(), ".", W_OK | X_OK, AT_EACCESS) != 0) {
        return diskProblem(errno, absolute);
    }
    return DownloadFolder(std::move(folder), absolute);
}

QString DownloadFolder::shown(const QStringList& parts) const
{
    return parts.isEmpty() ? m_path : m_path + QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

Result<UniqueFd, DiskProblem> DownloadFolder::openFolder(const QStringList& parts, bool create) const
{
    UniqueFd current(::openat(m_folder.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!current.valid()) {
        return diskProblem(errno, m_path);
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString& part = parts.at(i);
        if (!isSingleName(part)) {
            return notAName(part);
        }
        const QByteArray name = QFile::encodeName(part);
        if (create && ::mkdirat(current.get(), name.constData(), kFolderMode) != 0 && errno != EEXIST) {
            return diskProblem(errno, shown(parts.mid(0, i)));
        }
        // Whatever is there now, made by us or planted: a link or a file is
        // refused here (ELOOP, ENOTDIR), never followed.
        UniqueFd next(
            ::openat(current.get(), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid()) {
            return diskProblem(errno, shown(parts.mid(0, i + 1)));
        }
        current = std::move(next);
    }
    return current;
}

Result<UniqueFd, DiskProblem> DownloadFolder::parentFolder(const QStringList& parts)
{
    // Files of a drop come folder by folder: the folder of the last one is
    // usually the next one's too, and one dup() replaces a walk down the path.
    if (m_lastParent && m_lastParent->parts == parts) {
        UniqueFd copy(::fcntl(m_lastParent->folder.get(), F_DUPFD_CLOEXEC, 0));
        if (copy.valid()) {
            return copy;
        }
    }
    auto folder = openFolder(parts, true);
    if (!folder.ok()) {
        return folder.error();
    }
    UniqueFd kept(::fcntl(folder.value().get(), F_DUPFD_CLOEXEC, 0));
    if (kept.valid()) {
        m_lastParent = OpenedFolder{parts, std::move(kept)};
    }
    return folder;
}

Result<QString, DiskProblem> DownloadFolder::claimTopFolder(const QString& cleanedName)
{
    if (!isSingleName(cleanedName)) {
        return notAName(cleanedName);
    }
    // Creating the folder is the test of whether its name is free, so two
    // drops of the same name can never end up in one folder.
    int failure = 0;
    const QString claimed = unusedName(cleanedName, [this, &failure](const QString& candidate) {
        if (isPartialFileName(candidate)) {
            return true; // a partial file of a top-level file may need it
        }
        if (::mkdirat(m_folder.get(), QFile::encodeName(candidate).constData(), kFolderMode) == 0) {
            return false;
        }
        if (errno == EEXIST) {
            return true;
        }
        failure = errno;
        return false; // stops the search; the error is reported below
    });
    if (failure != 0) {
        return diskProblem(failure, m_path);
    }
    if (claimed.isEmpty()) {
        return DiskProblem{DiskProblem::Kind::Other,
                           QCoreApplication::translate(
                               "Transfers", "No free name is left for \u201c%1\u201d in \u201c%2\u201d")
                               .arg(cleanedName, m_path)};
    }
    return claimed;
}

std::optional<DiskProblem> DownloadFolder::ensureFolder(const QStringList& cleanedParts)
{
    auto folder = openFolder(cleanedParts, true);
    if (!folder.ok()) {
        return folder.error();
    }
    return std::nullopt;
}

Result<PartialFile, DiskProblem> DownloadFolder::openPartial(const QStringList& cleanedParentParts,
                                                             const QString& partialName, std::uint64_t size)
{
    if (!isSingleName(partialName)) {
        return notAName(partialName);
    }
    if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max())) {
        return diskProblem(EFBIG, shown(cleanedParentParts));
    }
    const QString where = shown(cleanedParentParts);
    const QByteArray name = QFile::encodeName(partialName);

    // O_NOFOLLOW: a link planted under the partial's name is refused, not
    // written through (O_EXCL fails on it, and the second open refuses it).
    // O_NONBLOCK: a FIFO planted there does not hang the open. A new file is
    // the common case, so creating it is tried first.
    constexpr int kFlags = O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
    bool resumed = false;
    const auto openIn = [&](int folderFd) {
        resumed = false;
        UniqueFd opened(::openat(folderFd, name.constData(), kFlags | O_CREAT | O_EXCL, kFileMode));
        if (!opened.valid() && errno == EEXIST) {
            resumed = true;
            opened.reset(::openat(folderFd, name.constData(), kFlags));
        }
        return opened;
    };
    auto folder = parentFolder(cleanedParentParts);
    if (!folder.ok()) {
        return folder.error();
    }
    UniqueFd file = openIn(folder.value().get());
    if (!file.valid() && errno == ENOENT) {
        // The folder remembered from the last file was removed meanwhile: made again.
        m_lastParent.reset();
        folder = parentFolder(cleanedParentParts);
        if (!folder.ok()) {
            return folder.error();
        }
        file = openIn(folder.value().get());
    }
    if (!file.valid()) {
        return diskProblem(errno, where);
    }
    const int dir = folder.value().get();
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        return diskProblem(errno, where);
    }
    // Another name of the same file could lie anywhere on the disk: writing
    // here would write there.
    if (!S_ISREG(status.st_mode) || status.st_nlink != 1) {
        return DiskProblem{DiskProblem::Kind::Refused,
                           QCoreApplication::translate(
                               "Transfers",
                               "\u201c%1\u201d in \u201c%2\u201d is not a plain file of its own; nothing is "
                               "written to it")
                               .arg(partialName, where)};
    }
    if ((status.st_mode & kExecutableOrSpecial) != 0 && ::fchmod(file.get(), status.st_mode & 0666) != 0) {
        return diskProblem(errno, where);
    }
    const auto had = static_cast<std::uint64_t>(status.st_size);
    if (had > size && ::ftruncate(file.get(), static_cast<off_t>(size)) != 0) {
        return diskProblem(errno, where);
    }
    if (size > 0) {
        int error = 0;
        do {
            error = ::posix_fallocate(file.get(), 0, static_cast<off_t>(size));
        } while (error == EINTR);
        if (error != 0) {
            // What fallocate took before it failed is given back: a new file
            // goes, a resumed one returns to the size it had.
            if (resumed) {
                [[maybe_unused]] const int cut =
                    ::ftruncate(file.get(), static_cast<off_t>(std::min(had, size)));
            } else {
                ::unlinkat(dir, name.constData(), 0);
            }
            return diskProblem(error, where);
        }
    }
    return PartialFile(std::move(folder).value(), std::move(file), partialName, where, size, resumed);
}

Result<QString, DiskProblem> DownloadFolder::commit(PartialFile&& partial, const QString& cleanedFinalName,
                                                    std::int64_t mtimeNs)
{
    const PartialFile file = std::move(partial); // closed whatever happens
    if (!isSingleName(cleanedFinalName)) {
        return notAName(cleanedFinalName);
    }
    if (!setModificationTime(file.m_file.get(), mtimeNs)) {
        return diskProblem(errno, file.m_shown);
    }
    const int dir = file.m_folder.get();
    const QByteArray from = QFile::encodeName(file.m_name);
    // Renaming is the test of whether a name is free, so nothing that appears
    // under it meanwhile is ever replaced. A disk that cannot rename without
    // replacing (EINVAL) gets a new link and loses the old name instead,
    // which never replaces either.
    bool byLink = false;
    int failure = 0;
    const QString placed = unusedName(cleanedFinalName, [&](const QString& candidate) {
        if (isPartialFileName(candidate)) {
            return true; // else a later entry would take the file for its partial and write into it
        }
        const QByteArray to = QFile::encodeName(candidate);
        if (!byLink) {
            if (::renameat2(dir, from.constData(), dir, to.constData(), RENAME_NOREPLACE) == 0) {
                return false;
            }
            if (errno == EEXIST) {
                return true;
            }
            if (errno != EINVAL && errno != ENOSYS) {
                failure = errno;
                return false;
            }
            byLink = true;
        }
        if (::linkat(dir, from.constData(), dir, to.constData(), 0) == 0) {
            ::unlinkat(dir, from.constData(), 0);
            return false;
        }
        if (errno == EEXIST) {
            return true;
        }
        failure = errno;
        return false;
    });
    if (failure != 0) {
        return diskProblem(failure, file.m_shown);
    }
    if (placed.isEmpty()) {
        return DiskProblem{DiskProblem::Kind::Other,
                           QCoreApplication::translate(
                               "Transfers", "No free name is left for \u201c%1\u201d in \u201c%2\u201d")
                               .arg(cleanedFinalName, file.m_shown)};
    }
    return placed;
}

Result<bool, DiskProblem> DownloadFolder::removePartial(const QStringList& cleanedParentParts,
                                                        const QString& partialName)
{
    if (!isSingleName(partialName)) {
        return notAName(partialName);
    }
    auto folder = openFolder(cleanedParentParts, false);
    if (!folder.ok()) {
        return folder.error().kind == DiskProblem::Kind::Gone ? Result<bool, DiskProblem>(false)
                                                              : folder.error();
    }
    if (::unlinkat(folder.value().get(), QFile::encodeName(partialName).constData(), 0) != 0) {
        if (errno == ENOENT) {
            return false;
        }
        return diskProblem(errno, shown(cleanedParentParts));
    }
    return true;
}

std::optional<DiskProblem> DownloadFolder::setFolderTime(const QStringList& cleanedParts,
                                                         std::int64_t mtimeNs)
{
    if (cleanedParts.isEmpty()) {
        return std::nullopt; // the download folder's own time is the user's
    }
    auto folder = openFolder(cleanedParts, false);
    if (!folder.ok()) {
        return folder.error();
    }
    if (!setModificationTime(folder.value().get(), mtimeNs)) {
        return diskProblem(errno, shown(cleanedParts));
    }
    return std::nullopt;
}

std::optional<DiskProblem> DownloadFolder::syncWritten()
{
    // One syncfs for a drop of any number of files, where a sync per file
    // would cost a disk flush each.
    if (::syncfs(m_folder.get()) != 0) {
        return diskProblem(errno, m_path);
    }
    return std::nullopt;
}

std::uint64_t DownloadFolder::freeBytes() const
{
    struct statvfs disk {};
    if (::fstatvfs(m_folder.get(), &disk) != 0) {
        return std::numeric_limits<std::uint64_t>::max();
    }
    return static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
}

} // namespace confab::files
