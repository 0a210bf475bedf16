#include "file_drop.h"

#include "base/message_id.h"
#include "byte_io.h"
#include "utf8.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace confab::proto {

namespace {

using Error = FileDropError;

static_assert(kTransferIdSize == MessageId::kSize, "a transfer id has the text form of a message id");

constexpr std::size_t kManifestHeaderSize = 1 + 4 + 4;
// kind, path length, a path of one byte and mtimeNs: a Folder, the smallest
// entry. Bounds how many entries the bytes at hand can hold.
constexpr std::size_t kMinEntrySize = 1 + 2 + 1 + 8;
constexpr std::size_t kWantRangeSize = 4 + 4 + 4;
constexpr std::size_t kSwarmMemberSize = PeerId::kSize + kTransferIdSize;
constexpr std::size_t kChunkHeaderSize = 4 + 4;
// Chunk indices are u32, so a range ends at 2^32 at the latest.
constexpr std::uint64_t kChunkIndexCount = std::uint64_t{std::numeric_limits<std::uint32_t>::max()} + 1;
// Lengths of u16 fields: what the encoders cut longer strings to, so the
// length always matches the bytes that follow it.
constexpr std::size_t kMaxU16 = std::numeric_limits<std::uint16_t>::max();

template <std::size_t N> void copyInto(std::array<std::uint8_t, N>& out, ByteView in)
{
    std::copy(in.begin(), in.end(), out.begin());
}

bool isKnownAnswer(std::uint8_t code)
{
    switch (static_cast<FileAnswerKind>(code)) {
    case FileAnswerKind::Accept:
    case FileAnswerKind::Decline:
    case FileAnswerKind::Cancel:
    case FileAnswerKind::Pause:
    case FileAnswerKind::Resume:
    case FileAnswerKind::Complete:
    case FileAnswerKind::Failed:
        return true;
    }
    return false;
}

// Any reason a Stop record may carry.
bool isKnownReason(std::uint8_t code)
{
    switch (static_cast<DropReason>(code)) {
    case DropReason::None:
    case DropReason::DiskFull:
    case DropReason::FolderNotWritable:
    case DropReason::SourceChanged:
    case DropReason::SourceMissing:
    case DropReason::Damaged:
    case DropReason::Refused:
    case DropReason::Paused:
    case DropReason::Cancelled:
        return true;
    }
    return false;
}

// A FileAnswer says why only when it ends or pauses the drop (a receiver
// whose disk is full pauses it); Paused and Cancelled are what the answers
// themselves say, so they are Stop reasons only.
bool isAnswerReason(FileAnswerKind answer, std::uint8_t code)
{
    if (code == static_cast<std::uint8_t>(DropReason::None)) {
        return true;
    }
    const bool saysWhy = answer == FileAnswerKind::Decline || answer == FileAnswerKind::Cancel ||
                         answer == FileAnswerKind::Pause || answer == FileAnswerKind::Failed;
    return saysWhy && code <= static_cast<std::uint8_t>(DropReason::Refused);
}

bool isKnownEntryKind(std::uint8_t code)
{
    switch (static_cast<ManifestEntryKind>(code)) {
    case ManifestEntryKind::File:
    case ManifestEntryKind::Folder:
        return true;
    }
    return false;
}

bool isKnownRecordType(std::uint8_t code)
{
    switch (static_cast<TransferRecordType>(code)) {
    case TransferRecordType::Hello:
    case TransferRecordType::ManifestPart:
    case TransferRecordType::Want:
    case TransferRecordType::Chunk:
    case TransferRecordType::Done:
    case TransferRecordType::Stop:
    case TransferRecordType::Swarm:
    case TransferRecordType::Have:
        return true;
    }
    return false;
}

bool isValidChunkSize(std::uint32_t size)
{
    return std::has_single_bit(size) && size >= kMinChunkSize && size <= kMaxChunkSize;
}

bool isValidName(ByteView name, std::size_t maxBytes)
{
    return !name.empty() && name.size() <= maxBytes && isValidUtf8(name);
}

// Chunks of a file of `size` bytes. In 64 bits nothing overflows: with the
// smallest chunk size a u64 size has fewer than 2^48 chunks.
std::uint64_t chunksOf(std::uint64_t size, std::uint32_t chunkSize)
{
    if (chunkSize == 0) {
        return 0;
    }
    return size / chunkSize + (size % chunkSize == 0 ? 0 : 1);
}

// Chunk hashes a file lists: none for 0 or 1 chunks (the file hash serves).
std::uint64_t listedChunkHashes(std::uint64_t chunks)
{
    return chunks >= 2 ? chunks : 0;
}

// Sorting views of the paths keeps this O(n log n) for a million entries.
bool hasDuplicatePath(const std::vector<ManifestEntry>& entries)
{
    std::vector<std::string_view> paths;
    paths.reserve(entries.size());
    for (const ManifestEntry& entry : entries) {
        paths.emplace_back(entry.path);
    }
    std::sort(paths.begin(), paths.end());
    return std::adjacent_find(paths.begin(), paths.end()) != paths.end();
}

std::uint64_t encodedManifestSize(const Manifest& manifest)
{
    std::uint64_t size = kManifestHeaderSize;
    for (const ManifestEntry& entry : manifest.entries) {
        size += 1 + 2 + std::min(entry.path.size(), kMaxU16) + 8;
        if (entry.kind == ManifestEntryKind::File) {
            size += 8 + kContentHashSize + kContentHashSize * std::uint64_t{entry.chunkHashes.size()};
        }
    }
    return size;
}

Result<ManifestEntry, FileDropError> decodeEntry(ByteReader& reader, std::uint32_t chunkSize)
{
    const auto kind = reader.u8();
    if (!kind) {
        return Error::Truncated;
    }
    if (!isKnownEntryKind(*kind)) {
        return Error::BadKind;
    }
    const auto pathLength = reader.u16();
    if (!pathLength) {
        return Error::Truncated;
    }
    if (*pathLength == 0 || *pathLength > kMaxPathBytes) {
        return Error::BadName;
    }
    const auto path = reader.raw(*pathLength);
    if (!path) {
        return Error::Truncated;
    }
    if (!isValidUtf8(*path)) {
        return Error::BadName;
    }
    const auto mtimeNs = reader.u64();
    if (!mtimeNs) {
        return Error::Truncated;
    }
    ManifestEntry entry;
    entry.kind = static_cast<ManifestEntryKind>(*kind);
    entry.path = std::string(asText(*path));
    entry.mtimeNs = static_cast<std::int64_t>(*mtimeNs);
    if (entry.kind == ManifestEntryKind::Folder) {
        return entry;
    }
    const auto size = reader.u64();
    const auto fileHash = reader.raw(kContentHashSize);
    if (!size || !fileHash) {
        return Error::Truncated;
    }
    // A size of 2^64 - 1 claims 2^44 hashes: they are looked for in the bytes
    // at hand before anything is reserved for them.
    const std::uint64_t hashCount = listedChunkHashes(chunksOf(*size, chunkSize));
    if (hashCount > reader.remaining() / kContentHashSize) {
        return Error::Truncated;
    }
    const auto hashes = reader.raw(static_cast<std::size_t>(hashCount) * kContentHashSize);
    if (!hashes) {
        return Error::Truncated;
    }
    entry.size = *size;
    copyInto(entry.fileHash, *fileHash);
    entry.chunkHashes.resize(static_cast<std::size_t>(hashCount));
    for (std::size_t i = 0; i < entry.chunkHashes.size(); ++i) {
        copyInto(entry.chunkHashes[i], hashes->subspan(i * kContentHashSize, kContentHashSize));
    }
    return entry;
}

// The body of a Want or a Have. Bytes past the last range are left for the
// caller's check that the record ends there.
std::optional<Error> decodeRanges(ByteReader& reader, std::vector<ChunkRange>& ranges)
{
    const auto count = reader.u16();
    if (!count) {
        return Error::BadRecord;
    }
    if (*count == 0 || *count > kMaxWantRanges) {
        return Error::BadCount;
    }
    ranges.reserve(*count);
    for (std::size_t i = 0; i < *count; ++i) {
        const auto entry = reader.u32();
        const auto firstChunk = reader.u32();
        const auto chunkCount = reader.u32();
        if (!entry || !firstChunk || !chunkCount) {
            return Error::BadRecord;
        }
        if (*chunkCount == 0 || std::uint64_t{*firstChunk} + *chunkCount > kChunkIndexCount) {
            return Error::BadRecord;
        }
        ranges.push_back({*entry, *firstChunk, *chunkCount});
    }
    return std::nullopt;
}

std::optional<Error> decodeSwarm(ByteReader& reader, std::vector<SwarmMember>& swarm)
{
    const auto count = reader.u8();
    if (!count) {
        return Error::BadRecord;
    }
    if (*count > kMaxSwarmPeers) {
        return Error::BadCount;
    }
    swarm.reserve(*count);
    for (std::size_t i = 0; i < *count; ++i) {
        const auto peer = reader.raw(PeerId::kSize);
        const auto transferId = reader.raw(kTransferIdSize);
        if (!peer || !transferId) {
            return Error::BadRecord;
        }
        std::array<std::uint8_t, PeerId::kSize> peerBytes{};
        copyInto(peerBytes, *peer);
        SwarmMember member{PeerId(peerBytes), {}};
        copyInto(member.transferId, *transferId);
        swarm.push_back(member);
    }
    return std::nullopt;
}

void encodeRanges(Bytes& out, const std::vector<ChunkRange>& ranges)
{
    // Callers keep to kMaxWantRanges; the clamp keeps the count consistent.
    const std::size_t count = std::min<std::size_t>(ranges.size(), kMaxU16);
    out.reserve(1 + 2 + count * kWantRangeSize);
    ByteWriter writer(out);
    writer.u16(static_cast<std::uint16_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        writer.u32(ranges[i].entry);
        writer.u32(ranges[i].firstChunk);
        writer.u32(ranges[i].chunkCount);
    }
}

void encodeSwarm(Bytes& out, const std::vector<SwarmMember>& swarm)
{
    // Callers keep to kMaxSwarmPeers; the clamp keeps the count consistent.
    const std::size_t count = std::min<std::size_t>(swarm.size(), std::numeric_limits<std::uint8_t>::max());
    out.reserve(1 + 1 + count * kSwarmMemberSize);
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        writer.raw(swarm[i].peer.bytes());
        writer.raw(swarm[i].transferId);
    }
}

std::optional<Error> decodeRecordBody(ByteReader& reader, TransferRecord& record)
{
    switch (record.type) {
    case TransferRecordType::Hello: {
        const auto flags = reader.u8();
        constexpr std::uint8_t kKnownFlags =
            TransferRecord::kHelloWantManifest | TransferRecord::kHelloWantSwarm;
        if (!flags || (*flags & ~kKnownFlags) != 0) {
            return Error::BadRecord;
        }
        record.wantManifest = (*flags & TransferRecord::kHelloWantManifest) != 0;
        record.wantSwarm = (*flags & TransferRecord::kHelloWantSwarm) != 0;
        break;
    }
    case TransferRecordType::ManifestPart: {
        const auto offset = reader.u32();
        const auto data = reader.raw(reader.remaining());
        if (!offset || !data || data->empty() || data->size() > kMaxManifestPartSize) {
            return Error::BadRecord;
        }
        record.offset = *offset;
        record.data.assign(data->begin(), data->end());
        break;
    }
    case TransferRecordType::Want:
    case TransferRecordType::Have:
        if (const auto error = decodeRanges(reader, record.ranges)) {
            return error;
        }
        break;
    case TransferRecordType::Chunk: {
        const auto entry = reader.u32();
        const auto chunk = reader.u32();
        const auto data = reader.raw(reader.remaining());
        if (!entry || !chunk || !data || data->empty() || data->size() > kMaxChunkSize) {
            return Error::BadRecord;
        }
        record.entry = *entry;
        record.chunk = *chunk;
        record.data.assign(data->begin(), data->end());
        break;
    }
    case TransferRecordType::Done:
        break;
    case TransferRecordType::Stop: {
        const auto reason = reader.u8();
        if (!reason) {
            return Error::BadRecord;
        }
        if (!isKnownReason(*reason)) {
            return Error::BadReason;
        }
        record.reason = static_cast<DropReason>(*reason);
        break;
    }
    case TransferRecordType::Swarm:
        if (const auto error = decodeSwarm(reader, record.swarm)) {
            return error;
        }
        break;
    }
    if (!reader.atEnd()) {
        return Error::BadRecord;
    }
    return std::nullopt;
}

} // namespace

Bytes encodeFileOffer(const FileOffer& offer)
{
    const std::size_t count = std::min(offer.names.size(), kMaxOfferNames);
    Bytes out;
    ByteWriter writer(out);
    writer.u8(FileOffer::kVersion);
    writer.raw(offer.transferId);
    writer.u64(offer.totalBytes);
    writer.u32(offer.fileCount);
    writer.u32(offer.folderCount);
    writer.raw(offer.manifestHash);
    writer.u32(offer.manifestLength);
    writer.u8(static_cast<std::uint8_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view name = truncateUtf8(offer.names[i], kMaxDropNameBytes);
        writer.u16(static_cast<std::uint16_t>(name.size()));
        writer.raw(asBytes(name));
    }
    return out;
}

// Fields are checked in wire order, so the first bad field decides the error.
Result<FileOffer, FileDropError> decodeFileOffer(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != FileOffer::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto transferId = reader.raw(kTransferIdSize);
    const auto totalBytes = reader.u64();
    const auto fileCount = reader.u32();
    const auto folderCount = reader.u32();
    if (!transferId || !totalBytes || !fileCount || !folderCount) {
        return Error::Truncated;
    }
    const std::uint64_t entries = std::uint64_t{*fileCount} + *folderCount;
    if (entries == 0 || entries > kMaxManifestEntries) {
        return Error::BadCount;
    }
    const auto manifestHash = reader.raw(kContentHashSize);
    const auto manifestLength = reader.u32();
    if (!manifestHash || !manifestLength) {
        return Error::Truncated;
    }
    if (*manifestLength == 0) {
        return Error::BadCount;
    }
    if (*manifestLength > kMaxManifestSize) {
        return Error::TooLarge;
    }
    const auto nameCount = reader.u8();
    if (!nameCount) {
        return Error::Truncated;
    }
    if (*nameCount == 0 || *nameCount > kMaxOfferNames) {
        return Error::BadCount;
    }
    FileOffer offer;
    copyInto(offer.transferId, *transferId);
    offer.totalBytes = *totalBytes;
    offer.fileCount = *fileCount;
    offer.folderCount = *folderCount;
    copyInto(offer.manifestHash, *manifestHash);
    offer.manifestLength = *manifestLength;
    offer.names.reserve(*nameCount);
    for (std::uint8_t i = 0; i < *nameCount; ++i) {
        const auto length = reader.u16();
        if (!length) {
            return Error::Truncated;
        }
        if (*length == 0 || *length > kMaxDropNameBytes) {
            return Error::BadName;
        }
        const auto name = reader.raw(*length);
        if (!name) {
            return Error::Truncated;
        }
        if (!isValidUtf8(*name)) {
            return Error::BadName;
        }
        offer.names.emplace_back(asText(*name));
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    return offer;
}

Bytes encodeFileAnswer(const FileAnswer& answer)
{
    Bytes out;
    out.reserve(1 + kTransferIdSize + 1 + 1);
    ByteWriter writer(out);
    writer.u8(FileAnswer::kVersion);
    writer.raw(answer.transferId);
    writer.u8(static_cast<std::uint8_t>(answer.answer));
    writer.u8(static_cast<std::uint8_t>(answer.reason));
    return out;
}

Result<FileAnswer, FileDropError> decodeFileAnswer(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != FileAnswer::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto transferId = reader.raw(kTransferIdSize);
    const auto answer = reader.u8();
    if (!transferId || !answer) {
        return Error::Truncated;
    }
    if (!isKnownAnswer(*answer)) {
        return Error::BadAnswer;
    }
    const auto reason = reader.u8();
    if (!reason) {
        return Error::Truncated;
    }
    if (!isAnswerReason(static_cast<FileAnswerKind>(*answer), *reason)) {
        return Error::BadReason;
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    FileAnswer decoded;
    copyInto(decoded.transferId, *transferId);
    decoded.answer = static_cast<FileAnswerKind>(*answer);
    decoded.reason = static_cast<DropReason>(*reason);
    return decoded;
}

Bytes encodeManifest(const Manifest& manifest)
{
    // Callers keep to the limits (checkManifest); clamping only keeps each
    // count and length consistent with what follows it.
    const std::size_t count =
        std::min<std::size_t>(manifest.entries.size(), std::numeric_limits<std::uint32_t>::max());
    Bytes out;
    out.reserve(static_cast<std::size_t>(encodedManifestSize(manifest)));
    ByteWriter writer(out);
    writer.u8(Manifest::kVersion);
    writer.u32(manifest.chunkSize);
    writer.u32(static_cast<std::uint32_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        const ManifestEntry& entry = manifest.entries[i];
        writer.u8(static_cast<std::uint8_t>(entry.kind));
        const std::string_view path = std::string_view(entry.path).substr(0, kMaxU16);
        writer.u16(static_cast<std::uint16_t>(path.size()));
        writer.raw(asBytes(path));
        writer.u64(static_cast<std::uint64_t>(entry.mtimeNs));
        if (entry.kind != ManifestEntryKind::File) {
            continue;
        }
        writer.u64(entry.size);
        writer.raw(entry.fileHash);
        for (const ContentHash& hash : entry.chunkHashes) {
            writer.raw(hash);
        }
    }
    return out;
}

Result<Manifest, FileDropError> decodeManifest(ByteView bytes)
{
    // Judged from the size alone, before anything is read.
    if (bytes.size() > kMaxManifestSize) {
        return Error::TooLarge;
    }
    ByteReader reader(bytes);
    const auto version = reader.u8();
    if (!version) {
        return Error::Truncated;
    }
    if (*version != Manifest::kVersion) {
        return Error::UnsupportedVersion;
    }
    const auto chunkSize = reader.u32();
    if (!chunkSize) {
        return Error::Truncated;
    }
    if (!isValidChunkSize(*chunkSize)) {
        return Error::BadChunkSize;
    }
    const auto entryCount = reader.u32();
    if (!entryCount) {
        return Error::Truncated;
    }
    if (*entryCount == 0 || *entryCount > kMaxManifestEntries) {
        return Error::BadCount;
    }
    Manifest manifest;
    manifest.chunkSize = *chunkSize;
    // The count is the sender's word; the bytes at hand bound what is reserved.
    manifest.entries.reserve(std::min<std::size_t>(*entryCount, reader.remaining() / kMinEntrySize));
    for (std::uint32_t i = 0; i < *entryCount; ++i) {
        auto entry = decodeEntry(reader, *chunkSize);
        if (!entry) {
            return entry.error();
        }
        manifest.entries.push_back(std::move(entry).value());
    }
    if (!reader.atEnd()) {
        return Error::TrailingBytes;
    }
    if (hasDuplicatePath(manifest.entries)) {
        return Error::DuplicatePath;
    }
    return manifest;
}

std::optional<FileDropError> checkManifest(const Manifest& manifest)
{
    if (encodedManifestSize(manifest) > kMaxManifestSize) {
        return Error::TooLarge;
    }
    if (!isValidChunkSize(manifest.chunkSize)) {
        return Error::BadChunkSize;
    }
    if (manifest.entries.empty() || manifest.entries.size() > kMaxManifestEntries) {
        return Error::BadCount;
    }
    for (const ManifestEntry& entry : manifest.entries) {
        if (!isKnownEntryKind(static_cast<std::uint8_t>(entry.kind))) {
            return Error::BadKind;
        }
        if (!isValidName(asBytes(entry.path), kMaxPathBytes)) {
            return Error::BadName;
        }
        if (entry.kind == ManifestEntryKind::Folder) {
            // None of these is written for a folder, so none would come back.
            if (entry.size != 0 || entry.fileHash != ContentHash{} || !entry.chunkHashes.empty()) {
                return Error::BadKind;
            }
            continue;
        }
        if (entry.chunkHashes.size() != listedChunkHashes(chunksOf(entry.size, manifest.chunkSize))) {
            return Error::WrongChunkHashCount;
        }
    }
    if (hasDuplicatePath(manifest.entries)) {
        return Error::DuplicatePath;
    }
    return std::nullopt;
}

std::uint32_t Manifest::chunkCount(std::size_t index) const
{
    if (index >= entries.size() || entries[index].kind != ManifestEntryKind::File) {
        return 0;
    }
    // A manifest that decodes lists a hash per chunk within 64 MiB, so its
    // counts are far below the u32 range; the clamp only keeps others sane.
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(chunksOf(entries[index].size, chunkSize),
                                                              std::numeric_limits<std::uint32_t>::max()));
}

std::uint32_t Manifest::chunkLength(std::size_t index, std::uint32_t chunk) const
{
    const std::uint32_t count = chunkCount(index);
    if (chunk >= count) {
        return 0;
    }
    if (chunk + 1 < count) {
        return chunkSize;
    }
    const std::uint64_t before = std::uint64_t{chunk} * chunkSize;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(entries[index].size - before, chunkSize));
}

const ContentHash& Manifest::chunkHash(std::size_t index, std::uint32_t chunk) const
{
    const ManifestEntry& entry = entries[index];
    // A file of one chunk lists no chunk hashes: its file hash is that chunk's.
    if (chunk < entry.chunkHashes.size()) {
        return entry.chunkHashes[chunk];
    }
    return entry.fileHash;
}

std::string transferIdToHex(const TransferId& id)
{
    return MessageId(id).toHex();
}

std::optional<TransferId> transferIdFromHex(std::string_view hex)
{
    const auto id = MessageId::fromHex(hex);
    if (!id) {
        return std::nullopt;
    }
    return id->bytes();
}

Bytes encodeTransferRecord(const TransferRecord& record)
{
    Bytes out;
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(record.type));
    switch (record.type) {
    case TransferRecordType::Hello:
        writer.u8(static_cast<std::uint8_t>((record.wantManifest ? TransferRecord::kHelloWantManifest : 0) |
                                            (record.wantSwarm ? TransferRecord::kHelloWantSwarm : 0)));
        break;
    case TransferRecordType::ManifestPart:
        out.reserve(1 + 4 + record.data.size());
        writer.u32(record.offset);
        writer.raw(record.data);
        break;
    case TransferRecordType::Want:
    case TransferRecordType::Have:
        encodeRanges(out, record.ranges);
        break;
    case TransferRecordType::Chunk:
        out.reserve(1 + kChunkHeaderSize + record.data.size());
        writer.u32(record.entry);
        writer.u32(record.chunk);
        writer.raw(record.data);
        break;
    case TransferRecordType::Done:
        break;
    case TransferRecordType::Stop:
        writer.u8(static_cast<std::uint8_t>(record.reason));
        break;
    case TransferRecordType::Swarm:
        encodeSwarm(out, record.swarm);
        break;
    }
    return out;
}

Result<TransferRecord, FileDropError> decodeTransferRecord(ByteView bytes)
{
    // Judged from the size alone, before anything is read.
    if (bytes.size() > kMaxRecordSize) {
        return Error::TooLarge;
    }
    ByteReader reader(bytes);
    const auto type = reader.u8();
    if (!type) {
        return Error::Truncated;
    }
    if (!isKnownRecordType(*type)) {
        return Error::BadKind;
    }
    TransferRecord record;
    record.type = static_cast<TransferRecordType>(*type);
    if (const auto error = decodeRecordBody(reader, record)) {
        return *error;
    }
    return record;
}

const char* toString(FileDropError error)
{
    switch (error) {
    case Error::Truncated:
        return "file drop message truncated";
    case Error::UnsupportedVersion:
        return "unsupported file drop message version";
    case Error::TrailingBytes:
        return "bytes after the end of a file drop message";
    case Error::BadCount:
        return "a count or length outside its limits";
    case Error::BadName:
        return "a name or path that is empty, too long or not UTF-8";
    case Error::BadAnswer:
        return "unknown file answer";
    case Error::BadReason:
        return "unknown reason, or a reason the answer cannot carry";
    case Error::BadChunkSize:
        return "chunk size not a power of two from 64 KiB to 1 MiB";
    case Error::BadKind:
        return "unknown manifest entry kind or record type";
    case Error::DuplicatePath:
        return "a path listed twice in the manifest";
    case Error::WrongChunkHashCount:
        return "chunk hashes not as many as the file's chunks";
    case Error::TooLarge:
        return "manifest or record above its size limit";
    case Error::BadRecord:
        return "transfer record body of the wrong shape";
    }
    return "unknown file drop error";
}

} // namespace confab::proto
