// The records of a transfer connection (their plaintext).
#include "proto/file_drop.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using Error = FileDropError;
using Type = TransferRecordType;
using test::concat;
using test::hex;

Error decodeError(ByteView bytes)
{
    const auto result = decodeTransferRecord(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::Truncated : result.error();
}

TransferRecord roundTrip(const TransferRecord& record)
{
    const Bytes bytes = encodeTransferRecord(record);
    const auto decoded = decodeTransferRecord(bytes);
    EXPECT_TRUE(decoded.ok()) << toString(decoded.error());
    if (!decoded.ok()) {
        return {};
    }
    EXPECT_EQ(encodeTransferRecord(decoded.value()), bytes);
    return decoded.value();
}

TransferRecord hello(bool wantManifest)
{
    TransferRecord record;
    record.type = Type::Hello;
    record.wantManifest = wantManifest;
    return record;
}

TransferRecord want(std::vector<ChunkRange> ranges)
{
    TransferRecord record;
    record.type = Type::Want;
    record.ranges = std::move(ranges);
    return record;
}

TransferRecord have(std::vector<ChunkRange> ranges)
{
    TransferRecord record;
    record.type = Type::Have;
    record.ranges = std::move(ranges);
    return record;
}

// A member whose peer id bytes count up from `peerFirst` and whose transferId
// bytes count up from `transferFirst`.
SwarmMember member(std::uint8_t peerFirst, std::uint8_t transferFirst)
{
    SwarmMember out;
    std::array<std::uint8_t, PeerId::kSize> peer{};
    for (std::size_t i = 0; i < peer.size(); ++i) {
        peer[i] = static_cast<std::uint8_t>(peerFirst + i);
    }
    out.peer = PeerId(peer);
    for (std::size_t i = 0; i < out.transferId.size(); ++i) {
        out.transferId[i] = static_cast<std::uint8_t>(transferFirst + i);
    }
    return out;
}

TransferRecord swarm(std::vector<SwarmMember> members)
{
    TransferRecord record;
    record.type = Type::Swarm;
    record.swarm = std::move(members);
    return record;
}

// `count` distinct members, the bytes of each telling it apart.
std::vector<SwarmMember> members(std::size_t count)
{
    std::vector<SwarmMember> out;
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(member(static_cast<std::uint8_t>(i * 7), static_cast<std::uint8_t>(0x80 + i * 3)));
    }
    return out;
}

TransferRecord chunk(std::uint32_t entry, std::uint32_t index, Bytes data)
{
    TransferRecord record;
    record.type = Type::Chunk;
    record.entry = entry;
    record.chunk = index;
    record.data = std::move(data);
    return record;
}

TransferRecord manifestPart(std::uint32_t offset, Bytes data)
{
    TransferRecord record;
    record.type = Type::ManifestPart;
    record.offset = offset;
    record.data = std::move(data);
    return record;
}

TransferRecord stop(DropReason reason)
{
    TransferRecord record;
    record.type = Type::Stop;
    record.reason = reason;
    return record;
}

// The examples of docs/PROTOCOL.md ("Transfer connection"), fetching the
// drop of the manifest example there.
TEST(TransferRecord, GoldenBytes)
{
    TransferRecord done;
    done.type = Type::Done;
    const std::vector<std::pair<TransferRecord, Bytes>> examples{
        {hello(true), hex("01 01")},
        {hello(false), hex("01 00")},
        {manifestPart(0, test::sequence(0x00, 3)), hex("02 00000000 000102")},
        {want({{1, 0, 1}, {2, 0, 2}}), hex("03 0002 00000001 00000000 00000001 00000002 00000000 00000002")},
        {chunk(1, 0, test::toBytes("abc")), hex("04 00000001 00000000 616263")},
        {done, hex("05")},
        {stop(DropReason::Paused), hex("06 07")},
        {swarm({member(0x01, 0xa0), member(0x21, 0xb0)}),
         hex("07 02"
             " 0102030405060708090a0b0c0d0e0f1011121314 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
             " 2122232425262728292a2b2c2d2e2f3031323334 b0b1b2b3b4b5b6b7b8b9babbbcbdbebf")},
        {have({{2, 1, 1}, {1, 0, 1}}), hex("08 0002 00000002 00000001 00000001 00000001 00000000 00000001")},
    };
    for (const auto& [record, bytes] : examples) {
        EXPECT_EQ(encodeTransferRecord(record), bytes);
        const auto decoded = decodeTransferRecord(bytes);
        ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
        EXPECT_EQ(decoded.value(), record);
    }
}

TEST(TransferRecord, EmptyAndUnknownTypes)
{
    EXPECT_EQ(decodeError({}), Error::Truncated);
    EXPECT_EQ(decodeError(hex("00")), Error::BadKind);
    EXPECT_EQ(decodeError(hex("09")), Error::BadKind);
    EXPECT_EQ(decodeError(hex("09 0001 00000001 00000002 00000003")), Error::BadKind);
    EXPECT_EQ(decodeError(hex("ff 00")), Error::BadKind);
}

TEST(TransferRecord, TooLargeIsJudgedFromTheSizeAlone)
{
    Bytes largest = concat({hex("04 00000000 00000000"), Bytes(kMaxChunkSize, 0x5a)});
    ASSERT_LE(largest.size(), kMaxRecordSize);
    largest.resize(kMaxRecordSize, 0);
    EXPECT_EQ(decodeError(largest), Error::BadRecord); // past the chunk limit, within the record's
    largest.push_back(0);
    EXPECT_EQ(decodeError(largest), Error::TooLarge);
    largest[0] = 0;
    EXPECT_EQ(decodeError(largest), Error::TooLarge);
}

TEST(TransferRecord, Hello)
{
    EXPECT_TRUE(roundTrip(hello(true)).wantManifest);
    EXPECT_FALSE(roundTrip(hello(false)).wantManifest);
    EXPECT_EQ(decodeError(hex("01")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("01 0100")), Error::BadRecord);
    for (const std::uint8_t flags : {std::uint8_t{0x04}, std::uint8_t{0x07}, std::uint8_t{0x80}}) {
        EXPECT_EQ(decodeError(Bytes{0x01, flags}), Error::BadRecord) << int{flags};
    }
    // Bit 1: a receiver that fetches from other receivers too asks for the Swarm record.
    TransferRecord both = hello(true);
    both.wantSwarm = true;
    EXPECT_EQ(encodeTransferRecord(both), hex("01 03"));
    EXPECT_EQ(roundTrip(both), both);
    const auto swarmOnly = decodeTransferRecord(hex("01 02"));
    ASSERT_TRUE(swarmOnly.ok());
    EXPECT_TRUE(swarmOnly.value().wantSwarm);
    EXPECT_FALSE(swarmOnly.value().wantManifest);
}

TEST(TransferRecord, ManifestPart)
{
    EXPECT_EQ(roundTrip(manifestPart(0xfffffffe, Bytes(kMaxManifestPartSize, 7))),
              manifestPart(0xfffffffe, Bytes(kMaxManifestPartSize, 7)));
    EXPECT_EQ(roundTrip(manifestPart(5, Bytes(1, 7))), manifestPart(5, Bytes(1, 7)));
    EXPECT_EQ(decodeError(concat({hex("02 00000000"), Bytes(kMaxManifestPartSize + 1, 7)})),
              Error::BadRecord);
    EXPECT_EQ(decodeError(hex("02 00000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("02 000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("02")), Error::BadRecord);
}

TEST(TransferRecord, Want)
{
    std::vector<ChunkRange> most;
    for (std::uint32_t i = 0; i < kMaxWantRanges; ++i) {
        most.push_back({i, 0xffffffff - i, i + 1});
    }
    EXPECT_EQ(roundTrip(want(most)), want(most));
    // The last chunk index there can be.
    EXPECT_EQ(roundTrip(want({{0, 0xffffffff, 1}})), want({{0, 0xffffffff, 1}}));
    EXPECT_EQ(roundTrip(want({{0, 0, 0xffffffff}})), want({{0, 0, 0xffffffff}}));
    EXPECT_EQ(roundTrip(want({{0, 1, 0xffffffff}})), want({{0, 1, 0xffffffff}}));

    most.push_back({0, 0, 1});
    EXPECT_EQ(decodeError(encodeTransferRecord(want(most))), Error::BadCount);
    EXPECT_EQ(decodeError(hex("03 0000")), Error::BadCount);
    EXPECT_EQ(decodeError(hex("03 ffff")), Error::BadCount);

    EXPECT_EQ(decodeError(hex("03")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("03 00")), Error::BadRecord);
    // The length is exactly what the count says.
    const Bytes one = hex("03 0001 00000001 00000002 00000003");
    EXPECT_TRUE(decodeTransferRecord(one).ok());
    EXPECT_EQ(decodeError(ByteView(one).first(one.size() - 1)), Error::BadRecord);
    EXPECT_EQ(decodeError(concat({one, hex("00")})), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("03 0002 00000001 00000002 00000003")), Error::BadRecord);
    // A range holds a chunk at least, and ends within the u32 chunk indices.
    EXPECT_EQ(decodeError(hex("03 0001 00000001 00000002 00000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("03 0001 00000001 ffffffff 00000002")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("03 0001 00000001 00000002 ffffffff")), Error::BadRecord);
}

TEST(TransferRecord, Chunk)
{
    EXPECT_EQ(roundTrip(chunk(7, 9, Bytes(kMaxChunkSize, 1))), chunk(7, 9, Bytes(kMaxChunkSize, 1)));
    EXPECT_EQ(roundTrip(chunk(0xffffffff, 0xffffffff, Bytes(1, 1))),
              chunk(0xffffffff, 0xffffffff, Bytes(1, 1)));
    EXPECT_EQ(decodeError(concat({hex("04 00000000 00000000"), Bytes(kMaxChunkSize + 1, 1)})),
              Error::BadRecord);
    EXPECT_EQ(decodeError(hex("04 00000000 00000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("04 00000000 000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("04")), Error::BadRecord);
}

TEST(TransferRecord, Done)
{
    TransferRecord done;
    done.type = Type::Done;
    EXPECT_EQ(roundTrip(done), done);
    EXPECT_EQ(decodeError(hex("05 00")), Error::BadRecord);
}

TEST(TransferRecord, Stop)
{
    for (std::uint8_t reason = 0; reason <= 8; ++reason) {
        EXPECT_EQ(roundTrip(stop(static_cast<DropReason>(reason))), stop(static_cast<DropReason>(reason)));
    }
    EXPECT_EQ(decodeError(hex("06 09")), Error::BadReason);
    EXPECT_EQ(decodeError(hex("06 ff")), Error::BadReason);
    EXPECT_EQ(decodeError(hex("06")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("06 0100")), Error::BadRecord);
}

TEST(TransferRecord, Swarm)
{
    EXPECT_EQ(roundTrip(swarm(members(1))), swarm(members(1)));
    EXPECT_EQ(roundTrip(swarm(members(kMaxSwarmPeers))), swarm(members(kMaxSwarmPeers)));
    // Peer ids and transferIds are bytes as they come: all zero or all ones too.
    SwarmMember zero;
    SwarmMember ones;
    std::array<std::uint8_t, PeerId::kSize> allOnes{};
    allOnes.fill(0xff);
    ones.peer = PeerId(allOnes);
    ones.transferId.fill(0xff);
    EXPECT_EQ(roundTrip(swarm({zero, ones})), swarm({zero, ones}));

    const Bytes one = hex("07 01 0102030405060708090a0b0c0d0e0f1011121314 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    const auto decoded = decodeTransferRecord(one);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    ASSERT_EQ(decoded.value().swarm.size(), 1U);
    EXPECT_EQ(decoded.value().swarm[0].peer.bytes()[0], 0x01);
    EXPECT_EQ(decoded.value().swarm[0].peer.bytes()[19], 0x14);
    EXPECT_EQ(decoded.value().swarm[0].transferId[0], 0xa0);
    EXPECT_EQ(decoded.value().swarm[0].transferId[15], 0xaf);

    // 0 .. 15 members, whatever the bytes that follow; none says "fetch from
    // the sender alone".
    EXPECT_EQ(encodeTransferRecord(swarm({})), hex("07 00"));
    EXPECT_EQ(roundTrip(swarm({})), swarm({}));
    EXPECT_EQ(decodeError(hex("07 00 00")), Error::BadRecord);
    const Bytes sixteen = encodeTransferRecord(swarm(members(kMaxSwarmPeers + 1)));
    ASSERT_EQ(sixteen.size(), 2 + 36 * 16U);
    ASSERT_EQ(sixteen[1], 16);
    EXPECT_EQ(decodeError(sixteen), Error::BadCount);
    EXPECT_EQ(decodeError(hex("07 10")), Error::BadCount);
    EXPECT_EQ(decodeError(hex("07 ff")), Error::BadCount);

    // Exactly 1 + 36 × count bytes of body.
    EXPECT_EQ(decodeError(hex("07")), Error::BadRecord);
    EXPECT_EQ(decodeError(ByteView(one).first(one.size() - 1)), Error::BadRecord);
    EXPECT_EQ(decodeError(concat({one, hex("00")})), Error::BadRecord);
    EXPECT_EQ(decodeError(concat({hex("07 02"), Bytes(one.begin() + 2, one.end())})), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("07 01 0102030405060708090a0b0c0d0e0f1011121314")), Error::BadRecord);
}

TEST(TransferRecord, Have)
{
    std::vector<ChunkRange> most;
    for (std::uint32_t i = 0; i < kMaxWantRanges; ++i) {
        most.push_back({i, 0xffffffff - i, i + 1});
    }
    EXPECT_EQ(roundTrip(have(most)), have(most));
    EXPECT_EQ(roundTrip(have({{3, 4, 5}})), have({{3, 4, 5}}));
    // The last chunk index there can be.
    EXPECT_EQ(roundTrip(have({{0, 0xffffffff, 1}})), have({{0, 0xffffffff, 1}}));
    EXPECT_EQ(roundTrip(have({{0, 0, 0xffffffff}})), have({{0, 0, 0xffffffff}}));
    EXPECT_EQ(roundTrip(have({{0, 1, 0xffffffff}})), have({{0, 1, 0xffffffff}}));
    // The same ranges as a Want are a different record.
    EXPECT_NE(encodeTransferRecord(have({{3, 4, 5}})), encodeTransferRecord(want({{3, 4, 5}})));
    EXPECT_EQ(roundTrip(have({{3, 4, 5}})).type, Type::Have);

    most.push_back({0, 0, 1});
    EXPECT_EQ(decodeError(encodeTransferRecord(have(most))), Error::BadCount);
    EXPECT_EQ(decodeError(hex("08 0000")), Error::BadCount);
    EXPECT_EQ(decodeError(hex("08 0401")), Error::BadCount);
    EXPECT_EQ(decodeError(hex("08 ffff")), Error::BadCount);

    EXPECT_EQ(decodeError(hex("08")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("08 00")), Error::BadRecord);
    // The length is exactly what the count says.
    const Bytes one = hex("08 0001 00000001 00000002 00000003");
    EXPECT_TRUE(decodeTransferRecord(one).ok());
    EXPECT_EQ(decodeError(ByteView(one).first(one.size() - 1)), Error::BadRecord);
    EXPECT_EQ(decodeError(concat({one, hex("00")})), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("08 0002 00000001 00000002 00000003")), Error::BadRecord);
    // A range holds a chunk at least, and ends within the u32 chunk indices.
    EXPECT_EQ(decodeError(hex("08 0001 00000001 00000002 00000000")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("08 0001 00000001 ffffffff 00000002")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("08 0001 00000001 00000002 ffffffff")), Error::BadRecord);
    EXPECT_EQ(decodeError(hex("08 0002 00000001 00000000 00000001 00000001 00000002 00000000")),
              Error::BadRecord);
}

TEST(TransferRecord, OnlyTheFieldsOfItsTypeAreWritten)
{
    TransferRecord noisy;
    noisy.wantManifest = true;
    noisy.wantSwarm = true;
    noisy.offset = 1;
    noisy.ranges = {{1, 2, 3}};
    noisy.entry = 4;
    noisy.chunk = 5;
    noisy.data = Bytes{6};
    noisy.reason = DropReason::Damaged;
    noisy.swarm = {member(0x01, 0xa0)};
    noisy.type = Type::Done;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("05"));
    noisy.type = Type::Hello;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("01 03"));
    noisy.wantSwarm = false;
    noisy.type = Type::Stop;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("06 05"));
    noisy.type = Type::Hello;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("01 01"));
    noisy.type = Type::Want;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("03 0001 00000001 00000002 00000003"));
    noisy.type = Type::Have;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("08 0001 00000001 00000002 00000003"));
    noisy.type = Type::Swarm;
    EXPECT_EQ(encodeTransferRecord(noisy),
              hex("07 01 0102030405060708090a0b0c0d0e0f1011121314 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    noisy.type = Type::Chunk;
    EXPECT_EQ(encodeTransferRecord(noisy), hex("04 00000004 00000005 06"));
}

} // namespace
} // namespace confab::proto
