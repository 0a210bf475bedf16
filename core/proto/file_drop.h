#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// File drops: the offer and answer envelope bodies, the manifest and the
// records of a transfer connection (docs/PROTOCOL.md, "File drops").
namespace confab::proto {

inline constexpr std::size_t kTransferIdSize = 16;
inline constexpr std::size_t kContentHashSize = 32; // BLAKE2b-256
inline constexpr std::size_t kMaxOfferNames = 16;
inline constexpr std::size_t kMaxDropNameBytes = 255;
inline constexpr std::size_t kMaxPathBytes = 4096;
inline constexpr std::uint32_t kMaxManifestEntries = 1'000'000;
inline constexpr std::uint32_t kMaxManifestSize = 64U * 1024 * 1024;
inline constexpr std::uint32_t kMinChunkSize = 64U * 1024;
inline constexpr std::uint32_t kMaxChunkSize = 1024U * 1024;
inline constexpr std::size_t kMaxManifestPartSize = 1024U * 1024;
inline constexpr std::size_t kMaxRecordSize = 1024U * 1024 + 64; // plaintext
inline constexpr std::size_t kMaxWantRanges = 1024;

using TransferId = std::array<std::uint8_t, kTransferIdSize>;
using ContentHash = std::array<std::uint8_t, kContentHashSize>;

struct FileOffer {
    static constexpr std::uint8_t kVersion = 1;
    TransferId transferId{};
    std::uint64_t totalBytes = 0;
    std::uint32_t fileCount = 0;
    std::uint32_t folderCount = 0;
    ContentHash manifestHash{};
    std::uint32_t manifestLength = 0;
    std::vector<std::string> names; // UTF-8, 1 .. kMaxOfferNames

    bool operator==(const FileOffer&) const = default;
};

enum class FileAnswerKind : std::uint8_t {
    Accept = 1,
    Decline = 2,
    Cancel = 3,
    Pause = 4,
    Resume = 5,
    Complete = 6,
    Failed = 7,
};

enum class DropReason : std::uint8_t {
    None = 0,
    DiskFull = 1,
    FolderNotWritable = 2,
    SourceChanged = 3,
    SourceMissing = 4,
    Damaged = 5,
    Refused = 6,
    Paused = 7,    // Stop records only
    Cancelled = 8, // Stop records only
};

struct FileAnswer {
    static constexpr std::uint8_t kVersion = 1;
    TransferId transferId{};
    FileAnswerKind answer = FileAnswerKind::Accept;
    DropReason reason = DropReason::None; // None .. Refused

    bool operator==(const FileAnswer&) const = default;
};

enum class ManifestEntryKind : std::uint8_t { File = 1, Folder = 2 };

struct ManifestEntry {
    ManifestEntryKind kind = ManifestEntryKind::File;
    std::string path; // UTF-8, "/" between parts, as the sender wrote it
    std::int64_t mtimeNs = 0;
    std::uint64_t size = 0;              // File only
    ContentHash fileHash{};              // File only
    std::vector<ContentHash> chunkHashes; // File only; empty when the file has 0 or 1 chunks

    bool operator==(const ManifestEntry&) const = default;
};

struct Manifest {
    static constexpr std::uint8_t kVersion = 1;
    std::uint32_t chunkSize = kMaxChunkSize;
    std::vector<ManifestEntry> entries;

    // Chunks of entry `index` (0 for folders and empty files).
    [[nodiscard]] std::uint32_t chunkCount(std::size_t index) const;
    // Bytes of chunk `chunk` of entry `index` (the last one may be short).
    [[nodiscard]] std::uint32_t chunkLength(std::size_t index, std::uint32_t chunk) const;
    // The hash chunk `chunk` of entry `index` must have.
    [[nodiscard]] const ContentHash& chunkHash(std::size_t index, std::uint32_t chunk) const;

    bool operator==(const Manifest&) const = default;
};

enum class FileDropError {
    Truncated,
    UnsupportedVersion,
    TrailingBytes,
    BadCount,      // a count outside its limits
    BadName,       // an offer name or a manifest path: empty, too long, not UTF-8
    BadAnswer,
    BadReason,
    BadChunkSize,
    BadKind,       // manifest entry kind or record type
    DuplicatePath,
    WrongChunkHashCount, // not the number of chunks the size gives
    TooLarge,      // manifest or record above its limit
    BadRecord,     // a record body of the wrong shape
};
const char* toString(FileDropError error);

Bytes encodeFileOffer(const FileOffer& offer);
Result<FileOffer, FileDropError> decodeFileOffer(ByteView bytes);
Bytes encodeFileAnswer(const FileAnswer& answer);
Result<FileAnswer, FileDropError> decodeFileAnswer(ByteView bytes);
Bytes encodeManifest(const Manifest& manifest);
Result<Manifest, FileDropError> decodeManifest(ByteView bytes);

// Records of a transfer connection (the plaintext of one record).
enum class TransferRecordType : std::uint8_t {
    Hello = 1,
    ManifestPart = 2,
    Want = 3,
    Chunk = 4,
    Done = 5,
    Stop = 6,
};

struct ChunkRange {
    std::uint32_t entry = 0;
    std::uint32_t firstChunk = 0;
    std::uint32_t chunkCount = 0; // >= 1

    bool operator==(const ChunkRange&) const = default;
};

struct TransferRecord {
    TransferRecordType type = TransferRecordType::Hello;
    bool wantManifest = false;           // Hello
    std::uint32_t offset = 0;            // ManifestPart
    std::vector<ChunkRange> ranges;      // Want: 1 .. kMaxWantRanges
    std::uint32_t entry = 0;             // Chunk
    std::uint32_t chunk = 0;             // Chunk
    Bytes data;                          // ManifestPart, Chunk
    DropReason reason = DropReason::None; // Stop

    bool operator==(const TransferRecord&) const = default;
};

Bytes encodeTransferRecord(const TransferRecord& record);
// The body is checked for its type's shape only; whether a chunk was asked
// for is the transfer's business.
Result<TransferRecord, FileDropError> decodeTransferRecord(ByteView bytes);

} // namespace confab::proto
