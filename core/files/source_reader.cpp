#include "source_reader.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace confab::files {
namespace {

std::int64_t mtimeOf(const struct stat& status)
{
    return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
}

SourceProblem problemFor(int error)
{
    return error == ENOENT || error == ENOTDIR ? SourceProblem::Missing : SourceProblem::Unreadable;
}

} // namespace

const char* toString(SourceProblem problem)
{
    switch (problem) {
    case SourceProblem::Changed:
        return "the file changed after it was offered";
    case SourceProblem::Missing:
        return "the file is gone";
    case SourceProblem::Unreadable:
        return "the file cannot be read";
    case SourceProblem::NoSuchChunk:
        return "no such chunk in the drop";
    }
    return "the file cannot be read";
}

SourceReader::SourceReader(SentDrop drop, std::uint32_t chunkSize)
    : m_drop(std::move(drop)), m_chunkSize(chunkSize)
{
}

void SourceReader::closeEntry()
{
    m_openEntry.reset();
    m_file.reset();
}

std::optional<SourceProblem> SourceReader::openChecked(std::uint32_t entryIndex)
{
    const SentEntry& entry = m_drop.entries[entryIndex];
    // Twice at most: a file kept open may have been replaced under its name
    // since the last chunk; then the file now under that name is looked at.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool kept = m_openEntry == entryIndex;
        if (!kept) {
            closeEntry();
            m_file.reset(
                ::open(QFile::encodeName(entry.sourcePath).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
            if (!m_file.valid()) {
                // ELOOP: a link now stands where the file was.
                return errno == ELOOP ? SourceProblem::Changed : problemFor(errno);
            }
            m_openEntry = entryIndex;
        }
        // Checked on every chunk: the file may be edited while it is sent.
        struct stat status {};
        if (::fstat(m_file.get(), &status) != 0) {
            const int error = errno;
            closeEntry();
            return problemFor(error);
        }
        if (status.st_nlink == 0) {
            closeEntry(); // its bytes are still readable here, but the user removed or replaced it
            if (kept) {
                continue;
            }
            return SourceProblem::Missing;
        }
        if (!S_ISREG(status.st_mode) || static_cast<std::uint64_t>(status.st_size) != entry.size ||
            mtimeOf(status) != entry.mtimeNs) {
            closeEntry();
            return SourceProblem::Changed;
        }
        return std::nullopt;
    }
    return SourceProblem::Missing;
}

Result<Bytes, SourceProblem> SourceReader::readChunk(std::uint32_t entryIndex, std::uint32_t chunkIndex)
{
    if (entryIndex >= m_drop.entries.size() || m_chunkSize == 0) {
        return SourceProblem::NoSuchChunk;
    }
    const SentEntry& entry = m_drop.entries[entryIndex];
    const std::uint64_t offset = std::uint64_t{chunkIndex} * m_chunkSize;
    if (entry.kind != proto::ManifestEntryKind::File || offset >= entry.size) {
        return SourceProblem::NoSuchChunk;
    }
    if (auto problem = openChecked(entryIndex)) {
        return *problem;
    }
    Bytes chunk(static_cast<std::size_t>(std::min<std::uint64_t>(m_chunkSize, entry.size - offset)));
    std::size_t done = 0;
    while (done < chunk.size()) {
        const ssize_t got = ::pread(m_file.get(), chunk.data() + done, chunk.size() - done,
                                    static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            closeEntry();
            return SourceProblem::Unreadable;
        }
        if (got == 0) {
            closeEntry();
            return SourceProblem::Changed; // cut short since the check above
        }
        done += static_cast<std::size_t>(got);
    }
    return chunk;
}

} // namespace confab::files
