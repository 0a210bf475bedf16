#include "proto/limits.h"
#include "proto/reachability.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace confab::proto {
namespace {

using Error = ReachabilityError;
using test::concat;
using test::hex;

ReachabilityStatement sampleStatement()
{
    ReachabilityStatement statement;
    statement.peer = *PeerId::fromBytes(test::sequence(0xa0, 20));
    for (std::size_t i = 0; i < statement.identityKey.size(); ++i) {
        statement.identityKey[i] = static_cast<std::uint8_t>(0x20 + i);
    }
    statement.issuedMs = 1700000000000;
    statement.expiresMs = 1700001800000;
    statement.capabilities = 3;
    statement.displayName = "Al";
    for (std::size_t i = 0; i < statement.signature.size(); ++i) {
        statement.signature[i] = static_cast<std::uint8_t>(0x80 + i);
    }
    return statement;
}

// Every field of the sample but hops and the signature, as on the wire.
const Bytes kSampleFields = concat({test::sequence(0xa0, 20), test::sequence(0x20, 32),
                                    hex("0000018bcfe56800" // issued ms
                                        "0000018bd000df40" // expires ms (30 min later)
                                        "00000003"         // capabilities
                                        "02 416c")});      // name "Al"

Bytes sampleEntryBytes(std::uint8_t hops)
{
    return concat({Bytes{hops}, kSampleFields, test::sequence(0x80, 64)});
}

Error decodeError(ByteView bytes)
{
    const auto result = decodeReachability(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? Error::TrailingBytes : result.error();
}

TEST(Reachability, EncodesTheLayout)
{
    const Bytes expected = concat({hex("01"), sampleEntryBytes(2)});
    EXPECT_EQ(expected.size(), 1 + 138 + 2U);
    EXPECT_EQ(encodeReachability({{2, sampleStatement()}}), expected);
    const auto decoded = decodeReachability(expected);
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    ASSERT_EQ(decoded.value().size(), 1U);
    EXPECT_EQ(decoded.value()[0], (ReachabilityEntry{2, sampleStatement()}));
}

TEST(Reachability, SignedBytesAreTheLabelAndEveryFieldButTheSignature)
{
    EXPECT_EQ(reachabilitySignedBytes(sampleStatement()),
              concat({test::toBytes("confab reachability v1"), kSampleFields}));
    // The signature itself is not signed.
    ReachabilityStatement other = sampleStatement();
    other.signature.fill(0);
    EXPECT_EQ(reachabilitySignedBytes(other), reachabilitySignedBytes(sampleStatement()));
}

TEST(Reachability, RoundTripsHopsAndWithdrawals)
{
    std::vector<ReachabilityEntry> entries;
    for (std::uint8_t hops = 0; hops < 7; ++hops) {
        ReachabilityStatement statement = sampleStatement();
        statement.peer = *PeerId::fromBytes(test::sequence(hops, 20));
        statement.displayName = std::string(hops * std::size_t{10}, 'n');
        statement.capabilities = 0xffffffffU - hops;
        entries.push_back({hops, statement});
    }
    ReachabilityStatement emptyName = sampleStatement();
    emptyName.displayName.clear();
    entries.push_back({ReachabilityEntry::kWithdrawn, emptyName});
    ReachabilityStatement longest = sampleStatement();
    longest.displayName = std::string(kMaxDisplayNameBytes, 'x');
    entries.push_back({0, longest});
    ReachabilityStatement utf8 = sampleStatement();
    utf8.displayName = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    entries.push_back({1, utf8});

    const auto decoded = decodeReachability(encodeReachability(entries));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value(), entries);
}

TEST(Reachability, EncoderKeepsTheFirst32)
{
    std::vector<ReachabilityEntry> entries(kMaxReachabilityEntries + 3, {1, sampleStatement()});
    entries.back().hops = 5;
    const auto decoded = decodeReachability(encodeReachability(entries));
    ASSERT_TRUE(decoded.ok());
    ASSERT_EQ(decoded.value().size(), kMaxReachabilityEntries);
    EXPECT_EQ(decoded.value().back().hops, 1);
}

TEST(Reachability, LongNameIsCutTheSameWayForSigningAndSending)
{
    ReachabilityStatement statement = sampleStatement();
    // 63 ASCII bytes, then a 3-byte character across the 64-byte limit.
    statement.displayName = std::string(63, 'a') + "\xe2\x82\xac" + "tail";
    const auto decoded = decodeReachability(encodeReachability({{0, statement}}));
    ASSERT_TRUE(decoded.ok()) << toString(decoded.error());
    EXPECT_EQ(decoded.value()[0].statement.displayName, std::string(63, 'a'));
    // What the receiver checks the signature over is what the subject signed.
    EXPECT_EQ(reachabilitySignedBytes(decoded.value()[0].statement), reachabilitySignedBytes(statement));
}

TEST(Reachability, EveryCutIsTruncated)
{
    ReachabilityStatement second = sampleStatement();
    second.displayName = "second";
    const Bytes full = encodeReachability({{0, sampleStatement()}, {3, second}});
    for (std::size_t size = 0; size < full.size(); ++size) {
        EXPECT_EQ(decodeError(ByteView(full.data(), size)), Error::Truncated) << "cut at " << size;
    }
}

TEST(Reachability, BadCount)
{
    EXPECT_EQ(decodeError(hex("00")), Error::BadCount);
    EXPECT_EQ(decodeError(concat({hex("21"), sampleEntryBytes(1)})), Error::BadCount);
    EXPECT_EQ(decodeError(hex("ff")), Error::BadCount);
}

TEST(Reachability, HopsOfSevenTo254)
{
    for (const std::uint8_t hops : std::initializer_list<std::uint8_t>{7, 8, 100, 254}) {
        EXPECT_EQ(decodeError(concat({hex("01"), sampleEntryBytes(hops)})), Error::BadHops) << int{hops};
    }
    for (const std::uint8_t hops : std::initializer_list<std::uint8_t>{0, 6, 255}) {
        EXPECT_TRUE(decodeReachability(concat({hex("01"), sampleEntryBytes(hops)})).ok()) << int{hops};
    }
    // In a later entry too.
    EXPECT_EQ(decodeError(concat({hex("02"), sampleEntryBytes(0), sampleEntryBytes(7)})), Error::BadHops);
}

TEST(Reachability, NameLongerThan64Bytes)
{
    const Bytes entry = sampleEntryBytes(1);
    const Bytes head(entry.begin(), entry.begin() + 1 + 72); // hops to capabilities
    for (const std::uint8_t length : std::initializer_list<std::uint8_t>{65, 200, 255}) {
        EXPECT_EQ(decodeError(concat({hex("01"), head, Bytes{length}, Bytes(length, 'a'), Bytes(64, 0)})),
                  Error::NameTooLong)
            << int{length};
        // Refused before its bytes are looked for.
        EXPECT_EQ(decodeError(concat({hex("01"), head, Bytes{length}})), Error::NameTooLong);
    }
    EXPECT_TRUE(decodeReachability(concat({hex("01"), head, Bytes{64}, Bytes(64, 'a'), Bytes(64, 0)})).ok());
}

TEST(Reachability, NameThatIsNotUtf8)
{
    const Bytes entry = sampleEntryBytes(1);
    const Bytes head(entry.begin(), entry.begin() + 1 + 72); // hops to capabilities
    for (const Bytes& name : {hex("c0af"), hex("ff"), hex("eda080"), hex("e282"), hex("f4908080")}) {
        EXPECT_EQ(decodeError(concat(
                      {hex("01"), head, Bytes{static_cast<std::uint8_t>(name.size())}, name, Bytes(64, 0)})),
                  Error::BadUtf8);
    }
}

TEST(Reachability, TrailingBytes)
{
    EXPECT_EQ(decodeError(concat({hex("01"), sampleEntryBytes(0), hex("00")})), Error::TrailingBytes);
    // A count smaller than the entries that follow leaves bytes over.
    EXPECT_EQ(decodeError(concat({hex("01"), sampleEntryBytes(0), sampleEntryBytes(1)})),
              Error::TrailingBytes);
}

TEST(Reachability, ErrorStringsAreDistinct)
{
    std::set<std::string> seen;
    for (const auto error : {Error::Truncated, Error::BadCount, Error::BadHops, Error::NameTooLong,
                             Error::BadUtf8, Error::TrailingBytes}) {
        const char* text = toString(error);
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
}

} // namespace
} // namespace confab::proto
