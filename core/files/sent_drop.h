#pragma once

#include "base/result.h"
#include "proto/file_drop.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace confab::files {

// One file or folder of a drop, as found on the sender's disk.
struct SentEntry {
    proto::ManifestEntryKind kind = proto::ManifestEntryKind::File;
    QString path;           // inside the drop, "/" between parts: "photos/2026/a.jpg"
    QString sourcePath;     // absolute, where it is read from
    std::uint64_t size = 0; // File only
    std::int64_t mtimeNs = 0;

    bool operator==(const SentEntry&) const = default;
};

// What a user chose to send, walked: every entry in manifest order (a folder
// before its contents, names in byte order), so entry i here is entry i of
// the manifest built from it.
struct SentDrop {
    std::vector<SentEntry> entries;

    [[nodiscard]] std::uint64_t totalBytes() const;
    [[nodiscard]] std::uint32_t fileCount() const;
    [[nodiscard]] std::uint32_t folderCount() const;
    // The top-level names, in order: what an offer shows.
    [[nodiscard]] QStringList topNames() const;
};

// Walks the chosen files and folders (each a top-level entry named by its file
// name), keeping empty folders. Refused, with a message naming the item: a
// symbolic link anywhere, a file with other hard links inside a sent folder
// (its other names may lie outside what the user chose), a device, FIFO or
// socket, something unreadable, a name that is not UTF-8, two chosen items
// of the same name, and a drop past the manifest's limits.
Result<SentDrop, QString> collectSentDrop(const QStringList& paths);

// The manifest of `drop`: every file read once, in blocks of 1 MiB, each
// block feeding both the file's hash and its chunks' hashes. `progress` is
// told the bytes read so far over the whole drop after each block; returning
// false stops the reading (the result is then an error saying so). A file
// whose size or modification time differs from what collectSentDrop found,
// before or while it is read, is an error naming it.
Result<proto::Manifest, QString> buildManifest(const SentDrop& drop, std::uint32_t chunkSize,
                                               const std::function<bool(std::uint64_t bytesDone)>& progress);

} // namespace confab::files
