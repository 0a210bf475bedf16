#pragma once

#include "base/bytes.h"
#include "base/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// DNS messages as mDNS (RFC 6762) and DNS-SD (RFC 6763) use them. Pure codec:
// every length is checked, compression pointers may only point backwards and
// are followed a bounded number of times, and every list has a hard cap, so a
// hostile packet costs a bounded amount of work and memory.
namespace confab::proto {

inline constexpr std::size_t kMaxDnsMessageSize = 9000; // RFC 6762 §17
inline constexpr std::size_t kMaxDnsRecordsPerSection = 64;
inline constexpr std::size_t kMaxDnsNameBytes = 255;
inline constexpr std::size_t kMaxDnsLabelBytes = 63;
inline constexpr int kMaxDnsPointerHops = 16;
inline constexpr std::size_t kMaxTxtStrings = 64;
inline constexpr std::size_t kMaxTxtStringBytes = 255;

namespace dns {
inline constexpr std::uint16_t kTypeA = 1;
inline constexpr std::uint16_t kTypePtr = 12;
inline constexpr std::uint16_t kTypeTxt = 16;
inline constexpr std::uint16_t kTypeAaaa = 28;
inline constexpr std::uint16_t kTypeSrv = 33;
inline constexpr std::uint16_t kTypeNsec = 47;
inline constexpr std::uint16_t kTypeAny = 255;
inline constexpr std::uint16_t kClassIn = 1;
// The top bit of the class: "unicast response" in a question, "cache flush"
// in a record (RFC 6762 §5.4, §10.2).
inline constexpr std::uint16_t kClassTopBit = 0x8000;
inline constexpr std::uint16_t kFlagResponse = 0x8000;
inline constexpr std::uint16_t kFlagAuthoritative = 0x0400;
inline constexpr std::uint16_t kFlagTruncated = 0x0200;
} // namespace dns

// Labels as they are on the wire: a label may contain dots (DNS-SD instance
// names often do), so names are never kept as dotted text internally.
using DnsName = std::vector<std::string>;

struct DnsQuestion {
    DnsName name;
    std::uint16_t type = dns::kTypeAny;
    std::uint16_t klass = dns::kClassIn; // without the top bit
    bool unicastResponse = false;
};

struct DnsRecord {
    DnsName name;
    std::uint16_t type = dns::kTypeA;
    std::uint16_t klass = dns::kClassIn; // without the top bit
    bool cacheFlush = false;
    std::uint32_t ttl = 0;
    // Decoded data for the types mDNS discovery needs; `rdata` for the rest.
    DnsName target;               // PTR, SRV
    std::uint16_t priority = 0;   // SRV
    std::uint16_t weight = 0;     // SRV
    std::uint16_t port = 0;       // SRV
    std::vector<std::string> txt; // TXT character-strings
    Bytes address;                // A (4 bytes), AAAA (16 bytes)
    Bytes rdata;                  // any other type, uninterpreted
};

struct DnsMessage {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    std::vector<DnsQuestion> questions;
    std::vector<DnsRecord> answers;
    std::vector<DnsRecord> authorities;
    std::vector<DnsRecord> additionals;

    [[nodiscard]] bool isResponse() const { return (flags & dns::kFlagResponse) != 0; }
};

enum class DnsError { TooLarge, Truncated, BadName, PointerLoop, TooManyRecords, BadRecord, TrailingBytes };

Result<DnsMessage, DnsError> decodeDnsMessage(ByteView bytes);
// Writes names uncompressed. Labels longer than 63 bytes and TXT strings
// longer than 255 bytes are cut, so the output is always well-formed.
Bytes encodeDnsMessage(const DnsMessage& message);

// ASCII case-insensitive, as DNS compares names.
bool dnsNameEquals(const DnsName& a, const DnsName& b);
// True when `name` ends with `suffix` (both as labels).
bool dnsNameEndsWith(const DnsName& name, const DnsName& suffix);
// Dotted text with '.' and '\' inside labels escaped by '\'.
std::string dnsNameToText(const DnsName& name);
// The inverse of dnsNameToText; a trailing dot is ignored.
DnsName dnsNameFromText(std::string_view text);
// Same type, class and data (the TTL and the cache-flush bit do not count).
bool dnsRecordDataEquals(const DnsRecord& a, const DnsRecord& b);

} // namespace confab::proto
