#include "proto/dns_message.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

DnsError decodeError(const Bytes& bytes)
{
    const auto result = decodeDnsMessage(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? DnsError::TrailingBytes : result.error();
}

// A response header with one answer and no questions.
const char* const kOneAnswerHeader = "0000 8400 0000 0001 0000 0000";

TEST(DnsMessage, EncodesAQueryAsGoldenBytes)
{
    DnsMessage query;
    query.questions.push_back({{"_confab", "_tcp", "local"}, dns::kTypePtr, dns::kClassIn, true});
    EXPECT_EQ(encodeDnsMessage(query), hex("0000 0000 0001 0000 0000 0000"
                                           "07 5f636f6e666162 04 5f746370 05 6c6f63616c 00"
                                           "000c 8001"));
}

TEST(DnsMessage, RoundTripsTheRecordsDiscoveryUses)
{
    DnsMessage message;
    message.flags = dns::kFlagResponse | dns::kFlagAuthoritative;
    DnsRecord ptr;
    ptr.name = {"_confab", "_tcp", "local"};
    ptr.type = dns::kTypePtr;
    ptr.ttl = 4500;
    ptr.target = {"Alice. Laptop", "_confab", "_tcp", "local"};
    DnsRecord srv;
    srv.name = ptr.target;
    srv.type = dns::kTypeSrv;
    srv.cacheFlush = true;
    srv.ttl = 120;
    srv.port = 42042;
    srv.target = {"host", "local"};
    DnsRecord txt = srv;
    txt.type = dns::kTypeTxt;
    txt.target.clear();
    txt.port = 0;
    txt.txt = {"v=1", "name=Alice"};
    DnsRecord a;
    a.name = {"host", "local"};
    a.type = dns::kTypeA;
    a.address = {10, 77, 0, 1};
    message.answers = {ptr};
    message.additionals = {srv, txt, a};

    const auto decoded = decodeDnsMessage(encodeDnsMessage(message));
    ASSERT_TRUE(decoded.ok());
    const DnsMessage& back = decoded.value();
    EXPECT_TRUE(back.isResponse());
    ASSERT_EQ(back.answers.size(), 1u);
    ASSERT_EQ(back.additionals.size(), 3u);
    EXPECT_EQ(back.answers[0].target, ptr.target);
    EXPECT_EQ(back.additionals[0].port, 42042);
    EXPECT_TRUE(back.additionals[0].cacheFlush);
    EXPECT_EQ(back.additionals[0].ttl, 120u);
    EXPECT_EQ(back.additionals[1].txt, txt.txt);
    EXPECT_EQ(back.additionals[2].address, a.address);
}

TEST(DnsMessage, FollowsBackwardCompressionPointers)
{
    // Question "a.local" at offset 12; the answer's name points to it.
    const Bytes bytes = hex("0000 8400 0001 0001 0000 0000"
                            "01 61 05 6c6f63616c 00 0001 0001"
                            "c00c 0001 0001 00000078 0004 0a000001");
    const auto decoded = decodeDnsMessage(bytes);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().answers.at(0).name, (DnsName{"a", "local"}));
    EXPECT_EQ(decoded.value().answers.at(0).address, (Bytes{10, 0, 0, 1}));
}

TEST(DnsMessage, RejectsCompressionLoops)
{
    // A name that points at itself.
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "c00c 0001 0001 00000078 0004 0a000001")),
              DnsError::PointerLoop);
    // A pointer forwards, into the record data.
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "c010 0001 0001 00000078 0004 0a000001")),
              DnsError::PointerLoop);
    // Two pointers bouncing between each other.
    EXPECT_EQ(decodeError(hex("0000 8400 0001 0000 0000 0000 c00e c00c 0001 0001")), DnsError::PointerLoop);
}

TEST(DnsMessage, RejectsTruncatedInput)
{
    EXPECT_EQ(decodeError(hex("0000 8400 0000")), DnsError::Truncated);
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "01 61 00 0001 0001 00000078 0004 0a00")),
              DnsError::Truncated);
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "05 61")), DnsError::Truncated);
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "01 61 00 0001")), DnsError::Truncated);
}

TEST(DnsMessage, RejectsBadRecords)
{
    // TXT string longer than the record data.
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "01 61 00 0010 0001 00000078 0003 0a 6162")),
              DnsError::BadRecord);
    // An A record of 3 bytes.
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "01 61 00 0001 0001 00000078 0003 0a0000")),
              DnsError::BadRecord);
    // Obsolete label type 0x40.
    EXPECT_EQ(decodeError(hex(std::string(kOneAnswerHeader) + "41 61 00 0001 0001 00000078 0004 0a000001")),
              DnsError::BadName);
    // Trailing garbage.
    EXPECT_EQ(decodeError(hex("0000 0000 0000 0000 0000 0000 ff")), DnsError::TrailingBytes);
}

TEST(DnsMessage, EnforcesLimits)
{
    EXPECT_EQ(decodeError(Bytes(kMaxDnsMessageSize + 1, 0)), DnsError::TooLarge);
    EXPECT_EQ(decodeError(hex("0000 8400 0000 ffff 0000 0000")), DnsError::TooManyRecords);
    // A name of 5 x 63-byte labels is longer than 255 bytes.
    std::string name;
    for (int i = 0; i < 5; ++i) {
        name += "3f" + std::string(126, '6');
    }
    EXPECT_EQ(decodeError(hex("0000 0000 0001 0000 0000 0000" + name + "00 0001 0001")), DnsError::BadName);
    // Too many TXT strings.
    std::string strings;
    for (std::size_t i = 0; i <= kMaxTxtStrings; ++i) {
        strings += "01 61";
    }
    char length[8];
    std::snprintf(length, sizeof length, "%04zx", (kMaxTxtStrings + 1) * 2);
    EXPECT_EQ(
        decodeError(hex(std::string(kOneAnswerHeader) + "01 61 00 0010 0001 00000078" + length + strings)),
        DnsError::TooManyRecords);
}

TEST(DnsMessage, EncoderCutsOverlongLabelsAndStrings)
{
    DnsMessage message;
    DnsRecord txt;
    txt.name = {std::string(100, 'x'), "local"};
    txt.type = dns::kTypeTxt;
    txt.txt = {std::string(300, 'y')};
    message.answers = {txt};
    const auto decoded = decodeDnsMessage(encodeDnsMessage(message));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().answers.at(0).name.at(0).size(), kMaxDnsLabelBytes);
    EXPECT_EQ(decoded.value().answers.at(0).txt.at(0).size(), kMaxTxtStringBytes);
}

TEST(DnsMessage, NamesCompareCaseInsensitivelyAndKeepDots)
{
    EXPECT_TRUE(dnsNameEquals({"_Confab", "_TCP", "Local"}, {"_confab", "_tcp", "local"}));
    EXPECT_FALSE(dnsNameEquals({"a"}, {"a", "local"}));
    EXPECT_TRUE(dnsNameEndsWith({"x", "_confab", "_tcp", "local"}, {"_confab", "_tcp", "local"}));
    const DnsName dotted{"Alice. Laptop\\", "local"};
    EXPECT_EQ(dnsNameToText(dotted), "Alice\\. Laptop\\\\.local");
    EXPECT_EQ(dnsNameFromText(dnsNameToText(dotted)), dotted);
    EXPECT_EQ(dnsNameFromText("a.local."), (DnsName{"a", "local"}));
}

} // namespace
} // namespace confab::proto
