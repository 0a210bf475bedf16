#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
inline constexpr std::size_t kMaxManifestPartSize = std::size_t{1024} * 1024;
inline constexpr std::size_t kMaxRecordSize = std::size_t{1024} * 1024 + 64; // plaintext
inline constexpr std::size_t kMaxWantRanges = 1024;
inline constexpr std::size_t kMaxSwarmPeers = 15;

using TransferId = std::array<std::uint8_t, kTransferIdSize>;
using ContentHash = std::array<std::uint8_t, kContentHashSize>;

// Body of EnvelopeKind::FileOffer: what the receiver shows before it accepts.
//   u8 version(=1) | 16 transferId | u64 totalBytes | u32 fileCount |
//   u32 folderCount | 32 manifestHash | u32 manifestLength | u8 nameCount |
//   nameCount × (u16 length | UTF-8 name)
// The encoder writes at most kMaxOfferNames names, each cut to
// kMaxDropNameBytes at a character boundary (they are only shown).
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

// Body of EnvelopeKind::FileAnswer:
//   u8 version(=1) | 16 transferId | u8 answer | u8 reason
// Only Decline, Cancel and Failed carry a reason other than None, and never
// Paused or Cancelled (those are for Stop records).
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
    std::uint64_t size = 0;               // File only
    ContentHash fileHash{};               // File only
    std::vector<ContentHash> chunkHashes; // File only; empty when the file has 0 or 1 chunks

    bool operator==(const ManifestEntry&) const = default;
};

// Fetched on the transfer connection; its hash and length are in the offer.
//   u8 version(=1) | u32 chunkSize | u32 entryCount | entries
// Entry: u8 kind | u16 pathLength | path | i64 mtimeNs, and for a File:
//   u64 size | 32 fileHash | 32 × n chunk hashes (n = chunks when 2 or more, else 0)
// The number of chunk hashes is not on the wire: it follows from the size.
struct Manifest {
    static constexpr std::uint8_t kVersion = 1;
    std::uint32_t chunkSize = kMaxChunkSize;
    std::vector<ManifestEntry> entries;

    // Chunks of entry `index` (0 for folders and empty files).
    [[nodiscard]] std::uint32_t chunkCount(std::size_t index) const;
    // Bytes of chunk `chunk` of entry `index` (the last one may be short).
    [[nodiscard]] std::uint32_t chunkLength(std::size_t index, std::uint32_t chunk) const;
    // The hash chunk `chunk` of entry `index` must have; `index` must name an
    // entry. A file of one chunk has its file hash as that chunk's hash.
    [[nodiscard]] const ContentHash& chunkHash(std::size_t index, std::uint32_t chunk) const;

    bool operator==(const Manifest&) const = default;
};

enum class FileDropError {
    Truncated,
    UnsupportedVersion,
    TrailingBytes,
    BadCount, // a count outside its limits
    BadName,  // an offer name or a manifest path: empty, too long, not UTF-8
    BadAnswer,
    BadReason,
    BadChunkSize,
    BadKind, // manifest entry kind or record type
    DuplicatePath,
    WrongChunkHashCount, // not the number of chunks the size gives
    TooLarge,            // manifest or record above its limit
    BadRecord,           // a record body of the wrong shape
};
const char* toString(FileDropError error);

Bytes encodeFileOffer(const FileOffer& offer);
Result<FileOffer, FileDropError> decodeFileOffer(ByteView bytes);
Bytes encodeFileAnswer(const FileAnswer& answer);
Result<FileAnswer, FileDropError> decodeFileAnswer(ByteView bytes);
// Writes what it is given; checkManifest() says beforehand whether the
// receiver will accept it.
Bytes encodeManifest(const Manifest& manifest);
Result<Manifest, FileDropError> decodeManifest(ByteView bytes);

// The rules decodeManifest() enforces, for a manifest built in memory before
// it is encoded and offered; nullopt when decodeManifest(encodeManifest(m))
// gives back m. A Folder with a size, file hash or chunk hashes is BadKind;
// a File whose chunk hashes are not as many as its size needs is
// WrongChunkHashCount.
std::optional<FileDropError> checkManifest(const Manifest& manifest);

// Text form of a transfer id, as for message ids: 32 lower-case hex digits.
std::string transferIdToHex(const TransferId& id);
// Exactly 32 hex digits, either case; nullopt for anything else.
std::optional<TransferId> transferIdFromHex(std::string_view hex);

// Records of a transfer connection (the plaintext of one record).
enum class TransferRecordType : std::uint8_t {
    Hello = 1,
    ManifestPart = 2,
    Want = 3,
    Chunk = 4,
    Done = 5,
    Stop = 6,
    Swarm = 7,
    Have = 8,
};

struct ChunkRange {
    std::uint32_t entry = 0;
    std::uint32_t firstChunk = 0;
    std::uint32_t chunkCount = 0; // >= 1

    bool operator==(const ChunkRange&) const = default;
};

// Another receiver of the same drop, and the transferId it knows the drop by.
struct SwarmMember {
    PeerId peer;
    TransferId transferId{};

    bool operator==(const SwarmMember&) const = default;
};

// u8 type | body:
//   Hello        u8 flags (bit 0: send the manifest; bit 1: send a Swarm record first)
//   ManifestPart u32 offset | 1 .. kMaxManifestPartSize bytes
//   Want         u16 count (1 .. kMaxWantRanges) | count × (u32 entry | u32 firstChunk | u32 chunkCount)
//   Chunk        u32 entry | u32 chunk | 1 .. kMaxChunkSize bytes
//   Done         nothing
//   Stop         u8 reason
//   Swarm        u8 count (0 .. kMaxSwarmPeers) | count × (20 peer id | 16 transferId)
//                from the sender, answering Hello bit 1: the drop's other
//                receivers (none: fetch from the sender alone), each with the
//                transferId it knows the drop by
//   Have         u16 count (1 .. kMaxWantRanges) | count × (u32 entry | u32 firstChunk | u32 chunkCount)
//                from a receiver serving another: chunks it holds verified, newly
// Only the fields of its type are written and read; a decoded record has the
// others at their defaults.
struct TransferRecord {
    static constexpr std::uint8_t kHelloWantManifest = 0x01;
    static constexpr std::uint8_t kHelloWantSwarm = 0x02;

    TransferRecordType type = TransferRecordType::Hello;
    bool wantManifest = false;            // Hello
    bool wantSwarm = false;               // Hello
    std::uint32_t offset = 0;             // ManifestPart
    std::vector<ChunkRange> ranges;       // Want, Have: 1 .. kMaxWantRanges
    std::uint32_t entry = 0;              // Chunk
    std::uint32_t chunk = 0;              // Chunk
    Bytes data;                           // ManifestPart, Chunk
    DropReason reason = DropReason::None; // Stop
    std::vector<SwarmMember> swarm;       // Swarm: 0 .. kMaxSwarmPeers

    bool operator==(const TransferRecord&) const = default;
};

Bytes encodeTransferRecord(const TransferRecord& record);
// The body is checked for its type's shape only; whether a chunk was asked
// for is the transfer's business.
Result<TransferRecord, FileDropError> decodeTransferRecord(ByteView bytes);

} // namespace confab::proto
