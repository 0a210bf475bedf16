#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "disk_problem.h"
#include "proto/file_drop.h"
#include "unique_fd.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace confab::files {

// The name of the partial file of entry `entry` of drop `transferId`:
// ".confab-<32 hex digits>-<entry>.part", hidden, and told apart from any
// other drop's.
QString partialFileName(const proto::TransferId& transferId, std::uint32_t entry);
// Whether `name` is one partialFileName gives. No received file or top-level
// folder is given such a name, so none can be taken for a partial file.
bool isPartialFileName(const QString& name);

// A received file while it arrives: a hidden file next to where it will be,
// opened and preallocated by DownloadFolder::openPartial and renamed into
// place by DownloadFolder::commit. Chunks arrive in any order, so it is
// written and read at offsets. Closed when it goes; move-only.
class PartialFile {
public:
    PartialFile(PartialFile&&) noexcept = default;
    PartialFile& operator=(PartialFile&&) noexcept = default;
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    ~PartialFile() = default;

    // True when the file was there already: a transfer resumes into it.
    [[nodiscard]] bool resumed() const { return m_resumed; }
    // The size of the finished file (preallocated).
    [[nodiscard]] std::uint64_t size() const { return m_size; }
    [[nodiscard]] const QString& name() const { return m_name; }

    // Writes `bytes` at `offset`; the bytes must lie within size().
    [[nodiscard]] std::optional<DiskProblem> writeAt(std::uint64_t offset, ByteView bytes);
    // Reads `length` bytes at `offset`, within size(): to check what was written.
    Result<Bytes, DiskProblem> readAt(std::uint64_t offset, std::size_t length);
    // Makes what was written durable (fdatasync).
    [[nodiscard]] std::optional<DiskProblem> sync();

private:
    friend class DownloadFolder;
    PartialFile(UniqueFd folder, UniqueFd file, QString name, QString shown, std::uint64_t size,
                bool resumed);

    [[nodiscard]] bool fits(std::uint64_t offset, std::size_t length) const;
    [[nodiscard]] DiskProblem pastTheEnd() const;

    UniqueFd m_folder; // the folder it is in, where it is renamed
    UniqueFd m_file;
    QString m_name;  // in m_folder
    QString m_shown; // for messages: the folder it is in, as the user knows it
    std::uint64_t m_size = 0;
    bool m_resumed = false;
};

} // namespace confab::files
