#include "dns_message.h"

#include "byte_io.h"

#include <algorithm>

namespace confab::proto {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::uint8_t kPointerMask = 0xc0;

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool labelEquals(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lowerAscii(x) == lowerAscii(y); });
}

// Reads names from the whole message, since compression pointers refer to it.
class NameReader {
public:
    explicit NameReader(ByteView message) : m_message(message) {}

    // Reads the name at `pos`; on success `pos` moves past it (past the first
    // pointer if it was compressed).
    Result<DnsName, DnsError> read(std::size_t& pos) const
    {
        DnsName name;
        std::size_t wireLength = 1; // the final zero byte
        std::size_t cursor = pos;
        std::size_t resumeAt = 0;
        bool jumped = false;
        int hops = 0;
        // Pointers must go strictly backwards: with a bounded hop count this
        // makes loops impossible to exploit.
        std::size_t limit = cursor;
        while (true) {
            if (cursor >= m_message.size()) {
                return DnsError::Truncated;
            }
            const std::uint8_t length = m_message[cursor];
            if ((length & kPointerMask) == kPointerMask) {
                if (cursor + 1 >= m_message.size()) {
                    return DnsError::Truncated;
                }
                const std::size_t target = (static_cast<std::size_t>(length & 0x3f) << 8) |
                                           static_cast<std::size_t>(m_message[cursor + 1]);
                if (++hops > kMaxDnsPointerHops || target >= limit) {
                    return DnsError::PointerLoop;
                }
                if (!jumped) {
                    resumeAt = cursor + 2;
                    jumped = true;
                }
                limit = target;
                cursor = target;
                continue;
            }
            if ((length & kPointerMask) != 0) {
                return DnsError::BadName; // 0x40 and 0x80 label types are obsolete or unused
            }
            if (length == 0) {
                pos = jumped ? resumeAt : cursor + 1;
                return name;
            }
            if (cursor + 1 + length > m_message.size()) {
                return DnsError::Truncated;
            }
            wireLength += 1u + length;
            if (wireLength > kMaxDnsNameBytes) {
                return DnsError::BadName;
            }
            name.emplace_back(reinterpret_cast<const char*>(m_message.data() + cursor + 1), length);
            cursor += 1u + length;
        }
    }

private:
    ByteView m_message;
};

struct Cursor {
    ByteView message;
    std::size_t pos = 0;

    std::optional<std::uint16_t> u16()
    {
        if (pos + 2 > message.size()) {
            return std::nullopt;
        }
        const auto value = static_cast<std::uint16_t>((message[pos] << 8) | message[pos + 1]);
        pos += 2;
        return value;
    }
    std::optional<std::uint32_t> u32()
    {
        const auto high = u16();
        const auto low = u16();
        if (!high || !low) {
            return std::nullopt;
        }
        return (static_cast<std::uint32_t>(*high) << 16) | *low;
    }
};

Result<DnsName, DnsError> readName(const NameReader& names, Cursor& cursor)
{
    return names.read(cursor.pos);
}

DnsError decodeRecordData(const NameReader& names, ByteView message, std::size_t start, std::size_t length,
                          DnsRecord& record, bool& ok)
{
    ok = false;
    const ByteView data = message.subspan(start, length);
    switch (record.type) {
    case dns::kTypePtr: {
        std::size_t pos = start;
        auto target = names.read(pos);
        if (!target) {
            return target.error();
        }
        if (pos != start + length) {
            return DnsError::BadRecord;
        }
        record.target = std::move(target).value();
        break;
    }
    case dns::kTypeSrv: {
        if (length < 7) {
            return DnsError::BadRecord;
        }
        Cursor cursor{message, start};
        record.priority = *cursor.u16();
        record.weight = *cursor.u16();
        record.port = *cursor.u16();
        auto target = names.read(cursor.pos);
        if (!target) {
            return target.error();
        }
        if (cursor.pos != start + length) {
            return DnsError::BadRecord;
        }
        record.target = std::move(target).value();
        break;
    }
    case dns::kTypeTxt: {
        std::size_t pos = 0;
        while (pos < data.size()) {
            const std::size_t size = data[pos];
            if (pos + 1 + size > data.size()) {
                return DnsError::BadRecord;
            }
            if (record.txt.size() >= kMaxTxtStrings) {
                return DnsError::TooManyRecords;
            }
            // An empty string is how an empty TXT record is written (RFC 6763 §6.1).
            if (size > 0) {
                record.txt.emplace_back(reinterpret_cast<const char*>(data.data() + pos + 1), size);
            }
            pos += 1 + size;
        }
        break;
    }
    case dns::kTypeA:
    case dns::kTypeAaaa:
        if (length != (record.type == dns::kTypeA ? 4u : 16u)) {
            return DnsError::BadRecord;
        }
        record.address.assign(data.begin(), data.end());
        break;
    default:
        record.rdata.assign(data.begin(), data.end());
        break;
    }
    ok = true;
    return DnsError::BadRecord;
}

Result<std::vector<DnsRecord>, DnsError> readRecords(const NameReader& names, Cursor& cursor,
                                                     std::uint16_t count)
{
    std::vector<DnsRecord> records;
    if (count > kMaxDnsRecordsPerSection) {
        return DnsError::TooManyRecords;
    }
    records.reserve(count);
    for (std::uint16_t i = 0; i < count; ++i) {
        DnsRecord record;
        auto name = readName(names, cursor);
        if (!name) {
            return name.error();
        }
        record.name = std::move(name).value();
        const auto type = cursor.u16();
        const auto klass = cursor.u16();
        const auto ttl = cursor.u32();
        const auto length = cursor.u16();
        if (!type || !klass || !ttl || !length) {
            return DnsError::Truncated;
        }
        if (cursor.pos + *length > cursor.message.size()) {
            return DnsError::Truncated;
        }
        record.type = *type;
        record.klass = static_cast<std::uint16_t>(*klass & ~dns::kClassTopBit);
        record.cacheFlush = (*klass & dns::kClassTopBit) != 0;
        record.ttl = *ttl;
        bool ok = false;
        const DnsError error = decodeRecordData(names, cursor.message, cursor.pos, *length, record, ok);
        if (!ok) {
            return error;
        }
        cursor.pos += *length;
        records.push_back(std::move(record));
    }
    return records;
}

void writeName(ByteWriter& writer, const DnsName& name)
{
    std::size_t written = 1;
    for (const std::string& label : name) {
        const std::size_t size = std::min(label.size(), kMaxDnsLabelBytes);
        if (size == 0 || written + 1 + size > kMaxDnsNameBytes) {
            break; // an empty label would end the name early; an overlong name is cut
        }
        writer.u8(static_cast<std::uint8_t>(size));
        writer.raw(asBytes(std::string_view(label).substr(0, size)));
        written += 1 + size;
    }
    writer.u8(0);
}

Bytes encodeRecordData(const DnsRecord& record)
{
    Bytes data;
    ByteWriter writer(data);
    switch (record.type) {
    case dns::kTypePtr:
        writeName(writer, record.target);
        break;
    case dns::kTypeSrv:
        writer.u16(record.priority);
        writer.u16(record.weight);
        writer.u16(record.port);
        writeName(writer, record.target);
        break;
    case dns::kTypeTxt:
        for (std::size_t i = 0; i < record.txt.size() && i < kMaxTxtStrings; ++i) {
            const std::size_t size = std::min(record.txt[i].size(), kMaxTxtStringBytes);
            writer.u8(static_cast<std::uint8_t>(size));
            writer.raw(asBytes(std::string_view(record.txt[i]).substr(0, size)));
        }
        if (record.txt.empty()) {
            writer.u8(0);
        }
        break;
    case dns::kTypeA:
    case dns::kTypeAaaa:
        writer.raw(record.address);
        break;
    default:
        writer.raw(record.rdata);
        break;
    }
    return data;
}

void writeRecord(ByteWriter& writer, const DnsRecord& record)
{
    writeName(writer, record.name);
    writer.u16(record.type);
    writer.u16(static_cast<std::uint16_t>(record.klass | (record.cacheFlush ? dns::kClassTopBit : 0)));
    writer.u32(record.ttl);
    const Bytes data = encodeRecordData(record);
    writer.u16(static_cast<std::uint16_t>(std::min<std::size_t>(data.size(), 0xffff)));
    writer.raw(data);
}

std::uint16_t countOf(std::size_t size)
{
    return static_cast<std::uint16_t>(std::min<std::size_t>(size, kMaxDnsRecordsPerSection));
}

} // namespace

Result<DnsMessage, DnsError> decodeDnsMessage(ByteView bytes)
{
    if (bytes.size() > kMaxDnsMessageSize) {
        return DnsError::TooLarge;
    }
    if (bytes.size() < kHeaderSize) {
        return DnsError::Truncated;
    }
    Cursor cursor{bytes, 0};
    DnsMessage message;
    message.id = *cursor.u16();
    message.flags = *cursor.u16();
    const std::uint16_t questionCount = *cursor.u16();
    const std::uint16_t answerCount = *cursor.u16();
    const std::uint16_t authorityCount = *cursor.u16();
    const std::uint16_t additionalCount = *cursor.u16();
    if (questionCount > kMaxDnsRecordsPerSection) {
        return DnsError::TooManyRecords;
    }
    const NameReader names(bytes);
    for (std::uint16_t i = 0; i < questionCount; ++i) {
        auto name = readName(names, cursor);
        if (!name) {
            return name.error();
        }
        const auto type = cursor.u16();
        const auto klass = cursor.u16();
        if (!type || !klass) {
            return DnsError::Truncated;
        }
        message.questions.push_back(DnsQuestion{std::move(name).value(), *type,
                                                static_cast<std::uint16_t>(*klass & ~dns::kClassTopBit),
                                                (*klass & dns::kClassTopBit) != 0});
    }
    for (auto [count, section] :
         {std::pair{answerCount, &message.answers}, std::pair{authorityCount, &message.authorities},
          std::pair{additionalCount, &message.additionals}}) {
        auto records = readRecords(names, cursor, count);
        if (!records) {
            return records.error();
        }
        *section = std::move(records).value();
    }
    if (cursor.pos != bytes.size()) {
        return DnsError::TrailingBytes;
    }
    return message;
}

Bytes encodeDnsMessage(const DnsMessage& message)
{
    Bytes out;
    ByteWriter writer(out);
    writer.u16(message.id);
    writer.u16(message.flags);
    writer.u16(countOf(message.questions.size()));
    writer.u16(countOf(message.answers.size()));
    writer.u16(countOf(message.authorities.size()));
    writer.u16(countOf(message.additionals.size()));
    for (std::size_t i = 0; i < countOf(message.questions.size()); ++i) {
        const DnsQuestion& question = message.questions[i];
        writeName(writer, question.name);
        writer.u16(question.type);
        writer.u16(
            static_cast<std::uint16_t>(question.klass | (question.unicastResponse ? dns::kClassTopBit : 0)));
    }
    for (const auto* section : {&message.answers, &message.authorities, &message.additionals}) {
        for (std::size_t i = 0; i < countOf(section->size()); ++i) {
            writeRecord(writer, (*section)[i]);
        }
    }
    return out;
}

bool dnsNameEquals(const DnsName& a, const DnsName& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), labelEquals);
}

bool dnsNameEndsWith(const DnsName& name, const DnsName& suffix)
{
    return name.size() >= suffix.size() &&
           std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      labelEquals);
}

std::string dnsNameToText(const DnsName& name)
{
    std::string text;
    for (const std::string& label : name) {
        if (!text.empty()) {
            text += '.';
        }
        for (const char c : label) {
            if (c == '.' || c == '\\') {
                text += '\\';
            }
            text += c;
        }
    }
    return text;
}

DnsName dnsNameFromText(std::string_view text)
{
    DnsName name;
    std::string label;
    bool escaped = false;
    for (const char c : text) {
        if (escaped) {
            label += c;
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '.') {
            if (!label.empty()) {
                name.push_back(std::move(label));
            }
            label.clear();
        } else {
            label += c;
        }
    }
    if (!label.empty()) {
        name.push_back(std::move(label));
    }
    return name;
}

bool dnsRecordDataEquals(const DnsRecord& a, const DnsRecord& b)
{
    return a.type == b.type && a.klass == b.klass && encodeRecordData(a) == encodeRecordData(b);
}

} // namespace confab::proto
