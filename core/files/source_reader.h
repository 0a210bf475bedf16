#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "sent_drop.h"
#include "unique_fd.h"

#include <cstdint>
#include <optional>

namespace confab::files {

// Why a chunk of a sent file cannot be served.
enum class SourceProblem {
    Changed,     // its size or modification time is no longer what was offered
    Missing,     // the file is gone
    Unreadable,  // it is there but cannot be read (permissions, a disk error)
    NoSuchChunk, // the entry is a folder, or the chunk lies past the file's end
};
const char* toString(SourceProblem problem);

// Serves the chunks of a sent drop to a transfer, straight from the files the
// user chose: nothing is copied aside when a drop is offered, so every read
// checks that the file still is what the manifest describes. One file is kept
// open at a time (transfers ask for a file's chunks in order), so a drop of
// many files does not hold many descriptors.
class SourceReader {
public:
    // `drop`'s entries are the manifest's, in the same order.
    SourceReader(SentDrop drop, std::uint32_t chunkSize);

    // The bytes of chunk `chunkIndex` of entry `entryIndex`: chunkSize bytes,
    // the file's last chunk fewer.
    Result<Bytes, SourceProblem> readChunk(std::uint32_t entryIndex, std::uint32_t chunkIndex);

    [[nodiscard]] const SentDrop& drop() const { return m_drop; }

private:
    // Opens entry `entryIndex` (or keeps it open) and checks that it is still
    // the file that was offered.
    std::optional<SourceProblem> openChecked(std::uint32_t entryIndex);
    void closeEntry();

    SentDrop m_drop;
    std::uint32_t m_chunkSize;
    std::optional<std::uint32_t> m_openEntry;
    UniqueFd m_file;
};

} // namespace confab::files
