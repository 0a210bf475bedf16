// The manifest of a drop: codec, the rules checkManifest() shares with the
// decoder, the chunk helpers, and what a hostile count can make the decoder
// allocate.
#include "allocation_probe.h"
#include "proto/file_drop.h"
#include "test_util.h"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <new>
#include <string>

namespace confab::proto {
namespace {

using Error = FileDropError;
using test::concat;
using test::hex;

constexpr std::uint32_t kMiB = 1024 * 1024;

ContentHash hashOf(std::string_view digits)
{
    const Bytes bytes = hex(digits);
    ContentHash hash{};
    std::copy(bytes.begin(), bytes.end(), hash.begin());
    return hash;
}

ContentHash filled(std::uint8_t byte)
{
    ContentHash hash{};
    hash.fill(byte);
    return hash;
}

// The example of docs/PROTOCOL.md ("Manifest"): a folder "photos" holding
// a.txt ("abc"), and big.bin (1 MiB + 1 zero bytes, so two chunks). The
// hashes are the real BLAKE2b-256 ones (b2sum -l 256).
Manifest sampleManifest()
{
    Manifest manifest;
    manifest.chunkSize = kMiB;
    manifest.entries.push_back({ManifestEntryKind::Folder, "photos", 1700000000000000000, 0, {}, {}});
    manifest.entries.push_back({ManifestEntryKind::File,
                                "photos/a.txt",
                                1700000000123456789,
                                3,
                                hashOf("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
                                {}});
    manifest.entries.push_back(
        {ManifestEntryKind::File,
         "big.bin",
         -1000000000,
         kMiB + 1,
         hashOf("c3732bab857eb0581770172e4ce1f2fb3c7fe948b9d44d112f6e352dacfc134c"),
         {hashOf("c74860dd7480e7f4b5ae705f9137e90a0aa0bc67d6e90cf8078dd6697dbdb6ad"),
          hashOf("03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314")}});
    return manifest;
}

const Bytes kSampleHeader = hex("01"                 // version
                                "00100000"           // chunk size 1 MiB
                                "00000003");         // entry count
const Bytes kSampleFolder = hex("02"                 // kind: Folder
                                "0006 70686f746f73"  // "photos"
                                "17979cfe362a0000"); // mtime ns 1700000000000000000
const Bytes kSampleSmallFile =
    hex("01"                                                                 // kind: File
        "000c 70686f746f732f612e747874"                                      // "photos/a.txt"
        "17979cfe3d85cd15"                                                   // mtime ns 1700000000123456789
        "0000000000000003"                                                   // size
        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"); // file hash = chunk 0's
const Bytes kSampleBigFile =
    hex("01"                                                                 // kind: File
        "0007 6269672e62696e"                                                // "big.bin"
        "ffffffffc4653600"                                                   // mtime ns -1000000000
        "0000000000100001"                                                   // size 1 MiB + 1
        "c3732bab857eb0581770172e4ce1f2fb3c7fe948b9d44d112f6e352dacfc134c"   // file hash
        "c74860dd7480e7f4b5ae705f9137e90a0aa0bc67d6e90cf8078dd6697dbdb6ad"   // chunk 0
        "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314"); // chunk 1

const Bytes kSampleBytes = concat({kSampleHeader, kSampleFolder, kSampleSmallFile, kSampleBigFile});

Bytes header(std::uint32_t chunkSize, std::uint32_t entryCount)
{
    Manifest manifest;
    manifest.chunkSize = chunkSize;
    Bytes out = encodeManifest(manifest);
    out[5] = static_cast<std::uint8_t>(entryCount >> 24);
    out[6] = static_cast<std::uint8_t>(entryCount >> 16);
    out[7] = static_cast<std::uint8_t>(entryCount >> 8);
    out[8] = static_cast<std::uint8_t>(entryCount);
    return out;
}

// A Folder entry named `path`, mtime 0.
Bytes folderEntry(std::string_view path)
{
    const Bytes length{static_cast<std::uint8_t>(path.size() >> 8), static_cast<std::uint8_t>(path.size())};
    return concat({hex("02"), length, test::toBytes(path), Bytes(8, 0)});
}

// A File entry of `size` bytes with every hash zero and `hashes` chunk hashes.
Bytes fileEntry(std::string_view path, std::uint64_t size, std::size_t hashes)
{
    Bytes out = folderEntry(path);
    out[0] = 0x01;
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(size >> shift));
    }
    out.resize(out.size() + kContentHashSize * (1 + hashes));
    return out;
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeManifest(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::BadRecord : result.error();
}

TEST(Manifest, EncodesGoldenBytes)
{
    EXPECT_EQ(kSampleBytes.size(), 211U);
    EXPECT_EQ(encodeManifest(sampleManifest()), kSampleBytes);
}

TEST(Manifest, DecodesGoldenBytes)
{
    const auto decoded = decodeManifest(kSampleBytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), sampleManifest());
    EXPECT_EQ(checkManifest(decoded.value()), std::nullopt);
}

TEST(Manifest, ChunkHelpers)
{
    Manifest manifest = sampleManifest();
    manifest.entries.push_back({ManifestEntryKind::File, "empty", 0, 0, filled(0x0e), {}});
    manifest.entries.push_back({ManifestEntryKind::File,
                                "exact",
                                0,
                                2 * std::uint64_t{kMiB},
                                filled(0x0f),
                                {filled(0x10), filled(0x11)}});
    ASSERT_EQ(checkManifest(manifest), std::nullopt);

    EXPECT_EQ(manifest.chunkCount(0), 0U); // a folder
    EXPECT_EQ(manifest.chunkLength(0, 0), 0U);

    EXPECT_EQ(manifest.chunkCount(1), 1U);
    EXPECT_EQ(manifest.chunkLength(1, 0), 3U);
    EXPECT_EQ(manifest.chunkLength(1, 1), 0U);
    EXPECT_EQ(manifest.chunkHash(1, 0), manifest.entries[1].fileHash);

    EXPECT_EQ(manifest.chunkCount(2), 2U);
    EXPECT_EQ(manifest.chunkLength(2, 0), kMiB);
    EXPECT_EQ(manifest.chunkLength(2, 1), 1U);
    EXPECT_EQ(manifest.chunkLength(2, 2), 0U);
    EXPECT_EQ(manifest.chunkHash(2, 0), manifest.entries[2].chunkHashes[0]);
    EXPECT_EQ(manifest.chunkHash(2, 1), manifest.entries[2].chunkHashes[1]);

    EXPECT_EQ(manifest.chunkCount(3), 0U); // an empty file
    EXPECT_EQ(manifest.chunkLength(3, 0), 0U);

    EXPECT_EQ(manifest.chunkCount(4), 2U); // a size that is a whole number of chunks
    EXPECT_EQ(manifest.chunkLength(4, 0), kMiB);
    EXPECT_EQ(manifest.chunkLength(4, 1), kMiB);
    EXPECT_EQ(manifest.chunkHash(4, 1), filled(0x11));

    EXPECT_EQ(manifest.chunkCount(5), 0U); // no such entry
    EXPECT_EQ(manifest.chunkLength(5, 0), 0U);

    // The smallest chunk size, and one byte over a chunk.
    manifest.chunkSize = kMinChunkSize;
    manifest.entries[1].size = kMinChunkSize + 1;
    EXPECT_EQ(manifest.chunkCount(1), 2U);
    EXPECT_EQ(manifest.chunkLength(1, 0), kMinChunkSize);
    EXPECT_EQ(manifest.chunkLength(1, 1), 1U);
}

TEST(Manifest, RoundTripsWhatCheckManifestPasses)
{
    Manifest manifest = sampleManifest();
    for (std::uint32_t chunkSize = kMinChunkSize; chunkSize <= kMaxChunkSize; chunkSize *= 2) {
        manifest.chunkSize = chunkSize;
        manifest.entries[2].chunkHashes.assign(kMiB / chunkSize + 1,
                                               filled(static_cast<std::uint8_t>(chunkSize >> 16)));
        ASSERT_EQ(checkManifest(manifest), std::nullopt) << chunkSize;
        const auto decoded = decodeManifest(encodeManifest(manifest));
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), manifest);
    }
    // Extreme times and sizes, the longest path, a NUL in a path.
    manifest = sampleManifest();
    manifest.entries[0].mtimeNs = std::numeric_limits<std::int64_t>::min();
    manifest.entries[1].mtimeNs = std::numeric_limits<std::int64_t>::max();
    manifest.entries[0].path = std::string(kMaxPathBytes, 'p');
    manifest.entries[1].path = std::string("a\0b", 3);
    ASSERT_EQ(checkManifest(manifest), std::nullopt);
    const auto decoded = decodeManifest(encodeManifest(manifest));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), manifest);
}

TEST(Manifest, EveryPrefixIsTruncated)
{
    EXPECT_EQ(decodeError({}), Error::Truncated);
    for (std::size_t cut = 1; cut < kSampleBytes.size(); ++cut) {
        EXPECT_EQ(decodeError(ByteView(kSampleBytes).first(cut)), Error::Truncated) << cut;
    }
}

TEST(Manifest, UnsupportedVersion)
{
    Bytes bytes = kSampleBytes;
    bytes[0] = 2;
    EXPECT_EQ(decodeError(bytes), Error::UnsupportedVersion);
    EXPECT_EQ(decodeError(hex("00")), Error::UnsupportedVersion);
}

TEST(Manifest, ChunkSize)
{
    for (const std::uint32_t size :
         {0U, 1U, kMinChunkSize / 2, kMinChunkSize - 1, kMinChunkSize + 1, 3 * kMinChunkSize,
          kMaxChunkSize - 1, kMaxChunkSize + 1, 2 * kMaxChunkSize, 0x80000000U, 0xffffffffU}) {
        EXPECT_EQ(decodeError(header(size, 1)), Error::BadChunkSize) << size;
    }
    // Judged before the entry count is looked for.
    EXPECT_EQ(decodeError(ByteView(header(3 * kMinChunkSize, 1)).first(5)), Error::BadChunkSize);
    for (std::uint32_t size = kMinChunkSize; size <= kMaxChunkSize; size *= 2) {
        EXPECT_EQ(decodeError(header(size, 1)), Error::Truncated) << size;
    }
}

TEST(Manifest, EntryCount)
{
    EXPECT_EQ(decodeError(header(kMiB, 0)), Error::BadCount);
    EXPECT_EQ(decodeError(header(kMiB, kMaxManifestEntries + 1)), Error::BadCount);
    EXPECT_EQ(decodeError(header(kMiB, 0xffffffff)), Error::BadCount);
    EXPECT_EQ(decodeError(header(kMiB, kMaxManifestEntries)), Error::Truncated);
}

TEST(Manifest, MostEntries)
{
    // Folders "0" .. "999999", written straight into one buffer.
    Bytes bytes = header(kMiB, kMaxManifestEntries);
    bytes.reserve(bytes.size() + std::size_t{kMaxManifestEntries} * (1 + 2 + 6 + 8));
    for (std::uint32_t i = 0; i < kMaxManifestEntries; ++i) {
        const std::string path = std::to_string(i);
        bytes.push_back(0x02);
        bytes.push_back(0x00);
        bytes.push_back(static_cast<std::uint8_t>(path.size()));
        for (const char c : path) {
            bytes.push_back(static_cast<std::uint8_t>(c));
        }
        bytes.resize(bytes.size() + 8);
    }
    auto decoded = decodeManifest(bytes);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value().entries.size(), kMaxManifestEntries);
    EXPECT_EQ(decoded.value().entries.back().path, "999999");
    EXPECT_EQ(encodeManifest(decoded.value()), bytes);

    Manifest more = std::move(decoded).value();
    more.entries.push_back({ManifestEntryKind::Folder, "x", 0, 0, {}, {}});
    EXPECT_EQ(checkManifest(more), Error::BadCount);
}

TEST(Manifest, BadKind)
{
    for (const std::uint8_t kind : {std::uint8_t{0}, std::uint8_t{3}, std::uint8_t{0xff}}) {
        Bytes entry = folderEntry("x");
        entry[0] = kind;
        EXPECT_EQ(decodeError(concat({header(kMiB, 1), entry})), Error::BadKind) << int{kind};
    }
}

TEST(Manifest, BadPaths)
{
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), folderEntry("")})), Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), folderEntry(std::string(kMaxPathBytes + 1, 'p'))})),
              Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), hex("02 ffff")})), Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), folderEntry("\xc0\xaf")})), Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), folderEntry("a/\xed\xa0\x80")})), Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 1), fileEntry("\xff", 0, 0)})), Error::BadName);
    EXPECT_TRUE(decodeManifest(concat({header(kMiB, 1), folderEntry(std::string(kMaxPathBytes, 'p'))})).ok());
}

TEST(Manifest, ChunkHashesFollowTheSize)
{
    // 0 bytes: no chunks; 1 byte and one whole chunk: one chunk, no hashes
    // listed; one byte more: two chunks, two hashes.
    for (const auto& [size, hashes] : std::initializer_list<std::pair<std::uint64_t, std::size_t>>{
             {0, 0}, {1, 0}, {kMiB, 0}, {kMiB + 1, 2}, {2 * kMiB, 2}, {5 * kMiB + 7, 6}}) {
        const Bytes bytes = concat({header(kMiB, 1), fileEntry("f", size, hashes)});
        const auto decoded = decodeManifest(bytes);
        ASSERT_TRUE(decoded.ok()) << size << ": " << toString(decoded.error());
        EXPECT_EQ(decoded.value().entries[0].chunkHashes.size(), hashes);
        // One hash fewer is short; one more is left over.
        EXPECT_EQ(decodeError(ByteView(bytes).first(bytes.size() - kContentHashSize)), Error::Truncated);
        EXPECT_EQ(decodeError(concat({bytes, Bytes(kContentHashSize, 0)})), Error::TrailingBytes);
    }
}

TEST(Manifest, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({kSampleBytes, hex("00")})), Error::TrailingBytes);
    Bytes fewer = kSampleBytes;
    fewer[8] = 2;
    EXPECT_EQ(decodeError(fewer), Error::TrailingBytes);
}

TEST(Manifest, DuplicatePath)
{
    EXPECT_EQ(decodeError(concat({header(kMiB, 2), folderEntry("a"), folderEntry("a")})),
              Error::DuplicatePath);
    // Whatever the kinds, wherever the two are.
    EXPECT_EQ(decodeError(concat({header(kMiB, 4), folderEntry("a"), fileEntry("a/b", 0, 0), folderEntry("c"),
                                  fileEntry("a", 5, 0)})),
              Error::DuplicatePath);
    // Byte for byte: case, and the NFC and NFD forms of é, differ.
    EXPECT_TRUE(decodeManifest(concat({header(kMiB, 4), folderEntry("a"), folderEntry("A"),
                                       folderEntry("\xc3\xa9"), folderEntry("e\xcc\x81")}))
                    .ok());
    // Judged once the entries are read: a broken later entry is named first.
    EXPECT_EQ(decodeError(concat({header(kMiB, 3), folderEntry("a"), folderEntry("a"), folderEntry("")})),
              Error::BadName);
    EXPECT_EQ(decodeError(concat({header(kMiB, 2), folderEntry("a"), folderEntry("a"), hex("00")})),
              Error::TrailingBytes);
}

TEST(Manifest, TooLarge)
{
    // The largest manifest there may be: one file of 64 KiB chunks whose
    // hashes fill it to exactly kMaxManifestSize.
    constexpr std::size_t kPathBytes = 420;
    constexpr std::size_t kChunks = (kMaxManifestSize - 9 - (1 + 2 + kPathBytes + 8 + 8 + 32)) / 32;
    static_assert(9 + (1 + 2 + kPathBytes + 8 + 8 + 32) + 32 * kChunks == kMaxManifestSize);
    Bytes largest = concat({header(kMinChunkSize, 1),
                            fileEntry(std::string(kPathBytes, 'p'), kChunks * kMinChunkSize, kChunks)});
    ASSERT_EQ(largest.size(), kMaxManifestSize);
    const auto decoded = decodeManifest(largest);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value().chunkCount(0), kChunks);
    EXPECT_EQ(checkManifest(decoded.value()), std::nullopt);

    // One byte more is judged by the size alone, whatever the bytes say.
    largest.push_back(0);
    EXPECT_EQ(decodeError(largest), Error::TooLarge);
    largest[0] = 0xff;
    EXPECT_EQ(decodeError(largest), Error::TooLarge);

    Manifest tooLarge = decoded.value();
    tooLarge.entries[0].path += "p";
    EXPECT_EQ(checkManifest(tooLarge), Error::TooLarge);
}

TEST(Manifest, HostileCountsAllocateOnlyWhatTheBytesHold)
{
    // A million entries claimed in 20 bytes.
    const Bytes claim = concat({header(kMiB, kMaxManifestEntries), hex("02 0001 61 0000000000000000")});
    ASSERT_EQ(claim.size(), 21U);
    confab::test::resetLargestAllocation();
    EXPECT_EQ(decodeError(claim), Error::Truncated);
    EXPECT_LT(confab::test::largestAllocation(), 1024U);

    // A file whose size claims 2^44 chunk hashes.
    const Bytes huge = concat({header(kMinChunkSize, 1), fileEntry("f", 0xffffffffffffffff, 3)});
    confab::test::resetLargestAllocation();
    EXPECT_EQ(decodeError(huge), Error::Truncated);
    EXPECT_LT(confab::test::largestAllocation(), 1024U);

    // As many hashes as the size needs, bar one: found short before reserving.
    const Bytes almost =
        concat({header(kMinChunkSize, 1), fileEntry("f", 1000 * std::uint64_t{kMinChunkSize}, 999)});
    confab::test::resetLargestAllocation();
    EXPECT_EQ(decodeError(almost), Error::Truncated);
    EXPECT_LT(confab::test::largestAllocation(), 1024U);

    // The probe itself sees what a decoder does allocate.
    confab::test::resetLargestAllocation();
    EXPECT_TRUE(decodeManifest(concat({header(kMinChunkSize, 1),
                                       fileEntry("f", 1000 * std::uint64_t{kMinChunkSize}, 1000)}))
                    .ok());
    EXPECT_GE(confab::test::largestAllocation(), 1000 * kContentHashSize);
}

TEST(CheckManifest, NamesEachRule)
{
    EXPECT_EQ(checkManifest(sampleManifest()), std::nullopt);

    Manifest manifest = sampleManifest();
    manifest.chunkSize = 3 * kMinChunkSize;
    EXPECT_EQ(checkManifest(manifest), Error::BadChunkSize);

    manifest = sampleManifest();
    manifest.entries.clear();
    EXPECT_EQ(checkManifest(manifest), Error::BadCount);

    manifest = sampleManifest();
    manifest.entries[0].kind = static_cast<ManifestEntryKind>(3);
    EXPECT_EQ(checkManifest(manifest), Error::BadKind);

    for (const std::string& path :
         {std::string(), std::string(kMaxPathBytes + 1, 'p'), std::string("\xc0\xaf")}) {
        manifest = sampleManifest();
        manifest.entries[1].path = path;
        EXPECT_EQ(checkManifest(manifest), Error::BadName);
    }

    // A folder carries none of a file's fields.
    manifest = sampleManifest();
    manifest.entries[0].size = 1;
    EXPECT_EQ(checkManifest(manifest), Error::BadKind);
    manifest = sampleManifest();
    manifest.entries[0].fileHash = filled(1);
    EXPECT_EQ(checkManifest(manifest), Error::BadKind);
    manifest = sampleManifest();
    manifest.entries[0].chunkHashes = {filled(1)};
    EXPECT_EQ(checkManifest(manifest), Error::BadKind);

    manifest = sampleManifest();
    manifest.entries.push_back(manifest.entries[1]);
    EXPECT_EQ(checkManifest(manifest), Error::DuplicatePath);
}

TEST(CheckManifest, WrongChunkHashCount)
{
    Manifest manifest = sampleManifest();
    // One chunk lists no hashes: the file hash is the chunk's.
    manifest.entries[1].chunkHashes = {manifest.entries[1].fileHash};
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);

    manifest = sampleManifest();
    manifest.entries[2].chunkHashes.pop_back();
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);
    manifest.entries[2].chunkHashes.clear();
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);

    manifest = sampleManifest();
    manifest.entries[2].chunkHashes.push_back(filled(3));
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);

    // An empty file has no chunks at all.
    manifest = sampleManifest();
    manifest.entries[1].size = 0;
    manifest.entries[1].chunkHashes = {filled(4)};
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);

    // The same hashes at a smaller chunk size are too few.
    manifest = sampleManifest();
    manifest.chunkSize = kMiB / 2;
    EXPECT_EQ(checkManifest(manifest), Error::WrongChunkHashCount);
}

} // namespace
} // namespace confab::proto
