// Decodes arbitrary bytes as an mDNS message, as the embedded responder does
// with every packet on UDP 5353. Whatever decodes must re-encode (without
// compression) to a message that decodes to the same content.
#include "proto/dns_message.h"

#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

bool sameRecords(const std::vector<DnsRecord>& a, const std::vector<DnsRecord>& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!dnsNameEquals(a[i].name, b[i].name) || !dnsRecordDataEquals(a[i], b[i]) ||
            a[i].ttl != b[i].ttl || a[i].cacheFlush != b[i].cacheFlush) {
            return false;
        }
    }
    return true;
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto decoded = decodeDnsMessage(ByteView(data, size));
    if (!decoded) {
        return 0;
    }
    const DnsMessage& message = decoded.value();
    for (const auto* section : {&message.answers, &message.authorities, &message.additionals}) {
        for (const DnsRecord& record : *section) {
            (void)dnsNameToText(record.name);
            (void)dnsNameFromText(dnsNameToText(record.target));
        }
    }
    const Bytes encoded = encodeDnsMessage(message);
    if (encoded.size() > kMaxDnsMessageSize) {
        return 0; // compression made the original fit; the plain form may not
    }
    const auto again = decodeDnsMessage(encoded);
    if (!again || again.value().questions.size() != message.questions.size() ||
        !sameRecords(again.value().answers, message.answers) ||
        !sameRecords(again.value().authorities, message.authorities) ||
        !sameRecords(again.value().additionals, message.additionals)) {
        std::abort();
    }
    return 0;
}
