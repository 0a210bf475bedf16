#include "sent_drop.h"

#include "crypto/content_hash.h"
#include "received_name.h"
#include "unique_fd.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace confab::files {
namespace {

// Large enough that a file is read at the disk's pace, and a whole number of
// chunks of any allowed size.
constexpr std::size_t kBlockSize = std::size_t{1024} * 1024;
static_assert(kBlockSize % proto::kMaxChunkSize == 0);

QString quoted(const QString& path)
{
    return QStringLiteral("\u201c%1\u201d").arg(QDir::toNativeSeparators(path));
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

std::int64_t mtimeOf(const struct stat& status)
{
    return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
}

QString cannotRead(const QString& path, int error)
{
    return QCoreApplication::translate("Transfers", "%1 cannot be read: %2")
        .arg(quoted(path), errnoText(error));
}

struct CloseDir {
    void operator()(DIR* dir) const { ::closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, CloseDir>;

// Names in a folder, in byte order (the same on every system and locale).
Result<std::vector<QByteArray>, int> namesIn(int folder)
{
    // The listing gets a descriptor of its own: closedir() closes it.
    UniqueFd copy(::dup(folder));
    DIR* opened = copy.valid() ? ::fdopendir(copy.get()) : nullptr;
    if (opened == nullptr) {
        return errno;
    }
    [[maybe_unused]] const int ownedByListing = copy.release();
    const DirHandle dir(opened);
    std::vector<QByteArray> names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..") {
            names.push_back(name);
        }
        errno = 0;
    }
    if (errno != 0) {
        return errno;
    }
    std::sort(names.begin(), names.end());
    return names;
}

class Collector {
public:
    std::optional<QString> addTop(const QString& chosen);
    SentDrop take() { return std::move(m_drop); }

private:
    // `status` is lstat's answer for `source`; `folder` is open when it is one.
    std::optional<QString> add(const QString& source, const QString& dropPath, const struct stat& status,
                               bool insideFolder);
    std::optional<QString> walk(UniqueFd folder, const QString& source, const QString& dropPath);

    SentDrop m_drop;
    QSet<QString> m_topNames;
};

std::optional<QString> Collector::addTop(const QString& chosen)
{
    const QString source = QDir::cleanPath(QFileInfo(chosen).absoluteFilePath());
    const QString name = QFileInfo(source).fileName();
    if (name.isEmpty()) {
        return QCoreApplication::translate("Transfers",
                                           "%1 cannot be sent as a whole; choose the files and folders in it")
            .arg(quoted(source));
    }
    if (m_topNames.contains(name)) {
        return QCoreApplication::translate(
                   "Transfers",
                   "Two of the chosen items are named %1; only one of them can be sent in the same drop")
            .arg(quoted(name));
    }
    m_topNames.insert(name);
    struct stat status {};
    if (::lstat(QFile::encodeName(source).constData(), &status) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            return QCoreApplication::translate("Transfers", "%1 does not exist").arg(quoted(source));
        }
        return cannotRead(source, error);
    }
    return add(source, name, status, false);
}

std::optional<QString> Collector::add(const QString& source, const QString& dropPath,
                                      const struct stat& status, bool insideFolder)
{
    if (S_ISLNK(status.st_mode)) {
        return QCoreApplication::translate(
                   "Transfers", "%1 is a link; links cannot be sent, choose what it points to instead")
            .arg(quoted(source));
    }
    if (!S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode)) {
        return QCoreApplication::translate(
                   "Transfers", "%1 is not a file or a folder (a device, pipe or socket) and cannot be sent")
            .arg(quoted(source));
    }
    if (m_drop.entries.size() >= proto::kMaxManifestEntries) {
        return QCoreApplication::translate(
                   "Transfers", "The drop holds more than %1 files and folders; send fewer at a time")
            .arg(proto::kMaxManifestEntries);
    }
    if (static_cast<std::size_t>(dropPath.toUtf8().size()) > proto::kMaxPathBytes) {
        return QCoreApplication::translate("Transfers", "The path of %1 is too long to be sent")
            .arg(quoted(source));
    }
    if (dropPath.count(QLatin1Char('/')) >= kMaxDepth) {
        return QCoreApplication::translate("Transfers",
                                           "%1 lies more than %2 folders deep and cannot be sent")
            .arg(quoted(source))
            .arg(kMaxDepth);
    }
    const QByteArray encoded = QFile::encodeName(source);
    SentEntry entry;
    entry.path = dropPath;
    entry.sourcePath = source;
    entry.mtimeNs = mtimeOf(status);
    if (S_ISDIR(status.st_mode)) {
        UniqueFd folder(::open(encoded.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!folder.valid()) {
            return cannotRead(source, errno);
        }
        entry.kind = proto::ManifestEntryKind::Folder;
        m_drop.entries.push_back(entry);
        return walk(std::move(folder), source, dropPath);
    }
    // A file with other names may be reached through a folder the user did
    // not choose; sending it from inside a folder would send more than chosen.
    if (insideFolder && status.st_nlink > 1) {
        return QCoreApplication::translate(
                   "Transfers",
                   "%1 has other names on this disk (hard links) and cannot be sent from inside a folder")
            .arg(quoted(source));
    }
    // O_NONBLOCK: should it have become a FIFO since lstat, opening must not wait.
    const UniqueFd file(::open(encoded.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!file.valid()) {
        return cannotRead(source, errno);
    }
    entry.kind = proto::ManifestEntryKind::File;
    entry.size = static_cast<std::uint64_t>(status.st_size);
    m_drop.entries.push_back(entry);
    return std::nullopt;
}

std::optional<QString> Collector::walk(UniqueFd folder, const QString& source, const QString& dropPath)
{
    auto names = namesIn(folder.get());
    if (!names.ok()) {
        return cannotRead(source, names.error());
    }
    for (const QByteArray& name : names.value()) {
        const QString decoded = QString::fromUtf8(name);
        const QString childSource = source + QLatin1Char('/') + decoded;
        if (decoded.toUtf8() != name) {
            return QCoreApplication::translate("Transfers",
                                               "The name of %1 is not valid UTF-8 text and cannot be sent")
                .arg(quoted(QFile::decodeName(QFile::encodeName(source) + '/' + name)));
        }
        struct stat status {};
        if (::fstatat(folder.get(), name.constData(), &status, AT_SYMLINK_NOFOLLOW) != 0) {
            return cannotRead(childSource, errno);
        }
        if (auto problem = add(childSource, dropPath + QLatin1Char('/') + decoded, status, true)) {
            return problem;
        }
    }
    return std::nullopt;
}

// What the encoded manifest will take (docs/PROTOCOL.md, "Manifest"), to refuse
// a drop past the limit before reading any of it.
std::uint64_t manifestBytes(const SentDrop& drop, std::uint32_t chunkSize)
{
    std::uint64_t bytes = 1 + 4 + 4;
    for (const SentEntry& entry : drop.entries) {
        bytes += 1 + 2 + static_cast<std::uint64_t>(entry.path.toUtf8().size()) + 8;
        if (entry.kind == proto::ManifestEntryKind::File) {
            const std::uint64_t chunks = (entry.size + chunkSize - 1) / chunkSize;
            bytes += 8 + proto::kContentHashSize + (chunks >= 2 ? chunks * proto::kContentHashSize : 0);
        }
    }
    return bytes;
}

QString changedWhileRead(const SentEntry& entry)
{
    return QCoreApplication::translate(
               "Transfers",
               "%1 changed while it was being read; send it again when it is no longer being written")
        .arg(quoted(entry.sourcePath));
}

bool matches(const struct stat& status, const SentEntry& entry)
{
    return S_ISREG(status.st_mode) && static_cast<std::uint64_t>(status.st_size) == entry.size &&
           mtimeOf(status) == entry.mtimeNs;
}

// Reads `entry` once, hashing it whole and chunk by chunk.
Result<proto::ManifestEntry, QString> hashFile(const SentEntry& entry, std::uint32_t chunkSize, Bytes& buffer,
                                               std::uint64_t& bytesDone,
                                               const std::function<bool(std::uint64_t)>& progress)
{
    const UniqueFd file(
        ::open(QFile::encodeName(entry.sourcePath).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!file.valid()) {
        const int error = errno;
        if (error == ENOENT) {
            return QCoreApplication::translate("Transfers", "%1 was removed before it could be read")
                .arg(quoted(entry.sourcePath));
        }
        return cannotRead(entry.sourcePath, error);
    }
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        return cannotRead(entry.sourcePath, errno);
    }
    if (!matches(status, entry)) {
        return changedWhileRead(entry);
    }
    ::posix_fadvise(file.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    proto::ManifestEntry out;
    out.kind = proto::ManifestEntryKind::File;
    out.path = entry.path.toStdString();
    out.mtimeNs = entry.mtimeNs;
    out.size = entry.size;
    crypto::ContentHasher whole;
    crypto::ContentHasher chunk;
    std::uint32_t inChunk = 0;
    std::uint64_t left = entry.size;
    while (left > 0) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
        const ssize_t got = ::read(file.get(), buffer.data(), want);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return cannotRead(entry.sourcePath, errno);
        }
        if (got == 0) {
            return changedWhileRead(entry); // shorter than it was
        }
        const ByteView block(buffer.data(), static_cast<std::size_t>(got));
        whole.update(block);
        for (std::size_t at = 0; at < block.size();) {
            const std::size_t take = std::min<std::size_t>(block.size() - at, chunkSize - inChunk);
            chunk.update(block.subspan(at, take));
            at += take;
            inChunk += static_cast<std::uint32_t>(take);
            if (inChunk == chunkSize) {
                out.chunkHashes.push_back(chunk.finish());
                inChunk = 0;
            }
        }
        left -= static_cast<std::uint64_t>(got);
        bytesDone += static_cast<std::uint64_t>(got);
        if (progress && !progress(bytesDone)) {
            return QCoreApplication::translate("Transfers", "Reading the files was cancelled");
        }
    }
    if (inChunk > 0) {
        out.chunkHashes.push_back(chunk.finish());
    }
    // A file of one chunk has the file hash as its chunk hash.
    if (out.chunkHashes.size() < 2) {
        out.chunkHashes.clear();
    }
    out.fileHash = whole.finish();
    if (::fstat(file.get(), &status) != 0 || !matches(status, entry)) {
        return changedWhileRead(entry);
    }
    return out;
}

} // namespace

std::uint64_t SentDrop::totalBytes() const
{
    std::uint64_t total = 0;
    for (const SentEntry& entry : entries) {
        total += entry.size;
    }
    return total;
}

std::uint32_t SentDrop::fileCount() const
{
    return static_cast<std::uint32_t>(
        std::count_if(entries.begin(), entries.end(),
                      [](const SentEntry& entry) { return entry.kind == proto::ManifestEntryKind::File; }));
}

std::uint32_t SentDrop::folderCount() const
{
    return static_cast<std::uint32_t>(entries.size()) - fileCount();
}

QStringList SentDrop::topNames() const
{
    QStringList names;
    for (const SentEntry& entry : entries) {
        if (!entry.path.contains(QLatin1Char('/'))) {
            names << entry.path;
        }
    }
    return names;
}

Result<SentDrop, QString> collectSentDrop(const QStringList& paths)
{
    if (paths.isEmpty()) {
        return QCoreApplication::translate("Transfers", "Nothing was chosen to send");
    }
    Collector collector;
    for (const QString& path : paths) {
        if (auto problem = collector.addTop(path)) {
            return *problem;
        }
    }
    return collector.take();
}

Result<proto::Manifest, QString> buildManifest(const SentDrop& drop, std::uint32_t chunkSize,
                                               const std::function<bool(std::uint64_t bytesDone)>& progress)
{
    const bool powerOfTwo = chunkSize != 0 && (chunkSize & (chunkSize - 1)) == 0;
    if (!powerOfTwo || chunkSize < proto::kMinChunkSize || chunkSize > proto::kMaxChunkSize) {
        return QCoreApplication::translate("Transfers", "The chunk size %1 is not one the protocol allows")
            .arg(chunkSize);
    }
    if (drop.entries.empty()) {
        return QCoreApplication::translate("Transfers", "Nothing was chosen to send");
    }
    if (manifestBytes(drop, chunkSize) > proto::kMaxManifestSize) {
        return QCoreApplication::translate(
            "Transfers", "The drop holds too many files to be sent at once; send fewer at a time");
    }
    proto::Manifest manifest;
    manifest.chunkSize = chunkSize;
    manifest.entries.reserve(drop.entries.size());
    Bytes buffer(kBlockSize);
    std::uint64_t bytesDone = 0;
    for (const SentEntry& entry : drop.entries) {
        if (entry.kind == proto::ManifestEntryKind::Folder) {
            proto::ManifestEntry folder;
            folder.kind = proto::ManifestEntryKind::Folder;
            folder.path = entry.path.toStdString();
            folder.mtimeNs = entry.mtimeNs;
            manifest.entries.push_back(std::move(folder));
            continue;
        }
        auto file = hashFile(entry, chunkSize, buffer, bytesDone, progress);
        if (!file.ok()) {
            return file.error();
        }
        manifest.entries.push_back(std::move(file).value());
    }
    return manifest;
}

} // namespace confab::files
