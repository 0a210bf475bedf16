#pragma once

#include "base/result.h"
#include "disk_problem.h"
#include "partial_file.h"
#include "unique_fd.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace confab::files {

// The folder received drops are written to, and the only way they are: every
// file and folder is created through a descriptor of the download folder and
// of each folder below it (openat, mkdirat, renameat2), never through a path
// joined from received names, and never through a link (O_NOFOLLOW), so a
// received drop cannot reach outside the folder whatever its names say or
// whatever links are planted in it meanwhile.
//
// Names given here are cleaned already (cleanReceivedPath); one that is not a
// single name ("", ".", "..", a "/" in it) is refused all the same.
class DownloadFolder {
public:
    // `path` may be a link to a folder: it is the user's choice.
    static Result<DownloadFolder, DiskProblem> open(const QString& path);

    [[nodiscard]] const QString& path() const { return m_path; }

    // Creates the top-level folder of a drop under the first name that is
    // free: "photos", else "photos (1)", ... (a disk that ignores case says
    // so itself). Returns the name it got. A top-level file gets its name
    // when it is committed instead.
    Result<QString, DiskProblem> claimTopFolder(const QString& cleanedName);

    // Creates the folders `cleanedParts` (a path under the download folder
    // starting with a claimed name: "photos", "2026") that do not exist yet:
    // an empty folder of a drop.
    [[nodiscard]] std::optional<DiskProblem> ensureFolder(const QStringList& cleanedParts);

    // Opens the partial file `partialName` (partialFileName) in the folder
    // `cleanedParentParts` (created as needed; empty for the download folder
    // itself, else starting with a name claimTopFolder gave), creating it
    // if it is not there, and preallocates `size` bytes. The file never gets
    // an executable bit; an existing one with another name on the disk (a
    // hard link) or that is not a plain file is refused, as is any link.
    // When the disk has no room, nothing of the new file is left.
    Result<PartialFile, DiskProblem> openPartial(const QStringList& cleanedParentParts,
                                                 const QString& partialName, std::uint64_t size);

    // Makes every byte written to the folder's disk durable: one call for a
    // whole drop, before its files are committed.
    [[nodiscard]] std::optional<DiskProblem> syncWritten();

    // Gives the file its modification time and renames it into place as
    // `cleanedFinalName`, or "name (1).ext", ... if that is taken (or is a
    // partial file's name): an existing file is never replaced. Returns the
    // name it got. Its bytes are made durable first by syncWritten().
    Result<QString, DiskProblem> commit(PartialFile&& partial, const QString& cleanedFinalName,
                                        std::int64_t mtimeNs);

    // Removes a partial file (a cancelled drop). False if it was not there.
    Result<bool, DiskProblem> removePartial(const QStringList& cleanedParentParts,
                                            const QString& partialName);

    // Gives a received folder its modification time; to be called once its
    // contents are in place, as they change it.
    [[nodiscard]] std::optional<DiskProblem> setFolderTime(const QStringList& cleanedParts,
                                                           std::int64_t mtimeNs);

    // Bytes free for this user on the folder's disk; the largest value when
    // the disk does not say.
    [[nodiscard]] std::uint64_t freeBytes() const;

private:
    DownloadFolder(UniqueFd folder, QString path);

    // A descriptor of the folder `parts` below this one, each part opened
    // without following links; with `create`, the parts missing are created.
    Result<UniqueFd, DiskProblem> openFolder(const QStringList& parts, bool create) const;
    // openFolder(parts, true), from the folder the last partial file was
    // opened in when it is the same.
    Result<UniqueFd, DiskProblem> parentFolder(const QStringList& parts);
    // The path of `parts` below this folder, for messages.
    [[nodiscard]] QString shown(const QStringList& parts) const;

    struct OpenedFolder {
        QStringList parts;
        UniqueFd folder;
    };

    UniqueFd m_folder;
    QString m_path;
    std::optional<OpenedFolder> m_lastParent;
};

} // namespace confab::files
